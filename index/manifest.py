"""What an index was built from: sources and their hashes, embedder, pipeline version.

Kept in the Qdrant collection's metadata (so a server deployment carries it) and as
`manifest.json` beside a local index (for people).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from core.errors import IndexBusyError, IndexCorruptError


def _pipeline_version() -> str:
    """A hash of the code that turns a file into chunks and vectors: when it changes, the
    next ingest rebuilds instead of reporting the index up to date."""
    import hashlib

    import index.evidence
    import index.lexical
    import index.tokenize
    import ingest

    digest = hashlib.sha256()
    files = sorted(Path(ingest.__file__).parent.glob("*.py")) + [
        Path(index.lexical.__file__),
        Path(index.tokenize.__file__),
        Path(index.evidence.__file__),
    ]
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


PIPELINE_VERSION = _pipeline_version()


@dataclass(frozen=True)
class SourceRecord:
    doc_id: str
    path: str
    sha256: str
    chunks: int
    regions: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Manifest:
    embedder: str
    dim: int
    pipeline_version: str
    average_length: float
    chunk_count: int
    sources: list[SourceRecord]
    fact_count: int = 0  # fact cards beside the passages (0 in an index built before them)

    def to_metadata(self) -> dict:
        return {"casebook": asdict(self)}

    @classmethod
    def from_metadata(cls, metadata: dict, where: str) -> Manifest:
        try:
            raw = dict(metadata["casebook"])
            raw["sources"] = [SourceRecord(**source) for source in raw["sources"]]
            return cls(**raw)
        except (KeyError, TypeError) as error:
            raise IndexCorruptError(where, f"its manifest is missing or unreadable ({error})") from None

    def write(self, folder: Path) -> None:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / "manifest.json").write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8")

    @property
    def regions(self) -> list[str]:
        return [region for source in self.sources for region in source.regions]


def _read_beside(location) -> Manifest | None:
    try:
        raw = json.loads((location.current_folder() / "manifest.json").read_text(encoding="utf-8"))
        raw["sources"] = [SourceRecord(**source) for source in raw["sources"]]
        return Manifest(**raw)
    except (OSError, ValueError, TypeError, KeyError):
        return None


def read_manifest(location) -> Manifest | None:
    """The manifest of the index in service, or None when there is none yet."""
    try:
        store = location.open_current()
    except IndexCorruptError:
        return None  # a damaged index is replaced by the ingest, not read
    except IndexBusyError:
        # The app is serving this index (embedded Qdrant admits one process): read the
        # manifest written beside it instead, so an ingest can run while the app answers.
        return _read_beside(location)
    if store is None:
        return None
    try:
        manifest = Manifest.from_metadata(store.metadata(), location.describe())
        if store.count() != manifest.chunk_count:
            return None  # vectors lost: rebuild rather than trust the manifest
        return manifest
    except Exception:
        return None  # unreadable: the ingest builds a whole new index
    finally:
        if store.client is not getattr(location, "client", None):
            store.close()
