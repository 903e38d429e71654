"""The Raft quorum explorer: how many managers, what quorum, how many failures.

``quorum_explorer()`` shows a slider from 1 to 9 managers and the table of
the course's slides (seed 004: 1 to 7 managers) with the chosen row
highlighted. Given a live cluster it adds buttons that stop and start its
managers one by one, and shows whether the swarm has a leader and how long
the last election took.
"""

from __future__ import annotations

import html
import time
from typing import Any

import ipywidgets as w

from labs import language
from labs.cluster import Cluster
from labs.i18n import Catalogue
from labs.node import Node
from labs.raft import quorum, tolerated
from labs.widgets.poller import Poller

SEED_ROWS = range(1, 8)  # the slide's table: 1 to 7 managers
TEXTS = Catalogue(__name__, {
    "managers": {"pt-BR": "Managers", "en": "Managers"},
    "quorum": {"pt-BR": "Quórum", "en": "Quorum"},
    "failures": {"pt-BR": "Falhas toleradas", "en": "Failures tolerated"},
    "seed": {"pt-BR": "tabela dos slides", "en": "the slides' table"},
    "stop": {"pt-BR": "Parar um manager", "en": "Stop a manager"},
    "start": {"pt-BR": "Iniciar um manager", "en": "Start a manager"},
    "leader": {"pt-BR": "Líder: {name}", "en": "Leader: {name}"},
    "no_leader": {
        "pt-BR": "SEM LÍDER há {s:.0f} s: com {up} de {n} managers não há maioria",
        "en": "NO LEADER for {s:.0f} s: {up} of {n} managers are no majority",
    },
    "election": {
        "pt-BR": "última eleição: novo líder {s:.1f} s depois da queda",
        "en": "last election: new leader {s:.1f} s after the loss",
    },
    "online": {
        "pt-BR": "managers no ar: {up} de {n} (quórum {q})",
        "en": "managers up: {up} of {n} (quorum {q})",
    },
})


def table_html(selected: int, *, lang: str | None = None, limit: int = 9) -> str:
    """The quorum table for 1..limit managers; ``selected`` highlighted, seed rows marked."""
    t = TEXTS.table(lang)  # the table's words
    rows = []
    for n in range(1, limit + 1):
        style = "background:#ffe9a8;font-weight:bold" if n == selected else ""
        mark = " *" if n in SEED_ROWS else ""
        rows.append(f"<tr style='{style}' data-managers='{n}'><td>{n}{mark}</td>"
                    f"<td>{quorum(n)}</td><td>{tolerated(n)}</td></tr>")
    return (f"{_STYLE}<table class='orquestra-quorum'><tr><th>{t['managers']}</th><th>"
            f"{t['quorum']}</th><th>{t['failures']}</th></tr>{''.join(rows)}</table>"
            f"<small>* {t['seed']}</small>")


_STYLE = ("<style>.orquestra-quorum{border-collapse:collapse}"
          ".orquestra-quorum td,.orquestra-quorum th{padding:2px 14px;text-align:center;"
          "line-height:1.4}.orquestra-quorum th{border-bottom:1px solid #999}</style>")


class QuorumExplorer:
    """The widget; display it, or use ``.widget``."""

    def __init__(self, cluster: Cluster | None = None, *, lang: str | None = None,
                 interval: float = 1.0) -> None:
        self.cluster = cluster
        self.lang = lang = language.resolve(lang)
        start = len(cluster.managers) if cluster and cluster.managers else 3
        self.slider = w.IntSlider(value=min(start, 9), min=1, max=9,
                                  description=TEXTS.text("managers", lang))
        self.table = w.HTML(table_html(self.slider.value, lang=lang))
        self.slider.observe(self._on_slide, names="value")
        children: list[Any] = [self.slider, self.table]
        self.poller: Poller | None = None
        self.lost_at: float | None = None
        self.last_election: float | None = None
        if cluster is not None:
            self.stop_button = w.Button(description=TEXTS.text("stop", lang),
                                        button_style="danger")
            self.start_button = w.Button(description=TEXTS.text("start", lang),
                                         button_style="success")
            self.stop_button.on_click(lambda _: self.stop_next())
            self.start_button.on_click(lambda _: self.start_next())
            self.live = w.HTML()
            children += [w.HBox([self.stop_button, self.start_button]), self.live]
        self.widget = w.VBox(children)
        if cluster is not None:
            self.poller = Poller(self.refresh, interval=interval,
                                 alive=lambda: self.widget.comm is not None,
                                 on_error=lambda e: setattr(self.live, "value", html.escape(
                                     f"{type(e).__name__}: {e}"))).start()

    def _on_slide(self, change: dict[str, Any]) -> None:
        self.table.value = table_html(int(change["new"]), lang=self.lang)

    def _up(self) -> list[Node]:
        assert self.cluster is not None
        return [n for n in self.cluster.managers if n.state() == "running"]

    def stop_next(self) -> str | None:
        """Stop the last running manager (by name); return its name."""
        up = self._up()
        if not up:
            return None
        node = sorted(up, key=lambda n: n.name)[-1]
        node.kill()  # abrupt, like a crash: the election starts at once
        return node.name

    def start_next(self) -> str | None:
        """Start the first stopped manager; return its name."""
        assert self.cluster is not None
        down = [n for n in self.cluster.managers if n.state() != "running"]
        if not down:
            return None
        node = sorted(down, key=lambda n: n.name)[0]
        node.start(wait=False)
        return node.name

    def refresh(self) -> str:
        """Read the swarm now and update the line under the buttons; return it."""
        assert self.cluster is not None
        lang = self.lang
        n = len(self.cluster.managers)
        up = len(self._up())
        leader = self.cluster.leader()
        now = time.monotonic()
        if leader is None:
            self.lost_at = self.lost_at or now
            text = TEXTS.text("no_leader", lang, s=now - self.lost_at, up=up, n=n)
        else:
            if self.lost_at is not None:
                self.last_election = now - self.lost_at
                self.lost_at = None
            text = TEXTS.text("leader", lang, name=leader.name)
        lines = [text, TEXTS.text("online", lang, up=up, n=n, q=quorum(n))]
        if self.last_election is not None:
            lines.append(TEXTS.text("election", lang, s=self.last_election))
        colour = "#1b7f3b" if leader is not None else "#b00000"
        self.live.value = (f"<div style='color:{colour}'><b>{html.escape(lines[0])}</b></div>"
                           + "".join(f"<div>{html.escape(x)}</div>" for x in lines[1:]))
        return text

    def close(self) -> None:
        if self.poller:
            self.poller.stop()
        self.widget.close()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


def quorum_explorer(cluster: Cluster | None = None, *, lang: str | None = None) -> QuorumExplorer:
    """The explorer widget; with ``cluster``, its live stop/start buttons too."""
    return QuorumExplorer(cluster, lang=lang)
