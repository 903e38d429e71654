"""Lesson 00, Setting up the lab: a first container on a chosen node, reached from here."""

from __future__ import annotations

from autograder.check import Check, Context
from autograder.result import Part
from labs import probe

CLUSTER_NAME = "lesson-00"
CLUSTER = {"name": CLUSTER_NAME, "managers": 1, "workers": 1}


def _web_container(ctx: Context, node: str, name: str, port: int, version: str
                   ) -> list[Part]:
    """Container ``name`` runs on ``node`` and answers as app ``version`` on lab ``port``."""
    raw = ctx.container(node, name)
    running = bool(raw and raw["State"]["Running"])
    parts = [ctx.part(running, "00.hello.running", waiting=raw is not None and not running,
                      node=node, name=name)]
    status, body = ctx.fetch(node, port) if running else (None, "")
    answered = probe.field(body, "version") if status == 200 else None
    parts.append(ctx.part(answered == version, "00.hello.answer", waiting=running,
                          node=node, port=port, version=version,
                          seen=answered or (str(status) if status else "-")))
    return parts


def hello_worker1(ctx: Context) -> list[Part]:
    """A container 'hello' (app v1) runs on worker1 and answers on its lab port 8080."""
    return _web_container(ctx, "worker1", "hello", 8080, "v1")


def hello_manager1(ctx: Context) -> list[Part]:
    """A container 'hello' (app v2) runs on manager1 and answers on its lab port 8081."""
    return _web_container(ctx, "manager1", "hello", 8081, "v2")


CHECKS = [
    Check("00.1", CLUSTER_NAME, hello_worker1, points=1, window=15,
          hints=("00.1.hint.1", "00.1.hint.2")),
    Check("00.2", CLUSTER_NAME, hello_manager1, points=1, window=15,
          hints=("00.2.hint.1",)),
]
