"""What every calibration shares: the split of questions by id and the curve as a PNG."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


def split_of(question_id: str) -> str:
    """Odd ids choose a threshold, even ids report it."""
    number = int(re.sub(r"\D", "", question_id) or 0)
    return "choose" if number % 2 == 1 else "report"


def split_curve(rows: list[dict], grid: list[float], right: Callable[[dict, float], bool]) -> dict[str, dict[str, float]]:
    """A one-threshold sweep: at each point of `grid`, the share of each split's questions
    (odd ids choose, even ids report) that `right` says the point gets right."""
    curve: dict[str, dict[str, float]] = {"choose": {}, "report": {}}
    for point in grid:
        for split in curve:
            subset = [row for row in rows if split_of(row["id"]) == split]
            curve[split][str(point)] = sum(right(row, point) for row in subset) / len(subset)
    return curve


def _neighbourhood(curve: dict[str, float], key: str) -> float:
    """The mean score of a grid point and its neighbours along the first threshold."""
    first, *rest = key.split("/")
    values = sorted({float(k.split("/")[0]) for k in curve})
    index = values.index(float(first))
    near = ["/".join([str(values[i]), *rest]) for i in range(max(0, index - 1), min(len(values), index + 2))]
    return sum(curve[n] for n in near if n in curve) / len(near)


def middle_of_best(curve: dict[str, float], smoothing: bool) -> tuple[float, float]:
    """The middle of the best plateau of a two-threshold curve: where the score does not hang
    on one question."""
    score = (lambda key: _neighbourhood(curve, key)) if smoothing else curve.__getitem__
    top = max(score(key) for key in curve)
    plateau = [key for key in curve if score(key) >= top - 1e-9]
    firsts = sorted({float(key.split("/")[0]) for key in plateau})
    first = firsts[len(firsts) // 2]
    seconds = sorted(float(key.split("/")[1]) for key in plateau if float(key.split("/")[0]) == first)
    return first, seconds[len(seconds) // 2]


@dataclass(frozen=True)
class Line:
    xs: list[float]
    ys: list[float]
    style: str
    label: str


def plot_curve(path: Path, lines: list[Line], xlabel: str, ylabel: str, chosen: float | None = None) -> None:
    """The curves of one calibration, with the chosen point marked (PNG, matplotlib's Agg)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axis = plt.subplots(figsize=(6, 4))
    for line in lines:
        axis.plot(line.xs, line.ys, line.style, label=line.label)
    if chosen is not None:
        axis.axvline(chosen, color="grey", linewidth=0.8)
    axis.set_xlabel(xlabel)
    axis.set_ylabel(ylabel)
    axis.legend(fontsize=6 if len(lines) > 6 else 7, ncol=2 if len(lines) > 6 else 1)
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)


def plot_splits(path: Path, grid: list[float], curve: dict[str, dict[str, float]], xlabel: str, chosen: float) -> None:
    """A one-threshold calibration's two splits' curves: questions right at each point."""
    lines = [
        Line(grid, [curve["choose"][str(point)] for point in grid], "-", "choose (odd ids)"),
        Line(grid, [curve["report"][str(point)] for point in grid], "k--", "report (even ids)"),
    ]
    plot_curve(path, lines, xlabel, "questions right", chosen)
