"""Lesson 04, Services, tasks and scaling. The cluster: 1 manager, 2 workers.

The checks of this lesson: functions of a :class:`~autograder.check.Context` that
return the exercise's parts."""

from __future__ import annotations

from collections import Counter

from autograder.check import Check, Context
from autograder.result import Part
from labs import placement
from labs.status import NodeStatus, ServiceStatus, TaskStatus
from labs.timing import epoch_seconds

CLUSTER_NAME = "lesson-04"
APP = "orquestra-lab/app"
GIB = 2**30
MIN_LEFT = 2
"""Exercise 04.4: tasks of api that must keep running while any one worker is down."""
FAILED_WORKER = "worker1"
NOTICE_S = 20.0
"""Exercise 04.4: a node off this long was surely marked down: Swarm does so once its
heartbeats (every 5 s) stop for three periods, some 15 s after the node's last one."""
STOPPING_S = 15.0
"""A node's stop takes up to its 10 s grace period; its tasks end within it."""
TERMINAL = {"complete", "shutdown", "failed", "rejected", "orphaned", "remove"}


def _names(items: list[str] | set[str]) -> str:
    return ", ".join(sorted(items)) or "-"


def _spread(counts: Counter[str]) -> str:
    """'worker1: 2, worker2: 2' ('-' when empty)."""
    return ", ".join(f"{name}: {n}" for name, n in sorted(counts.items())) or "-"


def _off_managers(ctx: Context, base: str, service: ServiceStatus,
                  nodes: dict[str, NodeStatus], on_nodes: list[str],
                  *, with_image: bool) -> tuple[Part, list[str]]:
    """The part 'the placement keeps every task off the managers', judged by evaluating
    the service's constraints against the nodes, and by where its tasks run; and the
    nodes the constraints accept. ``with_image``: a service without the lesson's image
    fails it too."""
    constraints = service.constraints
    allowed = placement.allowed(constraints, nodes)
    managers = [n for n in allowed if nodes[n].role == "manager"]
    workers = [n for n in allowed if nodes[n].role == "worker"]
    on_managers = sorted({n for n in on_nodes if n in nodes and nodes[n].role == "manager"})
    right_image = service.image.startswith(APP) or not with_image
    ok = not managers and bool(workers) and not on_managers and right_image
    mistake = None
    if not right_image:
        mistake = "image"
    elif not constraints:
        mistake = "none"
    elif managers:
        mistake = "allows_manager"
    elif not workers:
        mistake = "nowhere"
    return ctx.part(ok, base, waiting=mistake is None, mistake=mistake, image=service.image,
                    allowed=_names(allowed), managers=_names(managers or on_managers),
                    constraints=", ".join(constraints) or "-"), allowed


def _image_part(ctx: Context, base: str, service: ServiceStatus) -> Part:
    right = service.image.startswith(APP)
    return ctx.part(right, base, waiting=False, mistake=None if right else "image",
                    name=service.name, image=service.image)


def _ready(node: NodeStatus) -> bool:
    return node.state == "ready" and node.availability == "active"


# -- 04.1 ------------------------------------------------------------------------------
def web_on_workers(ctx: Context) -> list[Part]:
    """Service web: the demo app, 4 replicas, a placement that keeps it off managers."""
    swarm = ctx.swarm
    service = swarm.service("web")
    if service is None:
        return [ctx.part(False, "04.1.exists", waiting=False, name="web"),
                Part(False, ctx.msg("04.1.later"), weight=2, waiting=False)]
    nodes = swarm.swarm_nodes
    running = [t.node or "?" for t in swarm.running("web")]
    wanted = service.replicas
    placed, allowed = _off_managers(ctx, "04.1.placement", service, nodes, running,
                                    with_image=False)
    count = None if wanted == 4 else ("global" if wanted is None else "count")
    can_run = bool(allowed)  # else no node may take its tasks: waiting will not help
    return [
        _image_part(ctx, "04.1.exists", service),
        ctx.part(wanted == 4 and len(running) == 4, "04.1.replicas",
                 waiting=count is None and can_run, mistake=count,
                 wanted="global" if wanted is None else wanted, running=len(running)),
        placed,
    ]


# -- 04.2 ------------------------------------------------------------------------------
def global_agent(ctx: Context) -> list[Part]:
    """Service agent in global mode, with a running task on every ready, active node."""
    swarm = ctx.swarm
    service = swarm.service("agent")
    is_global = service is not None and service.mode == "global"
    ready = {n.id: name for name, n in swarm.swarm_nodes.items() if _ready(n)}
    have = sorted({ready[t.node_id] for t in swarm.running("agent")
                   if t.node_id in ready}) if service else []
    missing = sorted(set(ready.values()) - set(have))
    mode = ctx.part(is_global, "04.2.mode", waiting=False,
                    mistake="replicated" if service is not None and not is_global else None)
    if not is_global:
        return [mode, Part(False, ctx.msg("04.2.later"), waiting=False)]
    return [mode, ctx.part(not missing, "04.2.spread", count=len(have), have=_names(have),
                           missing=_names(missing))]


# -- 04.3 ------------------------------------------------------------------------------
def one_per_node(ctx: Context) -> list[Part]:
    """Service solo: 4 replicas and a memory reservation such that one task fits on a
    node but two do not, judged against the memory each node announces; then the
    outcome: at most one running task per node, the rest pending."""
    swarm = ctx.swarm
    service = swarm.service("solo")
    if service is None:
        return [ctx.part(False, "04.3.exists", waiting=False, name="solo"),
                Part(False, ctx.msg("04.3.later"), weight=2, waiting=False)]
    nodes = swarm.swarm_nodes
    wanted = service.replicas
    image = _image_part(ctx, "04.3.exists", service)
    if wanted != 4:
        image = ctx.part(False, "04.3.exists", waiting=False, name="solo", image=service.image,
                         mistake="count", wanted="global" if wanted is None else wanted)
    reserve = service.reserved_memory
    memory = {name: node.memory for name, node in nodes.items()}
    small, large = min(memory.values()), max(memory.values())
    fits = reserve > 0 and reserve <= small and 2 * reserve > large
    mistake = None
    if reserve == 0:
        mistake = "none"
    elif reserve > small:
        mistake = "too_big"
    elif 2 * reserve <= large:
        mistake = "too_small"
    reservation = ctx.part(fits, "04.3.reservation", waiting=False, mistake=mistake,
                           reserve=reserve / GIB, memory=small / GIB, half=large / 2 / GIB,
                           count=float(large // reserve) if reserve else 0.0)

    # the outcome: where may one task of solo go now (ready, active, constraints, room)?
    others: Counter[str] = Counter()
    for task in swarm.tasks:
        if task.desired_state == "running" and task.service != "solo" and task.node in nodes:
            others[task.node] += task.reserved_memory
    # (with a reservation that does not do the job, say what a right one would give)
    room = [name for name in placement.allowed(service.constraints, nodes)
            if _ready(nodes[name]) and (not fits or reserve <= memory[name] - others[name])]
    running = Counter(t.node or "?" for t in swarm.running("solo"))
    expected = min(wanted or 0, len(room))
    done = max(running.values(), default=0) <= 1 and sum(running.values()) == expected > 0
    return [image, reservation,
            ctx.part(done, "04.3.outcome", waiting=fits, running=sum(running.values()),
                     spread=_spread(running), expected=expected, pending=(wanted or 0) - expected)]


# -- 04.4 ------------------------------------------------------------------------------
def _outage(ctx: Context, tasks: list[TaskStatus]) -> tuple[float, float] | None:
    """When worker1's container was last switched off and (if it is back) on again, as
    epoch seconds, provided that happened after the service's first task was made;
    None when worker1 has not been switched off since."""
    node = ctx.cluster.node(FAILED_WORKER)
    state = node.inspect()["State"]
    off = epoch_seconds(state["FinishedAt"])
    first = min((t.created_at or 0.0 for t in tasks), default=None)
    if off is None or first is None or off < first:
        return None
    on = epoch_seconds(state["StartedAt"]) or 0.0
    return off, (on if state["Status"] == "running" and on > off else float("inf"))


def survive_worker_loss(ctx: Context) -> list[Part]:
    """Service api, off the managers, spread so that any one worker may go down and
    at least MIN_LEFT tasks keep running; then worker1 is switched off, Swarm notices,
    and that many tasks made before the failure ran through it. Judged while worker1
    is down or after it came back (from its container's stop time)."""
    swarm = ctx.swarm
    service = swarm.service("api")
    if service is None:
        return [Part(False, ctx.msg("04.4.missing"), waiting=False),
                Part(False, ctx.msg("04.4.later"), weight=3, waiting=False)]
    nodes = swarm.swarm_nodes
    by_id = {node.id: name for name, node in nodes.items()}
    workers = sorted(n for n, node in nodes.items() if node.role == "worker")
    tasks = swarm.tasks_of("api")
    outage = _outage(ctx, tasks)
    off = outage[0] if outage else None

    def made(task: TaskStatus) -> float:
        return task.created_at or 0.0

    def ended_after_off(task: TaskStatus) -> bool:
        # a node being stopped shuts its tasks down (and reports it) before its own
        # container ends: those tasks were still running when the failure began
        return off is not None and (task.changed_at or 0.0) > off - STOPPING_S

    # the tasks running when worker1 went off (or now). Once it went off, each slot's
    # newest task made before then: a task left on a dead node keeps its last reported
    # state until the node is back, and older tasks of the slot had been replaced already
    if off is None:
        at_failure = [t for t in tasks if t.live]
    else:
        newest: dict[object, TaskStatus] = {}
        for task in sorted((t for t in tasks if made(t) < off), key=made):
            newest[task.slot or task.node_id] = task
        at_failure = [t for t in newest.values() if t.node_id
                      and not (t.state in TERMINAL and not ended_after_off(t))]
    spread = Counter(by_id.get(t.node_id, "?") for t in at_failure)
    placed, _ = _off_managers(ctx, "04.4.placement", service, nodes, list(spread),
                              with_image=True)
    on_workers = Counter({n: spread[n] for n in workers})
    left = {w: sum(on_workers.values()) - on_workers[w] for w in workers}
    weakest = min(left, key=lambda w: (left[w], w)) if left else FAILED_WORKER
    wanted = service.replicas or 0
    settled = off is not None or sum(spread.values()) >= wanted
    kind = None
    if settled and left.get(weakest, 0) < MIN_LEFT:
        kind = "few" if wanted < MIN_LEFT * len(workers) else "uneven"
    spare = ctx.part(bool(left) and left[weakest] >= MIN_LEFT, "04.4.spare",
                     waiting=not settled, mistake=kind, spread=_spread(spread),
                     worker=weakest, left=left.get(weakest, 0), minimum=MIN_LEFT,
                     wanted=wanted)

    state = nodes[FAILED_WORKER].state if FAILED_WORKER in nodes else "?"
    if outage is None:
        switched_on = ctx.cluster.node(FAILED_WORKER).state() == "running"
        down = ctx.part(False, "04.4.off", waiting=False, state=state,
                        mistake="running" if switched_on else "after")
        return [placed, spare, down, Part(False, ctx.msg("04.4.later"), waiting=False)]
    # Swarm noticed: worker1 is down now, or replacements were made while it was off
    # (replacements with no node to go to are deleted once it is back), or it was off
    # for longer than Swarm takes to notice
    back = outage[1] != float("inf")
    away = outage[1] - outage[0] if back else 0.0
    noticed = (state == "down" or any(outage[0] < made(t) < outage[1] for t in tasks)
               or away >= NOTICE_S)
    if back:
        down = ctx.part(noticed, "04.4.back", waiting=False,
                        mistake=None if noticed else "too_short", seconds=away)
    else:
        down = ctx.part(noticed, "04.4.down", state=state)
    kept = [t for t in tasks if t.live and made(t) < outage[0]
            and by_id.get(t.node_id) not in (FAILED_WORKER, None)
            and nodes[by_id[t.node_id]].state == "ready"]
    kept_on = Counter(by_id[t.node_id] for t in kept)
    survived = ctx.part(len(kept) >= MIN_LEFT, "04.4.survived", waiting=False,
                        kept=len(kept), spread=_spread(kept_on), minimum=MIN_LEFT)
    return [placed, spare, down, survived]


CHECKS = [
    Check("04.1", CLUSTER_NAME, web_on_workers, points=3,
          hints=("04.1.hint.1", "04.1.hint.2", "04.1.hint.3")),
    Check("04.2", CLUSTER_NAME, global_agent, points=2,
          hints=("04.2.hint.1", "04.2.hint.2", "04.2.hint.3")),
    Check("04.3", CLUSTER_NAME, one_per_node, points=3, window=30,
          hints=("04.3.hint.1", "04.3.hint.2", "04.3.hint.3")),
    Check("04.4", CLUSTER_NAME, survive_worker_loss, points=3, window=60,
          hints=("04.4.hint.1", "04.4.hint.2", "04.4.hint.3")),
]
