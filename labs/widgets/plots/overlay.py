"""What crosses the wire between two nodes (lesson 06): readable VXLAN vs ESP packets.

:func:`wire` draws, per overlay network, the packets a node received that carried a
text readable inside VXLAN next to the ESP packets it received, as counted by
:func:`labs.overlay.watch`.
"""

from __future__ import annotations

from collections.abc import Mapping

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from labs.i18n import Catalogue
from labs.widgets.plots.style import FAILED_COLOR, chart_language, finish, new_axes, number

TEXTS = Catalogue(__name__, {
    "network": {"pt-BR": "Rede overlay", "en": "Overlay network"},
    "packets": {"pt-BR": "Pacotes recebidos", "en": "Packets received"},
    "clear": {"pt-BR": "VXLAN com o texto legível", "en": "VXLAN with the text readable"},
    "esp": {"pt-BR": "ESP (criptografados)", "en": "ESP (encrypted)"},
})


def wire(
    counts: Mapping[str, object],
    *,
    title: str | None = None,
    lang: str | None = None,
) -> Figure:
    """Grouped bars per network: packets with the text readable, and ESP packets.

    Args:
        counts: network name -> ``(readable, esp)``, or an object with ``clear`` and
            ``esp`` attributes (a :class:`labs.overlay.Wire`).
        title: optional title above the chart.
        lang: "pt-BR" or "en", the language of the labels.

    Raises:
        ValueError: ``counts`` is empty or holds a negative or non-whole count, or
            ``lang`` is unknown.
    """
    lang = chart_language(lang)
    if not counts:
        raise ValueError("counts is empty; pass {network: (readable, esp)}")
    pairs: dict[str, tuple[int, int]] = {}
    for name, value in counts.items():
        pair = value if isinstance(value, tuple) else (getattr(value, "clear", None),
                                                       getattr(value, "esp", None))
        if len(pair) != 2 or not all(isinstance(v, int) and v >= 0 for v in pair):
            raise ValueError(f"counts[{name!r}] is {value!r}; pass two whole numbers >= 0, "
                             "(readable, esp), or a labs.overlay.Wire")
        pairs[name] = (int(pair[0]), int(pair[1]))
    names = list(pairs)
    fig, ax = new_axes((max(6.0, 2.2 * len(names)), 4.2))
    positions = range(len(names))
    width = 0.38
    for offset, index, color, key in ((-width / 2, 0, FAILED_COLOR, "clear"),
                                      (width / 2, 1, "C0", "esp")):
        values = [pairs[n][index] for n in names]
        bars = ax.bar([p + offset for p in positions], values, width, color=color,
                      label=TEXTS.text(key, lang))
        ax.bar_label(bars, labels=[number(v, lang, 0) for v in values], padding=2)
    top = max(max(p) for p in pairs.values())
    ax.set_ylim(0, max(top, 1) * 1.3)
    ax.set_xticks(list(positions), names)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(TEXTS.text("network", lang))
    ax.set_ylabel(TEXTS.text("packets", lang))
    ax.legend(loc="upper left")
    finish(ax, title, lang, grid="y", comma_x=False, comma_y=False)
    return fig
