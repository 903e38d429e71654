"""Lesson 05: the checks act on the student's service, name the mistakes they see, and
leave the service on a good version.

Each check here makes the grader do what it does in batch grading: 05.1 rolls another
version out while it counts requests, 05.2 pushes the broken version.

These mistakes do not depend on the service's virtual IP, so they are shown on the host
engine, fast, with the services in ``--endpoint-mode dnsrr`` (a kernel without IPVS
carries no traffic to a virtual IP): the load generator then reaches the tasks by their
own addresses. The lesson's own cluster, with IPVS, runs the checks both ways in
test_checks_live.py and the notebook in tests/lessons/test_execute.py.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from autograder import registry
from autograder.result import CheckResult, Status
from labs import Cluster
from labs.dockercli import DockerCommandError
from labs.timing import wait_until

pytestmark = pytest.mark.integration

V1 = "orquestra-lab/shop:v1"
V2 = "orquestra-lab/shop:v2"


@pytest.fixture(scope="module")
def swarm(lab_engine: object) -> Iterator[Cluster]:
    """A 1+2 swarm on the host engine (lesson 05's shape, without its need of IPVS)."""
    with Cluster("lesson-05-dnsrr", managers=1, workers=2) as cluster:
        yield cluster


def _check(check_id: str, cluster: Cluster) -> CheckResult:
    return registry.get(check_id).run(cluster, window=2, lang="en")


def _mistakes(result: CheckResult) -> str:
    return "\n".join(part.hint for part in result.parts if not part.ok)


def test_a_service_nobody_can_call_by_name_is_told_so_and_left_alone(swarm: Cluster) -> None:
    manager = swarm.node("manager1")
    manager.docker(f"service create --name estoque --endpoint-mode dnsrr --detach {V1} store")
    try:
        for check_id in ("05.1", "05.2"):
            result = _check(check_id, swarm)
            assert result.status is Status.FAILED and result.points == 0
            assert "on no overlay network" in _mistakes(result)
        service = swarm.status().service("estoque")
        assert service is not None and service.image == V1
        assert service.update_started is None  # the grader updated nothing
    finally:
        manager.docker("service rm estoque")


def test_stop_first_with_one_replica_drops_requests_and_a_paused_update_is_undone(
        swarm: Cluster) -> None:
    manager = swarm.node("manager1")
    manager.docker("network create --driver overlay estoque-rede")
    manager.docker("service create --name estoque --network estoque-rede --endpoint-mode dnsrr "
                   f"--detach {V1} store")
    try:
        wait_until(lambda: swarm.status().running("estoque"), timeout=300, what="estoque")

        result = _check("05.1", swarm)
        assert result.status is Status.FAILED and 0 < result.points < 3
        assert "requests failed" in result.message
        assert "stop-first order (the default)" in _mistakes(result)
        service = swarm.status().service("estoque")
        assert service is not None and service.image == V2  # the grader's update, reported

        result = _check("05.2", swarm)
        assert result.status is Status.FAILED
        assert "The update paused at the broken version" in _mistakes(result)
        assert f"The grader put estoque back on {V2}" in result.message
        assert f"1 of 1 tasks run {V2}" in result.message
        service = swarm.status().service("estoque")
        assert service is not None and service.image == V2
    finally:
        manager.docker("service rm estoque")

        def removed() -> bool:
            try:
                manager.docker("network rm estoque-rede")
            except DockerCommandError as error:
                return "not found" in str(error)
            return True

        wait_until(removed, timeout=120, interval=1, what="estoque-rede removed")
