"""What the CLI commands share: settings from the context, JSON output, progress bars,
region names as typed, the terminal prompt."""

from __future__ import annotations

import json
import sys

import click

from core.config import Settings
from core.errors import InvalidSettingError


def settings_of(ctx: click.Context) -> Settings:
    return ctx.obj["settings"]


def emit_json(payload: dict) -> None:
    click.echo(json.dumps(payload, ensure_ascii=False, indent=2))


class ProgressBars:
    """tqdm bars on stderr, one per stage."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.bars: dict = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        from tqdm import tqdm

        labels = {"read": "reading", "embed": "embedding passages", "embed-units": "embedding sentences"}
        bar = self.bars.get(stage)
        if bar is None:
            for other in self.bars.values():
                other.close()
            bar = self.bars[stage] = tqdm(total=total, desc=labels.get(stage, stage), unit="item", file=sys.stderr, leave=True)
        bar.update(done - bar.n)

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()


def resolve_regions(names: tuple[str, ...], known: list[str]) -> tuple[str, ...]:
    """Accept a region's full name or any unique part of it (日高 → 日高連携地域)."""
    resolved = []
    for name in names:
        if name in known:
            resolved.append(name)
            continue
        matches = [region for region in known if name in region]
        if len(matches) != 1:
            raise InvalidSettingError("--region", name, "one of: " + ", ".join(known))
        resolved.append(matches[0])
    return tuple(resolved)


def prompt_loop(handle) -> None:
    """Ask for questions in the terminal until an empty line or Ctrl-D."""
    click.echo("質問を入力してください（終了: 空行 または Ctrl-D）。")
    while True:
        try:
            line = input("質問> ").strip()
        except EOFError:
            break
        if not line:
            break
        handle(line)
