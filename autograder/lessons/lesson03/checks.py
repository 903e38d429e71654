"""Lesson 03, Swarm mode: init and nodes. The cluster starts bare (engines, no swarm).

The checks of this lesson: functions of a :class:`~autograder.check.Context` that
return the exercise's parts."""

from __future__ import annotations

from typing import Any

from autograder.check import Check, Context
from autograder.result import Part
from labs import placement
from labs.status import NodeStatus

CLUSTER_NAME = "lesson-03"
WORKERS = ("worker1", "worker2")
SSD = ("disk", "ssd")
"""The node label of exercise 03.3: key and value."""
DB = "db"
"""The service of exercise 03.3."""


# -- 03.1 ------------------------------------------------------------------------------
def _own_info(ctx: Context, name: str) -> dict[str, Any]:
    """The swarm as node ``name`` itself sees it (empty when its container is stopped)."""
    return ctx.cluster.node(name).swarm_info() if ctx.node_running(name) else {}


def _members(ctx: Context) -> dict[str, NodeStatus] | None:
    """manager1's swarm, node by hostname (the live entry when a node rejoined), or None
    when manager1 does not manage a swarm."""
    info = _own_info(ctx, "manager1")
    if info.get("LocalNodeState") != "active" or not info.get("ControlAvailable"):
        return None
    return ctx.swarm.swarm_nodes


def _joined(ctx: Context, name: str, members: dict[str, NodeStatus] | None
            ) -> tuple[bool, bool, str, str | None]:
    """Whether worker ``name`` is a ready worker of manager1's swarm: (ok, waiting, what
    was seen, the mistake recognised or None)."""
    member = (members or {}).get(name)
    if member is not None:
        if member.role == "manager":
            return False, False, "manager", "manager_token"
        if member.state == "down":
            return False, False, "down", "down"
        return member.state == "ready", True, "joining", None
    info = _own_info(ctx, name)
    local = info.get("LocalNodeState", "")
    if not info:
        return False, False, "stopped", None
    if local == "active":
        if info.get("ControlAvailable"):
            return False, False, "own", "own_swarm"
        return False, False, "other", "other_swarm"
    if local == "pending":
        return False, True, "joining", None
    return False, False, "outside" if members is not None else "no_swarm", None


def swarm_by_hand(ctx: Context) -> list[Part]:
    """manager1 leads a swarm; worker1 and worker2 joined it as ready workers."""
    members = _members(ctx)
    me = (members or {}).get("manager1")
    parts = [ctx.part(me is not None and me.leader, "03.1.init", waiting=False)]
    for name in WORKERS:
        ok, waiting, seen, mistake = _joined(ctx, name, members)
        parts.append(ctx.part(ok, "03.1.join", waiting=waiting, mistake=mistake, node=name,
                              seen=ctx.msg(f"03.1.seen.{seen}")))
    return parts


# -- 03.2 ------------------------------------------------------------------------------
def drain_worker2(ctx: Context) -> list[Part]:
    """worker2 is drained and runs no task."""
    swarm = ctx.swarm
    nodes = swarm.swarm_nodes
    worker2 = nodes.get("worker2")
    availability = worker2.availability if worker2 else ""
    drained = availability == "drain"
    others = sorted(name for name, node in nodes.items()
                    if name != "worker2" and node.availability == "drain")
    mistake = None
    if availability == "pause":
        mistake = "pause"
    elif not drained and others:
        mistake = "other_node"
    # an old task keeps running (its desired state already shutdown) until its container
    # stops, up to the stop grace period after the drain: count what really runs
    running = [t for t in swarm.tasks
               if worker2 and t.node_id == worker2.id and t.state == "running"]
    shown = availability or ctx.msg("03.2.absent")
    return [ctx.part(drained, "03.2.drain", waiting=False, mistake=mistake,
                     availability=shown, other=", ".join(others)),
            # no task on worker2 counts only once it is drained, not by luck of placement
            ctx.part(not running, "03.2.tasks", waiting=True, count=len(running))
            if drained else ctx.part(False, "03.2.undrained", waiting=False)]


# -- 03.3 ------------------------------------------------------------------------------
def _names(ctx: Context, names: list[str]) -> str:
    return ", ".join(names) or ctx.msg("03.3.nobody")


def label_and_place(ctx: Context) -> list[Part]:
    """worker1 carries the node label disk=ssd, and service db may run, and runs, only on
    nodes with that label, because a constraint on a node label says so."""
    swarm = ctx.swarm
    nodes = swarm.swarm_nodes
    key, value = SSD
    labels = {name: node.labels for name, node in nodes.items()}
    mine = labels.get("worker1", {})
    labelled = sorted(name for name, found in labels.items() if found.get(key) == value)
    label_mistake = None
    if "worker1" not in labelled:
        if labelled:
            label_mistake = "other_node"
        elif key in mine:
            label_mistake = "value"
        elif value in mine.values():
            label_mistake = "key"
    parts = [ctx.part("worker1" in labelled, "03.3.label", waiting=False, mistake=label_mistake,
                      labels=", ".join(f"{k}={v}" for k, v in mine.items()) or "{}",
                      value=mine.get(key, ""), others=", ".join(labelled))]
    service = swarm.service(DB)
    if service is None:
        return [*parts, ctx.part(False, "03.3.service", 2.0, waiting=False)]

    constraints = service.constraints
    allowed = placement.allowed(constraints, nodes)
    on_label = any(c.strip().lower().startswith("node.labels.") for c in constraints)
    placed = on_label and bool(labelled) and allowed == labelled
    mistake = None
    if not constraints:
        mistake = "none"
    elif not on_label:
        mistake = "no_label"
    elif not allowed:
        mistake = "nothing"
    elif not placed:
        mistake = "wide"
    parts.append(ctx.part(placed, "03.3.constraint", waiting=False, mistake=mistake,
                          constraints=", ".join(constraints) or "-",
                          allowed=_names(ctx, allowed), labelled=_names(ctx, labelled)))

    tasks = [t for t in swarm.tasks_of(DB) if t.desired_state == "running"]
    running = [t.node or "?" for t in tasks if t.state == "running"]
    outside = sorted({name for name in running if name not in labelled})
    if outside:  # they move by themselves only once the constraint requires the label
        return [*parts, ctx.part(False, "03.3.outside", waiting=placed,
                                 outside=", ".join(outside), labelled=_names(ctx, labelled))]
    active = [name for name in labelled if nodes[name].availability == "active"]
    schedulable = [name for name in allowed if nodes[name].availability == "active"]
    replicas = service.replicas
    tasks_mistake = None
    if replicas == 0:
        tasks_mistake = "zero"
    elif placed and not active:
        tasks_mistake = "inactive"
    ok = bool(tasks) and len(running) == len(tasks)
    if ok and not placed:  # where they run is luck: a new task may go elsewhere
        return [*parts, ctx.part(False, "03.3.luck", waiting=False,
                                 nodes=_names(ctx, sorted(set(running))))]
    parts.append(ctx.part(ok, "03.3.tasks", waiting=bool(schedulable) and replicas != 0,
                          mistake=tasks_mistake, running=len(running), wanted=len(tasks),
                          labelled=_names(ctx, labelled)))
    return parts

CHECKS = [
    Check("03.1", CLUSTER_NAME, swarm_by_hand, points=3,
          hints=("03.1.hint.1", "03.1.hint.2", "03.1.hint.3")),
    Check("03.2", CLUSTER_NAME, drain_worker2, points=2, window=30,
          hints=("03.2.hint.1", "03.2.hint.2", "03.2.hint.3")),
    Check("03.3", CLUSTER_NAME, label_and_place, points=1, window=30,
          hints=("03.3.hint.1", "03.3.hint.2", "03.3.hint.3")),
]
