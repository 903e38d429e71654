"""Lesson 01, Containers vs virtual machines: cgroup limits and start times on one engine."""

from __future__ import annotations

import statistics

from autograder.check import Check, Context
from autograder.result import Part
from labs.timing import docker_time

CLUSTER_NAME = "lesson-01"
CLUSTER = {"name": CLUSTER_NAME, "managers": 1, "workers": 0, "bare": True}
NODE = "manager1"
MiB = 1024 * 1024
LIMITED_BYTES = 64 * MiB
START_LABEL = "lab=start"
START_RUNS = 5
# where a container reads its own memory limit: cgroup v1, then v2
_CGROUP_LIMIT = ("cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null"
                 " || cat /sys/fs/cgroup/memory.max")


def _cgroup_limit(ctx: Context, name: str) -> int | None:
    """The memory limit the kernel holds for container ``name``, read from inside it."""
    api = ctx.engine(NODE)
    exec_id = api.exec_create(name, ["sh", "-c", _CGROUP_LIMIT])["Id"]
    output = api.exec_start(exec_id).decode().strip()
    return int(output) if output.isdigit() else None


def memory_limit(ctx: Context) -> list[Part]:
    """Container 'limited' runs with a 64 MiB memory limit, enforced by its cgroup."""
    raw = ctx.container(NODE, "limited")
    running = bool(raw and raw["State"]["Running"])
    limit = int(raw["HostConfig"]["Memory"] or 0) if raw else 0
    parts = [ctx.part(running, "01.1.running", waiting=raw is not None and not running),
             ctx.part(limit == LIMITED_BYTES, "01.1.limit", waiting=False,
                      mib=round(limit / MiB, 1))]
    kernel = _cgroup_limit(ctx, "limited") if running and limit else None
    parts.append(ctx.part(kernel == LIMITED_BYTES, "01.1.cgroup", waiting=False,
                          seen=kernel if kernel is not None else "-"))
    return parts


def oom_killed(ctx: Context) -> list[Part]:
    """Container 'hog' had a memory limit and the kernel killed it for going over it."""
    raw = ctx.container(NODE, "hog")
    limit = int(raw["HostConfig"]["Memory"] or 0) if raw else 0
    state = raw["State"] if raw else {}
    return [ctx.part(raw is not None, "01.2.exists", waiting=False),
            ctx.part(limit > 0, "01.2.limit", waiting=False),
            ctx.part(bool(state.get("OOMKilled")), "01.2.oom", waiting=bool(state.get("Running")),
                     status=state.get("Status", "-"), code=state.get("ExitCode", "-"))]


def start_times(ctx: Context) -> list[Part]:
    """At least five containers labelled lab=start ran and exited 0; Docker timed them."""
    runs = [c for c in ctx.containers(NODE, START_LABEL)
            if c["State"]["Status"] == "exited" and c["State"]["ExitCode"] == 0]
    millis = []
    for run in runs:
        created, started = docker_time(run["Created"]), docker_time(run["State"]["StartedAt"])
        if created is not None and started is not None:
            millis.append((started - created) * 1000)
    median = f"{statistics.median(millis):.0f}" if millis else "-"
    return [ctx.part(len(millis) >= START_RUNS, "01.3.runs", waiting=False,
                     count=len(millis), wanted=START_RUNS, median=median)]


CHECKS = [
    Check("01.1", CLUSTER_NAME, memory_limit, points=2, window=15,
          hints=("01.1.hint.1", "01.1.hint.2")),
    Check("01.2", CLUSTER_NAME, oom_killed, points=2, window=30,
          hints=("01.2.hint.1", "01.2.hint.2")),
    Check("01.3", CLUSTER_NAME, start_times, points=1, window=5, hints=("01.3.hint.1",)),
]
