"""Lesson 02, Why orchestrate: an app placed by hand on single hosts, and a host restart.

The checks of this lesson: functions of a :class:`~autograder.check.Context` that
return the exercise's parts."""

from __future__ import annotations

from typing import Any

from autograder.check import Check, Context
from autograder.result import Part
from labs.timing import epoch_seconds

CLUSTER_NAME = "lesson-02"
NODES = ("manager1", "worker1", "worker2")
PORT = 8080
SHOPS = {"worker1": "shop-1", "worker2": "shop-2"}
RESTARTING = ("always", "unless-stopped")
"""Policies that bring a shop back after a crash and after its host restarts."""
HEALING = ("on-failure", "always", "unless-stopped")
"""Policies that restart a crashed container (kill -9 ends it with code 137)."""
HOST = "worker1"
PROMO = "promo"


def _policy(raw: dict[str, Any]) -> str:
    return str(raw["HostConfig"]["RestartPolicy"]["Name"] or "no")


def _published(raw: dict[str, Any]) -> list[str]:
    """The container's published ports as ``-p`` writes them: ['8080:80']."""
    found = []
    for port, bindings in sorted((raw["HostConfig"].get("PortBindings") or {}).items()):
        for binding in bindings or []:
            found.append(f"{binding.get('HostPort') or '?'}:{port.split('/')[0]}")
    return found


def _elsewhere(ctx: Context, node: str, name: str) -> list[str]:
    """The other nodes (running) that hold a container called ``name``."""
    return [other for other in NODES if other != node and ctx.container(other, name)]


def _seen(ctx: Context, raw: dict[str, Any] | None) -> str:
    if raw is None:
        return ctx.msg("02.seen.absent")
    return ctx.msg("02.seen.container", state=raw["State"]["Status"], policy=_policy(raw))


# -- 02.1 --------------------------------------------------------------------------
def _shop(ctx: Context, node: str, name: str) -> list[Part]:
    raw = ctx.container(node, name)
    running = bool(raw and raw["State"]["Running"])
    policy = _policy(raw) if raw else "-"
    elsewhere = _elsewhere(ctx, node, name) if raw is None else []
    mistake = None
    if raw is None:
        mistake = "wrong_node" if elsewhere else None
    elif not running:
        mistake = "not_running"
    elif policy == "on-failure":
        mistake = "on_failure"
    elif policy not in RESTARTING:
        mistake = "no_policy"
    parts = [ctx.part(running and policy in RESTARTING, "02.1.running", waiting=False,
                      mistake=mistake, node=node, name=name, policy=policy,
                      seen=_seen(ctx, raw),
                      other=", ".join(elsewhere) or "-")]
    published = _published(raw) if raw else []
    right_port = f"{PORT}:80" in published
    status, _ = ctx.fetch(node, PORT) if running else (None, "")
    parts.append(ctx.part(
        status == 200, "02.1.answer", waiting=running and right_port,
        mistake="wrong_port" if raw is not None and not right_port else None,
        node=node, name=name, port=PORT,
        published=", ".join(published) or ctx.msg("02.seen.no_port")))
    return parts


def shops_by_hand(ctx: Context) -> list[Part]:
    """shop-1 on worker1 and shop-2 on worker2, restart policy set, both answering on 8080."""
    return [part for node, name in SHOPS.items() for part in _shop(ctx, node, name)]


# -- 02.2 --------------------------------------------------------------------------
def _promo_policy(ctx: Context, raw: dict[str, Any] | None) -> Part:
    """promo exists on worker1, was started once, and its policy brings it back during the
    sale: after a crash and after a restart of worker1, whose clean shutdown ends the app
    with code 0 (so on-failure would leave it down)."""
    started = bool(raw and epoch_seconds(raw["State"]["StartedAt"]))
    policy = _policy(raw) if raw else "-"
    elsewhere = _elsewhere(ctx, HOST, PROMO) if raw is None else []
    mistake = None
    if raw is None:
        mistake = "wrong_node" if elsewhere else None
    elif not started:
        mistake = "never_started"
    elif policy == "on-failure":
        mistake = "on_failure"
    elif policy not in RESTARTING:
        mistake = "no_policy"
    return ctx.part(started and policy in RESTARTING, "02.2.promo", waiting=False,
                    mistake=mistake, seen=_seen(ctx, raw), policy=policy,
                    other=", ".join(elsewhere) or "-")


def _restarted(ctx: Context, host: dict[str, Any], made: dict[str, float | None]) -> Part:
    """worker1 was stopped and started again after shop-1 and promo were created."""
    stopped = epoch_seconds(host["FinishedAt"])
    missing = [name for name, created in made.items() if created is None]
    late = [name for name, created in made.items()
            if created is not None and stopped is not None and created > stopped]
    ok = bool(host["Running"] and stopped and not missing and not late)
    mistake = None
    if not host["Running"]:
        mistake = "not_started"
    elif missing:
        mistake = "missing"
    elif stopped is None or len(late) == len(made):
        mistake = "never_stopped"
    elif late:
        mistake = "made_after"
    return ctx.part(ok, "02.2.restarted", waiting=False, mistake=mistake,
                    state=host["Status"], names=", ".join(late or missing) or "-")


def _shop_back(ctx: Context, raw: dict[str, Any] | None, restarted: bool,
               stopped: float | None) -> Part:
    """shop-1 came back by itself after the restart and answers on 8080."""
    running = bool(raw and raw["State"]["Running"])
    policy = _policy(raw) if raw else "-"
    status, _ = ctx.fetch(HOST, PORT) if running else (None, "")
    back = epoch_seconds(raw["State"]["StartedAt"]) if raw else None
    outage = back - stopped if back and stopped and back > stopped else 0.0
    mistake = None
    if raw is None:
        mistake = "missing"
    elif not running:
        mistake = "stopped"
    elif policy not in HEALING:
        mistake = "by_hand"
    elif status != 200:
        mistake = "not_answering"
    ok = restarted and running and policy in HEALING and status == 200
    return ctx.part(ok, "02.2.back", waiting=restarted and running and policy in HEALING,
                    mistake=mistake if restarted else None, seen=_seen(ctx, raw),
                    policy=policy, outage=outage, port=PORT)


def _promo_stayed(ctx: Context, raw: dict[str, Any] | None, restarted: bool) -> Part:
    """After the restart promo is still there, stopped: the engine did not start it."""
    running = bool(raw and raw["State"]["Running"])
    policy = _policy(raw) if raw else "-"
    mistake = None
    if raw is not None and running:
        mistake = {"always": "always", "on-failure": "on_failure",
                   "unless-stopped": "not_stopped"}.get(policy, "by_hand")
    ok = restarted and raw is not None and not running
    return ctx.part(ok, "02.2.stayed", waiting=False, mistake=mistake if restarted else None,
                    seen=_seen(ctx, raw), policy=policy)


def host_restart(ctx: Context) -> list[Part]:
    """promo (stopped by hand) stayed stopped and shop-1 came back after worker1 restarted."""
    host = ctx.cluster.node(HOST).inspect()["State"]
    if not host["Running"]:  # nothing on worker1 can be seen while it is off
        unseen = [ctx.part(False, "02.2.unseen", waiting=False, name=name)
                  for name in (PROMO, "shop-1", PROMO)]
        return [unseen[0], _restarted(ctx, host, {}), *unseen[1:]]
    shop = ctx.container(HOST, "shop-1")
    promo = ctx.container(HOST, PROMO)
    made = {name: epoch_seconds(raw["Created"]) if raw else None
            for name, raw in (("shop-1", shop), (PROMO, promo))}
    restarted = _restarted(ctx, host, made)
    return [_promo_policy(ctx, promo), restarted,
            _shop_back(ctx, shop, restarted.ok, epoch_seconds(host["FinishedAt"])),
            _promo_stayed(ctx, promo, restarted.ok)]

CHECKS = [
    Check("02.1", CLUSTER_NAME, shops_by_hand, points=2, window=15,
          hints=("02.1.hint.1", "02.1.hint.2", "02.1.hint.3")),
    Check("02.2", CLUSTER_NAME, host_restart, points=2, window=30,
          hints=("02.2.hint.1", "02.2.hint.2", "02.2.hint.3")),
]
