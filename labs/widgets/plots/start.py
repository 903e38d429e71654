"""Lesson 01, containers and virtual machines: how long does a start take?

:func:`start_times` draws measured start times as a histogram with their
median, beside other measured series and single published figures.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullFormatter

from labs.i18n import Catalogue
from labs.widgets.plots.style import (
    chart_language,
    check_mapping,
    check_values,
    finish,
    new_axes,
    number,
)

TEXTS = Catalogue(__name__, {
    "start_ms": {"pt-BR": "Tempo de início (ms)", "en": "Start time (ms)"},
    "samples": {"pt-BR": "Número de amostras", "en": "Number of samples"},
    "containers": {"pt-BR": "Contêineres", "en": "Containers"},
    "median": {"pt-BR": "Mediana: {median}", "en": "Median: {median}"},
    "median_of": {"pt-BR": "Mediana de {name}: {median}",
                  "en": "Median of {name}: {median}"},
    "reference": {"pt-BR": "{name}: {value} (publicado)",
                  "en": "{name}: {value} (published)"},
})

_SECONDS_FROM_MS = 10_000.0
"""Legend values from this many milliseconds up read in seconds ("18,8 s", not "18.848 ms"),
as the lessons write them."""
_MAX_BINS = 40
_LOG_RATIO = 20.0  # compared series spanning more than this factor get a log x axis


def start_times(
    samples_ms: Sequence[float],
    *,
    compare: Mapping[str, Sequence[float]] | None = None,
    reference: Mapping[str, float] | None = None,
    label: str | None = None,
    title: str | None = None,
    lang: str | None = None,
) -> Figure:
    """Histogram of container start times with a dashed line at the median.

    Args:
        samples_ms: measured start times in milliseconds (at least one).
        compare: other measured series drawn as outlines on the same axes, e.g.
            ``{"outro host": [520, 610]}``; each gets its own median line.
        reference: single published figures, not measured here, e.g.
            ``{"Firecracker [1]": 125, "EC2 [2]": 96900}``. Each is drawn as a marker
            (a dotted vertical line topped by a triangle), never as a histogram, and the
            legend shows its label and value ("Firecracker [1]: 125 ms (publicado)"), no
            median, since a single published number is a bound or an average.
        label: legend name of ``samples_ms`` (default "Contêineres" / "Containers").
        title: optional title above the chart.
        lang: "pt-BR" or "en", the language of the labels.

    When everything drawn spans more than a factor of 20 the x axis is logarithmic,
    so that milliseconds and minutes stay readable side by side.

    Raises:
        ValueError: a series is empty, holds a negative or non-finite value, a
            reference is negative or non-finite, a name is used twice, or ``lang``
            is unknown.
    """
    lang = chart_language(lang)
    check_values("samples_ms", samples_ms)
    own = label or TEXTS.text("containers", lang)
    series: dict[str, list[float]] = {own: [float(v) for v in samples_ms]}
    for name, values in (compare or {}).items():
        check_values(f"compare[{name!r}]", values)
        if name in series:
            raise ValueError(
                f"compare uses the name {name!r} twice; pass each series under its own name"
            )
        series[name] = [float(v) for v in values]
    points: dict[str, float] = {}
    if reference is not None:
        check_mapping("reference", reference)
        for name, value in reference.items():
            if name in series:
                raise ValueError(f"reference uses the name {name!r}, already a series; "
                                 "pass each reference under its own name")
            points[name] = float(value)

    every = np.concatenate([np.asarray(v) for v in series.values()] + [np.asarray(
        list(points.values()))])
    low, high = float(every.min()), float(every.max())
    several = len(series) + len(points) > 1
    logarithmic = several and low > 0 and high / low > _LOG_RATIO
    measured = np.concatenate([np.asarray(v) for v in series.values()])
    edges = np.histogram_bin_edges(measured, bins="auto")
    count = max(5, min(_MAX_BINS, len(edges) - 1))
    bins: list[float] = [] if logarithmic else np.histogram_bin_edges(
        measured, bins=count).tolist()

    fig, ax = new_axes((8, 4.5))
    many = len(series) > 1
    for index, (name, values) in enumerate(series.items()):
        color = f"C{index}"
        # On a log axis each series gets bins over its own range: shared bins would be
        # too wide for a series far from the others, and its outline would trail along
        # the axis across the gap.
        edges_of = _log_bins(values, count) if logarithmic else bins
        if index == 0:
            ax.hist(values, bins=edges_of, color=color, alpha=0.75, edgecolor="white",
                    label=name)
        else:
            ax.hist(values, bins=edges_of, color=color, histtype="step", linewidth=2,
                    label=name)
        median = float(np.median(values))
        shown = _duration(median, lang)
        text = (TEXTS.text("median_of", lang, name=name, median=shown) if many
                else TEXTS.text("median", lang, median=shown))
        ax.axvline(median, color=color, linestyle="--", linewidth=2, label=text)
    at_top = ax.get_xaxis_transform()  # x in data, y in axes: markers sit on the top edge
    for index, (name, value) in enumerate(points.items(), start=len(series)):
        color = f"C{index}"
        shown = _duration(value, lang)
        ax.axvline(value, color=color, linestyle=":", linewidth=1.5)
        ax.plot([value], [0.97], transform=at_top, marker="v", markersize=10, color=color,
                linestyle="none", label=TEXTS.text("reference", lang, name=name, value=shown))

    if logarithmic:  # ticks at 1-2-5 steps written out in full ("2.000", not "2e3")
        ax.set_xscale("log")
        ax.set_xlim(low / 1.5, high * 1.5)
        ax.xaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: number(x, lang, 0)))
        ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel(TEXTS.text("start_ms", lang))
    ax.set_ylabel(TEXTS.text("samples", lang))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    if points:  # several entries: the legend goes under the chart, out of the bars' way
        fig.legend(*ax.get_legend_handles_labels(), loc="outside lower center", ncols=2,
                   frameon=False)
        fig.set_size_inches(8, 5.5)
    else:
        ax.legend()
    finish(ax, title, lang, grid="y", comma_x=not logarithmic, comma_y=False)
    return fig


def _log_bins(values: Sequence[float], count: int) -> list[float]:
    """Up to ``count`` bins (fewer for few values) evenly spaced on a log scale over the
    values' range, ending exactly at its ends (10**log10(x) may fall short of x). A tight
    series (its largest value within 30% of its smallest) is widened around its centre,
    so that its bars can be seen."""
    count = max(3, min(count, len(np.histogram_bin_edges(values, bins="auto")) - 1))
    low, high = min(values), max(values)
    if high < low * 1.3:
        centre = math.sqrt(low * high)
        low, high = min(low, centre / 1.15), max(high, centre * 1.15)
    bins = np.logspace(math.log10(low), math.log10(high), count + 1).tolist()
    bins[0], bins[-1] = low, high
    return [float(b) for b in bins]


def _duration(ms: float, lang: str) -> str:
    """A legend's value: "365 ms", "2,5 ms", or from 10 s up "18,8 s"."""
    if ms >= _SECONDS_FROM_MS:
        return f"{number(ms / 1000, lang, 1)} s"
    return f"{number(ms, lang, 0 if ms >= 100 else 1)} ms"
