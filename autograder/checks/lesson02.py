"""Lesson 02, Why orchestrate: an app placed by hand on single hosts, and a host restart."""

from __future__ import annotations

from autograder.check import Check, Context
from autograder.result import Part
from labs.timing import docker_time

CLUSTER_NAME = "lesson-02"
CLUSTER = {"name": CLUSTER_NAME, "managers": 1, "workers": 2, "bare": True}
PORT = 8080
SHOPS = {"worker1": "shop-1", "worker2": "shop-2"}
RESTARTING = ("always", "unless-stopped")


def _shop(ctx: Context, node: str, name: str) -> list[Part]:
    raw = ctx.container(node, name)
    running = bool(raw and raw["State"]["Running"])
    policy = (raw["HostConfig"]["RestartPolicy"]["Name"] or "no") if raw else "-"
    status, _ = ctx.fetch(node, PORT) if running else (None, "")
    return [ctx.part(running and policy in RESTARTING, "02.1.running", waiting=False,
                     node=node, name=name, policy=policy),
            ctx.part(status == 200, "02.1.answer", waiting=running, node=node, name=name,
                     port=PORT)]


def shops_by_hand(ctx: Context) -> list[Part]:
    """shop-1 on worker1 and shop-2 on worker2, restart policy set, both answering on 8080."""
    return [part for node, name in SHOPS.items() for part in _shop(ctx, node, name)]


def host_restart(ctx: Context) -> list[Part]:
    """worker1 was stopped and started after shop-1 was made; shop-1 came back by itself."""
    host = ctx.cluster.node("worker1").inspect()["State"]
    raw = ctx.container("worker1", "shop-1")
    created = docker_time(raw["Created"]) if raw else None
    host_stopped = docker_time(host["FinishedAt"])
    restarted = bool(created and host_stopped and host_stopped > created and host["Running"])
    running = bool(raw and raw["State"]["Running"])
    back = docker_time(raw["State"]["StartedAt"]) if raw else None
    status, _ = ctx.fetch("worker1", PORT) if running else (None, "")
    outage = f"{back - host_stopped:.1f}" if back and host_stopped and back > host_stopped else "-"
    return [ctx.part(restarted, "02.2.restarted", waiting=False, state=host["Status"]),
            ctx.part(restarted and running and status == 200, "02.2.back", waiting=restarted,
                     outage=outage)]


CHECKS = [
    Check("02.1", CLUSTER_NAME, shops_by_hand, points=2, window=15,
          hints=("02.1.hint.1", "02.1.hint.2")),
    Check("02.2", CLUSTER_NAME, host_restart, points=2, window=30,
          hints=("02.2.hint.1", "02.2.hint.2")),
]
