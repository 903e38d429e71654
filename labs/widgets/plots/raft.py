"""Raft quorum (lesson 08): how many manager failures a swarm survives, how long an election takes.

:func:`tolerance` draws the failures measured per manager count next to the
slides' table (floor((N-1)/2)); :func:`elections` draws how long each leader
election took, against the election timeout's window.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from labs.i18n import Catalogue
from labs.widgets.plots.style import (
    chart_language,
    check_values,
    finish,
    new_axes,
    number,
)

TEXTS = Catalogue(__name__, {
    "managers": {"pt-BR": "Managers", "en": "Managers"},
    "failures": {"pt-BR": "Falhas toleradas", "en": "Failures tolerated"},
    "measured": {"pt-BR": "medido neste cluster", "en": "measured on this cluster"},
    "slides": {"pt-BR": "tabela dos slides: (N - 1) / 2, arredondado para baixo",
               "en": "the slides' table: (N - 1) / 2, rounded down"},
    "election_s": {"pt-BR": "Tempo sem líder (s)", "en": "Time without a leader (s)"},
    "trial": {"pt-BR": "Eleição {n}", "en": "Election {n}"},
    "window": {"pt-BR": "timeout de eleição: {low} a {high} s",
               "en": "election timeout: {low} to {high} s"},
})


def tolerance(
    measured: Mapping[int, int],
    *,
    upto: int = 7,
    title: str | None = None,
    lang: str | None = None,
) -> Figure:
    """Bars: manager failures tolerated, measured, per manager count; dots: the slides'
    ``(N - 1) // 2`` for 1 to ``upto`` managers.

    Raises:
        ValueError: ``measured`` is empty, has a count below 1 or above ``upto``, or a
            negative value; or ``lang`` is unknown.
    """
    lang = chart_language(lang)
    if not measured:
        raise ValueError("measured is empty; pass {managers: failures tolerated}")
    if any(n < 1 or n > upto for n in measured):
        raise ValueError(f"manager counts must be 1 to {upto}; got {sorted(measured)}")
    check_values("measured", [float(v) for v in measured.values()])
    fig, ax = new_axes((8, 4))
    counts = sorted(measured)
    ax.bar(counts, [measured[n] for n in counts], color="C0", width=0.6,
           label=TEXTS.text("measured", lang))
    every = list(range(1, upto + 1))
    ax.plot(every, [(n - 1) // 2 for n in every], "o", color="C1", markersize=9,
            label=TEXTS.text("slides", lang))
    ax.set_xticks(every)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(-0.3, (upto - 1) // 2 + 1)  # the dots at 0 stay whole
    ax.set_xlabel(TEXTS.text("managers", lang))
    ax.set_ylabel(TEXTS.text("failures", lang))
    ax.legend(loc="upper left")
    finish(ax, title, lang, grid="y", comma_x=False, comma_y=False)
    return fig


def elections(
    seconds: Sequence[float],
    *,
    window: tuple[float, float] = (10.0, 20.0),
    title: str | None = None,
    lang: str | None = None,
) -> Figure:
    """One bar per leader election: seconds from the leader's loss to a new leader, over a
    shaded band for the election timeout's window (swarmkit: 10 to 20 ticks of 1 s).

    Raises:
        ValueError: ``seconds`` is empty or holds a negative or non-finite value, the
            window is not ``(low, high)`` with ``0 <= low <= high``, or ``lang`` is unknown.
    """
    lang = chart_language(lang)
    check_values("seconds", seconds)
    low, high = window
    if not 0 <= low <= high:
        raise ValueError(f"window must be (low, high) with 0 <= low <= high; got {window}")
    labels = [TEXTS.text("trial", lang, n=n) for n in range(1, len(seconds) + 1)]
    values = [float(v) for v in seconds]
    fig, ax = new_axes((8, 2.0 + 0.6 * len(values)))
    ax.axvspan(low, high, color="C1", alpha=0.15,
               label=TEXTS.text("window", lang, low=number(low, lang, 0),
                                high=number(high, lang, 0)))
    bars = ax.barh(labels, values, color="C0", height=0.6)
    ax.bar_label(bars, labels=[f"{number(v, lang, 1)} s" for v in values], padding=4)
    ax.invert_yaxis()
    ax.set_xlim(0, max(max(values), high) * 1.2)
    ax.set_xlabel(TEXTS.text("election_s", lang))
    fig.legend(loc="outside lower center", frameon=False)
    finish(ax, title, lang, grid="x", comma_x=True, comma_y=False)
    return fig
