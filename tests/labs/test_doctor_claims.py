"""What `doctor` says about IPVS is true on this kernel, whichever way it goes: without
IPVS a service's virtual IP (the default --endpoint-mode vip) gets no answer by name,
while tasks.NAME and a --endpoint-mode dnsrr service answer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from docker.types import EndpointSpec

from labs import Cluster, runtime
from labs.images import APP_IMAGE
from labs.timing import wait_until

pytestmark = pytest.mark.integration

# one line per name, "NAME=yes" when the app answered through it within 3 s
PROBE = ("for name in {names}; do "
         "if printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 3 $name 80 | grep -q '^version:'; "
         "then echo $name=yes; else echo $name=no; fi; done")


@pytest.fixture(scope="module")
def cluster(lab_engine: object) -> Iterator[Cluster]:
    made = Cluster("doctor-claims", managers=1, workers=1)
    try:
        yield made.up()
    finally:
        made.down()


def test_without_ipvs_only_the_virtual_ip_fails(cluster: Cluster) -> None:
    ipvs = runtime.detect(cluster.host).ipvs
    client = cluster.manager().client
    network = client.networks.create("claims", driver="overlay", attachable=True)
    services = [client.services.create(APP_IMAGE, name=name, networks=["claims"],
                                       constraints=["node.role==worker"],
                                       endpoint_spec=EndpointSpec(mode=mode))
                for name, mode in (("vipweb", "vip"), ("rrweb", "dnsrr"))]

    def answers(*names: str) -> dict[str, bool]:
        out = client.containers.run(
            APP_IMAGE, entrypoint=["sh", "-c", PROBE.format(names=" ".join(names))],
            network="claims", remove=True).decode()
        return {k: v == "yes" for k, v in (line.split("=") for line in out.split())}

    try:
        wait_until(lambda: all(answers("tasks.vipweb", "rrweb").values()), timeout=90,
                   interval=1, what="tasks.vipweb and rrweb to answer from the manager")
        if ipvs:
            wait_until(lambda: answers("vipweb")["vipweb"], timeout=60, interval=1,
                       what="the virtual IP of vipweb to answer (the kernel has IPVS)")
        else:
            assert answers("vipweb", "tasks.vipweb", "rrweb") == {
                "vipweb": False, "tasks.vipweb": True, "rrweb": True}
    finally:
        for service in services:
            service.remove()
        wait_until(lambda: _removed(network), timeout=30, what="the claims network to go")


def _removed(network: object) -> bool:
    try:
        network.remove()  # type: ignore[attr-defined]
    except Exception:
        return False
    return True
