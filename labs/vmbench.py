"""What the VM engine costs, measured in one run (``python -m labs bench --engine vm``).

:func:`bench` times the guest image build (cold, then the cached no-op), the
VM's first start (cold boot, images loaded, snapshot saved), a start from
the snapshot until the engine answers, one node container started
``--privileged`` in the guest until its inner dockerd answers, and ``down``;
the same node start on the host engine is printed beside it when the host
allows ``--privileged``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from labs import vmimage, vmsnapshot
from labs.engine import Host
from labs.timing import wait_until
from labs.vm import VM

Progress = Callable[[str], None]

NODE_START_TIMEOUT = 600.0
BENCH_LABEL = "org.orquestra-lab.vm-bench"


@dataclass(frozen=True)
class Row:
    """One measured step: seconds on the VM engine, and on the host engine where measured."""

    step: str
    vm: float
    host: float | None = None


@contextmanager
def _timed(rows: list[Row], step: str, progress: Progress) -> Iterator[None]:
    progress(f"bench: {step}...")
    started = time.perf_counter()
    yield
    rows.append(Row(step, time.perf_counter() - started))


def node_start(host: Host, name: str) -> float:
    """Seconds from ``docker run --privileged`` of a node to its dockerd answering.

    Readiness is read from the node's log ("API listen on"), not with
    ``docker exec``: an exec during the entrypoint's cgroup set-up races it
    (the prototype's lesson). The container is removed afterwards.
    """
    from labs.vmsnapshot import GUEST_IMAGES

    started = time.perf_counter()
    container = host.create_container(
        GUEST_IMAGES[0], name=name, labels={BENCH_LABEL: "1"},
        settings={"privileged": True, "tmpfs": {"/run": "", "/tmp": ""}})
    try:
        host.start(container)
        wait_until(lambda: "API listen on" in host.logs(container), timeout=NODE_START_TIMEOUT,
                   interval=0.25, what=f"node {name}'s dockerd to answer",
                   describe=lambda: host.logs(container, tail=5))
        return time.perf_counter() - started
    finally:
        host.remove_container(container)


def bench(progress: Progress = print, *, cold: bool = True) -> list[Row]:
    """Measure the VM engine's steps in one run and print them as a table; returns the rows.

    ``cold`` removes the cached image and snapshot first, so both builds are
    measured. Leaves no VM running (``down`` is the last step timed).
    """
    rows: list[Row] = []
    vm = VM(f"{os.environ.get('ORQUESTRA_LAB_SESSION') or 'default'}-bench")
    vm.down()
    if cold:
        vmsnapshot.remove()
        vmimage.remove()
    try:
        built = vmimage.cached() is None
        with _timed(rows, "image build" + (" (cold)" if built else " (cached)"), progress):
            vmimage.build(progress)
        with _timed(rows, "image build again (cached, no-op)", progress):
            vmimage.build(progress)
        with _timed(rows, "VM up, first start (cold boot, images, snapshot)", progress):
            vm.up(progress)
        if "make the snapshot (total)" not in vm.timings:
            rows[-1] = Row("VM up, first start (the snapshot existed)", rows[-1].vm)
        rows += [Row(f"  of which: {k}", v) for k, v in vm.timings.items()
                 if not k.startswith(("restore:", "up from"))]
        with _timed(rows, "down", progress):
            vm.down()
        with _timed(rows, "VM up from the snapshot (engine answering, clock set)", progress):
            vm.up(progress)
        rows += [Row(f"  of which: {k}", v) for k, v in vm.timings.items()
                 if k.startswith("restore:")]
        progress("bench: one node container --privileged until its dockerd answers...")
        guest = Host(vm.client(timeout=600))
        rows.append(Row("node container --privileged until its dockerd answers",
                        node_start(guest, f"orquestra-vm-bench-{vm.session}"),
                        _host_node_start(vm.session)))
        rows += cluster_rows(vm.session, progress)
        with _timed(rows, "down", progress):
            vm.down()
    finally:
        vm.down()
    progress(render(rows, vm.status().accel or _accel_name()))
    return rows


def _cluster_steps(engine_kind: str, name: str, progress: Progress) -> list[float | None]:
    """Seconds for: a 1+2 cluster up, a published port answering on all three nodes (None
    where the engine's kernel has no IPVS), the cluster down."""
    from labs import probe, runtime
    from labs.cluster import Cluster

    cluster = Cluster(name, 1, 2, engine=engine_kind, progress=progress)
    started = time.perf_counter()
    try:
        cluster.up()
        up = time.perf_counter() - started
        mesh: float | None = None
        if runtime.detect(cluster.host).ipvs:
            started = time.perf_counter()
            cluster.node("manager1").docker(
                "service create --name bench --replicas 1 --constraint node.role==worker "
                "--publish 8080:80 --detach orquestra-lab/app:v1", timeout=600)
            wait_until(lambda: all(probe.get(n.url(8080), timeout=3)[0] == 200
                                   for n in cluster.nodes),
                       timeout=NODE_START_TIMEOUT, interval=1,
                       what="the published port on every node")
            mesh = time.perf_counter() - started
    finally:
        started = time.perf_counter()
        cluster.down()
    return [up, mesh, time.perf_counter() - started]


def cluster_rows(session: str, progress: Progress) -> list[Row]:
    """A 3-node cluster on the VM engine and on the host engine, side by side."""
    progress("bench: a 3-node cluster on each engine...")
    before = os.environ.get("ORQUESTRA_LAB_SESSION")
    os.environ["ORQUESTRA_LAB_SESSION"] = session  # the clusters' VM: the bench's own
    try:
        on_vm = _cluster_steps("vm", f"bench-vm-{os.getpid()}", progress)
        on_host = _cluster_steps("host", f"bench-host-{os.getpid()}", progress)
    finally:
        if before is None:
            os.environ.pop("ORQUESTRA_LAB_SESSION", None)
        else:
            os.environ["ORQUESTRA_LAB_SESSION"] = before
    steps = ("cluster 1+2 up", "published port answering on all 3 nodes", "cluster down")
    return [Row(step, v if v is not None else float("nan"), h)
            for step, v, h in zip(steps, on_vm, on_host, strict=True)]


def _host_node_start(session: str) -> float | None:
    from labs import engine

    try:
        return node_start(engine.host(), f"orquestra-host-bench-{session}")
    except Exception:  # the host refuses --privileged (this project's machines)
        return None


def _accel_name() -> str:
    image = vmimage.cached()
    return vmsnapshot.accel(image, lambda _: None).name if image else "?"


def render(rows: list[Row], accel: str) -> str:
    """The rows as a text table, with the host's load average."""
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    lines = [f"VM engine ({accel}), load average {load}",
             f"{'step':<62} {'VM':>9} {'host':>9}"]
    for row in rows:
        host = f"{row.host:8.1f}s" if row.host is not None else "        -"
        guest = f"{row.vm:8.1f}s" if row.vm == row.vm else "        -"  # NaN: not measured
        lines.append(f"{row.step:<62} {guest} {host}")
    return "\n".join(lines)
