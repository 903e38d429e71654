"""Lesson 01, Containers vs virtual machines: cgroup limits and start times on one engine.

The checks of this lesson: functions of a :class:`~autograder.check.Context` that
return the exercise's parts."""

from __future__ import annotations

import statistics
import time
from typing import Any

from autograder.check import Check, Context
from autograder.result import Part
from labs.timing import epoch_seconds

CLUSTER_NAME = "lesson-01"
NODE = "manager1"
MiB = 1024 * 1024
LIMITED_BYTES = 64 * MiB
ALLOCATION_MIB = 80
"""What exercise 01.2's program takes: dd keeps one block of bs bytes in memory."""
ALLOCATION = ("dd", "if=/dev/zero", "of=/dev/null", f"bs={ALLOCATION_MIB}M", "count=1")
START_LABEL = "lab=start"
START_RUNS = 5
# where a container reads its own memory limit: cgroup v1, then v2
_CGROUP_LIMIT = ("cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null"
                 " || cat /sys/fs/cgroup/memory.max")


def _cgroup_limit(ctx: Context, name: str) -> int | None:
    """The memory limit the kernel holds for container ``name``, read from inside it."""
    output = ctx.engine(NODE).exec_in(name, ["sh", "-c", _CGROUP_LIMIT]).strip()
    return int(output) if output.isdigit() else None


def memory_limit(ctx: Context) -> list[Part]:
    """Container 'limited' runs with a 64 MiB memory limit, enforced by its cgroup."""
    raw = ctx.container(NODE, "limited")
    running = bool(raw and raw["State"]["Running"])
    limit = int(raw["HostConfig"]["Memory"] or 0) if raw else 0
    state = raw["State"] if raw else {}
    ended = raw is not None and not running
    parts = [ctx.part(running, "01.1.running", waiting=False,
                      mistake="exited" if ended else "absent" if raw is None else None,
                      status=state.get("Status", "-"), code=state.get("ExitCode", "-"))]
    limit_mistake = None if raw is None else ("no_limit" if limit == 0 else "other_limit")
    parts.append(ctx.part(limit == LIMITED_BYTES, "01.1.limit", waiting=False,
                          mistake=limit_mistake, mib=limit / MiB, bytes=limit))
    kernel = _cgroup_limit(ctx, "limited") if running and limit else None
    seen = (ctx.msg("01.1.cgroup.read", bytes=kernel) if kernel is not None
            else ctx.msg("01.1.cgroup.unread"))
    parts.append(ctx.part(kernel == LIMITED_BYTES, "01.1.cgroup", waiting=False, seen=seen))
    return parts


def _runs_allocation(raw: dict[str, Any]) -> bool:
    """Whether the container ran exercise 01.2's dd (as --entrypoint dd, or inside sh -c)."""
    words = " ".join([raw.get("Path") or "", *(raw.get("Args") or [])]).split()
    return all(word in words for word in ALLOCATION)


def _limited_run(ctx: Context, name: str, *, killed: bool) -> Part:
    """Container ``name`` ran the allocation under a memory limit and was (not) OOM-killed."""
    base = f"01.2.{'tight' if killed else 'roomy'}"
    raw = ctx.container(NODE, name)
    if raw is None:
        return ctx.part(False, base, waiting=False, mistake="absent", name=name, mib=0.0,
                        need=float(ALLOCATION_MIB))
    state = raw["State"]
    memory = int(raw["HostConfig"]["Memory"] or 0)
    swap = int(raw["HostConfig"]["MemorySwap"] or 0)
    params: dict[str, Any] = {"name": name, "mib": memory / MiB, "code": state["ExitCode"],
                              "status": state["Status"], "need": float(ALLOCATION_MIB)}
    oom = bool(state.get("OOMKilled"))
    mistake: str | None = None
    if not _runs_allocation(raw):
        mistake = "command"
    elif memory == 0:
        mistake = "no_limit"
    elif state["Running"]:
        return ctx.part(False, base, waiting=True, mistake="running", **params)
    elif killed and not oom and swap > memory:
        mistake = "swap"
    elif killed and not oom and state["ExitCode"] == 0:
        mistake = "fits"
    elif not killed and oom:
        mistake = "killed"
    ok = mistake is None and (oom if killed else state["ExitCode"] == 0 and not oom)
    if not ok and mistake is None:
        mistake = "other"
    return ctx.part(ok, base, waiting=False, mistake=mistake, **params)


def oom_boundary(ctx: Context) -> list[Part]:
    """The same 80 MiB allocation: killed under the limit of 'tight', done under 'roomy''s."""
    return [_limited_run(ctx, "tight", killed=True), _limited_run(ctx, "roomy", killed=False)]


def start_times(ctx: Context) -> list[Part]:
    """At least five containers labelled lab=start ran and exited 0; Docker timed them."""
    labelled = ctx.containers(NODE, START_LABEL)
    runs = [c for c in labelled
            if c["State"]["Status"] == "exited" and c["State"]["ExitCode"] == 0]
    millis = []
    for run in runs:
        created, started = epoch_seconds(run["Created"]), epoch_seconds(run["State"]["StartedAt"])
        if created is not None and started is not None:
            millis.append((started - created) * 1000)
    median = float(statistics.median(millis)) if millis else 0.0
    failed = len(labelled) - len(runs)
    mistake = None
    removed = 0
    if failed:
        mistake = "not_zero"
    elif len(millis) < START_RUNS:
        removed = _removed(ctx, START_LABEL)
        mistake = "removed" if removed else None
    return [ctx.part(len(millis) >= START_RUNS, "01.3.runs", waiting=False,
                     mistake=mistake, count=len(millis), wanted=START_RUNS, median=median,
                     failed=failed, removed=removed)]


def _removed(ctx: Context, label: str) -> int:
    """How many containers carrying ``label`` the engine has already removed (``--rm`` or
    ``docker rm``), from its recent events."""
    if not ctx.node_running(NODE):
        return 0
    events = ctx.engine(NODE).events(
        since=0, until=time.time(),
        filters={"type": "container", "event": "destroy", "label": label})
    return len(events)

CHECKS = [
    Check("01.1", CLUSTER_NAME, memory_limit, points=2, window=15,
          hints=("01.1.hint.1", "01.1.hint.2", "01.1.hint.3")),
    Check("01.2", CLUSTER_NAME, oom_boundary, points=2, window=20,
          hints=("01.2.hint.1", "01.2.hint.2", "01.2.hint.3")),
    Check("01.3", CLUSTER_NAME, start_times, points=1, window=5,
          hints=("01.3.hint.1", "01.3.hint.2", "01.3.hint.3")),
]
