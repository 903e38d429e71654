"""Cluster: a named Docker Swarm made of Docker-in-Docker nodes.

``up()`` creates one with the ordered actions of :mod:`labs.provision`, or
re-attaches to a healthy one of the same name and shape: nothing is kept in
state files, the containers, network and volumes carry labels
(:mod:`labs.inventory` finds and removes them). The swarm queries (leader,
status, diagram) ask the nodes' daemons through :mod:`labs.daemon`.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from labs import current, engines, inventory, provision, spec, tls
from labs.concurrency import parallel
from labs.engine import Client, Host
from labs.errors import (
    ClusterConflict,
    ClusterNotFound,
    DockerError,
    NodeError,
    NoLeader,
    NotSwarmManager,
    Unreachable,
)
from labs.inventory import remove
from labs.node import Node, with_role
from labs.status import NO_SWARM, ClusterStatus, build, leader_of
from labs.timing import wait_until

__all__ = ["Cluster"]

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


class Cluster:
    """A named swarm of DinD nodes: ``Cluster("lesson-04", managers=1, workers=2).up()``.

    ``bare=True`` starts the engines without forming a swarm. ``retain=True``
    keeps a half-made cluster when provisioning fails, to look at it.
    ``progress`` receives one line per step (``print`` shows them); ``True``
    draws a progress bar (in the notebook or the terminal).

    ``needs`` names kernel features the cluster's lessons depend on (``"ipvs"``:
    routing mesh and service VIPs; ``"esp"``: encrypted overlays): where the host
    lacks one, the cluster runs in this session's VM. ``engine`` (``host``,
    ``vm``, ``auto``; default ``ORQUESTRA_LAB_ENGINE`` or ``auto``) decides
    instead (see :mod:`labs.engines`).
    """

    def __init__(
        self,
        name: str,
        managers: int = 1,
        workers: int = 2,
        *,
        bare: bool = False,
        retain: bool = False,
        progress: Progress | bool | None = None,
        engine: str | None = None,
        needs: Sequence[str] = (),
    ) -> None:
        self.name = spec.validate_name(name)
        self.full_name = spec.full_name(name)
        self.shape = spec.Shape(managers, workers, bare)
        for message in self.shape.validate():
            warnings.warn(message, UserWarning, stacklevel=2)
        self.retain = retain
        self._bar_wanted = progress is True
        self.progress: Progress = progress if callable(progress) else _quiet
        self.nodes: list[Node] = []
        self.timings: dict[str, float] = {}
        self._made_here = False  # this object's up() created (some of) what exists
        self._engine_kind = engine
        self.needs = tuple(needs)
        self.choice: engines.Choice | None = None
        """Which engine this cluster got and why (set once it is known)."""
        self._host: Host | None = None

    def __repr__(self) -> str:
        return (f"<Cluster {self.full_name} managers={self.shape.managers} "
                f"workers={self.shape.workers}{' bare' if self.shape.bare else ''}>")

    # -- lookup --------------------------------------------------------------
    @property
    def host(self) -> Host:
        """The engine the nodes run on, as the lab itself uses it (typed adapter): the
        one where this cluster exists, else the one :func:`labs.engines.choose` picks."""
        if self._host is None:
            if self._locate():
                return self.host
            self.choice = engines.choose(self._engine_kind, self.needs)
            if self.choice.kind != engines.HOST:
                self._say(engines.TEXTS.text("chosen", reason=self.choice.reason))
            self._host = engines.get(self.choice.kind, progress=self._say)
        return self._host

    def _locate(self) -> list[dict[str, Any]]:
        """The cluster's containers on the first running engine that has them (and that
        engine becomes its host); [] when no engine has the cluster."""
        for candidate in engines.running():
            found = inventory.containers(self.full_name, candidate)
            if found:
                self.choice = engines.Choice(candidate.kind, "the cluster is there")
                self._host = candidate
                return found
        return []

    def _say(self, line: str) -> None:
        """Progress that must be seen even under a progress bar (a VM starting)."""
        (print if self._bar_wanted else self.progress)(line)

    @property
    def engine(self) -> Client:
        """The docker-py client of the engine the nodes run on (lessons show students the
        engine with it)."""
        return self.host.client

    @property
    def tls_dir(self) -> Path:
        return tls.cache_root() / self.full_name

    def node(self, name: str) -> Node:
        """The node called ``name`` (manager1, worker2...)."""
        for item in self.nodes:
            if item.name == name:
                return item
        known = ", ".join(n.name for n in self.nodes) or "none: call up() first"
        raise NodeError(f"cluster {self.name} has no node {name!r}; its nodes: {known}.")

    @property
    def managers(self) -> list[Node]:
        return with_role(self.nodes, "manager")

    @property
    def workers(self) -> list[Node]:
        return with_role(self.nodes, "worker")

    def _containers(self) -> list[dict[str, Any]]:
        return inventory.containers(self.full_name, self.host)

    def exists(self) -> bool:
        """True when any node container of this cluster exists."""
        return bool(self._containers())

    # -- lifecycle -----------------------------------------------------------
    def __enter__(self) -> Cluster:
        self._made_here = False
        try:
            return self.up()
        except BaseException:
            # Remove only what this call made: a cluster it failed to re-attach to
            # belongs to someone else (another notebook, an earlier session).
            if self._made_here and not self.retain:
                self.down()
            raise

    def __exit__(self, *exc: object) -> None:
        self.down()

    def up(self) -> Cluster:
        """Create the cluster, or re-attach to a healthy one of the same name and shape.

        Raises :class:`ClusterConflict` when one of that name exists with
        another shape, :class:`ProvisionError` (a :class:`LabError`) when a
        step fails.
        """
        started = time.perf_counter()
        found = self._containers()
        if found:
            self._check_shape(found)
        if found and len(found) == len(self.shape.node_names()):
            self._reattach(found)
        else:
            if found or inventory.has_leftovers(self.full_name, self.host):
                self.progress(f"{self.full_name}: removing an incomplete earlier attempt")
                remove(self.full_name, [self.host])
            self._made_here = True
            self._provision()
        self.timings["total"] = time.perf_counter() - started
        current.set_current(self.full_name)
        return self

    def down(self) -> None:
        """Remove every container, volume, network, certificate and context of this cluster."""
        for node in self.nodes:
            node.close_clients()
        remove(self.full_name)
        self.nodes = []

    # -- provisioning (see labs.provision) ------------------------------------------
    def steps(self) -> list[tuple[str, Callable[[provision.ActionContext], None]]]:
        """(title, function) of the ordered provisioning actions for this cluster's shape."""
        return [(a.title, a.run) for a in provision.actions(self.shape)]

    def _provision(self) -> None:
        steps = provision.actions(self.shape)
        progress = self.progress
        bar = None
        if self._bar_wanted:
            from labs.progress import Bar

            bar = progress = Bar(len(steps), self.name)
        ctx = provision.ActionContext(self.host, self.name, self.full_name, self.shape,
                                      progress, timings=self.timings)
        ok = False
        try:
            provision.run(steps, ctx, retain=self.retain)
            ok = True
        finally:
            self.nodes = ctx.nodes
            if bar is not None:
                bar.close(ok=ok)

    # -- re-attaching ----------------------------------------------------------
    def _check_shape(self, found: list[dict[str, Any]]) -> None:
        shapes = {c["Labels"].get(spec.LABEL_SHAPE, "") for c in found}
        existing = spec.Shape.parse(shapes.pop()) if len(shapes) == 1 else None
        if existing != self.shape:
            raise ClusterConflict(
                f"cluster {self.name} exists with another shape "
                f"({existing.label() if existing else 'unknown'}; asked for "
                f"{self.shape.label()}). Use it as it is, or remove it first: "
                f"Cluster({self.name!r}).down() or `python -m labs down {self.name}`."
            )

    def _reattach(self, found: list[dict[str, Any]]) -> None:
        self._attach(found)
        self.progress(f"{self.full_name}: re-attaching to the existing cluster")
        for node in self.nodes:
            state = node.state()
            if state == "paused":
                node.unpause()
            elif state != "running":
                node.start(wait=False)
            if not node.connected():
                node.reconnect()
        parallel(lambda n: n.wait_ready(90), self.nodes)
        if not self.shape.bare:
            wait_until(lambda: self.leader(), timeout=90, interval=0.25,
                       what=f"cluster {self.name} to have a leader again",
                       hint=f"If it never comes back, recreate it: Cluster({self.name!r}).down()")
        provision.write_contexts(self.full_name, self.nodes)

    def _attach(self, found: list[dict[str, Any]]) -> None:
        files = tls.client_files(self.tls_dir)
        if files is None:
            raise ClusterConflict(
                f"cluster {self.name} exists but its client certificates are missing from "
                f"{self.tls_dir}, so its daemons cannot be reached. Remove it and create it "
                f"again: `python -m labs down {self.name}`."
            )
        network = spec.resource_name(self.full_name)
        nodes = [
            Node(c["Labels"][spec.LABEL_NODE], c["Labels"][spec.LABEL_ROLE],
                 c["Labels"]["org.orquestra-lab.ip"], c["Names"][0].lstrip("/"),
                 self.host, files, network)
            for c in found
        ]
        self.nodes = sorted(nodes, key=lambda n: (n.role != "manager", n.name))

    @classmethod
    def attach(cls, name: str, *, progress: Progress | None = None) -> Cluster:
        """The existing cluster ``name``, as it is (nothing started or changed)."""
        probe = cls(name, progress=progress)
        found = probe._locate()
        if not found:
            raise ClusterNotFound(
                f"no cluster named {name!r}"
                + (f" in session {spec.session()!r}" if spec.session() else "")
                + ". Create it with Cluster(name).up() or `python -m labs up NAME`."
            )
        shape = spec.Shape.parse(found[0]["Labels"].get(spec.LABEL_SHAPE, "managers=1,workers=0"))
        cluster = cls(name, shape.managers, shape.workers, bare=shape.bare, progress=progress)
        cluster._host = probe.host  # found above: where the cluster is
        cluster.choice = probe.choice
        cluster._attach(found)
        current.set_current(cluster.full_name)
        return cluster

    # -- the swarm -----------------------------------------------------------------
    def leader(self) -> Node | None:
        """The node that is Raft leader now, or None (no quorum, or not a swarm). Asks
        only for the node list (it is polled while waiting for an election) and reads it
        with :func:`labs.status.leader_of`, as :meth:`status` does."""
        for node in self.managers:
            if node.state() != "running":
                continue
            try:
                found = leader_of(node.daemon.nodes())
            except DockerError:  # no leader, or it stopped answering meanwhile
                continue
            if found is not None:
                return self.node(found)
        return None

    def manager(self) -> Node:
        """A manager that answers swarm calls now (the leader if it is one of ours)."""
        found = self.leader()
        if found is not None:
            return found
        raise NodeError(
            f"no manager of cluster {self.name} can answer: the swarm has no leader "
            "(too few managers online?). Start stopped managers, or see cluster.status()."
        )

    def status(self) -> ClusterStatus:
        """A snapshot of nodes, services and tasks; works with no leader too."""
        containers = {n.name: (n.role, n.state()) for n in self.nodes}
        problem = ""
        for node in self.managers:
            if containers[node.name][1] != "running":
                continue
            daemon = node.daemon
            try:
                raw_nodes = daemon.nodes()
                return build(self.full_name, containers, raw_nodes, daemon.services(),
                             daemon.tasks(), "", daemon.networks({"driver": "overlay"}))
            except NotSwarmManager as exc:
                problem = exc.explanation
                if daemon.swarm_state() == "inactive":
                    # an engine on its own (bare cluster, or it left the swarm)
                    return build(self.full_name, containers, [], [], [], NO_SWARM)
            except NoLeader:
                problem = "the swarm does not have a leader"
            except Unreachable as exc:
                cause = type(exc.__cause__ or exc).__name__
                problem = problem or f"{node.name} does not answer ({cause})"
            except DockerError as exc:
                problem = exc.explanation
        return build(self.full_name, containers, None, None, None, problem or "no manager answers")

    def diagram(self, *, networks: bool = False, lang: str | None = None) -> Any:
        """A graphviz picture of the cluster now (see :func:`labs.widgets.diagram`)."""
        from labs.widgets.diagram import diagram

        return diagram(self.status(), networks=networks, lang=lang)

    def wait_for_leader(self, timeout: float = 90.0) -> Node:
        """Wait until some manager is leader again (e.g. after restarting managers)."""
        return wait_until(self.leader, timeout=timeout, interval=0.25,
                          what=f"a leader in cluster {self.name}",
                          describe=lambda: self.status().summary())
