"""Faults the lessons inject: a task's container killed, a network partition.

Node-level faults (stop, start, kill, pause, disconnect) are methods of
:class:`labs.Node`; these act across nodes.
"""

from __future__ import annotations

from labs.cluster import Cluster
from labs.errors import LabError, NodeError
from labs.node import Node


def kill_task(cluster: Cluster, service: str, *, slot: int | None = None) -> str:
    """Kill the container of one running task of ``service``; return the task's node.

    Swarm sees the task fail and starts a replacement: self-healing, live.
    """
    snapshot = cluster.status()
    running = [t for t in snapshot.running(service) if slot is None or t.slot == slot]
    if not running:
        raise LabError(
            f"service {service!r} has no running task"
            + (f" in slot {slot}" if slot is not None else "")
            + ". Check its name with cluster.status().services."
        )
    task = running[0]
    node = cluster.node(task.node)
    raw = cluster.manager().daemon.inspect_task(task.id)
    container_id = raw["Status"].get("ContainerStatus", {}).get("ContainerID")
    if not container_id:
        raise NodeError(f"task {task.id} on {node.name} has no container yet; try again.")
    node.daemon.kill(container_id)
    return node.name


def partition(nodes: list[Node]) -> None:
    """Cut ``nodes`` off the cluster network (each keeps its container running)."""
    for node in nodes:
        node.disconnect()


def heal(nodes: list[Node]) -> None:
    """Reconnect ``nodes`` after :func:`partition`, at their own addresses."""
    for node in nodes:
        if not node.connected():
            node.reconnect()
