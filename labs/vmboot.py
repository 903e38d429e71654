"""Time a real VM boot, for lesson 01: the VM engine's kernel, booted cold under qemu.

Each boot starts qemu with the guest image's stock Debian kernel and initrd
and its disk read-only, with ``init=/usr/local/sbin/bootmark`` (a PID 1 that
prints the kernel's release on the console and powers off). The time
measured runs from starting qemu to that line: the whole boot up to user
space, the span Firecracker's specification gives for its microVMs ("until
the guest's /sbin/init starts"). KVM where it works, software emulation
(TCG) otherwise, as for the VM engine (:func:`labs.vmsnapshot.accel`).

Where no VM can boot (qemu not installed, no guest image built), nothing is
measured and :class:`BootTimes` says why: lesson 01 then shows only its
containers and the published figures. Batch grading skips it too (saying so):
no check depends on it, and under TCG it would cost a minute per student.
"""

from __future__ import annotations

import os
import queue
import shutil
import statistics
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from labs import vmimage
from labs.errors import LabError
from labs.i18n import Catalogue
from labs.spec import GRADING_ENV
from labs.vmsnapshot import QEMU, Accel, accel

Progress = Callable[[str], None]

MARK = "orquestra-boot: init"
"""What ``assets/vm/bootmark`` prints once user space runs, followed by ``uname -r``."""
BOOT_TIMEOUT = {"kvm": 60.0, "tcg": 300.0}
"""Seconds one boot may take before it counts as failed (TCG on a busy host is slow)."""

TEXTS = Catalogue(__name__, {
    "no_qemu": {"pt-BR": "VM não medida: o qemu não está instalado nesta máquina "
                         "(sudo apt-get install qemu-system-x86 qemu-utils).",
                "en": "VM not measured: qemu is not installed on this machine "
                      "(sudo apt-get install qemu-system-x86 qemu-utils)."},
    "no_image": {"pt-BR": "VM não medida: a imagem da VM do laboratório ainda não existe nesta "
                          "máquina. Para criá-la (uns 2 minutos, como root): "
                          "sudo .venv/bin/python -m labs vm build; depois rode esta célula "
                          "de novo.",
                 "en": "VM not measured: the lab's VM image does not exist on this machine "
                       "yet. To make it (about 2 minutes, as root): "
                       "sudo .venv/bin/python -m labs vm build; then run this cell again."},
    "booting": {"pt-BR": "boot {n} de {total} ({accel})...",
                "en": "boot {n} of {total} ({accel})..."},
    "booted": {"pt-BR": "boot {n}: {seconds} s até o init",
               "en": "boot {n}: {seconds} s to init"},
    "summary": {"pt-BR": "{count} boots de VM com o kernel {kernel}: mediana de {median} s do "
                         "qemu até o init.\nAcelerador: {how}, porque {reason}.",
                "en": "{count} VM boots of kernel {kernel}: median of {median} s from qemu "
                      "to init.\nAccelerator: {how}, because {reason}."},
    "tcg": {"pt-BR": "TCG (emulação por software)", "en": "TCG (software emulation)"},
    "kvm": {"pt-BR": "KVM (virtualização por hardware)", "en": "KVM (hardware virtualization)"},
    "grading": {"pt-BR": "VM não medida: na correção em lote o boot da VM fica de fora (nenhuma "
                         "verificação depende dele, e sob emulação ele custaria um minuto por "
                         "aluno).",
                "en": "VM not measured: batch grading leaves the VM boot out (no check "
                      "depends on it, and under emulation it would cost a minute per "
                      "student)."},
    "failed": {"pt-BR": "a VM ({accel}) não chegou ao init em {seconds} s; o console terminou "
                        "com:\n{tail}",
               "en": "the VM ({accel}) did not reach init within {seconds} s; its console "
                     "ended with:\n{tail}"},
    "silent": {"pt-BR": "(nada no console)", "en": "(nothing on the console)"},
    "series": {"pt-BR": "boot de VM ({accel})", "en": "VM boot ({accel})"},
})


class VMBootError(LabError):
    """A boot did not reach user space (the console's last lines say why)."""


@dataclass(frozen=True)
class BootTimes:
    """Measured boots (``ms``: qemu start to init, per boot), or why there are none."""

    ms: list[float] = field(default_factory=list)
    kernel: str = ""
    """The guest's ``uname -r``, printed by its own init."""
    accel: Accel | None = None
    missing: str = ""
    """When nothing was measured: the id of the text that says why."""

    @property
    def measured(self) -> bool:
        return bool(self.ms)

    def series(self, lang: str | None = None) -> dict[str, list[float]]:
        """``{label: ms}`` for :func:`labs.widgets.plots.start_times` (``compare=``);
        empty when nothing was measured, so the plot shows only what was."""
        if not self.measured or self.accel is None:
            return {}
        return {TEXTS.text("series", lang, accel=self.accel.name.upper()): list(self.ms)}

    def summary(self, lang: str | None = None) -> str:
        if not self.measured or self.accel is None:
            return TEXTS.text(self.missing or "no_image", lang)
        return TEXTS.text("summary", lang, count=len(self.ms), kernel=self.kernel,
                          how=TEXTS.text(self.accel.name, lang), reason=self.accel.reason,
                          median=round(statistics.median(self.ms) / 1000, 1))

    def __str__(self) -> str:
        return self.summary()


def measure(boots: int = 3, progress: Progress = print) -> BootTimes:
    """Boot the guest kernel ``boots`` times, one after the other, and time each.

    Returns an unmeasured :class:`BootTimes` (saying why) where qemu or the
    guest image is missing; builds nothing. Raises :class:`VMBootError` when
    a boot does not reach user space, and ``ValueError`` for ``boots < 1``.
    """
    if boots < 1:
        raise ValueError(f"boots must be at least 1, got {boots}")
    if os.environ.get(GRADING_ENV):
        return BootTimes(missing="grading")
    if shutil.which(QEMU) is None:
        return BootTimes(missing="no_qemu")
    if not (vmimage.image_dir() / "inputs.sha256").is_file():
        return BootTimes(missing="no_image")  # checked first: cached() would make the VM's CA
    image = vmimage.cached()
    if image is None:
        return BootTimes(missing="no_image")
    how = accel(image, progress)
    ms: list[float] = []
    kernel = ""
    for n in range(1, boots + 1):
        progress(TEXTS.text("booting", n=n, total=boots, accel=how.name.upper()))
        took, kernel = boot_once(image, how)
        ms.append(took)
        progress(TEXTS.text("booted", n=n, seconds=round(took / 1000, 1)))
    return BootTimes(ms=ms, kernel=kernel, accel=how)


def boot_once(image: vmimage.GuestImage, how: Accel) -> tuple[float, str]:
    """One cold boot: milliseconds from starting qemu to init's line, and ``uname -r``."""
    args = [QEMU, "-accel", how.name, "-cpu", how.cpu, "-m", "1024", "-smp", "1",
            "-nodefaults", "-display", "none", "-serial", "stdio", "-no-reboot",
            "-kernel", str(image.kernel), "-initrd", str(image.initrd),
            "-drive", f"file={image.disk},format=raw,if=virtio,readonly=on",
            "-append", "root=/dev/vda ro console=ttyS0 panic=-1 quiet "
                       "init=/usr/local/sbin/bootmark"]
    lines: queue.Queue[tuple[float, str] | None] = queue.Queue()
    began = time.perf_counter()
    proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    threading.Thread(target=_read_lines, args=(proc, lines), daemon=True).start()
    seen: list[str] = []
    deadline = began + BOOT_TIMEOUT.get(how.name, 300.0)
    try:
        while (left := deadline - time.perf_counter()) > 0:
            try:
                item = lines.get(timeout=left)
            except queue.Empty:
                break
            if item is None:  # qemu ended
                break
            at, line = item
            seen.append(line)
            if MARK in line:
                return (at - began) * 1000, line.split(MARK, 1)[1].strip()
    finally:
        _stop(proc)
    raise VMBootError(TEXTS.text("failed", accel=how.name.upper(),
                                 seconds=round(BOOT_TIMEOUT.get(how.name, 300.0)),
                                 tail="\n".join(seen[-10:]) or TEXTS.text("silent")))


def _read_lines(proc: subprocess.Popen[bytes], into: queue.Queue[tuple[float, str] | None]) -> None:
    assert proc.stdout is not None
    for raw in proc.stdout:
        into.put((time.perf_counter(), raw.decode(errors="replace").strip("\r\n")))
    into.put(None)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """Let qemu end by itself (init powers off), or kill it; it never outlives the call."""
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
