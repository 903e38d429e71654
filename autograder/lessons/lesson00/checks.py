"""Lesson 00, Setting up the lab: a first container on a chosen node, reached from here.

The checks of this lesson: functions of a :class:`~autograder.check.Context` that
return the exercise's parts."""

from __future__ import annotations

from typing import Any

from autograder.check import Check, Context
from autograder.result import Part
from labs import probe

CLUSTER_NAME = "lesson-00"
NODES = ("manager1", "worker1")
APP_PORT = 80
"""The port the demo app listens on inside its container."""


def _bindings(raw: dict[str, Any]) -> list[tuple[int, int]]:
    """(node port, container port) pairs a container publishes, as ``docker port`` lists."""
    found = []
    for key, hosts in (raw["HostConfig"].get("PortBindings") or {}).items():
        inside = int(key.split("/")[0])
        for host in hosts or []:
            if str(host.get("HostPort") or "").isdigit():
                found.append((int(host["HostPort"]), inside))
    return sorted(found)


def _holder(ctx: Context, node: str, port: int) -> str | None:
    """Name of a container on ``node`` that publishes node port ``port``, if any."""
    for raw in ctx.containers(node):
        if any(host == port for host, _ in _bindings(raw)):
            return str(raw["Name"]).lstrip("/")
    return None


def _seen(ctx: Context, status: int | None, answered: str | None) -> str:
    """What the lab port gave back, in words."""
    if status is None:
        return ctx.msg("00.seen.nothing")
    if status != 200:
        return ctx.msg("00.seen.status", status=status)
    if answered is None:
        return ctx.msg("00.seen.other")
    return ctx.msg("00.seen.version", version=answered)


def _web_container(ctx: Context, node: str, name: str, port: int, version: str
                   ) -> list[Part]:
    """Container ``name`` runs on ``node`` and answers as app ``version`` on lab ``port``."""
    if not ctx.node_running(node):
        return [ctx.part(False, "00.hello.running", waiting=False, node=node, name=name),
                ctx.part(False, "00.hello.answer", waiting=False, node=node, port=port,
                         version=version, seen=ctx.msg("00.seen.nothing"))]
    raw = ctx.container(node, name)
    running = bool(raw and raw["State"]["Running"])
    mistake: str | None = None
    found: dict[str, Any] = {}
    if raw is None:
        other = next(n for n in NODES if n != node)
        elsewhere = ctx.container(other, name)
        holder = _holder(ctx, node, port)
        if elsewhere is not None and any(h == port for h, _ in _bindings(elsewhere)):
            mistake, found = "other_node", {"other": other}
        elif holder is not None:
            mistake, found = "other_name", {"other": holder}
    elif not running:
        mistake = "stopped"
        found = {"status": raw["State"]["Status"], "code": raw["State"]["ExitCode"]}
    parts = [ctx.part(running, "00.hello.running", waiting=raw is not None and not running
                      and mistake is None, mistake=mistake, node=node, name=name, port=port,
                      **found)]

    status, body = ctx.fetch(node, port)
    answered = probe.field(body, "version") if status == 200 else None
    mistake, found = None, {}
    if raw is not None and running and answered != version:
        pairs = _bindings(raw)
        to_port = [inside for host, inside in pairs if host == port]
        from_app = [host for host, inside in pairs if inside == APP_PORT]
        if not pairs:
            mistake = "not_published"
        elif (APP_PORT, port) in pairs and not to_port:
            mistake = "reversed"
        elif to_port and APP_PORT not in to_port:
            mistake, found = "wrong_target", {"inside": to_port[0]}
        elif not to_port and from_app:
            mistake, found = "other_port", {"published": from_app[0]}
        elif not to_port:
            mistake = "wrong_binding"
            found = {"bindings": ", ".join(f"{inside} → {host}" for host, inside in pairs)}
        elif answered is not None:
            mistake, found = "wrong_tag", {"image": raw["Config"]["Image"]}
    parts.append(ctx.part(answered == version, "00.hello.answer",
                          waiting=running and mistake is None, mistake=mistake, node=node,
                          name=name, port=port, version=version,
                          seen=_seen(ctx, status, answered), **found))
    return parts


def hello_worker1(ctx: Context) -> list[Part]:
    """A container 'hello' (app v1) runs on worker1 and answers on its lab port 8080."""
    return _web_container(ctx, "worker1", "hello", 8080, "v1")


def hello_manager1(ctx: Context) -> list[Part]:
    """A container 'hello' (app v2) runs on manager1 and answers on its lab port 8081."""
    return _web_container(ctx, "manager1", "hello", 8081, "v2")

CHECKS = [
    Check("00.1", CLUSTER_NAME, hello_worker1, points=1, window=15,
          hints=("00.1.hint.1", "00.1.hint.2", "00.1.hint.3")),
    Check("00.2", CLUSTER_NAME, hello_manager1, points=1, window=15,
          hints=("00.2.hint.1", "00.2.hint.2", "00.2.hint.3")),
]
