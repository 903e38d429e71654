"""Processes and run folders of the lab's VMs: find them, stop them, sweep what is left.

A VM's qemu is found by its command line, which names its run folder, so a
missing or stale pid file never hides one; a killed qemu leaves only its run
folder, which :func:`sweep` removes.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import time
from pathlib import Path

from labs import vmimage

STALE_AFTER = 120.0
"""A run folder younger than this may be a VM still starting: sweeps leave it."""


def runs_root() -> Path:
    """The folder of every session's run folder."""
    return vmimage.vm_root() / "run"


def qemu_pids(marker: Path) -> list[int]:
    """Pids of the qemu processes whose command line names ``marker`` (a run folder)."""
    found = []
    needle = str(marker).encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if b"qemu-system" in cmdline.split(b"\0", 1)[0] and needle + b"/" in cmdline:
            found.append(int(entry.name))
    return found


def kill(pids: list[int], grace: float = 5.0) -> None:
    """SIGTERM ``pids``, then SIGKILL those still alive after ``grace`` seconds."""
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while pids and time.monotonic() < deadline:
        pids = [p for p in pids if Path(f"/proc/{p}").exists() and not _zombie(p)]
        time.sleep(0.05)
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z"
    except OSError:
        return True


def sweep(min_age: float = STALE_AFTER, *, only: str | None = None) -> list[str]:
    """Remove what dead or orphaned VMs left; returns the sessions cleaned.

    A run folder whose qemu is gone (killed, crashed) is removed, unless it
    is younger than ``min_age`` seconds (its VM may be starting); a qemu of
    the lab whose run folder is gone is stopped. ``only`` limits both to one
    session.
    """
    removed = []
    root = runs_root()
    for folder in sorted(root.iterdir()) if root.is_dir() else []:
        if only is not None and folder.name != only:
            continue
        if qemu_pids(folder) or time.time() - folder.stat().st_mtime < min_age:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder.name)
    orphans = [pid for pid in qemu_pids(root / only if only else root)
               if not _run_folder(pid).is_dir()]
    kill(orphans)
    removed += [f"pid {pid}" for pid in orphans]
    return removed


def _run_folder(pid: int) -> Path:
    """The run folder a qemu of the lab was started with (its ``-pidfile``'s folder)."""
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return Path("/nonexistent")
    return Path(args[args.index("-pidfile") + 1]).parent if "-pidfile" in args else Path("/")
