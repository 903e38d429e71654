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

from labs import engine, images, vmimage
from labs.errors import ImageError
from labs.i18n import Catalogue
from labs.timing import wait_until

if TYPE_CHECKING:
    from labs.vm import VM

Progress = Callable[[str], None]

GUEST_IMAGES = tuple(spec.tag for spec in images.specs())
"""Host images every guest engine holds from the start: the lab's node first, then the demo
app's and the shop's tags."""
KVM_PROBE_SECONDS = 20.0
QEMU = "qemu-system-x86_64"


TEXTS = Catalogue(__name__, {
    "forced": {"pt-BR": "escolhido com ORQUESTRA_LAB_VM_ACCEL",
               "en": "chosen with ORQUESTRA_LAB_VM_ACCEL"},
    "no_kvm": {"pt-BR": "o /dev/kvm não pode ser usado ({detail})",
               "en": "/dev/kvm cannot be used ({detail})"},
    "kvm": {"pt-BR": "o /dev/kvm funciona e o kernel do convidado dá boot com ele",
            "en": "/dev/kvm works and the guest kernel boots under it"},
    "kvm_fails": {"pt-BR": "o /dev/kvm existe, mas o kernel do convidado não dá boot com ele "
                           "(o qemu disse: {detail})",
                  "en": "/dev/kvm exists but the guest kernel does not boot under KVM "
                        "(qemu said: {detail})"},
    "probing": {"pt-BR": "testando o KVM com um boot curto do kernel do convidado",
                "en": "probing KVM with a short boot of the guest kernel"},
    "loading_image": {"pt-BR": "docker save {name} | docker load (no convidado)",
                      "en": "docker save {name} | docker load (guest)"},
})


@dataclass(frozen=True)
class Accel:
    """How qemu runs the guest: ``kvm`` or ``tcg``, and why (``why``: a text of
    :data:`TEXTS`; ``detail``: what the probe saw, untranslated)."""

    name: str
    why: str
    detail: str = ""

    @property
    def reason(self) -> str:
        """Why this accelerator, in the learner's language."""
        return TEXTS.text(self.why, detail=self.detail)

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
        return Accel(forced, "forced")
    try:
        fd = os.open("/dev/kvm", os.O_RDWR)
        os.close(fd)
    except OSError as exc:
        return Accel("tcg", "no_kvm", exc.strerror or str(exc))
    key = hashlib.sha256(
        f"{platform.release()}\0{_qemu_version()}\0{image.digest}".encode()).hexdigest()[:16]
    cache = vmimage.vm_root() / f"accel-{key}.json"
    if cache.is_file():
        known = json.loads(cache.read_text())
        if known.get("why") in TEXTS:
            return Accel(known["name"], known["why"], known.get("detail", ""))
    progress(TEXTS.text("probing"))
    failure = _probe_kvm(image)
    found = Accel("kvm", "kvm") if failure is None else Accel("tcg", "kvm_fails", failure)
    for old in vmimage.vm_root().glob("accel-*.json"):
        old.unlink(missing_ok=True)  # answers for an older kernel, qemu or image
    cache.write_text(json.dumps({"name": found.name, "why": found.why, "detail": found.detail}))
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
    host, ids = engine.host(), []
    for name in GUEST_IMAGES:
        found = host.image_id(name)
        if found is None:
            raise ImageError(f"image {name} is not on the host engine. "
                             "Run: python -m labs images")
        ids.append(found)
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
    from labs import vm as vm_module
    from labs.vm import QemuLaunch

    snap.disk.parent.mkdir(mode=0o700)
    step = time.perf_counter()
    progress(vm_module.TEXTS.text("cold_boot", session=vm.session, accel=snap.accel.name,
                        reason=snap.accel.reason))
    vm.launch(QemuLaunch(snap.disk, snap.image.disk, snap.image, snap.accel))
    vm.wait_engine(progress)
    vm.timings["cold boot to engine answering"] = time.perf_counter() - step
    step = time.perf_counter()
    progress(vm_module.TEXTS.text("loading", session=vm.session))
    guest = engine.Host(vm.client(timeout=900))
    host = engine.host()
    for name in GUEST_IMAGES:
        progress(TEXTS.text("loading_image", name=name))
        host.copy_image(name, guest)
    vm.timings["load the images into the guest"] = time.perf_counter() - step
    step = time.perf_counter()
    progress(vm_module.TEXTS.text("saving", session=vm.session))
    # Dropping the guest's page cache makes the state file (and every restore) smaller.
    dropper = guest.create_container(
        GUEST_IMAGES[0], labels={}, settings={"privileged": True, "network_mode": "none"},
        entrypoint=["/bin/sh", "-c"], command=["sync; echo 3 > /proc/sys/vm/drop_caches"])
    try:
        guest.start(dropper)
        guest.wait(dropper, timeout=300)
    finally:
        guest.remove_container(dropper)
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
