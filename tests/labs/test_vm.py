"""The VM engine on a real qemu: TLS-only engine, port forwards, nothing left after down.

One VM for the module (started from the snapshot; the first run on a
machine makes the image and the snapshot, minutes under TCG). Skipped, with
the reason, where qemu is not installed.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import docker
import docker.tls
import pytest
import requests

from labs import tls, vmimage
from labs.timing import wait_until
from labs.vm import VM
from labs.vmprocess import sweep
from labs.vmsnapshot import QEMU

# The first run on a machine builds the image and the snapshot: 5-10 minutes under TCG.
FIRST_RUN = pytest.mark.timeout(1800)
needs_qemu = pytest.mark.skipif(  # CI installs it (.ci/run): there, its absence fails
    shutil.which(QEMU) is None and os.environ.get("CI") != "true",
    reason=f"{QEMU} is not installed (apt-get install qemu-system-x86 qemu-utils)")


APP = "orquestra-lab/app:v1"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty lab cache, for the tests that need no qemu."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "orquestra-lab" / "vm"


def test_sessions_get_their_own_run_folder(monkeypatch: pytest.MonkeyPatch,
                                           cache: Path) -> None:
    monkeypatch.setenv("ORQUESTRA_LAB_SESSION", "a/b c")
    one = VM()
    assert one.session == "a_b_c"
    assert VM("other").run_dir != one.run_dir
    assert one.run_dir.parent == cache / "run"


def test_a_sweep_removes_only_stale_run_folders_without_qemu(cache: Path) -> None:
    stale, young = VM("stale").run_dir, VM("young").run_dir
    for folder in (stale, young):
        folder.mkdir(parents=True)
        (folder / "disk.qcow2").write_bytes(b"x")
    os.utime(stale, (0, 0))
    assert sweep() == ["stale"]
    assert not stale.exists() and young.exists()
    assert sweep(min_age=0) == ["young"]


def test_the_vm_keys_are_private_and_the_image_hash_follows_its_inputs(
        cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    creds = vmimage.credentials()
    assert all((p.stat().st_mode & 0o077) == 0 for p in (creds.key, creds.server_key))
    assert (cache.stat().st_mode & 0o077) == 0
    assets = tmp_path / "assets"
    assets.mkdir()
    (assets / "vminit").write_text("#!/bin/sh\n")
    monkeypatch.setattr(vmimage, "ASSETS", assets)
    before = vmimage.inputs_hash(creds)
    assert vmimage.inputs_hash(creds) == before
    (assets / "vminit").write_text("#!/bin/sh\necho changed\n")
    assert vmimage.inputs_hash(creds) != before
    assert vmimage.cached() is None


def test_state_changes_made_at_once_all_land(cache: Path) -> None:
    """Nodes start in parallel threads, each forwarding its port: no change is lost and
    no writer trips over another's temporary file (a CI run failed on exactly that)."""
    machine = VM("parallel")
    keys = [f"k{i}" for i in range(32)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda key: machine._save_state(**{key: True}), keys))
    assert set(machine._state()) == set(keys)
    assert sorted(p.name for p in machine.run_dir.iterdir()) == ["state.json", "state.lock"]


@pytest.fixture(scope="module")
def vm() -> Iterator[VM]:
    session = f"{os.environ.get('ORQUESTRA_LAB_SESSION') or 'test'}-vmtest"
    machine = VM(session)
    machine.up()
    try:
        yield machine
    finally:
        machine.down()


@pytest.mark.integration
@needs_qemu
@pytest.mark.vm
@FIRST_RUN
def test_the_engine_answers_over_tls_with_the_client_certificate(vm: VM) -> None:
    assert vm.client(timeout=30).ping()
    status = vm.status()
    assert status.running and status.engine and status.pid
    assert status.accel in ("kvm", "tcg") and status.accel_reason


@pytest.mark.integration
@needs_qemu
@pytest.mark.vm
@FIRST_RUN
def test_the_engine_refuses_a_client_without_the_lab_certificate(vm: VM, tmp_path: Path) -> None:
    port = vm.status().engine_port
    creds = vmimage.credentials()

    def refusal(client_cert: tuple[str, str] | None) -> str:
        client = docker.DockerClient(
            base_url=f"https://127.0.0.1:{port}", version="1.45", timeout=15,
            tls=docker.tls.TLSConfig(client_cert=client_cert, ca_cert=str(creds.ca), verify=True))
        client.api.trust_env = False  # REQUESTS_CA_BUNDLE must not replace the VM's CA
        with pytest.raises(requests.exceptions.SSLError) as refused:
            client.ping()
        return str(refused.value)

    # The guest engine itself says why (TLS alerts), not our side's verification.
    assert "CERTIFICATE_REQUIRED" in refusal(None)
    other = tls.Authority.create("not-the-vm")
    files = tls.write_client_files(tmp_path / "other", other.cert_pem, other.client())
    assert "UNKNOWN_CA" in refusal((str(files.cert), str(files.key)))
    # Plain HTTP gets no API either.
    with pytest.raises(urllib.error.HTTPError) as plain:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/_ping", timeout=15)
    assert plain.value.code == 400
    # ...while the lab's own certificate is accepted on the same port.
    assert vm.client(timeout=30).ping()


@pytest.mark.integration
@needs_qemu
@pytest.mark.vm
@FIRST_RUN
def test_a_forwarded_port_reaches_a_container_in_the_guest(vm: VM) -> None:
    guest = vm.client(timeout=300)
    container = guest.containers.run(APP, detach=True, ports={"80/tcp": 18080},
                                     name=f"orquestra-vmtest-web-{vm.session}")
    try:
        # Nodes forward their ports from parallel threads: every forward is kept.
        with ThreadPoolExecutor(max_workers=3) as pool:
            host_port, *others = pool.map(lambda guest: vm.forward(guest), (18080, 18081, 18082))
        assert vm.status().forwards == {host_port: 18080, others[0]: 18081, others[1]: 18082}
        for other in others:
            vm.unforward(other)
        assert vm.status().forwards == {host_port: 18080}

        def page() -> bytes:
            with urllib.request.urlopen(f"http://127.0.0.1:{host_port}/", timeout=10) as r:
                body: bytes = r.read()
                return body

        body = wait_until(page, timeout=180, interval=1, what="the forwarded app to answer")
        assert body
        # 127.0.0.1 only: the host's other addresses do not forward.
        with pytest.raises(OSError):
            socket.create_connection((_outward_ip(), host_port), timeout=5).close()
        vm.unforward(host_port)
        assert vm.status().forwards == {}
        with pytest.raises(OSError):
            urllib.request.urlopen(f"http://127.0.0.1:{host_port}/", timeout=5)
    finally:
        container.remove(force=True)


def _outward_ip() -> str:
    """This machine's address on its default route (not loopback)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.connect(("192.0.2.1", 9))  # no packet is sent
        ip: str = sock.getsockname()[0]
    assert not ip.startswith("127.")
    return ip


@pytest.mark.integration
@needs_qemu
@pytest.mark.vm
@FIRST_RUN
def test_two_sessions_have_their_own_vm(vm: VM) -> None:
    other = VM(f"{vm.session}-second")
    other.up()
    try:
        mine, theirs = vm.status(), other.status()
        assert theirs.engine and mine.engine
        assert theirs.pid != mine.pid and theirs.engine_port != mine.engine_port
        assert other.run_dir != vm.run_dir
    finally:
        other.down()
    assert not other.run_dir.exists()
    assert vm.status().engine  # stopping one session's VM left the other's alone


@pytest.mark.integration
@needs_qemu
@pytest.mark.vm
@FIRST_RUN
def test_down_leaves_nothing_even_after_kill_9() -> None:
    session = f"{os.environ.get('ORQUESTRA_LAB_SESSION') or 'test'}-vmkill"
    machine = VM(session)
    machine.up()
    pid = machine.status().pid
    assert pid is not None and machine.run_dir.is_dir()
    os.kill(pid, signal.SIGKILL)
    wait_until(lambda: not machine.pids(), timeout=10, what="qemu to die")
    assert machine.run_dir.is_dir()  # what a killed qemu leaves behind...
    assert session in sweep(min_age=0, only=session)  # ...is found by a sweep and removed
    assert not machine.run_dir.exists()
    machine.up()
    pid = machine.status().pid
    shutil.rmtree(machine.run_dir)  # a qemu whose run folder is gone...
    assert f"pid {pid}" in sweep(min_age=0, only=session)  # ...is stopped by a sweep
    assert not machine.pids()
    machine.down()
    assert not machine.pids() and not machine.run_dir.exists()
    assert not machine.status().running


def test_a_vm_started_again_on_another_port_gets_a_new_client(
        cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine adapter is cached per VM and engine port: after another process starts
    the session's VM again (a new port), the lab does not keep talking to the old one."""
    from labs import engines

    machine = VM("restarted")
    machine._save_state(engine_port=40001)
    first = engines._vm_host(machine.session, 40001)
    assert engines._vm_host(machine.session, 40001) is first
    machine._save_state(engine_port=40002)
    again = engines._vm_host(machine.session, 40002)
    assert again is not first and again.client.api.base_url == "https://127.0.0.1:40002"
    engines._vm_host.cache_clear()
