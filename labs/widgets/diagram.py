"""The cluster as a picture: managers and workers, the leader, states, tasks.

Drawn with graphviz from a :class:`~labs.status.ClusterStatus` snapshot, so
it needs no live swarm: with no leader it still draws the node containers
and says so on the picture. In a notebook the returned ``graphviz.Digraph``
shows itself as SVG.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Mapping
from typing import Any

import graphviz

from labs import language
from labs.errors import LabError
from labs.i18n import Catalogue
from labs.status import NO_SWARM, ClusterStatus, NodeStatus

# Fill colours of a node by what matters most about it now.
STATE_COLOURS = {
    "ready": "#d8f0dc",
    "drain": "#ffe6c2",
    "down": "#f6c9c9",
    "paused": "#e3d7f3",
    "unknown": "#e4e4e4",
}
# Tasks are coloured by service, in this order.
SERVICE_COLOURS = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
                   "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac")
# Inches (72 pt each; 1 pt shows as 1.33 px): at most about 770 px wide, what a notebook cell
# shows without a scrollbar next to JupyterLab's file browser.
MAX_SIZE = "8,7"

TEXTS = Catalogue(__name__, {
    "leader": {"pt-BR": "líder", "en": "leader"},
    "no_leader": {"pt-BR": "SEM LÍDER", "en": "NO LEADER"},
    "no_tasks": {"pt-BR": "sem tarefas", "en": "no tasks"},
    "managers": {"pt-BR": "managers", "en": "managers"},
    "workers": {"pt-BR": "workers", "en": "workers"},
    "container": {"pt-BR": "contêiner", "en": "container"},
    "no_swarm": {
        "pt-BR": "sem swarm: Docker Engines independentes",
        "en": "no swarm: independent Docker engines",
    },
    "legend": {"pt-BR": "cor do nó:", "en": "node colour:"},
    "no_dot": {
        "pt-BR": "O diagrama não pode ser desenhado: falta o Graphviz (o programa dot). Num "
                 "terminal, rode {command} e execute esta célula de novo. O cluster agora, em "
                 "texto:",
        "en": "The diagram cannot be drawn: Graphviz (the dot program) is missing. In a "
              "terminal, run {command}, then run this cell again. The cluster now, as text:",
    },
})
# A node's state (see node_state) and its container's state, as the picture names them.
STATES = Catalogue(f"{__name__}.states", {
    "ready": {"pt-BR": "pronto", "en": "ready"},
    "drain": {"pt-BR": "drain", "en": "drain"},
    "down": {"pt-BR": "fora do ar", "en": "down"},
    "paused": {"pt-BR": "pausado", "en": "paused"},
    "unreachable": {"pt-BR": "inalcançável", "en": "unreachable"},
    "unknown": {"pt-BR": "desconhecido", "en": "unknown"},
    "running": {"pt-BR": "rodando", "en": "running"},
    "exited": {"pt-BR": "parado", "en": "exited"},
    "created": {"pt-BR": "criado", "en": "created"},
    "restarting": {"pt-BR": "reiniciando", "en": "restarting"},
    "removing": {"pt-BR": "sendo removido", "en": "removing"},
    "dead": {"pt-BR": "morto", "en": "dead"},
    "missing": {"pt-BR": "não existe", "en": "missing"},
})


def node_state(node: NodeStatus) -> str:
    """One word for the node's condition, by precedence: the container first."""
    if node.container_state == "paused":
        return "paused"
    if node.container_state != "running" or node.state == "down":
        return "down"
    if node.reachability == "unreachable":
        return "unreachable"
    if node.availability == "drain":
        return "drain"
    if node.state in ("ready",):
        return "ready"
    return "unknown"


def _fill(state: str) -> str:
    return STATE_COLOURS.get(state, STATE_COLOURS["unknown"])


def _node_label(node: NodeStatus, snapshot: ClusterStatus, colours: dict[str, str],
                texts: Mapping[str, str], states: Mapping[str, str]) -> str:
    state = node_state(node)
    title = html.escape(node.hostname)
    if node.leader:
        title = f"★ {title} ({texts['leader']})"
    rows = [
        f'<tr><td bgcolor="{_fill(state)}" colspan="2"><b>{title}</b></td></tr>',
        f'<tr><td colspan="2"><font point-size="10">{html.escape(node.role)} · '
        f"{html.escape(states.get(state, state))} · {texts['container']} "
        f"{html.escape(states.get(node.container_state, node.container_state))}"
        "</font></td></tr>",
    ]
    tasks = snapshot.tasks_on(node.hostname)
    for task in tasks:
        colour = colours.get(task.service, "#999999")
        slot = f".{task.slot}" if task.slot else ""
        rows.append(
            f'<tr><td bgcolor="{colour}" colspan="2"><font point-size="10" color="white">'
            f"<b>{html.escape(task.service + slot)}</b></font></td></tr>")
    if not tasks:
        rows.append(f'<tr><td colspan="2"><font point-size="9" color="#777777">'
                    f"{texts['no_tasks']}</font></td></tr>")
    return ('<<table border="0" cellborder="1" cellspacing="0" cellpadding="4">'
            + "".join(rows) + "</table>>")


def _title(snapshot: ClusterStatus, texts: Mapping[str, str], states: Mapping[str, str]) -> str:
    """The picture's title, in red when the swarm has no leader, over the colour legend
    of the node states it shows."""
    title = snapshot.name
    alarm = snapshot.leader is None and snapshot.problem != NO_SWARM
    if snapshot.problem == NO_SWARM:
        title += f"  —  {texts['no_swarm']}"
    elif snapshot.leader is None:
        title += f"  —  {texts['no_leader']}"
        if snapshot.problem:
            title += f": {snapshot.problem}"
    shown = {node_state(n) for n in snapshot.nodes}
    keys = "".join(
        f'<td bgcolor="{_fill(state)}" border="1"><font point-size="9">'
        f"{html.escape(states[state])}</font></td>"
        for state in (*STATE_COLOURS, "unreachable") if state in shown)
    legend = (f'<tr><td><table border="0" cellspacing="2" cellpadding="2"><tr>'
              f'<td><font point-size="9" color="#555555">{texts["legend"]}</font></td>'
              f"{keys}</tr></table></td></tr>") if keys else ""
    return (f'<<table border="0" cellborder="0" cellspacing="0"><tr><td>'
            f'<font point-size="14" color="{"#b00000" if alarm else "#222222"}">'
            f"{html.escape(title)}</font></td></tr>{legend}</table>>")


def as_text(snapshot: ClusterStatus, *, lang: str | None = None) -> str:
    """The diagram's content as lines of text: one node a line, with its tasks."""
    texts, states = TEXTS.table(lang), STATES.table(lang)
    lines = [snapshot.name]
    for node in snapshot.nodes:
        state = node_state(node)
        star = f"★ {node.hostname} ({texts['leader']})" if node.leader else node.hostname
        tasks = [t.service + (f".{t.slot}" if t.slot else "")
                 for t in snapshot.tasks_on(node.hostname)]
        lines.append(f"  {star} · {node.role} · {states.get(state, state)} · "
                     f"{', '.join(tasks) or texts['no_tasks']}")
    return "\n".join(lines)


class Diagram(graphviz.Digraph):  # type: ignore[misc]
    """A ``graphviz.Digraph`` that, where Graphviz's ``dot`` is missing, shows a short
    message and the cluster as text in the notebook instead of a traceback."""

    fallback: tuple[str, str] = ("", "")
    """(HTML, plain text) to show when ``dot`` cannot run."""

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None,
                          **kwargs: Any) -> dict[str, Any]:
        try:
            return dict(super()._repr_mimebundle_(include, exclude, **kwargs))
        except graphviz.ExecutableNotFound:
            return {"text/html": self.fallback[0], "text/plain": self.fallback[1]}


def _fallback(snapshot: ClusterStatus, lang: str) -> tuple[str, str]:
    from labs import system

    command = system.how_to_install([system.GRAPHVIZ], lang=lang)
    message = TEXTS.template("no_dot", lang)
    text = as_text(snapshot, lang=lang)
    page = ("<div class='orquestra-no-dot' style='border-left:4px solid #d9a400;"
            "background:#fff8e1;padding:6px 10px'>"
            + html.escape(message).replace("{command}", f"<code>{html.escape(command)}</code>")
            + f"<pre style='margin:6px 0 0'>{html.escape(text)}</pre></div>")
    return page, TEXTS.text("no_dot", lang, command=command) + "\n" + text


def diagram(snapshot: ClusterStatus, *, networks: bool = False, lang: str | None = None
            ) -> Diagram:
    """Draw ``snapshot``: nodes grouped by role, leader starred, tasks inside nodes,
    a colour legend of the node states under the title.

    ``networks=True`` adds each overlay network, linked to the nodes that run
    tasks attached to it. Without Graphviz's ``dot`` the notebook shows a short
    message and the cluster as text (:func:`as_text`) instead of the picture.
    """
    lang = language.resolve(lang)
    lang = lang if lang in language.LANGUAGES else "pt-BR"
    texts, states = TEXTS.table(lang), STATES.table(lang)
    colours = {s.name: SERVICE_COLOURS[i % len(SERVICE_COLOURS)]
               for i, s in enumerate(snapshot.services)}
    graph = Diagram(name=snapshot.name, format="svg")
    graph.fallback = _fallback(snapshot, lang)
    graph.attr(label=_title(snapshot, texts, states), labelloc="t", fontname="Helvetica",
               rankdir="TB", nodesep="0.3", newrank="true",
               size=MAX_SIZE)  # scaled down to fit a notebook cell, never up
    graph.attr("node", shape="plain", fontname="Helvetica")
    for role, title in (("manager", texts["managers"]), ("worker", texts["workers"])):
        members = [n for n in snapshot.nodes if n.role == role]
        if not members:
            continue
        with graph.subgraph(name=f"cluster_{role}s") as group:
            # one row, in the snapshot's order: invisible edges between same-rank
            # nodes keep dot from swapping them (it drew worker2 left of worker1)
            group.attr(label=title, style="rounded,dashed", color="#888888", rank="same")
            for node in members:
                group.node(node.hostname, _node_label(node, snapshot, colours, texts, states))
            for left, right in itertools.pairwise(members):
                group.edge(left.hostname, right.hostname, style="invis")
    if networks:
        graph.attr("edge", style="dashed", arrowhead="none", color="#555555")
        names = sorted({n for s in snapshot.services for n in s.networks})
        for index, network in enumerate(names):
            # ids without ':' (graphviz reads "a:b" in an edge as node a, port b)
            node_id = f"network{index}"
            graph.node(node_id, network, shape="ellipse", style="dashed")
            services = {s.name for s in snapshot.services if network in s.networks}
            hosts = sorted({t.node for t in snapshot.tasks
                            if t.service in services and t.live and t.node})
            for host in hosts:
                graph.edge(host, node_id)
    return graph


def svg(snapshot: ClusterStatus, **options: Any) -> str:
    """The diagram as SVG text. Raises :class:`~labs.errors.LabError` without ``dot``."""
    picture = diagram(snapshot, **options)
    try:
        return str(picture.pipe(format="svg").decode())
    except graphviz.ExecutableNotFound as exc:
        raise LabError(picture.fallback[1].split("\n")[0]) from exc
