"""Rolling updates (lessons 02 and 05): did requests keep being served?

:func:`rolling_update` draws requests per second that succeeded and failed
while a service was replaced, with the update's phases marked;
:func:`update_runs` puts several updates side by side: failed requests and time.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure

from labs.i18n import Catalogue
from labs.widgets.plots.style import (
    FAILED_COLOR,
    OK_COLOR,
    chart_language,
    check_values,
    finish,
    new_axes,
    number,
)

TEXTS = Catalogue(__name__, {
    "time_s": {"pt-BR": "Tempo (s)", "en": "Time (s)"},
    "requests_per_s": {"pt-BR": "Requisições por segundo", "en": "Requests per second"},
    "ok": {"pt-BR": "Requisições com sucesso", "en": "Successful requests"},
    "failed": {"pt-BR": "Requisições com falha", "en": "Failed requests"},
    "failed_count": {"pt-BR": "Requisições que falharam", "en": "Requests that failed"},
    "took": {"pt-BR": "Duração da atualização (s)", "en": "Update duration (s)"},
})


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
    lang = chart_language(lang)
    check_values("times_s", times_s, nonnegative=False)
    check_values("ok_per_s", ok_per_s)
    check_values("failed_per_s", failed_per_s)
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

    fig, ax = new_axes((9, 4.5))
    width = 0.8 * float(steps.min()) if len(steps) else 0.8
    ax.bar(times_s, failed_per_s, width=width, color=FAILED_COLOR, alpha=0.8,
           label=TEXTS.text("failed", lang))
    ax.plot(times_s, ok_per_s, color=OK_COLOR, linewidth=2, marker="." if len(steps) < 60 else "",
            label=TEXTS.text("ok", lang))
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

    ax.set_xlabel(TEXTS.text("time_s", lang))
    ax.set_ylabel(TEXTS.text("requests_per_s", lang))
    # below the chart, where it can never hide a phase text or the data
    fig.legend(loc="outside lower center", ncols=2, frameon=False)
    finish(ax, title, lang, grid="y", comma_x=True, comma_y=True)
    return fig


def update_runs(
    labels: Sequence[str],
    failed: Sequence[float],
    took_s: Sequence[float],
    *,
    title: str | None = None,
    lang: str | None = None,
) -> Figure:
    """Several updates side by side: requests that failed (left) and how long each took.

    Args:
        labels: one name per update, e.g. "1 réplica · stop-first".
        failed: requests that failed during each update.
        took_s: seconds each update took.
        title: optional title above the chart.
        lang: "pt-BR" or "en", the language of the labels.

    Raises:
        ValueError: the lists are empty or of different lengths, a value is negative or
            non-finite, or ``lang`` is unknown.
    """
    lang = chart_language(lang)
    check_values("failed", failed)
    check_values("took_s", took_s)
    if not len(labels) == len(failed) == len(took_s):
        raise ValueError(f"{len(labels)} labels, {len(failed)} failed counts and "
                         f"{len(took_s)} durations; pass one of each per update")
    fig = Figure(figsize=(10, 1.2 + 0.7 * len(labels)), layout="constrained")
    left, right = fig.subplots(1, 2, sharey=True)
    rows = list(range(len(labels)))[::-1]
    for ax, values, color, key, decimals in ((left, failed, FAILED_COLOR, "failed_count", 0),
                                             (right, took_s, "0.55", "took", 1)):
        ax.barh(rows, values, color=color, alpha=0.85)
        for row, value in zip(rows, values, strict=True):
            ax.annotate(number(value, lang, decimals), xy=(value, row), xytext=(4, 0),
                        textcoords="offset points", va="center", fontsize=9)
        ax.set_xlim(0, max(max(values), 1) * 1.25)
        ax.set_xlabel(TEXTS.text(key, lang))
        finish(ax, None, lang, grid="x", comma_x=True, comma_y=False)
    left.set_yticks(rows, labels)
    if title:
        fig.suptitle(title)
    return fig
