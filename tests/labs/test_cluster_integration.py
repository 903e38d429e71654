"""Real clusters on a real engine: create, re-attach, faults, quorum, cleanup."""

from __future__ import annotations

import json
import os
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import docker
import docker.errors
import docker.tls
import pytest
import requests
from docker.types import EndpointSpec, ServiceMode

from labs import Cluster, faults, spec, tls
from labs.errors import ClusterConflict, LabError
from labs.inventory import leftovers, remove_all
from labs.status import NO_SWARM
from labs.timing import wait_until

pytestmark = pytest.mark.integration
APP = "orquestra-lab/app:v1"


def http_get(url: str, timeout: float = 3) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as answer:
        return str(answer.read().decode())


def running_tasks(cluster: Cluster, service: str) -> list[Any]:
    return cluster.status().running(service)


@pytest.fixture(scope="module")
def cluster(lab_engine: object) -> Iterator[Cluster]:
    """One manager, two workers, shared by the non-destructive tests of this module."""
    with Cluster("shared", managers=1, workers=2) as made:
        yield made


# -- lifecycle ----------------------------------------------------------------------

def test_up_reattach_down_leaves_nothing(lab_engine: object) -> None:
    first = Cluster("life", managers=1, workers=1).up()
    ids = {n.name: n.inspect()["Id"] for n in first.nodes}
    first.manager().client.services.create(APP, name="keep")

    again = Cluster("life", managers=1, workers=1).up()  # e.g. after a kernel restart
    assert {n.name: n.inspect()["Id"] for n in again.nodes} == ids
    assert [s.name for s in again.manager().client.services.list()] == ["keep"]
    assert again.status().leader == "manager1"

    with pytest.raises(ClusterConflict, match="another shape"):
        Cluster("life", managers=3, workers=0).up()
    with pytest.raises(ClusterConflict), Cluster("life", managers=3, workers=0):
        pass
    assert again.exists(), "a failed `with` removed a cluster it did not create"

    again.down()
    left = leftovers()
    assert not any(v for v in left.values() if any("life" in x for x in v)), left


def test_bare_cluster_has_engines_but_no_swarm(lab_engine: object) -> None:
    with Cluster("bare", managers=1, workers=1, bare=True) as bare:
        for node in bare.nodes:
            assert node.swarm_info()["LocalNodeState"] == "inactive"
        status = bare.status()
        assert status.leader is None and status.problem == NO_SWARM
        assert {n.state for n in status.nodes} == {"not in swarm"}
        label = bare.diagram(lang="en").source
        assert "no swarm: independent Docker engines" in label and "NO LEADER" not in label
        # what a student does by hand in lesson 03
        manager, worker = bare.node("manager1"), bare.node("worker1")
        manager.client.swarm.init(advertise_addr=manager.ip)
        manager.client.swarm.reload()
        token = manager.client.swarm.attrs["JoinTokens"]["Worker"]
        worker.client.swarm.join([f"{manager.ip}:2377"], token, advertise_addr=worker.ip)
        assert wait_until(lambda: bare.status().leader, timeout=30, what="leader") == "manager1"
        assert len(bare.status().nodes) == 2
        assert bare.node("worker1").client.images.get(APP)  # app image loaded anyway


def test_killed_mid_up_then_cleanup_finds_everything(lab_engine: object) -> None:
    script = "from labs import Cluster; Cluster('crash', managers=1, workers=2).up()"
    proc = subprocess.Popen([sys.executable, "-c", script], env=os.environ.copy())
    label = {"label": f"{spec.LABEL_CLUSTER}={spec.full_name('crash')}"}
    api = docker.from_env(version="auto").api
    try:
        wait_until(lambda: len(api.containers(all=True, filters=label)) >= 2, timeout=60,
                   interval=0.02, what="the crash cluster's containers to appear")
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert api.containers(all=True, filters=label) or api.networks(filters=label)
    removed = remove_all()
    assert spec.full_name("crash") in removed
    assert not api.containers(all=True, filters=label)
    assert not api.networks(filters=label)
    assert not api.volumes(filters=label).get("Volumes")
    assert not (tls.cache_root() / spec.full_name("crash")).exists()


def test_a_failed_step_removes_what_it_made_unless_retained(lab_engine: Any) -> None:
    # A container that is not ours holds the name the first node needs.
    squatter = lab_engine.containers.create(
        APP, name=spec.resource_name(spec.full_name("clash"), "manager1"))
    try:
        with pytest.raises(LabError, match="start the nodes") as info:
            Cluster("clash", managers=1, workers=1).up()
        assert "doctor" in str(info.value)
        assert not any(v for v in leftovers().values() if any("clash" in x for x in v))
        assert lab_engine.containers.get(squatter.id)  # what is not ours stays

        with pytest.raises(LabError):
            Cluster("clash", managers=1, workers=1, retain=True).up()
        assert spec.resource_name(spec.full_name("clash")) in leftovers()["networks"]
    finally:
        squatter.remove(force=True)
        remove_all()


# -- access and safety ------------------------------------------------------------------

def test_daemons_listen_on_loopback_only_and_require_the_cluster_certificate(
        cluster: Cluster, tmp_path: Any) -> None:
    node = cluster.node("worker1")
    bindings = node.inspect()["HostConfig"]["PortBindings"]
    assert {b[0]["HostIp"] for b in bindings.values()} == {"127.0.0.1"}
    port = node.ports()[spec.DAEMON_PORT]

    # plain HTTP: refused (the daemon only speaks TLS)
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(b"GET /_ping HTTP/1.0\r\n\r\n")
        assert b"OK" not in sock.recv(200)

    # TLS without a client certificate: refused
    context = ssl.create_default_context(cafile=str(node.tls.ca))
    with (pytest.raises((ssl.SSLError, ConnectionError)),
          socket.create_connection(("127.0.0.1", port), timeout=5) as raw,
          context.wrap_socket(raw, server_hostname="127.0.0.1") as conn):
        conn.sendall(b"GET /_ping HTTP/1.0\r\n\r\n")
        conn.recv(200)

    # a certificate from another cluster's CA: refused
    stranger = tls.Authority.create("stranger")
    files = tls.write_client_files(tmp_path / "stranger", stranger.cert_pem, stranger.client())
    intruder = docker.DockerClient(
        base_url=f"https://127.0.0.1:{port}", version="1.45",
        tls=docker.tls.TLSConfig(client_cert=(str(files.cert), str(files.key)),
                                 ca_cert=str(node.tls.ca), verify=True))
    intruder.api.trust_env = False
    with pytest.raises(requests.exceptions.SSLError, match="unknown ca"):
        intruder.ping()

    assert node.client.ping()  # the cluster's own certificate works


def test_docker_contexts_exist_for_every_node(cluster: Cluster) -> None:
    from labs import contexts

    assert cluster.full_name in contexts.clusters()
    if not any(os.access(os.path.join(p, "docker"), os.X_OK)
               for p in os.environ.get("PATH", "").split(os.pathsep)):
        pytest.skip("no docker CLI here to read the contexts")
    out = subprocess.run(
        ["docker", "--context", f"{cluster.full_name}-manager1", "node", "ls",
         "--format", "{{.Hostname}}"], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    assert sorted(out.stdout.split()) == ["manager1", "worker1", "worker2"]


# -- services, networks ---------------------------------------------------------------

def test_replicated_service_spreads_over_the_workers_only(cluster: Cluster) -> None:
    client = cluster.manager().client
    service = client.services.create(
        APP, name="spread", mode=ServiceMode("replicated", replicas=4),
        constraints=["node.role==worker"])
    try:
        wait_until(lambda: len(running_tasks(cluster, "spread")) == 4, timeout=60,
                   what="4 running tasks", describe=lambda: cluster.status().summary())
        nodes = [t.node for t in running_tasks(cluster, "spread")]
        assert set(nodes) == {"worker1", "worker2"}
        assert sorted(nodes).count("worker1") == 2
    finally:
        service.remove()


def test_overlay_network_carries_traffic_across_nodes(cluster: Cluster) -> None:
    client = cluster.manager().client
    network = client.networks.create("backend", driver="overlay", attachable=True)
    service = client.services.create(
        APP, name="web", networks=["backend"], constraints=["node.role==worker"],
        mode=ServiceMode("replicated", replicas=2), maxreplicas=1,
        env=["NODE={{.Node.Hostname}}"])
    try:
        wait_until(lambda: len(running_tasks(cluster, "web")) == 2, timeout=60,
                   what="2 web tasks", describe=lambda: cluster.status().summary())
        # from a container on the manager, reach each task by its overlay address
        script = ("for ip in $(nslookup tasks.web 127.0.0.11 | awk '/^Address/ && !/#53/ "
                  "{print $NF}'); do printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 3 $ip 80 "
                  "| grep '^node:'; done")
        out = client.containers.run(APP, entrypoint=["sh", "-c", script],
                                     network="backend", remove=True).decode()
        assert sorted(out.split()) == ["node:", "node:", "worker1", "worker2"], out
    finally:
        service.remove()
        wait_until(lambda: _remove(network), timeout=30, what="network removal")


def test_host_mode_port_reaches_the_notebook_through_a_lab_port(cluster: Cluster) -> None:
    client = cluster.manager().client
    service = client.services.create(
        APP, name="hostmode", mode=ServiceMode("global"), constraints=["node.role==worker"],
        endpoint_spec=EndpointSpec(ports={8081: (80, "tcp", "host")}),
        env=["NODE={{.Node.Hostname}}"])
    try:
        for name in ("worker1", "worker2"):
            body = wait_until(lambda n=name: http_get(cluster.node(n).url(8081)), timeout=60,
                              what=f"the app on {name}:8081")
            assert f"node: {name}" in body
    finally:
        service.remove()


# -- faults -------------------------------------------------------------------------

def test_killed_task_is_replaced(cluster: Cluster) -> None:
    client = cluster.manager().client
    service = client.services.create(APP, name="heal", mode=ServiceMode("replicated", 2),
                                     constraints=["node.role==worker"])
    try:
        wait_until(lambda: len(running_tasks(cluster, "heal")) == 2, timeout=60, what="2 tasks")
        before = {t.id for t in running_tasks(cluster, "heal")}
        faults.kill_task(cluster, "heal")
        wait_until(lambda: len(running_tasks(cluster, "heal")) == 2
                   and {t.id for t in running_tasks(cluster, "heal")} != before,
                   timeout=60, what="a replacement task",
                   describe=lambda: cluster.status().summary())
    finally:
        service.remove()


def test_stopped_worker_tasks_are_rescheduled(cluster: Cluster) -> None:
    client = cluster.manager().client
    service = client.services.create(APP, name="move", mode=ServiceMode("replicated", 4),
                                     constraints=["node.role==worker"])
    worker = cluster.node("worker2")
    try:
        wait_until(lambda: len(running_tasks(cluster, "move")) == 4, timeout=60, what="4 tasks")
        assert {t.node for t in running_tasks(cluster, "move")} == {"worker1", "worker2"}
        stopped = time.monotonic()
        worker.stop()
        wait_until(lambda: cluster.status().node("worker2").state == "down", timeout=60,
                   what="the swarm to see worker2 down")
        print(f"worker2 seen down after {time.monotonic() - stopped:.1f} s")
        wait_until(lambda: [t.node for t in running_tasks(cluster, "move")] == ["worker1"] * 4,
                   timeout=60, what="all 4 tasks on worker1",
                   describe=lambda: cluster.status().summary())
        print(f"tasks rescheduled after {time.monotonic() - stopped:.1f} s")
        assert cluster.status().node("worker2").container_state == "exited"
    finally:
        if worker.state() != "running":
            worker.start()
        wait_until(lambda: cluster.status().node("worker2").state == "ready", timeout=60,
                   what="worker2 back")
        service.remove()


def test_partition_and_heal(cluster: Cluster) -> None:
    worker = cluster.node("worker1")
    faults.partition([worker])
    try:
        assert not worker.connected()
        wait_until(lambda: cluster.status().node("worker1").state == "down", timeout=60,
                   what="the swarm to see worker1 down",
                   describe=lambda: cluster.status().summary())
    finally:
        faults.heal([worker])
    assert worker.connected()
    wait_until(lambda: cluster.status().node("worker1").state == "ready", timeout=60,
               what="worker1 ready after the partition healed",
               describe=lambda: cluster.status().summary())
    assert worker.client.ping()  # the host reaches it again through its port


def test_paused_node_stops_answering_and_resumes(cluster: Cluster) -> None:
    worker = cluster.node("worker2")
    worker.pause()
    try:
        assert worker.state() == "paused"
        assert cluster.status().node("worker2").container_state == "paused"
    finally:
        worker.unpause()
    worker.wait_ready(30)


def test_status_json_from_the_cli(cluster: Cluster) -> None:
    out = subprocess.run([sys.executable, "-m", "labs", "status", "shared", "--json"],
                         capture_output=True, text=True, timeout=60, check=True)
    data = json.loads(out.stdout)
    assert data["name"] == cluster.full_name and data["leader"] == "manager1"
    assert [n["hostname"] for n in data["nodes"]] == ["manager1", "worker1", "worker2"]
    assert {n["role"] for n in data["nodes"]} == {"manager", "worker"}
    assert isinstance(data["services"], list)


# -- quorum -------------------------------------------------------------------------------

def test_losing_quorum_and_getting_it_back(lab_engine: object) -> None:
    with Cluster("quorum", managers=3, workers=0) as quorum:
        client = quorum.node("manager1").client
        service = client.services.create(APP, name="q", mode=ServiceMode("replicated", 1))
        assert quorum.status().leader is not None
        for name in ("manager2", "manager3"):
            quorum.node(name).stop()
        def leaderless() -> Any:
            snapshot = quorum.status()
            # right after the loss, calls may time out until an election fails
            return snapshot if "does not have a leader" in snapshot.problem else None

        status = wait_until(leaderless, timeout=90, what="the swarm to lose its leader")
        assert status.leader is None
        assert [n.container_state for n in status.nodes] == ["running", "exited", "exited"]
        # `docker service scale q=3` on the surviving manager: Swarm's quorum message
        with pytest.raises(docker.errors.APIError, match="does not have a leader"):
            service.scale(3)
        for name in ("manager2", "manager3"):
            quorum.node(name).start()
        leader = quorum.wait_for_leader(timeout=120)
        assert leader.name in {"manager1", "manager2", "manager3"}
        service.reload()
        assert service.scale(2)
        wait_until(lambda: len(running_tasks(quorum, "q")) == 2, timeout=60, what="2 tasks")


def test_app_reports_config_secret_and_switchable_health(cluster: Cluster) -> None:
    client = cluster.manager().client
    secret = client.secrets.create(name="app_secret", data=b"s3cret-value")
    config = client.configs.create(name="app_config", data=b"greeting=ola")
    from docker.types import ConfigReference, SecretReference

    service = client.services.create(
        APP, name="cfg", constraints=["node.hostname==worker1"],
        endpoint_spec=EndpointSpec(ports={8083: (80, "tcp", "host")}),
        secrets=[SecretReference(secret.id, "app_secret")],
        configs=[ConfigReference(config.id, "app_config", filename="/app/config.txt")],
        env=["NODE={{.Node.Hostname}}", "TASK_SLOT={{.Task.Slot}}"])
    url = cluster.node("worker1").url(8083)
    try:
        body = wait_until(lambda: http_get(url), timeout=60, what="the app on worker1:8083")
        assert "config: greeting=ola" in body
        assert "secret: 12 bytes" in body and "s3cret" not in body
        assert "node: worker1" in body and "slot: 1" in body
        assert "requests: 2" in http_get(url)
        http_get(url + "health/off")
        with pytest.raises(urllib.error.HTTPError, match="503"):
            http_get(url + "health")
        http_get(url + "health/on")
        assert http_get(url + "health").strip() == "ok"
    finally:
        service.remove()
        wait_until(lambda: not running_tasks(cluster, "cfg"), timeout=30, what="cfg gone")
        wait_until(lambda: _remove(secret) and _remove(config), timeout=30, what="cleanup")


def _remove(obj: Any) -> bool:
    try:
        obj.remove()
    except docker.errors.NotFound:
        return True
    except docker.errors.APIError:
        return False
    return True


def test_a_node_url_refuses_ports_that_are_not_lab_ports(cluster: Cluster) -> None:
    from labs.errors import NodeError

    with pytest.raises(NodeError, match="8080, 8081"):
        cluster.node("worker1").url(9999)


def test_free_ports_skip_the_ports_a_stopped_node_takes_back() -> None:
    from labs.node import free_ports

    first = free_ports(20)
    again = free_ports(20, held=set(first))
    assert len(again) == 20 and not set(again) & set(first)
