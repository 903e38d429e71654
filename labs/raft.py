"""Raft quorum, measured on a live swarm (lesson 08).

Swarm's managers keep the cluster's state in a Raft log: a change (a write)
is committed once a strict majority of the managers, the quorum, has it.
This module measures that on the lesson's cluster, by stopping node
containers: whether a write still commits, how many managers can fail before
writes are refused (the seed's table, rebuilt row by row), and how long
electing a new leader takes.

A write here is a node label (``docker node update --label-add
lab.raft-probe=N``) sent to the leader; it is refused when it does not
commit within :data:`WRITE_TIMEOUT`. Every function that stops managers
starts them again and waits for a leader before it returns, also when it
fails.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from labs.cluster import Cluster
from labs.errors import DockerError, LabError, NodeError
from labs.i18n import Catalogue
from labs.node import Node
from labs.timing import wait_until

Progress = Callable[[str], None]

WRITE_TIMEOUT = 4.0
"""Seconds a write may take to commit: one the quorum accepts commits in well under a
second (0.03-0.3 s measured here); without a quorum it hangs until the manager gives up
(about 20 s) or fails. Short, so that stopped managers are back before the leader steps
down (10 s without a quorum) and no election is needed."""
PROOF_TIMEOUT = 20.0
"""Seconds a write may take where it proves a swarm healthy (a grader's check): generous,
so that a busy machine is not taken for a lost quorum."""
RECOVERY_TIMEOUT = 180.0
"""Seconds for stopped managers to come back and a leader to be elected (10-20 s each
election, several elections when managers return one by one)."""
PROBE_LABEL = "lab.raft-probe"

TEXTS = Catalogue(__name__, {
    "stopping": {"pt-BR": "{managers} managers: parei {name} (parados até agora: {stopped})",
                 "en": "{managers} managers: stopped {name} (stopped so far: {stopped})"},
    "accepted": {"pt-BR": "  escrita aceita em {seconds} s",
                 "en": "  write accepted in {seconds} s"},
    "refused": {"pt-BR": "  escrita recusada: {why}", "en": "  write refused: {why}"},
    "restoring": {"pt-BR": "  religando {names} e esperando um líder...",
                  "en": "  starting {names} again and waiting for a leader..."},
    "roles": {"pt-BR": "número de managers: {managers}...",
              "en": "number of managers: {managers}..."},
    "done": {"pt-BR": "pronto: {rows} linhas medidas; o swarm voltou a ter {managers} managers",
             "en": "done: {rows} rows measured; the swarm has {managers} managers again"},
    "elected": {"pt-BR": "eleição {n}: parei o líder {old}; {new} virou líder em {seconds} s",
                "en": "election {n}: stopped leader {old}; {new} became leader in {seconds} s"},
    "timeout": {"pt-BR": "não terminou em {seconds} s", "en": "did not finish in {seconds} s"},
    "no_manager": {"pt-BR": "nenhum manager no ar para recebê-la",
                   "en": "no manager up to receive it"},
})

_probe = itertools.count(1)


def quorum(managers: int) -> int:
    """Managers that must agree: a strict majority, floor(N/2) + 1."""
    if managers < 1:
        raise ValueError("a swarm has at least one manager")
    return managers // 2 + 1


def tolerated(managers: int) -> int:
    """Manager failures the swarm survives: floor((N-1)/2)."""
    if managers < 1:
        raise ValueError("a swarm has at least one manager")
    return (managers - 1) // 2


def _quiet(_: str) -> None:
    pass


def managers(cluster: Cluster) -> list[str]:
    """The names of the swarm's managers now, sorted: nodes whose role is manager AND that
    are members of the Raft group (a promoted worker counts once it joined; a demoted
    manager stops counting only once Raft removed it, a moment after ``node demote``)."""
    return sorted(n.hostname for n in cluster.status().nodes
                  if n.role == "manager" and n.reachability)


def write(node: Node, timeout: float = WRITE_TIMEOUT) -> float | None:
    """Send one write to the swarm through ``node``: seconds it took to commit, or None
    when it was refused or did not commit within ``timeout``."""
    began = time.monotonic()
    try:
        node.docker(f"node update --label-add {PROBE_LABEL}={next(_probe)} {node.name}",
                    timeout=timeout)
    except (DockerError, NodeError):
        return None
    return time.monotonic() - began


def healthy(cluster: Cluster, names: list[str]) -> bool:
    """True when there is a leader and every manager in ``names`` is reachable (one
    read of the swarm)."""
    snapshot = cluster.status()
    if snapshot.leader is None:
        return False
    seen = {n.hostname: n for n in snapshot.nodes}
    return all(name in seen and seen[name].reachability == "reachable" for name in names)


def wait_healthy(cluster: Cluster, names: list[str], timeout: float = RECOVERY_TIMEOUT) -> None:
    """Wait until a leader exists and every manager in ``names`` is reachable again."""
    wait_until(lambda: healthy(cluster, names), timeout=timeout, interval=0.5,
               what=f"a leader and managers {', '.join(names)} reachable",
               describe=lambda: cluster.status().summary())


def wait_no_leader(cluster: Cluster, timeout: float = 60.0) -> None:
    """Wait until no manager is leader: with its quorum gone, the leader steps down once an
    election timeout passes without hearing from a majority (10 to 20 s)."""
    wait_until(lambda: cluster.leader() is None, timeout=timeout, interval=0.5,
               what="the leader to step down", describe=lambda: cluster.status().summary())


@contextmanager
def stopped_nodes(cluster: Cluster, names: list[str],
                  progress: Progress = _quiet) -> Iterator[list[Node]]:
    """A list to put the nodes one stops into; on leaving, they start again and the swarm
    is waited for (a leader, every manager of ``names`` reachable), also after an error."""
    stopped: list[Node] = []
    try:
        yield stopped
    finally:
        if stopped:
            progress(TEXTS.text("restoring", names=", ".join(n.name for n in stopped)))
            for node in stopped:
                node.start(wait=False)
            for node in stopped:
                node.wait_ready()
            wait_healthy(cluster, names)


def survives(cluster: Cluster, failures: int) -> tuple[list[str], float | None]:
    """Kill ``failures`` followers at once, send a write to the leader, start them again:
    the followers killed, and the seconds the write took to commit (None: refused)."""
    names = managers(cluster)
    leader = cluster.manager()
    victims = [n for n in names if n != leader.name][:failures]
    with stopped_nodes(cluster, names) as stopped:
        for name in victims:
            node = cluster.node(name)
            node.kill()
            stopped.append(node)
        took = write(leader, timeout=PROOF_TIMEOUT)
    return victims, took


@dataclass(frozen=True)
class Row:
    """One row of the quorum table, measured: with ``managers``, writes were refused once
    ``refused_at`` of them were stopped, so ``refused_at - 1`` failures were tolerated."""

    managers: int
    refused_at: int
    write_seconds: list[float]
    """How long each accepted write took, in the order of the stops."""

    @property
    def tolerated(self) -> int:
        return self.refused_at - 1


def tolerance(cluster: Cluster, progress: Progress = _quiet) -> Row:
    """Stop the swarm's managers one at a time (followers first, the leader last) and
    send a write after each stop, until one is refused; then start them all again."""
    names = managers(cluster)
    leader = cluster.leader()
    if leader is None:
        raise LabError("the swarm has no leader now: start its stopped managers first.")
    order = [n for n in names if n != leader.name] + [leader.name]
    accepted: list[float] = []
    with stopped_nodes(cluster, names, progress) as stopped:
        for name in order:
            node = cluster.node(name)
            node.kill()
            stopped.append(node)
            progress(TEXTS.text("stopping", managers=len(names), name=name, stopped=len(stopped)))
            took = write(leader) if leader.name != name else None
            if took is None:
                why = (TEXTS.text("no_manager") if name == leader.name else
                       TEXTS.text("timeout", seconds=round(WRITE_TIMEOUT)))
                progress(TEXTS.text("refused", why=why))
                return Row(len(names), len(stopped), accepted)
            progress(TEXTS.text("accepted", seconds=round(took, 2)))
            accepted.append(took)
    raise LabError("every manager was stopped and writes were still accepted: "
                   "that cannot be a swarm's quorum; run python -m labs doctor.")


def set_managers(cluster: Cluster, count: int, progress: Progress = _quiet) -> list[str]:
    """Promote or demote nodes (in name order; managers named managerN stay managers
    longest) until the swarm has ``count`` managers; returns their names."""
    nodes = sorted(cluster.status().nodes, key=lambda n: (not n.hostname.startswith("manager"),
                                                         n.hostname))
    if not 1 <= count <= len(nodes):
        raise ValueError(f"this cluster has {len(nodes)} nodes: choose 1 to {len(nodes)} managers")
    progress(TEXTS.text("roles", managers=count))
    wanted = [n.hostname for n in nodes[:count]]
    via = cluster.node(wanted[0])  # a manager that stays one: it never demotes itself
    promote = [n.hostname for n in nodes[:count] if n.role != "manager"]
    demote = [n.hostname for n in nodes[count:] if n.role == "manager"]
    if via.name not in managers(cluster):
        cluster.manager().docker(f"node promote {via.name}")
        wait_until(lambda: via.name in managers(cluster), timeout=RECOVERY_TIMEOUT,
                   interval=0.5, what=f"{via.name} to be a manager")
        wait_healthy(cluster, managers(cluster))
        promote.remove(via.name)
    if promote:
        via.docker("node promote " + " ".join(promote))
    leader = cluster.leader()
    for name in sorted(demote, key=lambda n: leader is not None and n == leader.name):
        _demote(cluster, via, name)  # the leader last: leadership moves once
        wait_healthy(cluster, [m for m in managers(cluster) if m != name])
        # A demoted node stops its manager and renews its certificate as a worker; lose the
        # managers before it is done and it may stay Down long after the swarm recovers.
        demoted = cluster.node(name)
        wait_until(lambda: _settled_worker(demoted), timeout=RECOVERY_TIMEOUT,  # noqa: B023
                   interval=0.5, what=f"{name} to run as a worker")
    wait_until(lambda: managers(cluster) == sorted(wanted), timeout=RECOVERY_TIMEOUT,
               interval=0.5, what=f"{count} managers")
    wait_healthy(cluster, wanted)
    # A write committed now lies after the membership changes in the Raft log, so they
    # are on the managers' disks too: a manager killed right after a demotion could
    # otherwise come back with the old membership and wait for a quorum forever.
    wait_until(lambda: write(cluster.manager()) is not None, timeout=RECOVERY_TIMEOUT,
               interval=0.5, what="a write after the role changes")
    return sorted(wanted)


def _settled_worker(node: Node) -> bool:
    """True once ``node`` runs as a worker of the swarm (no manager, connected)."""
    try:
        info = node.swarm_info()
    except (DockerError, NodeError):
        return False
    return info.get("LocalNodeState") == "active" and not info.get("ControlAvailable")


def _demote(cluster: Cluster, via: Node, name: str) -> None:
    """``docker node demote NAME`` through ``via``, again while Raft refuses it for a moment
    (a manager that just came back may not be in its member list yet)."""

    def demoted() -> bool:
        if all(n.role != "manager" for n in cluster.status().nodes if n.hostname == name):
            return True
        try:
            via.docker(f"node demote {name}")
        except (DockerError, NodeError):
            return False
        return True

    wait_until(demoted, timeout=RECOVERY_TIMEOUT, interval=1.0, what=f"{name} demoted",
               describe=lambda: cluster.status().summary())


def table(cluster: Cluster, counts: range | list[int], progress: Progress = _quiet) -> list[Row]:
    """The quorum table measured: for each manager count, :func:`tolerance`. Leaves the
    swarm with as many managers as it had."""
    before = len(managers(cluster))
    rows = []
    try:
        for count in counts:
            set_managers(cluster, count, progress)
            rows.append(tolerance(cluster, progress))
    finally:
        set_managers(cluster, before, progress)
    progress(TEXTS.text("done", rows=len(rows), managers=before))
    return rows


def election(cluster: Cluster, n: int = 1, progress: Progress = _quiet) -> float:
    """Kill the leader's node and time, from the kill, until another manager is leader;
    the old leader starts again before this returns."""
    names = managers(cluster)
    old = cluster.manager()
    with stopped_nodes(cluster, names, progress) as stopped:
        began = time.monotonic()
        old.kill()
        stopped.append(old)

        def new_leader() -> Node | None:
            found = cluster.leader()
            return found if found is not None and found.name != old.name else None

        new = wait_until(new_leader, timeout=RECOVERY_TIMEOUT, interval=0.2,
                         what="a new leader")
        took = time.monotonic() - began
        progress(TEXTS.text("elected", n=n, old=old.name, new=new.name, seconds=round(took, 1)))
    return took
