"""Lesson 03, Swarm mode: init and nodes. The cluster starts bare (engines, no swarm)."""

from __future__ import annotations

from autograder.check import Check, Context
from autograder.result import Part

CLUSTER_NAME = "lesson-03"
CLUSTER = {"name": CLUSTER_NAME, "managers": 1, "workers": 2, "bare": True}


def swarm_by_hand(ctx: Context) -> list[Part]:
    """manager1 leads a swarm; worker1 and worker2 joined it as ready workers."""
    nodes = ctx.nodes()
    leader = nodes.get("manager1", {}).get("ManagerStatus", {}).get("Leader", False)
    parts = [ctx.part(bool(leader), "03.1.init", waiting=False)]
    for name in ("worker1", "worker2"):
        raw = nodes.get(name)
        ok = bool(raw and raw["Spec"]["Role"] == "worker" and raw["Status"]["State"] == "ready")
        # a node that joined becomes ready by itself; one that never joined does not
        parts.append(ctx.part(ok, "03.1.join", waiting=raw is not None, node=name))
    return parts


def drain_worker2(ctx: Context) -> list[Part]:
    """worker2 is drained and runs no task."""
    raw = ctx.nodes().get("worker2")
    availability = raw["Spec"]["Availability"] if raw else "?"
    running = [t for t in ctx.api.tasks(filters={"desired-state": "running"})
               if raw and t.get("NodeID") == raw["ID"] and t["Status"]["State"] == "running"]
    return [ctx.part(availability == "drain", "03.2.drain", waiting=False,
                     availability=availability),
            # no task on worker2 counts only once it is drained, not by luck of placement
            ctx.part(availability == "drain" and not running, "03.2.tasks",
                     waiting=availability == "drain", count=len(running))]


def label_worker1(ctx: Context) -> list[Part]:
    """worker1 carries the node label disk=ssd."""
    raw = ctx.nodes().get("worker1")
    labels = dict(raw["Spec"].get("Labels") or {}) if raw else {}
    shown = ", ".join(f"{k}={v}" for k, v in labels.items()) or "{}"
    return [ctx.part(labels.get("disk") == "ssd", "03.3.label", waiting=False, labels=shown)]


CHECKS = [
    Check("03.1", CLUSTER_NAME, swarm_by_hand, points=3, hints=("03.1.hint.1", "03.1.hint.2")),
    Check("03.2", CLUSTER_NAME, drain_worker2, points=2, hints=("03.2.hint.1",)),
    Check("03.3", CLUSTER_NAME, label_worker1, points=1, hints=("03.3.hint.1",)),
]
