"""Lessons 00 and 01: the checks recognise the likely mistakes and say which one it was."""

from __future__ import annotations

import pytest

from autograder import registry
from autograder.result import CheckResult, Status
from labs import Cluster, probe
from labs.timing import wait_until

pytestmark = pytest.mark.integration


def _check(check_id: str, cluster: Cluster) -> CheckResult:
    result = registry.get(check_id).run(cluster, window=3, lang="en")
    assert result.status is Status.FAILED, result.message
    return result


def _mistakes(result: CheckResult) -> str:
    return "\n".join(part.hint for part in result.parts if not part.ok and part.hint)


APP = "orquestra-lab/app"


@pytest.mark.parametrize(
    ("node", "command", "seen", "mistake"),
    [
        ("worker1", f"run -d --name hello {APP}:v1", "nothing answered",
         "publishes no port (docker port hello shows nothing): -p 8080:80 is missing"),
        ("worker1", f"run -d --name hello -p 8081:80 {APP}:v1", "nothing answered",
         "on the node's port 8081, not 8080. In -p the first number is the node's port"),
        ("worker1", f"run -d --name hello -p 8080:8080 {APP}:v1", "nothing answered",
         "links the node's port 8080 to the container's port 8080, but the app listens on port 80"),
        ("worker1", f"run -d --name hello -p 8080:80 {APP}:v2", "app v2 answered instead",
         "runs the image orquestra-lab/app:v2; orquestra-lab/app:v1 is asked for"),
        ("manager1", f"run -d --name hello -p 8080:80 {APP}:v1", "nothing answered",
         "There is a hello on manager1 publishing port 8080: it was created on the wrong node"),
        ("worker1", f"run -d --name web -p 8080:80 {APP}:v1", "Port 8080 of worker1 answers",
         "is named web, not hello: the name comes from --name hello"),
        ("worker1", f"create --name hello -p 8080:80 {APP}:v1", "nothing answered",
         "hello exists on worker1 but is not running (state created, code 0)"),
        ("worker1", f"run -d --name hello -p 80:8080 {APP}:v1", "nothing answered",
         "The -p numbers are swapped: hello publishes the container's port 8080 on the "
         "node's port 80"),
        ("worker1", f"run -d --name hello -p 9090:8080 {APP}:v1", "nothing answered",
         "hello publishes (container port → node port): 8080 → 9090; none of them leads"),
    ],
    ids=["no-port", "other-port", "wrong-target", "wrong-tag", "wrong-node", "no-name",
         "not-started", "reversed", "other-binding"],
)
def test_00_1_says_what_answered_and_which_mistake_it_was(
        lesson00: Cluster, node: str, command: str, seen: str, mistake: str) -> None:
    lesson00.node(node).docker(command)
    if "nothing answered" not in seen:  # as a learner would, look once the app listens
        wait_until(lambda: probe.get(lesson00.node(node).url(8080))[0] is not None,
                   timeout=30, what=f"port 8080 of {node} answering")
    try:
        result = _check("00.1", lesson00)
        assert seen in result.message, result.message
        assert mistake in _mistakes(result), _mistakes(result)
        assert result.points < 1
        assert result.seconds < 3  # a recognised mistake does not fix itself: no waiting
    finally:
        name = command.split("--name ")[1].split()[0]
        lesson00.node(node).docker(f"rm -f {name}")


def test_00_1_without_any_container_says_nothing_answered(lesson00: Cluster) -> None:
    result = _check("00.1", lesson00)
    assert "No container hello is running on worker1" in result.message
    assert "should answer with app v1; nothing answered" in result.message
    assert _mistakes(result) == ""


def test_01_1_without_the_container_says_so_once(lesson01: Cluster) -> None:
    result = _check("01.1", lesson01)
    assert "There is no container limited on manager1 (docker ps -a does not list it)" in \
        _mistakes(result)
    assert "it cannot be read without a limited running with a limit" in result.message


@pytest.mark.parametrize(
    ("command", "mistake"),
    [
        (f"run -d --name limited {APP}:v1", "limited has no memory limit (0 means none)"),
        (f"run -d --name limited --memory 64000000 {APP}:v1",
         "The recorded limit is 61.0 MiB (64000000 bytes)"),
        (f"run -d --name limited --memory 64m --entrypoint true {APP}:v1",
         "limited exists but has ended (state exited, code 0)"),
    ],
    ids=["no-limit", "decimal-megabytes", "exited"],
)
def test_01_1_recognises_a_missing_or_wrong_limit_and_an_ended_container(
        lesson01: Cluster, command: str, mistake: str) -> None:
    node = lesson01.node("manager1")
    node.docker(command)
    try:
        assert mistake in _mistakes(_check("01.1", lesson01))
    finally:
        node.docker("rm -f limited")


DD = "--entrypoint dd orquestra-lab/app:v1 if=/dev/zero of=/dev/null bs=80M count=1"


@pytest.mark.parametrize(
    ("tight", "roomy", "mistakes"),
    [
        ("--memory 96m --memory-swap 96m", "--memory 128m --memory-swap 128m",
         ["tight finished the dd (code 0): with a 96 MiB limit, the 80 MiB fitted"]),
        ("--memory 64m --memory-swap 64m", "--memory 64m --memory-swap 64m",
         ["roomy was killed (OOMKilled): 64 MiB is not enough for dd's 80 MiB"]),
        ("--memory 64m --memory-swap 64m", "", ["roomy has no memory limit"]),
    ],
    ids=["tight-fits", "roomy-killed", "roomy-unlimited"],
)
def test_01_2_grades_the_chosen_limits_by_what_happened(
        lesson01: Cluster, tight: str, roomy: str, mistakes: list[str]) -> None:
    node = lesson01.node("manager1")
    try:
        node.docker(f"run -d --name tight {tight} {DD}")
        node.docker(f"run -d --name roomy {roomy} {DD}")
        found = _mistakes(_check("01.2", lesson01))
        for mistake in mistakes:
            assert mistake in found, found
    finally:
        node.docker("rm -f tight roomy")


def test_01_2_wants_the_given_program(lesson01: Cluster) -> None:
    node = lesson01.node("manager1")
    node.docker("run -d --name tight --memory 64m --memory-swap 64m --entrypoint tail "
                "orquestra-lab/app:v1 /dev/zero")
    try:
        assert "tight does not run the given command" in _mistakes(_check("01.2", lesson01))
    finally:
        node.docker("rm -f tight")


def test_01_3_names_containers_that_did_not_exit_zero(lesson01: Cluster) -> None:
    node = lesson01.node("manager1")
    node.docker("run --label lab=start --entrypoint true orquestra-lab/app:v1")
    node.docker("create --label lab=start --entrypoint false orquestra-lab/app:v1")
    try:
        result = _check("01.3", lesson01)
        assert "Found 1 container(s) labelled lab=start that exited with code 0" in result.message
        assert "1 container(s) labelled lab=start did not exit with code 0" in _mistakes(result)
    finally:
        for line in node.docker("ps -aq --filter label=lab=start").split():
            node.docker(f"rm -f {line}")


def test_01_3_recognises_containers_removed_by_rm(lesson01: Cluster) -> None:
    node = lesson01.node("manager1")
    node.docker("run --label lab=start --entrypoint true orquestra-lab/app:v1")
    node.docker("run --rm --label lab=start --entrypoint true orquestra-lab/app:v1")
    try:
        result = _check("01.3", lesson01)
        assert "Found 1 container(s) labelled lab=start that exited with code 0" in result.message
        assert "were already removed: with --rm" in _mistakes(result)
    finally:
        for line in node.docker("ps -aq --filter label=lab=start").split():
            node.docker(f"rm -f {line}")
