"""A live swarm visualizer in the notebook: nodes as columns, tasks as coloured boxes.

The docker-swarm-visualizer idea as an ipywidget. It refreshes itself about
once a second in a background thread (the kernel stays free), highlights
what changed since the last refresh (a task that started, a node whose
state changed), keeps drawing through quorum loss or a node that vanished,
and stops when closed. Fault buttons (stop/start a node, kill a task) are
optional and off by default.
"""

from __future__ import annotations

import html
import time
from typing import Any

import ipywidgets as w

from labs import faults, language
from labs.cluster import Cluster
from labs.i18n import Catalogue
from labs.status import ClusterStatus
from labs.widgets.diagram import SERVICE_COLOURS, STATE_COLOURS, node_state
from labs.widgets.poller import Poller

TEXTS = Catalogue(__name__, {
    "no_leader": {"pt-BR": "SEM LÍDER", "en": "NO LEADER"},
    "updated": {"pt-BR": "atualizado às {t}", "en": "updated at {t}"},
    "stop": {"pt-BR": "parar", "en": "stop"},
    "start": {"pt-BR": "iniciar", "en": "start"},
    "kill": {"pt-BR": "matar uma tarefa de", "en": "kill a task of"},
    "error": {"pt-BR": "erro ao ler o cluster", "en": "could not read the cluster"},
})


def render(snapshot: ClusterStatus, previous: ClusterStatus | None = None, *,
           lang: str | None = None) -> str:
    """HTML of one snapshot; what differs from ``previous`` gets a highlight."""
    colours = {s.name: SERVICE_COLOURS[i % len(SERVICE_COLOURS)]
               for i, s in enumerate(snapshot.services)}
    old_tasks = {task.id for task in previous.tasks if task.live} if previous else set()
    old_states = {n.hostname: node_state(n) for n in previous.nodes} if previous else {}
    columns = []
    for node in snapshot.nodes:
        state = node_state(node)
        changed = previous is not None and old_states.get(node.hostname) != state
        star = "★ " if node.leader else ""
        boxes = []
        for task in snapshot.tasks_on(node.hostname, running_only=False):
            if task.desired_state != "running":
                continue
            new = previous is not None and task.live and task.id not in old_tasks
            slot = f".{task.slot}" if task.slot else ""
            boxes.append(
                f"<div class='task{' new' if new else ''}' data-state='{task.state}' "
                f"style='background:{colours.get(task.service, '#999')};color:white;"
                f"margin:3px;padding:3px 6px;border-radius:4px;"
                f"{'outline:3px solid #ffcc00;' if new else ''}"
                f"{'opacity:0.5;' if not task.live else ''}'>"
                f"{html.escape(task.service + slot)} <small>{html.escape(task.state)}</small>"
                "</div>")
        columns.append(
            f"<div class='node{' changed' if changed else ''}' data-node='{node.hostname}' "
            f"data-state='{state}' style='flex:1;min-width:120px;margin:4px;"
            f"border:2px solid {'#ffcc00' if changed else '#888'};border-radius:6px'>"
            f"<div style='background:{STATE_COLOURS.get(state, '#e4e4e4')};padding:4px'>"
            f"<b>{star}{html.escape(node.hostname)}</b><br><small>{html.escape(node.role)} · "
            f"{html.escape(state)}</small></div>{''.join(boxes)}</div>")
    banner = ""
    if snapshot.leader is None:
        banner = (f"<div style='color:#b00000;font-weight:bold'>"
                  f"{TEXTS.text('no_leader', lang)}: "
                  f"{html.escape(snapshot.problem)}</div>")
    updated = TEXTS.text("updated", lang, t=time.strftime("%H:%M:%S"))
    return (f"<div class='orquestra-live'>{banner}<div style='display:flex'>"
            f"{''.join(columns)}</div><small>{updated}</small></div>")


class LiveView:
    """The widget; display it, or use ``.widget``. ``close()`` stops the refresh."""

    def __init__(self, cluster: Cluster, *, interval: float = 1.0, fault_buttons: bool = False,
                 lang: str | None = None) -> None:
        self.cluster = cluster
        self.lang = language.resolve(lang)
        self.view = w.HTML()
        self.snapshot: ClusterStatus | None = None
        children: list[Any] = [self.view]
        if fault_buttons:
            children.append(self._buttons())
        self.widget = w.VBox(children)
        self.poller = Poller(self.refresh, interval=interval,
                             alive=lambda: self.widget.comm is not None,
                             on_error=self._show_error).start()

    def refresh(self) -> None:
        snapshot = self.cluster.status()
        self.view.value = render(snapshot, self.snapshot, lang=self.lang)
        self.snapshot = snapshot

    def _show_error(self, exc: BaseException) -> None:
        self.view.value = (f"<div style='color:#b00000'>{TEXTS.text('error', self.lang)}: "
                           f"{html.escape(str(exc))}</div>") + self.view.value

    def _buttons(self) -> w.Widget:
        lang = self.lang
        rows = []
        for node in self.cluster.nodes:
            stop = w.Button(description=f"{TEXTS.text('stop', lang)} {node.name}")
            start = w.Button(description=f"{TEXTS.text('start', lang)} {node.name}")
            stop.on_click(lambda _, n=node: n.stop())
            start.on_click(lambda _, n=node: n.start(wait=False))
            rows.append(w.HBox([stop, start]))
        service = w.Text(placeholder="web")
        kill = w.Button(description=TEXTS.text("kill", lang))
        kill.on_click(lambda _: faults.kill_task(self.cluster, service.value))
        rows.append(w.HBox([kill, service]))
        return w.VBox(rows)

    def close(self) -> None:
        self.poller.stop()
        self.widget.close()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


def live(cluster: Cluster, *, interval: float = 1.0, fault_buttons: bool = False,
         lang: str | None = None) -> LiveView:
    """Watch ``cluster`` live in the notebook."""
    return LiveView(cluster, interval=interval, fault_buttons=fault_buttons, lang=lang)
