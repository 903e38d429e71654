"""Lesson 04: the checks judge outcomes, recognise the likely mistakes and never contradict."""

from __future__ import annotations

import pytest

from autograder import registry, solution
from autograder.result import CheckResult, Status
from labs import Cluster
from labs.placement import matches as _constraint_matches
from labs.status import NodeStatus
from labs.timing import wait_until

pytestmark = pytest.mark.integration

APP = "orquestra-lab/app:v1"


def _check(check_id: str, cluster: Cluster, window: float = 3) -> CheckResult:
    return registry.get(check_id).run(cluster, window=window, lang="en")


def _mistakes(result: CheckResult) -> str:
    return "\n".join(part.hint for part in result.parts if not part.ok)


def _node(role: str, hostname: str, labels: dict[str, str] | None = None) -> NodeStatus:
    return NodeStatus(hostname, "running", role, False, "ready", "active", "", addr="10.0.0.2",
                      labels=labels or {}, id="abc", os="linux")


@pytest.mark.parametrize(("expression", "manager", "worker"), [
    ("node.role==worker", False, True),
    ("node.role != manager", False, True),
    ("node.role==WORKER", False, True),
    ("node.role==manager", True, False),
    ("node.hostname!=manager1", False, True),
    ("node.labels.zone==mars", False, False),
    ("node.labels.zone!=mars", True, True),
    ("node.role==workers", False, False),
    ("node.color==blue", False, False),
])
def test_constraints_are_judged_as_the_scheduler_does(expression: str, manager: bool,
                                                      worker: bool) -> None:
    assert _constraint_matches(expression, _node("manager", "manager1")) is manager
    assert _constraint_matches(expression, _node("worker", "worker1")) is worker


def test_web_names_the_missing_constraint_the_count_and_the_image(lesson04: Cluster) -> None:
    manager = lesson04.node("manager1")
    manager.docker(f"service create --name web --replicas 3 --quiet {APP}")
    result = _check("04.1", lesson04)
    assert result.status is Status.FAILED
    assert "Replicas asked for: 3; running: 3. Expected: 4" in result.message
    assert "docker service scale web=4" in _mistakes(result)
    assert "Without a constraint the scheduler may put tasks on manager1" in _mistakes(result)

    manager.docker("service update --replicas 4 --constraint-add node.role==workers "
                   "--detach web")
    result = _check("04.1", lesson04)
    assert "No node satisfies the constraint" in _mistakes(result)
    assert result.seconds < 3  # nothing to wait for: no node may take the tasks

    manager.docker("service update --constraint-rm node.role==workers "
                   "--constraint-add node.hostname!=worker1 --detach web")
    result = _check("04.1", lesson04)
    assert "still accepts manager1" in _mistakes(result)

    manager.docker("service rm web")
    manager.docker("service create --name web --replicas 4 --constraint node.role!=manager "
                   "--detach nginx:alpine")
    result = _check("04.1", lesson04, window=1)
    assert "docker service update --image orquestra-lab/app:v1 web" in _mistakes(result)
    manager.docker("service rm web")


def test_agent_replicated_is_told_the_mode_cannot_change(lesson04: Cluster) -> None:
    lesson04.node("manager1").docker(f"service create --name agent --detach {APP}")
    result = _check("04.2", lesson04)
    assert result.status is Status.FAILED and result.points == 0
    assert "agent exists but is replicated" in _mistakes(result)
    lesson04.node("manager1").docker("service rm agent")


def test_solo_names_a_reservation_too_small_too_big_or_missing(lesson04: Cluster) -> None:
    manager = lesson04.node("manager1")
    memory = int(manager.docker(
        "node inspect --format '{{.Description.Resources.MemoryBytes}}' worker1"))
    manager.docker(f"service create --name solo --replicas 4 --detach {APP}")
    result = _check("04.3", lesson04)
    assert "solo reserves no memory" in _mistakes(result)
    assert "at most one per node" in result.message

    manager.docker(f"service update --reserve-memory {memory // 4} --detach solo")
    result = _check("04.3", lesson04)
    assert "With that reservation 4 tasks fit on each node" in _mistakes(result)

    manager.docker(f"service update --reserve-memory {memory + 2**30} --detach solo")
    result = _check("04.3", lesson04)
    assert "No node has that much memory to reserve" in _mistakes(result)
    assert "Tasks running: 0 (-). Expected: 3, at most one per node" in result.message
    manager.docker("service rm solo")


def test_api_with_too_few_replicas_is_told_before_the_failure(lesson04: Cluster) -> None:
    manager = lesson04.node("manager1")
    manager.docker(f"service create --name api --replicas 3 --constraint node.role==worker "
                   f"--quiet {APP}")
    result = _check("04.4", lesson04)
    assert result.status is Status.FAILED and result.seconds < 3
    assert "would be left (minimum: 2)" in result.message
    assert "With 3 replica(s) on 2 workers" in _mistakes(result)
    assert "switch worker1 off in a Python cell" in _mistakes(result)
    manager.docker("service rm api")


def test_api_made_after_worker1_went_down_is_told_to_redo_the_failure(lesson04: Cluster
                                                                     ) -> None:
    worker1 = lesson04.node("worker1")
    worker1.stop()
    try:
        lesson04.node("manager1").docker(
            f"service create --name api --replicas 4 --constraint node.role==worker --detach {APP}")
        result = _check("04.4", lesson04)
        assert result.status is Status.FAILED
        assert "worker1 has not been switched off since api was created" in result.message
        assert "api was created after worker1 went down" in _mistakes(result)
        lesson04.node("manager1").docker("service rm api")
    finally:
        worker1.start()
        wait_until(lambda: lesson04.status().node("worker1").state == "ready", timeout=60,
                   what="worker1 ready")


def test_solutions_pass_in_the_lessons_order(lesson04: Cluster) -> None:
    namespace: dict[str, object] = {}
    for check in registry.lesson_checks("04"):
        solution.apply(check.id, lesson04, namespace)
        result = check.run(lesson04, lang="en")
        assert result.passed, (check.id, result.message)
    assert "2 api task(s) ran without a break" in str(result)


def _settled(cluster: Cluster) -> bool:
    """worker1 ready and every task of every service running or pending (the lesson's
    cell after the 04.4 check waits for this)."""
    status = cluster.status()
    busy = [t for t in status.tasks
            if t.desired_state == "running" and t.state not in ("running", "pending")]
    return status.node("worker1").state == "ready" and not busy


def test_api_still_passes_once_worker1_is_back(lesson04: Cluster) -> None:
    """summary() runs after the lesson switches worker1 back on: the outage is judged from
    worker1's stop and start times, and the tasks each slot had when it went off."""
    if not lesson04.manager().client.api.services(filters={"name": "api"}):
        solution.apply("04.4", lesson04, {})  # as test_solutions_pass... leaves it
        wait_until(lambda: lesson04.status().node("worker1").state == "down", timeout=60,
                   what="worker1 down")
    if lesson04.node("worker1").state() != "running":
        lesson04.node("worker1").start()
    wait_until(lambda: _settled(lesson04), timeout=90, interval=0.5, what="worker1 ready")
    result = _check("04.4", lesson04, window=0)
    assert result.passed, result.message
    assert "worker1 was off for" in result.message and "Swarm noticed" in result.message
    assert "worker1: 2, worker2: 2" in result.message


def test_api_with_worker1_back_too_soon_is_told_swarm_did_not_notice(lesson04: Cluster
                                                                     ) -> None:
    worker1 = lesson04.node("worker1")
    if not lesson04.manager().client.api.services(filters={"name": "api"}):
        lesson04.node("manager1").docker(
            f"service create --name api --replicas 4 --constraint node.role==worker "
            f"--replicas-max-per-node 2 --quiet {APP}")
    wait_until(lambda: _settled(lesson04), timeout=90, interval=0.5, what="worker1 ready")
    worker1.kill()  # its heartbeats stop now, and it is back long before Swarm notices
    worker1.start()
    result = _check("04.4", lesson04, window=0)
    assert result.status is Status.FAILED, result.message
    assert "and is back; nothing shows Swarm marked it down" in result.message
    assert "Swarm takes some 15 s to notice" in _mistakes(result)
    wait_until(lambda: _settled(lesson04), timeout=90, interval=0.5, what="worker1 ready")
