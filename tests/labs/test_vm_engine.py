"""What needs IPVS and ESP, proven on a cluster that has them: on the host engine where its
kernel does, in the VM engine where it does not (this project's machines).

One cluster for the module (``needs=("ipvs", "esp")``): the routing mesh answers on
nodes with no task, a service is called by name through its virtual IP, and an
encrypted overlay carries traffic as ESP. Everything is removed at the end,
the VM too.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator

import pytest

from labs import Cluster, engines, probe, vm
from labs.timing import wait_until
from labs.vmsnapshot import QEMU

pytestmark = [pytest.mark.integration, pytest.mark.vm, pytest.mark.timeout(2400)]

APP = "orquestra-lab/app:v1"


@pytest.fixture(scope="module")
def cluster(lab_engine: object) -> Iterator[Cluster]:
    choice = engines.choose(None, ("ipvs", "esp"))
    if choice.kind == engines.VM and shutil.which(QEMU) is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must have {QEMU}: .ci/run installs it")
        pytest.skip(f"{choice.reason}, and {QEMU} is not installed for the VM engine "
                    "(apt-get install qemu-system-x86 qemu-utils)")
    made = Cluster("vmnet", 1, 2, needs=("ipvs", "esp"), progress=print)
    try:
        yield made.up()
    finally:
        made.down()
        if made.host.kind == engines.VM:
            machine = vm.VM()
            machine.down()
            assert not machine.status().running and not machine.run_dir.exists()


def _answer(cluster: Cluster, node: str, port: int) -> str | None:
    status, body = probe.get(cluster.node(node).url(port), timeout=3)
    return body if status == 200 else None


def test_the_routing_mesh_answers_on_nodes_without_a_task(cluster: Cluster) -> None:
    manager = cluster.node("manager1")
    manager.docker(f"service create --name mesh --constraint node.hostname==worker1 "
                   f"--publish 8082:80 --detach {APP}")
    for node in ("manager1", "worker2", "worker1"):
        body = wait_until(lambda n=node: _answer(cluster, n, 8082), timeout=300, interval=1,
                          what=f"the published port on {node}",
                          describe=lambda: cluster.status().summary())
        assert "version: v1" in body
    assert [t.node for t in cluster.status().running("mesh")] == ["worker1"]


def test_a_service_answers_by_name_through_its_virtual_ip(cluster: Cluster) -> None:
    manager = cluster.node("manager1")
    manager.docker("network create -d overlay --attachable appnet")
    manager.docker(f"service create --name vipweb --network appnet --detach {APP}")
    wait_until(lambda: cluster.status().running("vipweb"), timeout=300, interval=1,
               what="a running task of vipweb")
    service = cluster.status().service("vipweb")
    assert service is not None and service.endpoint_mode == "vip"
    vip = manager.docker("service inspect vipweb --format "
                         "'{{range .Endpoint.VirtualIPs}}{{.Addr}} {{end}}'").split()
    client = cluster.node("worker2")  # a client on another node than the task, maybe
    said = wait_until(
        lambda: client.docker(f"run --rm --network appnet --entrypoint sh {APP} -c "
                              "'nslookup vipweb; wget -qO- -T 5 http://vipweb/'", timeout=120),
        timeout=300, interval=2, what="vipweb to answer by name")
    assert "version: v1" in said
    assert any(address.split("/")[0] in said for address in vip), (vip, said)


def _esp_packets(cluster: Cluster, node: str) -> int:
    code, out = cluster.node(node).exec("ip", "-s", "xfrm", "state")
    assert code == 0, out
    return sum(int(n) for n in re.findall(r"(\d+)\(packets\)", out)) if "proto esp" in out else 0


def test_an_encrypted_overlay_carries_traffic_as_esp(cluster: Cluster) -> None:
    manager = cluster.node("manager1")
    manager.docker("network create -d overlay --opt encrypted --attachable encnet")
    manager.docker(f"service create --name enc --mode global --constraint node.role==worker "
                   f"--network encnet --detach {APP}")
    wait_until(lambda: len(cluster.status().running("enc")) == 2, timeout=300, interval=1,
               what="a task of enc on each worker")
    target = cluster.node("worker2")
    task = target.docker("ps -q --filter label=com.docker.swarm.service.name=enc")
    address = target.docker("inspect --format "
                            "'{{(index .NetworkSettings.Networks \"encnet\").IPAddress}}' "
                            + task.split()[0])
    before = _esp_packets(cluster, "worker1")
    said = wait_until(
        lambda: cluster.node("worker1").docker(
            f"run --rm --network encnet --entrypoint wget {APP} -qO- -T 5 http://{address}/",
            timeout=120),
        timeout=300, interval=2, what=f"worker2's task at {address} over encnet")
    assert "version: v1" in said
    after = _esp_packets(cluster, "worker1")
    assert after > before, f"no ESP packets counted on worker1 ({before} -> {after})"
