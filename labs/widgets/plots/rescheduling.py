"""Failures and rescheduling (lessons 03 and 04): how long until the tasks ran again?

:func:`reschedule_times` draws one bar per failure with the seconds the
swarm took to run its tasks again.
"""

from __future__ import annotations

from collections.abc import Mapping

from matplotlib.figure import Figure

from labs.i18n import Catalogue
from labs.widgets.plots.style import chart_language, check_mapping, finish, new_axes, number

TEXTS = Catalogue(__name__, {
    "reschedule_s": {"pt-BR": "Tempo até reagendar (s)", "en": "Time to reschedule (s)"},
    "event": {"pt-BR": "Evento", "en": "Event"},
})


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
    lang = chart_language(lang)
    check_mapping("seconds", seconds)
    labels = list(seconds)
    values = [float(v) for v in seconds.values()]

    fig, ax = new_axes((8, 1.2 + 0.55 * len(labels)))
    bars = ax.barh(labels, values, color="C0", height=0.6)
    ax.bar_label(bars, labels=[f"{number(v, lang, 1)} s" for v in values], padding=4)
    ax.invert_yaxis()  # first event on top
    ax.set_xlim(0, max(max(values), 1) * 1.18)  # room for the value texts
    ax.set_xlabel(TEXTS.text("reschedule_s", lang))
    ax.set_ylabel(TEXTS.text("event", lang))
    finish(ax, title, lang, grid="x", comma_x=True, comma_y=False)
    return fig
