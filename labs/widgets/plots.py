"""One-line charts of what the lessons measure on a cluster.

Each function takes plain numbers (lists, tuples, dicts) that a lesson has
already measured and returns a :class:`matplotlib.figure.Figure`; nothing here
knows about Docker or the cluster. Figures are built with matplotlib's
object-oriented API only (no ``pyplot`` state), so they work headless and in
threads, and a lesson can save, show or embed the figure as it likes.

Every function accepts ``title=`` and ``lang=`` ("pt-BR", the default, or
"en"), which chooses the axis and legend texts from :data:`LABELS`. Bad input
raises :class:`ValueError` saying what is wrong and what to pass instead.

>>> fig = start_times([412, 398, 455, 430], lang="en")
>>> fig.axes[0].get_xlabel()
'Start time (ms)'
>>> fig.savefig(buffer_or_path, format="png")  # doctest: +SKIP
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullFormatter, ScalarFormatter

from labs import language

__all__ = ["LABELS", "answers_per_task", "reschedule_times", "rolling_update", "start_times"]

#: Every text a chart shows, per language; "{}" marks where a number goes.
LABELS: dict[str, dict[str, str]] = {
    "pt-BR": {
        "start_ms": "Tempo de início (ms)",
        "samples": "Número de amostras",
        "containers": "Contêineres",
        "median": "Mediana: {} ms",
        "median_of": "Mediana de {}: {} ms",
        "reference": "{}: {} ms (publicado)",
        "time_s": "Tempo (s)",
        "requests_per_s": "Requisições por segundo",
        "ok": "Requisições com sucesso",
        "failed": "Requisições com falha",
        "reschedule_s": "Tempo até reagendar (s)",
        "event": "Evento",
        "task": "Tarefa",
        "answers": "Respostas por tarefa",
        "mean": "Média: {}",
    },
    "en": {
        "start_ms": "Start time (ms)",
        "samples": "Number of samples",
        "containers": "Containers",
        "median": "Median: {} ms",
        "median_of": "Median of {}: {} ms",
        "reference": "{}: {} ms (published)",
        "time_s": "Time (s)",
        "requests_per_s": "Requests per second",
        "ok": "Successful requests",
        "failed": "Failed requests",
        "reschedule_s": "Time to reschedule (s)",
        "event": "Event",
        "task": "Task",
        "answers": "Answers per task",
        "mean": "Mean: {}",
    },
}

_OK_COLOR = "tab:green"
_FAILED_COLOR = "tab:red"
_MAX_BINS = 40
_LOG_RATIO = 20.0  # compared series spanning more than this factor get a log x axis


class _DecimalCommaFormatter(ScalarFormatter):
    """Tick labels with a decimal comma, as Brazilian readers expect (2,5 not 2.5)."""

    def __call__(self, x: float, pos: int | None = None) -> str:
        return super().__call__(x, pos).replace(".", ",")


def _texts(lang: str) -> dict[str, str]:
    try:
        return LABELS[lang]
    except KeyError:
        choices = ", ".join(repr(code) for code in LABELS)
        raise ValueError(f"lang={lang!r} is not supported; pass one of {choices}") from None


def _number(value: float, lang: str, decimals: int) -> str:
    """``value`` with thousands grouping and the decimal mark of ``lang``."""
    return language.number(value, lang, f",.{decimals}f")


def _check_values(name: str, values: Sequence[float], *, nonnegative: bool = True) -> None:
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


def _check_mapping(name: str, values: Mapping[str, float]) -> None:
    if len(values) == 0:
        raise ValueError(f"{name} is empty; pass at least one label with its value")
    for label, value in values.items():
        if not math.isfinite(value):
            raise ValueError(f"{name}[{label!r}] is {value!r}; pass a finite number")
        if value < 0:
            raise ValueError(
                f"{name}[{label!r}] is {value!r}, a negative value; pass numbers >= 0"
            )


def _new_axes(size: tuple[float, float]) -> tuple[Figure, Axes]:
    fig = Figure(figsize=size, layout="constrained")
    return fig, fig.add_subplot()


def _finish(
    ax: Axes, title: str | None, lang: str, *, grid: Literal["x", "y"], comma_x: bool, comma_y: bool
) -> None:
    """Title, light grid behind the data, and decimal commas on numeric axes in pt-BR."""
    if title:
        ax.set_title(title)
    if lang == "pt-BR":
        if comma_x:
            ax.xaxis.set_major_formatter(_DecimalCommaFormatter())
        if comma_y:
            ax.yaxis.set_major_formatter(_DecimalCommaFormatter())
    ax.grid(axis=grid, alpha=0.3)
    ax.set_axisbelow(True)


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
    lang = language.resolve(lang)
    texts = _texts(lang)
    _check_values("samples_ms", samples_ms)
    series: dict[str, list[float]] = {label or texts["containers"]: [float(v) for v in samples_ms]}
    for name, values in (compare or {}).items():
        _check_values(f"compare[{name!r}]", values)
        if name in series:
            raise ValueError(
                f"compare uses the name {name!r} twice; pass each series under its own name"
            )
        series[name] = [float(v) for v in values]
    points: dict[str, float] = {}
    if reference is not None:
        _check_mapping("reference", reference)
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
    m_low, m_high = float(measured.min()), float(measured.max())
    edges = np.histogram_bin_edges(measured, bins="auto")
    count = max(5, min(_MAX_BINS, len(edges) - 1))
    if logarithmic and m_low > 0:
        top = m_high if m_high > m_low else m_low * 1.5
        bins = np.logspace(math.log10(m_low), math.log10(top), count + 1).tolist()
    else:
        bins = np.histogram_bin_edges(measured, bins=count).tolist()

    fig, ax = _new_axes((8, 4.5))
    many = len(series) > 1
    for index, (name, values) in enumerate(series.items()):
        color = f"C{index}"
        if index == 0:
            ax.hist(values, bins=bins, color=color, alpha=0.75, edgecolor="white", label=name)
        else:
            ax.hist(values, bins=bins, color=color, histtype="step", linewidth=2, label=name)
        median = float(np.median(values))
        shown = _number(median, lang, 0 if median >= 100 else 1)
        text = texts["median_of"].format(name, shown) if many else texts["median"].format(shown)
        ax.axvline(median, color=color, linestyle="--", linewidth=2, label=text)
    at_top = ax.get_xaxis_transform()  # x in data, y in axes: markers sit on the top edge
    for index, (name, value) in enumerate(points.items(), start=len(series)):
        color = f"C{index}"
        shown = _number(value, lang, 0 if value >= 100 else 1)
        ax.axvline(value, color=color, linestyle=":", linewidth=1.5)
        ax.plot([value], [0.97], transform=at_top, marker="v", markersize=10, color=color,
                linestyle="none", label=texts["reference"].format(name, shown))

    if logarithmic:  # ticks at 1-2-5 steps written out in full ("2.000", not "2e3")
        ax.set_xscale("log")
        ax.set_xlim(low / 1.5, high * 1.5)
        ax.xaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: _number(x, lang, 0)))
        ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel(texts["start_ms"])
    ax.set_ylabel(texts["samples"])
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    if points:  # several entries: the legend goes under the chart, out of the bars' way
        fig.legend(*ax.get_legend_handles_labels(), loc="outside lower center", ncols=2,
                   frameon=False)
        fig.set_size_inches(8, 5.5)
    else:
        ax.legend()
    _finish(ax, title, lang, grid="y", comma_x=not logarithmic, comma_y=False)
    return fig


def rolling_update(
    times_s: Sequence[float],
    ok_per_s: Sequence[float],
    failed_per_s: Sequence[float],
    *,
    phases: Sequence[tuple[float, str]] = (),
    title: str | None = None,
    lang: str | None = None,
) -> Figure:
    """Requests per second that succeeded (green line) and failed (red bars) during an update.

    Args:
        times_s: sample times in seconds, strictly increasing (may start below 0).
        ok_per_s: successful requests per second at each time.
        failed_per_s: failed requests per second at each time.
        phases: moments to mark with a dashed vertical line and a text,
            e.g. ``[(3.2, "v2 começa"), (9.0, "v1 removida")]``.
        title: optional title above the chart.
        lang: "pt-BR" or "en", the language of the labels.

    Raises:
        ValueError: the three lists are empty or of different lengths, times do
            not increase, a rate is negative or non-finite, a phase time is not
            finite, or ``lang`` is unknown.
    """
    lang = language.resolve(lang)
    texts = _texts(lang)
    _check_values("times_s", times_s, nonnegative=False)
    _check_values("ok_per_s", ok_per_s)
    _check_values("failed_per_s", failed_per_s)
    lengths = {"times_s": len(times_s), "ok_per_s": len(ok_per_s),
               "failed_per_s": len(failed_per_s)}
    if len(set(lengths.values())) != 1:
        given = ", ".join(f"{name} has {n}" for name, n in lengths.items())
        raise ValueError(f"{given} values; pass one ok and one failed rate per time")
    steps = np.diff(np.asarray(times_s, dtype=float))
    if (steps <= 0).any():
        index = int(np.argmax(steps <= 0)) + 1
        raise ValueError(
            f"times_s[{index}] = {times_s[index]!r} does not come after {times_s[index - 1]!r}; "
            "pass times in strictly increasing order"
        )
    for time, name in phases:
        if not math.isfinite(time):
            raise ValueError(f"phase {name!r} has time {time!r}; pass a finite time in seconds")

    fig, ax = _new_axes((9, 4.5))
    width = 0.8 * float(steps.min()) if len(steps) else 0.8
    ax.bar(times_s, failed_per_s, width=width, color=_FAILED_COLOR, alpha=0.8,
           label=texts["failed"])
    ax.plot(times_s, ok_per_s, color=_OK_COLOR, linewidth=2, marker="." if len(steps) < 60 else "",
            label=texts["ok"])
    # headroom so the phase texts at the top stay clear of the data
    ax.set_ylim(0, max(max(ok_per_s), max(failed_per_s), 1) * (1.4 if phases else 1.15))

    for time, name in phases:
        ax.axvline(time, color="0.35", linestyle="--", linewidth=1)
        ax.annotate(
            name,
            xy=(time, 1),
            xycoords=ax.get_xaxis_transform(),
            xytext=(4, -4),
            textcoords="offset points",
            rotation=90,
            ha="left",
            va="top",
            fontsize=9,
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none",
                  "alpha": 0.8},
        )

    ax.set_xlabel(texts["time_s"])
    ax.set_ylabel(texts["requests_per_s"])
    # below the chart, where it can never hide a phase text or the data
    fig.legend(loc="outside lower center", ncols=2, frameon=False)
    _finish(ax, title, lang, grid="y", comma_x=True, comma_y=True)
    return fig


def reschedule_times(
    seconds: Mapping[str, float],
    *,
    title: str | None = None,
    lang: str | None = None,
) -> Figure:
    """Horizontal bars: seconds until the cluster rescheduled tasks after each failure.

    Args:
        seconds: event label -> seconds until the tasks ran again, in the order
            to show from top to bottom, e.g. ``{"worker1 parado": 6.4}``.
        title: optional title above the chart.
        lang: "pt-BR" or "en", the language of the labels.

    Raises:
        ValueError: ``seconds`` is empty, holds a negative or non-finite value,
            or ``lang`` is unknown.
    """
    lang = language.resolve(lang)
    texts = _texts(lang)
    _check_mapping("seconds", seconds)
    labels = list(seconds)
    values = [float(v) for v in seconds.values()]

    fig, ax = _new_axes((8, 1.2 + 0.55 * len(labels)))
    bars = ax.barh(labels, values, color="C0", height=0.6)
    ax.bar_label(bars, labels=[f"{_number(v, lang, 1)} s" for v in values], padding=4)
    ax.invert_yaxis()  # first event on top
    ax.set_xlim(0, max(max(values), 1) * 1.18)  # room for the value texts
    ax.set_xlabel(texts["reschedule_s"])
    ax.set_ylabel(texts["event"])
    _finish(ax, title, lang, grid="x", comma_x=True, comma_y=False)
    return fig


def answers_per_task(
    counts: Mapping[str, int],
    *,
    title: str | None = None,
    lang: str | None = None,
) -> Figure:
    """Bars of how many answers each task gave, with a dashed line at the mean (load spread).

    Args:
        counts: task name -> number of answers it gave, e.g. ``{"web.1": 34, "web.2": 33}``.
        title: optional title above the chart.
        lang: "pt-BR" or "en", the language of the labels.

    Raises:
        ValueError: ``counts`` is empty, holds a negative or non-whole number,
            or ``lang`` is unknown.
    """
    lang = language.resolve(lang)
    texts = _texts(lang)
    _check_mapping("counts", counts)
    for task, count in counts.items():
        if int(count) != count:
            raise ValueError(f"counts[{task!r}] is {count!r}; pass whole numbers of answers")
    tasks = list(counts)
    values = [int(v) for v in counts.values()]
    mean = sum(values) / len(values)

    fig, ax = _new_axes((max(6.0, 1.0 + 0.7 * len(tasks)), 4.5))
    bars = ax.bar(tasks, values, color="C0", width=0.7)
    ax.bar_label(bars, labels=[_number(v, lang, 0) for v in values], padding=2,
                 bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"})
    ax.axhline(mean, color="0.2", linestyle="--", linewidth=1.5,
               label=texts["mean"].format(_number(mean, lang, 1)))
    ax.set_ylim(0, max(max(values), 1) * 1.3)  # room for the legend above the bars
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    if len(tasks) > 6 or max(len(t) for t in tasks) > 10:
        ax.set_xticks(range(len(tasks)), tasks, rotation=30, ha="right",
                      rotation_mode="anchor")
    ax.set_xlabel(texts["task"])
    ax.set_ylabel(texts["answers"])
    ax.legend(loc="upper right")
    _finish(ax, title, lang, grid="y", comma_x=False, comma_y=True)
    return fig
