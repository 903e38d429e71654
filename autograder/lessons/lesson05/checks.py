"""Lesson 05, rolling updates and rollback. The cluster: 1 manager, 2 workers.

Both checks act on the student's service ``estoque``, as the exercises say, and leave
it on a good version: 05.1 rolls out the other good version (v1 <-> v2) while it
counts requests; 05.2 pushes the broken version and waits for the service to come
back by itself (when it does not, the grader rolls it back and says so). Each acts
only once the service exists on an overlay network with a task running, so an
untouched cluster is judged without being touched.
"""

from __future__ import annotations

from autograder.check import Check, Context
from autograder.result import Part
from labs import updates
from labs.errors import WaitTimeout
from labs.images import SHOP_REPO
from labs.status import ServiceStatus
from labs.timing import wait_until

CLUSTER_NAME = "lesson-05"
SERVICE = "estoque"
GOOD = (f"{SHOP_REPO}:v1", f"{SHOP_REPO}:v2")
BROKEN = f"{SHOP_REPO}:broken"
GRADER_TIMEOUT = 300.0
"""The longest the grader waits for its own update to end (software emulation is slow)."""
KEPT_TIMEOUT = 120.0
"""After 05.2's update, how long the good version's tasks may take to run again."""


def _seconds(values: list[float], lang: str) -> str:
    """'1, 2 e 3' (seconds from the update's start, rounded); '-' when none."""
    found = [str(round(v)) for v in values]
    if len(found) < 2:
        return "".join(found) or "-"
    return f"{', '.join(found[:-1])} {'e' if lang == 'pt-BR' else 'and'} {found[-1]}"


def _ready(ctx: Context, base: str) -> tuple[ServiceStatus | None, list[Part]]:
    """The service, once it can be acted on; else the parts saying what is missing."""
    service = ctx.swarm.service(SERVICE)
    if service is None:
        return None, [ctx.part(False, f"{base}.ready", mistake="missing", name=SERVICE,
                               waiting=False)]
    if not service.networks:
        return None, [ctx.part(False, f"{base}.ready", mistake="network", name=SERVICE,
                               waiting=False)]
    if not ctx.swarm.running(SERVICE):
        return None, [ctx.part(False, f"{base}.ready", mistake="down", name=SERVICE)]
    return service, []


# -- 05.1 ------------------------------------------------------------------------------
def zero_downtime(ctx: Context) -> list[Part]:
    """The grader rolls the other good version out while it asks the service by name,
    five times a second: not one request may fail."""
    service, missing = _ready(ctx, "05.1")
    if service is None:
        return [*missing, Part(False, ctx.msg("05.1.later"), weight=2, waiting=False)]
    target = GOOD[1] if service.image == GOOD[0] else GOOD[0]
    try:
        run = updates.measure(ctx.cluster, f"docker service update --image {target} {SERVICE}",
                              timeout=GRADER_TIMEOUT)
    except WaitTimeout:
        return [ctx.part(False, "05.1.ended", waiting=False, version=target,
                         seconds=int(GRADER_TIMEOUT)),
                Part(False, ctx.msg("05.1.later"), weight=2, waiting=False)]
    policy = service.update
    order = policy.order if policy else "stop-first"
    mistake = None
    if run.failed:
        mistake = "stop_first" if order == "stop-first" and (service.replicas or 0) <= 1 \
            else "failed"
    return [
        ctx.part(run.state == "completed" and run.ok > 0, "05.1.ended", waiting=False,
                 version=target, seconds=int(GRADER_TIMEOUT)),
        ctx.part(run.failed == 0 and run.ok > 0, "05.1.zero", weight=2, waiting=False,
                 mistake=mistake, version=target, took=run.took,
                 answered=run.ok, failed=run.failed,
                 when=_seconds(run.failed_seconds, ctx.lang)),
    ]


# -- 05.2 ------------------------------------------------------------------------------
def rolls_back(ctx: Context) -> list[Part]:
    """The grader pushes the broken version and nobody acts: the service must come back to
    the version it ran, by itself. When it does not, the grader rolls it back."""
    service, missing = _ready(ctx, "05.2")
    if service is None:
        return [*missing, Part(False, ctx.msg("05.2.later"), weight=2, waiting=False)]
    good = service.image
    if good == BROKEN:
        return [ctx.part(False, "05.2.ready", mistake="broken", name=SERVICE, waiting=False),
                Part(False, ctx.msg("05.2.later"), weight=2, waiting=False)]
    try:
        run = updates.measure(ctx.cluster, f"docker service update --image {BROKEN} {SERVICE}",
                              timeout=GRADER_TIMEOUT)
    except WaitTimeout:
        run = None
    after = ctx.cluster.status().service(SERVICE)
    back = run is not None and run.state == "rollback_completed" and \
        after is not None and after.image == good
    restored = "" if back else _restore(ctx, good)
    mistake = None
    if not back:
        state = run.state if run is not None else ""
        mistake = {"paused": "paused", "completed": "continued"}.get(state, "stuck")
    return [
        ctx.part(back, "05.2.back", weight=2, waiting=False, mistake=mistake, version=good,
                 state=run.state if run is not None else "-",
                 took=run.took if run is not None else GRADER_TIMEOUT,
                 failed=run.failed if run is not None else 0, restored=restored),
        _kept(ctx, good),
    ]


def _restore(ctx: Context, good: str) -> str:
    """Put the service back on ``good`` (``docker service rollback``, then the image itself
    if the rollback did not land there); what the student is told."""
    manager = ctx.cluster.node("manager1")
    manager.docker(f"service rollback --detach {SERVICE}", timeout=120)
    now = ctx.cluster.status().service(SERVICE)
    if now is not None and now.image != good:
        manager.docker(f"service update --detach --image {good} {SERVICE}", timeout=120)
    return ctx.msg("05.2.restored", version=good, name=SERVICE)


def _kept(ctx: Context, good: str) -> Part:
    """After it all, every slot runs the good version again (waited for here: the check is
    not run again, it would push the broken version once more)."""
    def settled() -> tuple[int, int] | None:
        status = ctx.cluster.status()
        service = status.service(SERVICE)
        wanted = service.replicas if service is not None and service.replicas else 1
        running = sum(1 for t in status.running(SERVICE) if t.image == good)
        return (running, wanted) if running >= wanted else None

    try:
        running, wanted = wait_until(settled, timeout=KEPT_TIMEOUT, interval=1,
                                     what=f"{SERVICE} back on {good}")
    except WaitTimeout:
        status = ctx.cluster.status()
        service = status.service(SERVICE)
        wanted = service.replicas if service is not None and service.replicas else 1
        running = sum(1 for t in status.running(SERVICE) if t.image == good)
    return ctx.part(running >= wanted, "05.2.kept", waiting=False, version=good,
                    running=running, wanted=wanted)


CHECKS = [
    Check("05.1", CLUSTER_NAME, zero_downtime, points=3, window=60,
          hints=("05.1.hint.1", "05.1.hint.2", "05.1.hint.3")),
    Check("05.2", CLUSTER_NAME, rolls_back, points=3, window=120,
          hints=("05.2.hint.1", "05.2.hint.2", "05.2.hint.3")),
]
