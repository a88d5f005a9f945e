"""The rule parameters (OpenFisca-style): each number with its clause, from a data file."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

_FILE = Path(__file__).with_name("parameters.toml")


@dataclass(frozen=True)
class Parameter:
    name: str
    value: object
    clause: str
    quote: str
    ask: str = ""  # the question it answers, in an officer's words


def load_parameters(path: Path = _FILE) -> dict[str, Parameter]:
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    return {name: Parameter(name, item["value"], item["clause"], item["quote"], item.get("ask", "")) for name, item in raw.items()}


PARAMETERS = load_parameters()


def value(name: str):
    return PARAMETERS[name].value
