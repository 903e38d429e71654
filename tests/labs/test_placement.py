"""Placement constraints judged as Swarm's scheduler judges them, on a snapshot's nodes."""

from __future__ import annotations

from labs.placement import allowed, matches
from labs.status import NodeStatus


def node(name: str, role: str, **labels: str) -> NodeStatus:
    return NodeStatus(name, "running", role, False, "ready", "active", "", addr="172.29.0.10",
                      labels=labels, id=f"id-{name}", os="linux")


NODES = {"manager1": node("manager1", "manager"), "worker1": node("worker1", "worker", disk="ssd"),
         "worker2": node("worker2", "worker")}


def test_the_same_placement_spelled_two_ways_admits_the_same_nodes() -> None:
    assert allowed(["node.role==worker"], NODES) == allowed(["node.role!=manager"], NODES)
    assert allowed(["node.role == Worker"], NODES) == ["worker1", "worker2"]


def test_labels_missing_keys_and_malformed_expressions() -> None:
    assert allowed(["node.labels.disk==ssd"], NODES) == ["worker1"]
    assert allowed(["node.labels.disk!=ssd"], NODES) == ["manager1", "worker2"]  # missing: ""
    assert not matches("node.labels.Disk==ssd", NODES["worker1"])  # label names keep case
    assert allowed(["node.colour==red"], NODES) == []  # unknown key: no node
    assert allowed(["disk=ssd"], NODES) == []  # neither == nor !=
    assert allowed(["node.ip==172.29.0.10", "node.hostname!=worker2"], NODES) == [
        "manager1", "worker1"]
    assert allowed([], NODES) == sorted(NODES)
