"""Lesson 02: the checks recognise the likely mistakes, say which, and never contradict."""

from __future__ import annotations

import pytest

from autograder import registry
from autograder.result import CheckResult, Status
from labs import Cluster

pytestmark = pytest.mark.integration

APP = "orquestra-lab/app:v1"


def _check(check_id: str, cluster: Cluster) -> CheckResult:
    return registry.get(check_id).run(cluster, window=3, lang="en")


def _mistakes(result: CheckResult) -> str:
    return "\n".join(part.hint for part in result.parts if not part.ok)


def _restart(cluster: Cluster) -> None:
    cluster.node("worker1").stop()
    cluster.node("worker1").start()


def test_the_shops_name_the_node_the_policy_and_the_port_that_went_wrong(
        lesson02: Cluster) -> None:
    worker1, worker2 = lesson02.node("worker1"), lesson02.node("worker2")
    worker2.docker(f"run -d --name shop-1 --restart always -p 8081:80 {APP}")
    result = _check("02.1", lesson02)
    assert result.status is Status.FAILED and result.points == 0
    assert "shop-1 on worker1: does not exist" in result.message
    assert "shop-1 was made on worker2, not on worker1" in _mistakes(result)

    worker2.docker("rm -f shop-1")
    worker1.docker(f"run -d --name shop-1 -p 8081:80 {APP}")
    worker2.docker(f"run -d --name shop-2 --restart on-failure -p 8080:80 {APP}")
    result = _check("02.1", lesson02)
    mistakes = _mistakes(result)
    assert "state running, restart policy no. Expected: running" in result.message
    assert "docker update --restart always shop-1" in mistakes
    assert "shop-1 publishes: 8081:80. Expected 8080:80" in mistakes
    assert "on-failure only restarts when the process exits with an error" in mistakes
    assert "shop-2 answers on port 8080 of worker2" in result.message
    assert result.points == 0.5  # one part of four: shop-2 answers


def test_the_restart_names_what_came_back_and_why(lesson02: Cluster) -> None:
    worker1 = lesson02.node("worker1")
    for name in ("shop-1", "promo"):
        worker1.docker(f"rm -f {name}")
    worker1.docker(f"run -d --name shop-1 -p 8080:80 {APP}")
    worker1.docker(f"run -d --name promo --restart always -p 8081:80 {APP}")
    worker1.docker("stop -t 1 promo")
    result = _check("02.2", lesson02)
    assert "worker1 has not been stopped since the containers were made" in _mistakes(result)

    worker1.stop()
    result = _check("02.2", lesson02)
    assert result.status is Status.FAILED and result.points == 0
    assert "worker1 is off: start it again" in _mistakes(result)
    assert "worker1 is off: promo cannot be seen" in result.message

    worker1.start()
    result = _check("02.2", lesson02)
    mistakes = _mistakes(result)
    assert "With policy no, worker1's Docker engine did not start shop-1 again" in mistakes
    assert "always starts even a container stopped with docker stop again" in mistakes
    assert "shop-1 came back" not in result.message  # never said while it did not

    worker1.docker("update --restart always shop-1")
    worker1.docker("start shop-1")
    worker1.docker("update --restart unless-stopped promo")
    _restart(lesson02)
    result = _check("02.2", lesson02)
    assert "Policy unless-stopped is right, but promo was still running" in _mistakes(result)
    assert "shop-1 came back by itself and answers on port 8080" in result.message

    worker1.docker("stop -t 1 promo")
    _restart(lesson02)
    result = _check("02.2", lesson02)
    assert result.status is Status.PASSED, result.message
    assert "it was down" in result.message and " s, from the host stopping" in result.message


def test_on_failure_is_named_and_brings_back_a_promo_that_ended_with_an_error(
        lesson02: Cluster) -> None:
    """docker stop ends the app with code 0, so on-failure leaves promo stopped, but a clean
    restart of worker1 during the sale would leave it down too: the policy part says so.
    Measured, against the docs' wording: on-failure restarts a container that ended with an
    error (docker kill: 137) when the engine comes up again."""
    worker1 = lesson02.node("worker1")
    worker1.docker("update --restart on-failure promo")
    assert worker1.client.api.inspect_container("promo")["State"]["ExitCode"] == 0
    result = _check("02.2", lesson02)
    assert "on-failure brings promo back only when it exits with an error" in _mistakes(result)
    assert "promo is still stopped after the restart" in result.message

    worker1.docker("start promo")
    worker1.docker("kill promo")
    assert worker1.client.api.inspect_container("promo")["State"]["ExitCode"] == 137
    _restart(lesson02)
    result = _check("02.2", lesson02)
    assert "on-failure looks at the exit code" in _mistakes(result)
    assert worker1.client.api.inspect_container("promo")["State"]["Running"]
