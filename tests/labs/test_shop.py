"""The shop demo (web -> api -> store, and loadgen) and the app's clean stop, run as plain
containers on a user network of the host engine: there a container is found by its
network alias as a swarm service is by its name, with no IPVS needed."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from labs import spec
from labs.images import APP_IMAGE, SHOP_REPO
from labs.timing import wait_until

pytestmark = pytest.mark.integration

SHOP = f"{SHOP_REPO}:v1"
LINE = re.compile(r"^t=(\d+) ok=(\d+) fail=(\d+) rps=(\d+) timeouts=(\d+)$")
ROLES = ("store", "api", "web")


@dataclass
class Shop:
    """This module's containers, on a network of their own, and a client to call them."""

    engine: Any
    network: Any
    cluster: str
    containers: dict[str, Any]

    def run(self, name: str, image: str, command: list[str] | None = None, *,
            entrypoint: list[str] | None = None, **env: str) -> Any:
        """Start container ``name``, which the others reach by that name."""
        container = self.engine.containers.run(
            image, command, entrypoint=entrypoint, detach=True, environment=env,
            name=spec.resource_name(self.cluster, name), labels=spec.labels(self.cluster),
            network=self.network.name, networking_config={
                self.network.name: self.engine.api.create_endpoint_config(aliases=[name])})
        self.containers[name] = container
        return container

    def get(self, url: str) -> tuple[int, str]:
        """GET ``url`` from the client container: (status, body); status 0: no answer."""
        host, _, path = url.removeprefix("http://").partition("/")
        _, out = self.containers["client"].exec_run(
            ["sh", "-c", 'printf "GET /$P HTTP/1.0\\r\\n\\r\\n" | timeout 10 nc "$H" 80'],
            environment={"P": path, "H": host})
        head, _, body = out.decode().partition("\r\n\r\n")
        return (int(head.split()[1]) if head.startswith("HTTP/") else 0), body

    def wait_started(self, name: str) -> None:
        """Wait for the start line, which each role and the app print once their SIGTERM
        handler is set (the server listens a moment later)."""
        def said() -> bool:
            logs = self.containers[name].logs().decode()
            return "listening on" in logs or "requests/s to" in logs
        wait_until(said, timeout=30, interval=0.1, what=f"{name} to start",
                   describe=lambda: self.containers[name].logs().decode()[-300:])

    def state(self, name: str) -> dict[str, Any]:
        container = self.containers[name]
        container.reload()
        return dict(container.attrs["State"])

    def lines(self, name: str) -> list[tuple[int, ...]]:
        """loadgen's per-second lines, parsed: (t, ok, fail, rps, timeouts)."""
        out = self.containers[name].logs(stderr=False).decode().splitlines()
        return [tuple(int(n) for n in found.groups()) for found in map(LINE.match, out)
                if found]


def _identity(body: str, role: str) -> dict[str, str]:
    """The fields of ``role``'s line: {'version': 'v1', 'task': ..., 'node': ...}."""
    line = next(line for line in body.splitlines() if line.startswith(f"{role}: "))
    return dict(field.split("=", 1) for field in line.removeprefix(f"{role}: ").split())


@pytest.fixture(scope="module")
def shop(lab_engine: Any) -> Iterator[Shop]:
    cluster = spec.full_name("shop-test")
    network = lab_engine.networks.create(spec.resource_name(cluster), driver="bridge",
                                         labels=spec.labels(cluster))
    made = Shop(lab_engine, network, cluster, {})
    try:
        made.run("client", SHOP, entrypoint=["sleep", "600"])
        for slot, role in enumerate(ROLES, start=1):
            made.run(role, SHOP, [role], NODE=f"node-{role}", TASK_SLOT=str(slot))
        wait_until(lambda: made.get("http://web/")[0] == 200, timeout=30, interval=0.2,
                   what="web to answer through api and store")
        yield made
    finally:
        for container in made.containers.values():
            container.remove(force=True)
        network.remove()
    label = f"{spec.LABEL_CLUSTER}={cluster}"
    assert not lab_engine.containers.list(all=True, filters={"label": label})
    assert not lab_engine.networks.list(filters={"label": label})


def test_web_calls_api_calls_store_by_name_and_each_says_who_answered(shop: Shop) -> None:
    status, body = shop.get("http://web/")
    assert status == 200, body
    for slot, role in enumerate(ROLES, start=1):
        seen = _identity(body, role)
        container = shop.containers[role]
        assert seen == {"version": "v1", "task": container.attrs["Config"]["Hostname"],
                        "node": f"node-{role}", "slot": str(slot)}, body


def test_the_store_keeps_its_counters_between_requests(shop: Shop) -> None:
    first = shop.get("http://web/buy?item=apple")
    second = shop.get("http://web/buy?item=apple")
    assert first[0] == second[0] == 200, (first, second)
    assert "bought: apple" in second[1] and "\napple=2\n" in second[1], second[1]
    assert shop.get("http://store/get?key=apple")[1].endswith("\napple=2\n")
    status, stock = shop.get("http://api/stock")
    assert status == 200 and "\napple=2\n" in stock and _identity(stock, "store"), stock


def test_web_says_in_one_line_why_the_api_is_unavailable(shop: Shop) -> None:
    shop.run("lost", SHOP, ["web"], API_URL="http://nowhere")
    shop.wait_started("lost")
    status, body = shop.get("http://lost/")
    assert status == 502, body
    assert body.splitlines()[1:] == [
        "error: api unavailable: cannot reach http://nowhere/stock: bad address 'nowhere'"]


def test_health_off_makes_the_healthcheck_unhealthy_until_health_on(shop: Shop) -> None:
    wait_until(lambda: shop.state("api")["Health"]["Status"] == "healthy", timeout=30,
               interval=0.5, what="api healthy")
    assert shop.get("http://api/health/off")[0] == 200
    assert shop.get("http://api/health")[0] == 503
    wait_until(lambda: shop.state("api")["Health"]["Status"] == "unhealthy", timeout=30,
               interval=0.5, what="api's HEALTHCHECK to say unhealthy")
    assert shop.get("http://web/")[0] == 200  # unhealthy is a verdict, not an outage
    assert shop.get("http://api/health/on")[0] == 200
    wait_until(lambda: shop.state("api")["Health"]["Status"] == "healthy", timeout=30,
               interval=0.5, what="api healthy again")


def test_the_broken_version_exits_at_start_with_a_message(shop: Shop) -> None:
    roles = ("web", "api", "store", "loadgen")
    for role in roles:
        shop.run(f"broken-{role}", f"{SHOP_REPO}:broken", [role])
    for role in roles:
        container = shop.containers[f"broken-{role}"]
        assert container.wait(timeout=30)["StatusCode"] == 1
        assert f"shop {role}: version 'broken' refuses to start" in container.logs().decode()


def test_docker_stop_ends_every_role_and_the_app_at_once_with_code_0(shop: Shop) -> None:
    """SIGTERM ends them: no SIGKILL after the 10 s grace period (code 137)."""
    stopping = {f"stop-{role}": shop.run(f"stop-{role}", SHOP, [role])
                for role in ("web", "api", "store", "loadgen")}
    stopping["stop-app"] = shop.run("stop-app", APP_IMAGE)
    for name in stopping:
        shop.wait_started(name)
    took = {}
    for name, container in stopping.items():
        started = time.monotonic()
        container.stop(timeout=10)
        took[name] = time.monotonic() - started
    print("docker stop:", {name: f"{seconds:.2f} s" for name, seconds in took.items()})
    codes = {name: shop.state(name)["ExitCode"] for name in stopping}
    assert codes == dict.fromkeys(stopping, 0), (codes, took)
    assert max(took.values()) < 3, took


def test_loadgen_counts_each_second_and_the_failures_of_a_stopped_web(shop: Shop) -> None:
    front = shop.run("front", SHOP, ["web"])
    wait_until(lambda: shop.get("http://front/")[0] == 200, timeout=30, interval=0.2,
               what="web 'front' to answer")
    shop.run("loadgen", SHOP, ["loadgen"], TARGET="http://front/", RATE="10")
    wait_until(lambda: len(shop.lines("loadgen")) >= 2, timeout=30, interval=0.5,
               what="two loadgen lines")
    front.stop()
    before = shop.lines("loadgen")
    assert all(ok > 0 and fail == 0 and 8 <= rps <= 12 for _, ok, fail, rps, _ in before), before
    assert shop.state("front")["ExitCode"] == 0
    wait_until(lambda: [line for line in shop.lines("loadgen") if line[1] == 0 < line[2]],
               timeout=30, interval=0.5, what="a loadgen line with ok=0 and fail > 0")
    seconds = [line[0] for line in shop.lines("loadgen")]
    assert seconds == list(range(len(seconds))), seconds
    shop.containers["loadgen"].stop()
    assert shop.state("loadgen")["ExitCode"] == 0
