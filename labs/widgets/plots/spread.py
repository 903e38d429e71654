"""Load spread across a service's tasks: did every replica answer its share?

:func:`answers_per_task` draws the answers each task gave, with the mean.
"""

from __future__ import annotations

from collections.abc import Mapping

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from labs.i18n import Catalogue
from labs.widgets.plots.style import chart_language, check_mapping, finish, new_axes, number

TEXTS = Catalogue(__name__, {
    "task": {"pt-BR": "Tarefa", "en": "Task"},
    "answers": {"pt-BR": "Respostas por tarefa", "en": "Answers per task"},
    "mean": {"pt-BR": "Média: {mean}", "en": "Mean: {mean}"},
})


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
    lang = chart_language(lang)
    check_mapping("counts", counts)
    for task, count in counts.items():
        if int(count) != count:
            raise ValueError(f"counts[{task!r}] is {count!r}; pass whole numbers of answers")
    tasks = list(counts)
    values = [int(v) for v in counts.values()]
    mean = sum(values) / len(values)

    fig, ax = new_axes((max(6.0, 1.0 + 0.7 * len(tasks)), 4.5))
    bars = ax.bar(tasks, values, color="C0", width=0.7)
    ax.bar_label(bars, labels=[number(v, lang, 0) for v in values], padding=2,
                 bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"})
    ax.axhline(mean, color="0.2", linestyle="--", linewidth=1.5,
               label=TEXTS.text("mean", lang, mean=number(mean, lang, 1)))
    ax.set_ylim(0, max(max(values), 1) * 1.3)  # room for the legend above the bars
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    if len(tasks) > 6 or max(len(t) for t in tasks) > 10:
        ax.set_xticks(range(len(tasks)), tasks, rotation=30, ha="right",
                      rotation_mode="anchor")
    ax.set_xlabel(TEXTS.text("task", lang))
    ax.set_ylabel(TEXTS.text("answers", lang))
    ax.legend(loc="upper right")
    finish(ax, title, lang, grid="y", comma_x=False, comma_y=True)
    return fig
