"""Where the index lives, and how a new one replaces the old one atomically.

Local (default): `index_dir/gen-…/` folders, each an embedded Qdrant; the file
`index_dir/CURRENT` names the one in service and is replaced with os.replace, so a reader
sees the old index or the new one, never a half-written one. A crash mid-ingest leaves a
stray folder that the next ingest removes.
Server (`QDRANT_URL`): collections `<name>__<generation>` behind the alias `<name>`,
switched in one alias request.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path

from core.config import Settings
from core.errors import CasebookError, IndexBusyError, IndexCorruptError
from index.store import QdrantStore, connect_local

_POINTER = "CURRENT"
_LOCK = ".ingest.lock"


def new_generation_name() -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    return f"gen-{stamp}-{uuid.uuid4().hex[:6]}"


@contextlib.contextmanager
def writer_lock(settings: Settings):
    """One ingest at a time; a second gets IndexBusyError at once."""
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    handle = open(settings.index_dir / _LOCK, "w")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexBusyError(str(settings.index_dir), "another `casebook ingest`") from None
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.close()


class LocalLocation:
    def __init__(self, settings: Settings):
        self.root = settings.index_dir
        self.collection = settings.collection

    def describe(self) -> str:
        return str(self.root.resolve())

    def current_name(self) -> str | None:
        pointer = self.root / _POINTER
        if not pointer.is_file():
            return None
        name = pointer.read_text(encoding="utf-8").strip()
        if not name or not (self.root / name / "qdrant").is_dir():
            raise IndexCorruptError(str(self.root), f"{_POINTER} names a missing folder {name!r}")
        return name

    def open_current(self) -> QdrantStore | None:
        name = self.current_name()
        return None if name is None else self.open_named(name)

    def open_named(self, name: str) -> QdrantStore:
        """The generation's store; when another process (the running app) holds it, a private
        copy of it. Embedded Qdrant admits one process per folder, and a published generation
        is never written again, so a copy is the same index: the CLI works beside the app
        without a server and without waiting for it."""
        folder = self.root / name / "qdrant"
        try:
            return QdrantStore(connect_local(folder), self.collection)
        except IndexBusyError:
            if name != self.current_name():
                raise  # a generation being written: no copy of a half-written index
            snapshot = Path(tempfile.mkdtemp(prefix="casebook-read-"))
            shutil.copytree(folder, snapshot / "qdrant", ignore=shutil.ignore_patterns(".lock"))
            try:
                return QdrantStore(connect_local(snapshot / "qdrant"), self.collection, snapshot=snapshot)
            except BaseException:
                shutil.rmtree(snapshot, ignore_errors=True)
                raise

    def current_folder(self) -> Path | None:
        """The folder of the index in service (for files kept beside the vectors)."""
        name = self.current_name()
        return None if name is None else self.root / name

    def create_generation(self) -> tuple[str, QdrantStore]:
        name = new_generation_name()
        folder = self.root / name
        folder.mkdir(parents=True)
        return name, QdrantStore(connect_local(folder / "qdrant"), self.collection)

    def generation_folder(self, name: str) -> Path:
        return self.root / name

    def publish(self, name: str) -> None:
        temporary = self.root / f"{_POINTER}.{os.getpid()}.tmp"
        temporary.write_text(name, encoding="utf-8")
        with open(temporary, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, self.root / _POINTER)
        directory = os.open(self.root, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)

    def discard(self, name: str) -> None:
        shutil.rmtree(self.root / name, ignore_errors=True)

    def remove_stale(self) -> None:
        """Delete every generation but the one in service (old ones and crash leftovers)."""
        keep = self.current_name()
        for folder in self.root.glob("gen-*"):
            if folder.name != keep:
                shutil.rmtree(folder, ignore_errors=True)
        for temporary in self.root.glob(f"{_POINTER}.*.tmp"):
            temporary.unlink(missing_ok=True)


class ServerLocation:
    def __init__(self, settings: Settings):
        from qdrant_client import QdrantClient

        self.alias = settings.collection
        self.url = settings.qdrant_url
        self.client = QdrantClient(url=settings.qdrant_url, api_key=settings.qdrant_api_key, timeout=30)
        self.root = settings.index_dir  # local folder for the embedding cache and facts
        layout = {"shard_number": settings.shards, "replication_factor": settings.replicas}
        self.layout = {key: value for key, value in layout.items() if value is not None}

    def describe(self) -> str:
        return f"{self.url} (alias {self.alias})"

    def current_name(self) -> str | None:
        try:
            aliases = self.client.get_aliases().aliases
        except Exception as error:
            raise CasebookError(f"cannot reach Qdrant at {self.url}: {error.__class__.__name__}") from None
        for alias in aliases:
            if alias.alias_name == self.alias:
                return alias.collection_name
        return None

    def open_current(self) -> QdrantStore | None:
        name = self.current_name()
        return None if name is None else self.open_named(name)

    def open_named(self, name: str) -> QdrantStore:
        return QdrantStore(self.client, name)

    def current_folder(self) -> Path | None:
        name = self.current_name()
        return None if name is None else self.root / name

    def create_generation(self) -> tuple[str, QdrantStore]:
        name = f"{self.alias}__{new_generation_name()}"
        (self.root / name).mkdir(parents=True, exist_ok=True)
        return name, QdrantStore(self.client, name, layout=self.layout)

    def generation_folder(self, name: str) -> Path:
        return self.root / name

    def publish(self, name: str) -> None:
        from qdrant_client import models

        operations: list[models.DeleteAliasOperation | models.CreateAliasOperation] = []
        if self.current_name() is not None:
            operations.append(models.DeleteAliasOperation(delete_alias=models.DeleteAlias(alias_name=self.alias)))
        operations.append(models.CreateAliasOperation(create_alias=models.CreateAlias(collection_name=name, alias_name=self.alias)))
        self.client.update_collection_aliases(change_aliases_operations=operations)

    def discard(self, name: str) -> None:
        with contextlib.suppress(Exception):
            self.client.delete_collection(name)
        shutil.rmtree(self.root / name, ignore_errors=True)

    def remove_stale(self) -> None:
        keep = self.current_name()
        for collection in self.client.get_collections().collections:
            if collection.name.startswith(f"{self.alias}__") and collection.name != keep:
                self.discard(collection.name)


def location_for(settings: Settings) -> LocalLocation | ServerLocation:
    return ServerLocation(settings) if settings.qdrant_url else LocalLocation(settings)
