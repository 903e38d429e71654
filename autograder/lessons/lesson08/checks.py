"""Lesson 08, Raft consensus and quorum. The cluster: 3 managers, 2 workers.

Both checks act on the student's cluster, as the exercises say, and put back what
they changed before they answer: 08.1 stops two managers, sends a write and starts
them again; 08.2 sends a write. Each acts only once the cluster's shape holds, so an
untouched cluster is judged without being touched.
"""

from __future__ import annotations

from autograder.check import Check, Context
from autograder.result import Part
from labs import raft
from labs.status import ClusterStatus

CLUSTER_NAME = "lesson-08"
APP = "orquestra-lab/app"
LOST = ("manager1", "manager2")
"""Exercise 08.2: the managers the lesson's cell destroys (they must stay down)."""
KEPT_SERVICE = "catalogo"
"""Exercise 08.2: the service created before the quorum was lost."""


def _names(items: list[str], lang: str) -> str:
    """'manager2 e manager3', 'a, b and c' ('-' when empty)."""
    names = sorted(items)
    if len(names) < 2:
        return "".join(names) or "-"
    return f"{', '.join(names[:-1])} {'e' if lang == 'pt-BR' else 'and'} {names[-1]}"


def _members(swarm: ClusterStatus) -> tuple[list[str], list[str]]:
    """The managers the swarm wants, and those of them reachable in Raft now. A node just
    promoted counts before it joined Raft; a manager that is down and out of Raft (left
    behind by ``--force-new-cluster``) does not."""
    wanted = [n.hostname for n in swarm.nodes
              if n.role == "manager" and (n.reachability or n.state != "down")]
    reachable = [n.hostname for n in swarm.nodes
                 if n.role == "manager" and n.reachability == "reachable"]
    return sorted(wanted), sorted(reachable)


# -- 08.1 ------------------------------------------------------------------------------
def tolerate_two(ctx: Context) -> list[Part]:
    """Enough managers, all reachable, to survive two failures; then the proof: two
    managers stopped at once, and the swarm still commits a write."""
    members, reachable = _members(ctx.swarm)
    count = len(members)
    tolerates = raft.tolerated(count)
    mistake = None
    if tolerates < 2:
        mistake = "even" if count % 2 == 0 else "few"
    elif reachable != members:
        mistake = "unreachable"
    shape = ctx.part(tolerates >= 2 and reachable == members, "08.1.shape",
                     waiting=mistake in (None, "unreachable"), mistake=mistake, count=count,
                     quorum=raft.quorum(count), tolerates=tolerates,
                     down=_names(sorted(set(members) - set(reachable)), ctx.lang))
    if not shape.ok:
        return [shape, Part(False, ctx.msg("08.1.later"), weight=2, waiting=False)]
    victims, took = raft.survives(ctx.cluster, 2)
    return [shape, ctx.part(took is not None, "08.1.write", weight=2, waiting=False,
                            stopped=_names(victims, ctx.lang), leader=ctx.status.leader,
                            seconds=round(took or 0.0, 2))]


# -- 08.2 ------------------------------------------------------------------------------
def recovered(ctx: Context) -> list[Part]:
    """After the lesson's cell destroyed manager1 and manager2: the swarm has a leader and
    commits a write, kept its service, stands one more failure, and the destroyed
    managers stayed down (the recovery came from what was left)."""
    lost_down = all(ctx.cluster.node(name).state() != "running" for name in LOST)
    status = ctx.status
    if not lost_down and status.service(KEPT_SERVICE) is None:  # the exercise never began
        return [ctx.part(False, "08.2.scenario", waiting=False),
                Part(False, ctx.msg("08.2.later"), weight=3, waiting=False)]
    kept_down = ctx.part(lost_down, "08.2.lost", waiting=False,
                         lost=_names(list(LOST), ctx.lang))
    if status.leader is None:  # waiting will not bring a leader back: somebody must act
        return [ctx.part(False, "08.2.leader", waiting=False, mistake="no_leader"),
                Part(False, ctx.msg("08.2.later"), weight=3, waiting=False)]
    _, reachable = _members(status)
    leader = ctx.cluster.node(status.leader)
    took = raft.write(leader, raft.PROOF_TIMEOUT)
    service = status.service(KEPT_SERVICE)
    running = len(status.running(KEPT_SERVICE))
    wanted = service.replicas if service is not None else None
    return [
        ctx.part(took is not None, "08.2.write", leader=leader.name,
                 seconds=round(took or 0.0, 2)),
        ctx.part(service is not None and wanted is not None and running == wanted,
                 "08.2.kept", name=KEPT_SERVICE, running=running, wanted=wanted or 0,
                 waiting=service is not None, mistake=None if service else "gone"),
        ctx.part(len(reachable) >= 3, "08.2.spare", count=len(reachable),
                 names=_names(reachable, ctx.lang),
                 tolerates=raft.tolerated(max(len(reachable), 1)),
                 mistake="few" if len(reachable) < 3 else None),
        kept_down,
    ]


CHECKS = [
    Check("08.1", CLUSTER_NAME, tolerate_two, points=3, window=120,
          hints=("08.1.hint.1", "08.1.hint.2", "08.1.hint.3")),
    Check("08.2", CLUSTER_NAME, recovered, points=4, window=120,
          hints=("08.2.hint.1", "08.2.hint.2", "08.2.hint.3")),
]
