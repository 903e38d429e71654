"""Lesson 06: the checks name the networking mistakes they recognise, on a real cluster.

Most mistakes are in the services' specs (networks, variables, published ports, the
networks' options), so the checks name them before any task runs: each test creates
services with ``--detach`` and removes them, and waits for nothing.
"""

from __future__ import annotations

import pytest

from autograder import registry
from autograder.result import CheckResult, Status
from labs import Cluster
from labs.magics import DockerCommandError
from labs.timing import wait_until

pytestmark = [pytest.mark.integration, pytest.mark.vm]

SHOP = "orquestra-lab/shop:v1"


def _check(check_id: str, cluster: Cluster, window: float = 2) -> CheckResult:
    return registry.get(check_id).run(cluster, window=window, lang="en")


def _mistakes(result: CheckResult) -> str:
    return "\n".join(part.hint for part in result.parts if not part.ok)


def _run(cluster: Cluster, *commands: str) -> None:
    manager = cluster.node("manager1")
    for command in commands:
        manager.docker(command)


def _clean(cluster: Cluster, services: str, networks: str) -> None:
    """Remove what a test made and wait until no node keeps a trace of it (a container, a
    network), so that the next test finds the lesson's cluster as it was made."""
    _run(cluster, f"service rm {services}")

    def removed() -> bool:
        try:
            _run(cluster, f"network rm {networks}")
        except DockerCommandError as exc:
            return "not found" in str(exc) and all(
                name not in cluster.node("manager1").docker("network ls --format '{{.Name}}'")
                for name in networks.split())
        return True

    wait_until(removed, timeout=120, interval=1, what=f"networks {networks} removed")

    def traceless(node_name: str) -> bool:
        code, out = cluster.node(node_name).exec(
            "sh", "-c", "docker ps -aq; docker network ls --format '{{.Name}}'")
        return code == 0 and not (set(out.split()) & set(networks.split())) and not any(
            len(word) == 12 and word.isalnum() for word in out.split())

    for node in cluster.nodes:
        wait_until(lambda name=node.name: traceless(name), timeout=120, interval=1,
                   what=f"{node.name} without the test's containers and networks")


def test_api_and_store_on_different_networks_are_told_to_share_one(lesson06: Cluster) -> None:
    _run(lesson06, "network create --driver overlay um", "network create --driver overlay dois",
         f"service create --name store --network um --detach {SHOP} store",
         f"service create --name api --replicas 2 --network dois --detach {SHOP} api")
    result = _check("06.1", lesson06, window=120)
    assert result.status is Status.FAILED and result.seconds < 30  # waiting will not help
    assert "api and store share no overlay network (api: dois; store: um)" in result.message
    assert "a network's DNS knows only that network's services" in _mistakes(result)
    _clean(lesson06, "store api", "um dois")


def test_a_service_with_no_network_is_told_so(lesson06: Cluster) -> None:
    _run(lesson06, "network create --driver overlay um",
         f"service create --name store --network um --detach {SHOP} store",
         f"service create --name api --replicas 2 --detach {SHOP} api")
    result = _check("06.1", lesson06)
    assert result.status is Status.FAILED
    assert "A service created without --network is on no overlay network" in _mistakes(result)
    _clean(lesson06, "store api", "um")


def test_an_api_calling_the_store_by_ip_is_told_to_use_the_name(lesson06: Cluster) -> None:
    _run(lesson06, "network create --driver overlay um",
         f"service create --name store --network um --detach {SHOP} store",
         f"service create --name api --replicas 2 --network um "
         f"--env STORE_URL=http://10.20.9.9 --detach {SHOP} api")
    result = _check("06.1", lesson06)
    assert result.status is Status.FAILED and result.seconds < 10
    assert "The api calls the store by an IP address (http://10.20.9.9)" in _mistakes(result)
    _clean(lesson06, "store api", "um")


def test_a_web_on_the_stores_network_or_a_published_store_is_not_isolated(
        lesson06: Cluster) -> None:
    _run(lesson06, "network create --driver overlay um",
         f"service create --name store --network um --detach {SHOP} store",
         f"service create --name api --replicas 2 --network um --detach {SHOP} api",
         f"service create --name web --network um --detach {SHOP} web")
    result = _check("06.2", lesson06)
    assert result.status is Status.FAILED
    assert "The web is on a network of the store (um)" in _mistakes(result)

    _run(lesson06, "network create --driver overlay frente",
         "service update --network-rm um --network-add frente --detach web",
         "service update --network-add frente --detach api",
         "service update --publish-add 8083:80 --detach store")
    result = _check("06.2", lesson06)
    assert "The store publishes port 8083" in _mistakes(result)
    _clean(lesson06, "store api web", "um frente")


def test_a_store_on_a_plain_network_or_alone_on_an_encrypted_one_is_told_why(
        lesson06: Cluster) -> None:
    _run(lesson06, "network create --driver overlay um",
         "network create --driver overlay frente",
         f"service create --name store --network um --detach {SHOP} store",
         f"service create --name api --replicas 2 --network um --network frente "
         f"--detach {SHOP} api",
         f"service create --name web --network frente --detach {SHOP} web")
    result = _check("06.3", lesson06)
    assert result.status is Status.FAILED and result.seconds < 10
    assert "um cannot be changed. Create another network" in _mistakes(result)

    _run(lesson06, "network create --driver overlay --opt encrypted cofre",
         "service update --network-rm um --network-add cofre --detach store")
    result = _check("06.3", lesson06, window=120)
    assert result.status is Status.FAILED and result.seconds < 30
    assert "the api is not on it" in _mistakes(result)
    _clean(lesson06, "store api web", "um frente cofre")
