"""The cluster as a picture: managers and workers, the leader, states, tasks.

Drawn with graphviz from a :class:`~labs.status.ClusterStatus` snapshot, so
it needs no live swarm: with no leader it still draws the node containers
and says so on the picture. In a notebook the returned ``graphviz.Digraph``
shows itself as SVG.
"""

from __future__ import annotations

import html
import itertools
from typing import Any

import graphviz

from labs import language
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
TEXTS = {
    "pt-BR": {"leader": "líder", "no_leader": "SEM LÍDER", "no_tasks": "sem tarefas",
              "managers": "managers", "workers": "workers", "container": "contêiner",
              "no_swarm": "sem swarm: engines Docker independentes"},
    "en": {"leader": "leader", "no_leader": "NO LEADER", "no_tasks": "no tasks",
           "managers": "managers", "workers": "workers", "container": "container",
           "no_swarm": "no swarm: independent Docker engines"},
}


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
                texts: dict[str, str]) -> str:
    state = node_state(node)
    title = html.escape(node.hostname)
    if node.leader:
        title = f"★ {title} ({texts['leader']})"
    rows = [
        f'<tr><td bgcolor="{_fill(state)}" colspan="2"><b>{title}</b></td></tr>',
        f'<tr><td colspan="2"><font point-size="10">{html.escape(node.role)} · '
        f"{html.escape(state)} · {texts['container']} {html.escape(node.container_state)}"
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


def diagram(snapshot: ClusterStatus, *, networks: bool = False, lang: str | None = None
            ) -> graphviz.Digraph:
    """Draw ``snapshot``: nodes grouped by role, leader starred, tasks inside nodes.

    ``networks=True`` adds each overlay network, linked to the nodes that run
    tasks attached to it.
    """
    texts = TEXTS.get(language.resolve(lang), TEXTS["pt-BR"])
    colours = {s.name: SERVICE_COLOURS[i % len(SERVICE_COLOURS)]
               for i, s in enumerate(snapshot.services)}
    graph = graphviz.Digraph(name=snapshot.name, format="svg")
    label = snapshot.name
    alarm = snapshot.leader is None and snapshot.problem != NO_SWARM
    if snapshot.problem == NO_SWARM:
        label += f"  —  {texts['no_swarm']}"
    elif snapshot.leader is None:
        label += f"  —  {texts['no_leader']}"
        if snapshot.problem:
            label += f": {snapshot.problem}"
    graph.attr(label=label, labelloc="t", fontname="Helvetica", fontsize="14",
               fontcolor="#b00000" if alarm else "#222222",
               rankdir="TB", nodesep="0.3", newrank="true")
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
                group.node(node.hostname, _node_label(node, snapshot, colours, texts))
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
    """The diagram as SVG text."""
    return str(diagram(snapshot, **options).pipe(format="svg").decode())
