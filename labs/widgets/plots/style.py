"""What every chart shares: checked input, number formatting, the figure and its finish.

Numbers get their decimal mark from :mod:`labs.language` (the one place that
knows it), tick labels included.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Literal

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import ScalarFormatter

from labs import i18n, language

OK_COLOR = "tab:green"
FAILED_COLOR = "tab:red"


class DecimalCommaFormatter(ScalarFormatter):
    """Tick labels with a decimal comma, as Brazilian readers expect (2,5 not 2.5)."""

    def __call__(self, x: float, pos: int | None = None) -> str:
        return language.marks(super().__call__(x, pos), "pt-BR")


def chart_language(lang: str | None) -> str:
    """``lang``, or the learner's language; ValueError naming the languages there are."""
    return i18n.checked(lang)


def number(value: float, lang: str, decimals: int) -> str:
    """``value`` with thousands grouping and the decimal mark of ``lang``."""
    return language.number(value, lang, f",.{decimals}f")


def check_values(name: str, values: Sequence[float], *, nonnegative: bool = True) -> None:
    """Non-empty, finite and (unless told otherwise) not negative."""
    if len(values) == 0:
        raise ValueError(f"{name} is empty; pass at least one measured value")
    for index, value in enumerate(values):
        if not math.isfinite(value):
            raise ValueError(
                f"{name}[{index}] is {value!r}; pass finite numbers (drop failed measurements)"
            )
        if nonnegative and value < 0:
            raise ValueError(
                f"{name}[{index}] is {value!r}, a negative value; "
                "pass durations and counts as numbers >= 0"
            )


def check_mapping(name: str, values: Mapping[str, float]) -> None:
    """Non-empty, every value finite and not negative."""
    if len(values) == 0:
        raise ValueError(f"{name} is empty; pass at least one label with its value")
    for label, value in values.items():
        if not math.isfinite(value):
            raise ValueError(f"{name}[{label!r}] is {value!r}; pass a finite number")
        if value < 0:
            raise ValueError(
                f"{name}[{label!r}] is {value!r}, a negative value; pass numbers >= 0"
            )


def new_axes(size: tuple[float, float]) -> tuple[Figure, Axes]:
    """A figure of ``size`` inches with one set of axes (no pyplot state)."""
    fig = Figure(figsize=size, layout="constrained")
    return fig, fig.add_subplot()


def finish(
    ax: Axes, title: str | None, lang: str, *, grid: Literal["x", "y"], comma_x: bool, comma_y: bool
) -> None:
    """Title, light grid behind the data, and decimal commas on numeric axes in pt-BR."""
    if title:
        ax.set_title(title)
    if lang == "pt-BR":
        if comma_x:
            ax.xaxis.set_major_formatter(DecimalCommaFormatter())
        if comma_y:
            ax.yaxis.set_major_formatter(DecimalCommaFormatter())
    ax.grid(axis=grid, alpha=0.3)
    ax.set_axisbelow(True)
