"""A typed snapshot of a cluster: nodes, services, tasks.

Built from plain API dictionaries by :func:`build`, a pure function, so that
a snapshot can be made in tests and rendered without a cluster. When the
swarm has no leader the snapshot still says what it can: which node
containers run, and ``leader=None`` with the reason.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class TaskStatus:
    """One task of a service."""

    id: str
    service: str
    slot: int | None
    node: str
    """Hostname of the node it was assigned to ('' if not yet scheduled)."""
    state: str
    """Current state: new, pending, assigned, preparing, starting, running, failed, shutdown..."""
    desired_state: str
    error: str = ""

    @property
    def live(self) -> bool:
        """Running and meant to run. A task on a node that went down keeps its last
        reported state ('running') while the swarm already wants it shut down."""
        return self.state == "running" and self.desired_state == "running"


@dataclass(frozen=True)
class ServiceStatus:
    """One service with its replicas."""

    id: str
    name: str
    image: str
    mode: str
    """``replicated`` or ``global``."""
    replicas: int | None
    """Desired replicas (None for global services)."""
    running: int
    networks: list[str] = field(default_factory=list)
    """Names of the networks its tasks are attached to (overlays, ingress excluded)."""


@dataclass(frozen=True)
class NodeStatus:
    """One node as both the engine (its container) and the swarm see it."""

    hostname: str
    container_state: str
    """running, exited, paused, missing..."""
    role: str
    """Swarm role (manager or worker); the created role when the swarm does not answer."""
    leader: bool
    state: str
    """Swarm state: ready, down, unknown, disconnected; or 'not in swarm'."""
    availability: str
    """active, pause, drain (or '' when unknown)."""
    reachability: str
    """For managers: reachable, unreachable, unknown; '' for workers."""
    addr: str = ""
    labels: dict[str, str] = field(default_factory=dict)


NO_SWARM = "no swarm"
"""``ClusterStatus.problem`` of engines that run on their own (no swarm formed yet)."""


@dataclass(frozen=True)
class ClusterStatus:
    """Everything :meth:`labs.Cluster.status` reports."""

    name: str
    leader: str | None
    """Hostname of the Raft leader, or None."""
    nodes: list[NodeStatus]
    services: list[ServiceStatus]
    tasks: list[TaskStatus]
    problem: str = ""
    """Why the swarm could not be read (e.g. Swarm's 'no leader' message)."""

    @property
    def has_leader(self) -> bool:
        return self.leader is not None

    def node(self, hostname: str) -> NodeStatus:
        for item in self.nodes:
            if item.hostname == hostname:
                return item
        raise KeyError(hostname)

    def tasks_on(self, hostname: str, *, running_only: bool = True) -> list[TaskStatus]:
        return [t for t in self.tasks if t.node == hostname and (not running_only or t.live)]

    def running(self, service: str) -> list[TaskStatus]:
        """Live tasks of ``service`` (see :attr:`TaskStatus.live`)."""
        return [t for t in self.tasks if t.service == service and t.live]

    def to_dict(self) -> dict[str, Any]:
        """The ``status --json`` shape."""
        return {
            "name": self.name,
            "leader": self.leader,
            "problem": self.problem,
            "nodes": [
                {
                    k: v for k, v in asdict(n).items()
                    if k in ("hostname", "role", "leader", "state", "availability",
                             "reachability", "container_state", "addr")
                }
                for n in self.nodes
            ],
            "services": [asdict(s) for s in self.services],
            "tasks": [asdict(t) for t in self.tasks],
        }

    def summary(self) -> str:
        """A short table for terminals."""
        lines = [f"cluster {self.name}: leader {self.leader or 'NONE'}"
                 + (f" ({self.problem})" if self.problem else "")]
        for n in self.nodes:
            flag = "*" if n.leader else " "
            lines.append(
                f" {flag} {n.hostname:<10} {n.role:<8} {n.container_state:<8} {n.state:<13} "
                f"{n.availability:<7} {n.reachability}"
            )
        for s in self.services:
            want = "global" if s.replicas is None else str(s.replicas)
            lines.append(f"   service {s.name:<20} {s.running}/{want} running  ({s.image})")
        return "\n".join(lines)


def build(
    name: str,
    containers: dict[str, tuple[str, str]],
    nodes: list[dict[str, Any]] | None,
    services: list[dict[str, Any]] | None,
    tasks: list[dict[str, Any]] | None,
    problem: str = "",
    networks: list[dict[str, Any]] | None = None,
) -> ClusterStatus:
    """Assemble a snapshot.

    ``containers`` maps hostname -> (created role, container state).
    ``nodes``, ``services``, ``tasks`` and ``networks`` are the swarm API's
    lists (None when no manager could answer, with ``problem`` saying why).
    """
    network_names = {n["Id"]: n["Name"] for n in networks or []}
    by_id: dict[str, str] = {}
    swarm_nodes: dict[str, dict[str, Any]] = {}
    for raw in nodes or []:
        hostname = raw["Description"]["Hostname"]
        by_id[raw["ID"]] = hostname
        # A node that left and rejoined appears twice; keep the one that is not down.
        if hostname not in swarm_nodes or raw["Status"]["State"] != "down":
            swarm_nodes[hostname] = raw
    leader = None
    node_list = []
    for hostname in sorted(set(containers) | set(swarm_nodes), key=_node_order):
        created_role, container_state = containers.get(hostname, ("", "missing"))
        found = swarm_nodes.get(hostname)
        if found is None:
            node_list.append(NodeStatus(
                hostname, container_state, created_role, False,
                "unknown" if nodes is None else "not in swarm", "", "",
            ))
            continue
        raw = found
        manager = raw.get("ManagerStatus") or {}
        is_leader = bool(manager.get("Leader"))
        if is_leader:
            leader = hostname
        node_list.append(NodeStatus(
            hostname=hostname,
            container_state=container_state,
            role=raw["Spec"].get("Role", created_role),
            leader=is_leader,
            state=raw["Status"]["State"],
            availability=raw["Spec"].get("Availability", ""),
            reachability=manager.get("Reachability", ""),
            addr=raw["Status"].get("Addr", ""),
            labels=dict(raw["Spec"].get("Labels") or {}),
        ))
    service_names: dict[str, str] = {}
    service_list = []
    task_list = []
    for raw in tasks or []:
        task_list.append(TaskStatus(
            id=raw["ID"],
            service=raw.get("ServiceID", ""),
            slot=raw.get("Slot"),
            node=by_id.get(raw.get("NodeID", ""), ""),
            state=raw["Status"]["State"],
            desired_state=raw.get("DesiredState", ""),
            error=raw["Status"].get("Err", ""),
        ))
    for raw in services or []:
        service_names[raw["ID"]] = raw["Spec"]["Name"]
        mode = raw["Spec"].get("Mode", {})
        replicas = mode["Replicated"].get("Replicas", 1) if "Replicated" in mode else None
        image = raw["Spec"]["TaskTemplate"]["ContainerSpec"]["Image"].split("@")[0]
        running = sum(1 for t in task_list if t.service == raw["ID"] and t.live)
        attached = [network_names.get(n.get("Target", ""), n.get("Target", ""))
                    for n in raw["Spec"]["TaskTemplate"].get("Networks") or []]
        service_list.append(ServiceStatus(
            raw["ID"], raw["Spec"]["Name"], image,
            "replicated" if replicas is not None else "global", replicas, running,
            [n for n in attached if n and n != "ingress"],
        ))
    task_list = [
        TaskStatus(t.id, service_names.get(t.service, t.service), t.slot, t.node, t.state,
                   t.desired_state, t.error)
        for t in task_list
    ]
    task_list.sort(key=lambda t: (t.service, t.slot or 0, t.node, not t.live))
    service_list.sort(key=lambda s: s.name)
    return ClusterStatus(name, leader, node_list, service_list, task_list, problem)


def _node_order(hostname: str) -> tuple[int, int, str]:
    kind = 0 if hostname.startswith("manager") else 1
    digits = "".join(c for c in hostname if c.isdigit())
    return (kind, int(digits) if digits else 0, hostname)
