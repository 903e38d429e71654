"""Lesson 03: the checks recognise the likely mistakes, say which, and never contradict."""

from __future__ import annotations

import pytest

from autograder import registry
from autograder.result import CheckResult, Status
from labs import Cluster
from labs.placement import matches as admits
from labs.status import NodeStatus
from labs.timing import wait_until

APP = "orquestra-lab/app:v1"


def _check(check_id: str, cluster: Cluster, window: float = 3) -> CheckResult:
    return registry.get(check_id).run(cluster, window=window, lang="en")


def _mistakes(result: CheckResult) -> str:
    return "\n".join(part.hint for part in result.parts if not part.ok)


def _node(hostname: str, role: str = "worker", **labels: str) -> NodeStatus:
    return NodeStatus(hostname, "running", role, False, "ready", "active", "", labels=labels,
                      id=f"id-{hostname}", os="linux", arch="x86_64")


def test_constraints_admit_nodes_as_swarmkit_matches_them() -> None:
    ssd, plain = _node("worker1", disk="ssd"), _node("manager1", "manager")
    assert admits("node.labels.disk==ssd", ssd) and not admits("node.labels.disk==ssd", plain)
    assert admits("node.labels.disk == SSD", ssd)  # values compare without case
    assert not admits("node.labels.Disk==ssd", ssd)  # label names keep their case
    assert admits("node.labels.disk!=hdd", plain)  # a missing label is ""
    assert admits("node.role==worker", ssd) and not admits("node.role==worker", plain)
    assert admits("node.hostname!=worker1", plain) and admits("node.platform.os==linux", ssd)
    assert not admits("node.colour==red", ssd) and not admits("disk=ssd", ssd)



@pytest.mark.integration
def test_the_swarm_check_names_each_wrong_way_to_join(lesson03: Cluster) -> None:
    manager1, worker1, worker2 = (lesson03.node(n) for n in ("manager1", "worker1", "worker2"))
    result = _check("03.1", lesson03)
    assert result.status is Status.FAILED and result.points == 0
    assert "outside any swarm, and manager1 has not created its swarm yet" in result.message

    worker1.docker(f"swarm init --advertise-addr {worker1.ip}")
    result = _check("03.1", lesson03)
    assert "worker1 is not a ready worker in manager1's swarm yet: right now it is in a " \
           "swarm of its own" in result.message
    assert "worker1 ran docker swarm init" in _mistakes(result)
    worker1.docker("swarm leave --force")

    manager1.docker(f"swarm init --advertise-addr {manager1.ip}")
    worker_token = manager1.docker("swarm join-token -q worker")
    manager_token = manager1.docker("swarm join-token -q manager")
    worker1.docker(f"swarm join --token {worker_token} {manager1.ip}:2377")
    worker2.docker(f"swarm join --token {manager_token} {manager1.ip}:2377")
    result = _check("03.1", lesson03)
    assert result.points == 2.0, result.message  # init and worker1 hold
    assert "worker2 is not a ready worker in manager1's swarm yet: right now it is in the " \
           "swarm, but as a manager" in result.message
    assert "joined with the manager token" in _mistakes(result)
    assert "docker node demote worker2" in _mistakes(result)

    manager1.docker("node demote worker2")
    assert _check("03.1", lesson03, window=30).passed

    worker1.docker("swarm leave")
    wait_until(lambda: manager1.docker(
        "node ls --filter name=worker1 --format '{{.Status}}'").startswith("Down"),
        timeout=30, what="worker1 Down")
    result = _check("03.1", lesson03)
    assert "right now it is in the node list, but Down" in result.message
    assert "worker1 joined but is Down" in _mistakes(result)
    assert "docker node rm worker1" in _mistakes(result)
    manager1.docker("node rm worker1")
    worker1.docker(f"swarm join --token {worker_token} {manager1.ip}:2377")
    assert _check("03.1", lesson03, window=30).passed


@pytest.mark.integration
def test_the_drain_check_tells_pause_and_the_wrong_node(lesson03: Cluster) -> None:
    manager1 = lesson03.node("manager1")
    # SIGUSR1, which the app does not handle, holds each old task for the grace period
    manager1.docker(f"service create -d --name spread --mode global --stop-signal SIGUSR1 {APP}")
    wait_until(lambda: "Running" in manager1.docker(
        "service ps spread --filter node=worker2 --format '{{.CurrentState}}'"),
        timeout=60, what="spread running on worker2")
    manager1.docker("node update --availability drain worker1")
    result = _check("03.2", lesson03)
    assert result.points == 0 and "worker2's availability is active" in result.message
    assert "The drained node is worker1, not worker2" in _mistakes(result)

    manager1.docker("node update --availability active worker1")
    manager1.docker("node update --availability pause worker2")
    result = _check("03.2", lesson03)
    assert "availability is pause; expected: drain" in result.message
    assert "pause only keeps new tasks away" in _mistakes(result)

    manager1.docker("node update --availability drain worker2")
    # the old task's desired state is shutdown at once, but its container runs on for the
    # stop grace period (it ignores its stop signal): the check waits for it to stop
    result = _check("03.2", lesson03, window=1)
    assert result.points == 1 and "1 task(s) still run on worker2" in result.message
    result = _check("03.2", lesson03, window=30)
    assert result.passed, result.message
    manager1.docker("service rm spread")


@pytest.mark.integration
def test_the_label_check_wants_the_label_on_worker1_and_a_label_constraint(
        lesson03: Cluster) -> None:
    manager1 = lesson03.node("manager1")
    result = _check("03.3", lesson03)
    assert result.points == 0 and "There is no service db" in result.message

    manager1.docker("node update --label-add disk=ssd worker2")
    manager1.docker(f"service create -d --name db --replicas 2 "
                    f"--constraint node.hostname==worker1 {APP}")
    result = _check("03.3", lesson03, window=20)  # settles once the tasks run
    assert "The label disk=ssd is on worker2, not on worker1" in _mistakes(result)
    assert "picks the node by name or role, not by its label" in _mistakes(result)
    assert "docker service update --constraint-rm OLD --constraint-add NEW db" \
        in _mistakes(result)
    assert "db's tasks run outside the nodes with disk=ssd, on: worker1; expected: only " \
           "on worker2" in result.message

    manager1.docker("node update --label-rm disk worker2")
    manager1.docker("node update --label-add disk=SSD worker1")
    result = _check("03.3", lesson03)
    assert "worker1 has the key disk with the value SSD" in _mistakes(result)

    manager1.docker("node update --label-add disk=ssd worker1")
    result = _check("03.3", lesson03)
    assert result.parts[-1].message == "db's tasks run on worker1, but by chance: the " \
        "constraint does not require the label, and a new task may go to a node without an SSD."
    manager1.docker("service update -d --constraint-rm node.hostname==worker1 "
                    "--constraint-add node.labels.disk!=hdd db")
    result = _check("03.3", lesson03)
    assert "it may run on: manager1, worker1, worker2" in result.message
    assert "lets db go to nodes without disk=ssd" in _mistakes(result)

    manager1.docker("service update -d --constraint-rm node.labels.disk!=hdd "
                    "--constraint-add node.labels.disk==ssd db")
    manager1.docker("node update --availability drain worker1")
    result = _check("03.3", lesson03)
    assert "No node with disk=ssd is active" in _mistakes(result)

    manager1.docker("node update --availability active worker1")
    result = _check("03.3", lesson03, window=30)
    assert result.passed, result.message
    assert "db's 2 task(s) run only on nodes with disk=ssd (worker1)" in result.message
