"""What every calibration shares: the split of questions by id and the curve as a PNG."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


def split_of(question_id: str) -> str:
    """Odd ids choose a threshold, even ids report it."""
    number = int(re.sub(r"\D", "", question_id) or 0)
    return "choose" if number % 2 == 1 else "report"


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
