"""The VM's restorable snapshot ("golden" state) and the choice of accelerator.

A snapshot is a read-only disk (a qcow2 over the guest image) and a memory
state file, made once by a cold boot in which the guest engine came up and
loaded the lab's images from the host engine (``docker save`` |
``docker load``). qemu's internal snapshots (``savevm``/``-loadvm``) live
inside the top qcow2 and so cannot be shared by throwaway overlays; the
memory state is therefore saved with ``migrate "exec:cat > FILE"`` and
restored with ``-incoming "exec:cat FILE"``, which is the same mechanism.
Every session starts from its own overlay over the shared read-only disk.

The snapshot is keyed by the guest image, the host images loaded, qemu's
version, the accelerator and the machine size, and made again when any of
them changes.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import platform
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from labs import engine, vmimage
from labs.apierror import translated
from labs.errors import ImageError
from labs.timing import wait_until

if TYPE_CHECKING:
    from labs.vm import VM

Progress = Callable[[str], None]

GUEST_IMAGES = ("orquestra-lab/node:latest", "orquestra-lab/app:v1", "orquestra-lab/app:v2",
                "orquestra-lab/app:broken")
"""Host images every guest engine holds from the start (the lab's node and demo app)."""
KVM_PROBE_SECONDS = 20.0
QEMU = "qemu-system-x86_64"


@dataclass(frozen=True)
class Accel:
    """How qemu runs the guest: ``kvm`` or ``tcg``, and why."""

    name: str
    reason: str

    @property
    def cpu(self) -> str:
        """The ``-cpu`` model: the host's under KVM, every emulated feature under TCG."""
        return "host" if self.name == "kvm" else "max"


@dataclass(frozen=True)
class Snapshot:
    """A restorable VM: its disk (read-only backing of every overlay) and memory state."""

    disk: Path
    state: Path
    image: vmimage.GuestImage
    accel: Accel


def _qemu_version() -> str:
    done = subprocess.run([QEMU, "--version"], capture_output=True, text=True)
    return done.stdout.splitlines()[0] if done.stdout else "unknown"


def accel(image: vmimage.GuestImage, progress: Progress) -> Accel:
    """KVM when /dev/kvm opens and a probe boot of the guest kernel prints; else TCG, saying why.

    ``ORQUESTRA_LAB_VM_ACCEL=tcg`` (or ``kvm``) skips the probe. The probe's
    answer is cached per host kernel, qemu version and guest kernel.
    """
    forced = os.environ.get("ORQUESTRA_LAB_VM_ACCEL", "")
    if forced in ("kvm", "tcg"):
        return Accel(forced, "chosen with ORQUESTRA_LAB_VM_ACCEL")
    try:
        fd = os.open("/dev/kvm", os.O_RDWR)
        os.close(fd)
    except OSError as exc:
        return Accel("tcg", f"/dev/kvm cannot be used ({exc.strerror}); software emulation")
    key = hashlib.sha256(
        f"{platform.release()}\0{_qemu_version()}\0{image.digest}".encode()).hexdigest()[:16]
    cache = vmimage.vm_root() / f"accel-{key}.json"
    if cache.is_file():
        known = json.loads(cache.read_text())
        return Accel(known["name"], known["reason"])
    progress("probing KVM with a short boot of the guest kernel")
    failure = _probe_kvm(image)
    found = (Accel("kvm", "/dev/kvm works and the guest kernel boots under it")
             if failure is None else
             Accel("tcg", f"/dev/kvm exists but the guest kernel does not boot under KVM "
                          f"({failure}); software emulation (TCG), 13-18x slower"))
    for old in vmimage.vm_root().glob("accel-*.json"):
        old.unlink(missing_ok=True)  # answers for an older kernel, qemu or image
    cache.write_text(json.dumps({"name": found.name, "reason": found.reason}))
    return found


def _probe_kvm(image: vmimage.GuestImage) -> str | None:
    """None when the kernel prints its banner under KVM, else what went wrong.

    No root disk is given: the kernel panics once it gets that far, and
    ``-no-reboot`` ends qemu.
    """
    with tempfile.TemporaryDirectory(prefix="kvm-probe-") as tmp:
        console = Path(tmp) / "console"
        args = [QEMU, "-accel", "kvm", "-cpu", "host", "-m", "256", "-nodefaults",
                "-display", "none", "-serial", f"file:{console}", "-kernel", str(image.kernel),
                "-append", "console=ttyS0 panic=-1 loglevel=4", "-no-reboot"]
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            out, _ = proc.communicate(timeout=KVM_PROBE_SECONDS)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
        printed = console.read_text(errors="replace") if console.exists() else ""
        if "Linux version" in printed:
            return None
        said = [line for line in out.splitlines() if line.strip()]
        errors = [line for line in said if "error" in line.lower()]
        if said:
            return (errors or said[-1:])[0][:160]
        return f"nothing on the console in {KVM_PROBE_SECONDS:.0f} s"


def _host_image_ids() -> str:
    ids = []
    for name in GUEST_IMAGES:
        with translated():
            try:
                ids.append(engine.client().images.get(name).id)
            except Exception as exc:
                raise ImageError(f"image {name} is not on the host engine ({exc}). "
                                 "Run: python -m labs images") from exc
    return " ".join(ids)


def snapshots_root() -> Path:
    """Where snapshots are kept: ``<cache>/vm/snapshot``."""
    return vmimage.vm_root() / "snapshot"


def golden(vm: VM, progress: Progress) -> Snapshot:
    """The snapshot for today's image, host images and accelerator; made now if missing.

    Making it boots ``vm`` cold, loads :data:`GUEST_IMAGES` from the host
    engine into the guest engine, saves the memory state and stops ``vm``.
    Sessions making it at once wait for each other (a lock file).
    """
    from labs.vm import MEMORY_MB

    image = vmimage.build(progress)
    how = accel(image, progress)
    key = hashlib.sha256("\0".join(
        [image.digest, _host_image_ids(), _qemu_version(), how.name, how.cpu, str(MEMORY_MB)]
    ).encode()).hexdigest()[:16]
    root = snapshots_root()
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    final = root / key
    snap = Snapshot(final / "disk.qcow2", final / "state", image, how)
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (final / "done").is_file():
            for old in root.iterdir():
                if old.is_dir():
                    shutil.rmtree(old, ignore_errors=True)
            started = time.perf_counter()
            try:
                _make(vm, snap, progress)
            except BaseException:
                vm.down()
                shutil.rmtree(final, ignore_errors=True)
                raise
            vm.timings["make the snapshot (total)"] = time.perf_counter() - started
    return snap


def _make(vm: VM, snap: Snapshot, progress: Progress) -> None:
    from labs.vm import TEXTS, QemuLaunch

    snap.disk.parent.mkdir(mode=0o700)
    step = time.perf_counter()
    progress(TEXTS.text("cold_boot", session=vm.session, accel=snap.accel.name,
                        reason=snap.accel.reason))
    vm.launch(QemuLaunch(snap.disk, snap.image.disk, snap.image, snap.accel))
    vm.wait_engine(progress)
    vm.timings["cold boot to engine answering"] = time.perf_counter() - step
    step = time.perf_counter()
    progress(TEXTS.text("loading", session=vm.session))
    guest = vm.client(timeout=900)
    host = engine.client()
    for name in GUEST_IMAGES:
        progress(f"docker save {name} | docker load (guest)")
        with translated():
            guest.api.load_image(host.api.get_image(name, chunk_size=1 << 20), quiet=True)
    vm.timings["load the images into the guest"] = time.perf_counter() - step
    step = time.perf_counter()
    progress(TEXTS.text("saving", session=vm.session))
    # Dropping the guest's page cache makes the state file (and every restore) smaller.
    with translated():
        guest.containers.run(GUEST_IMAGES[0], entrypoint=["/bin/sh", "-c"],
                             command=["sync; echo 3 > /proc/sys/vm/drop_caches"],
                             privileged=True, remove=True, network_mode="none")
    vm.monitor("stop")
    said = vm.monitor(f'migrate "exec:cat > {snap.state}"', timeout=600)
    if said:
        raise vmimage.VMImageError(f"qemu could not save the VM's memory: {said}")
    wait_until(lambda: "completed" in vm.monitor("info migrate"), timeout=600, interval=0.5,
               what="qemu to save the VM's memory",
               describe=lambda: vm.monitor("info migrate"))
    vm.down()
    snap.disk.chmod(0o444)
    (snap.disk.parent / "done").write_text(json.dumps(vm.timings))
    vm.timings["save the snapshot"] = time.perf_counter() - step


def remove() -> None:
    """Forget every snapshot (the next ``up`` makes one again with a cold boot)."""
    shutil.rmtree(snapshots_root(), ignore_errors=True)
