"""The VM engine: a qemu virtual machine with a stock Debian kernel and a Docker engine.

Where the host's kernel lacks IPVS or ESP (no routing mesh, no service VIP,
no encrypted overlay) the lab runs its clusters inside this VM instead. One
:class:`VM` per lab session (``ORQUESTRA_LAB_SESSION``): its run folder
``<cache>/vm/run/<session>/`` holds the throwaway disk overlay, the pid file,
the monitor socket, the console log and ``state.json`` (engine port,
forwards), so two sessions never share one VM and a killed qemu leaves only
a folder :func:`sweep` finds and removes.

The guest engine is reached on 127.0.0.1 through qemu's port forwarding,
with mutual TLS only (the VM's own CA, :func:`labs.vmimage.credentials`).
Starting restores a memory snapshot (:mod:`labs.vmsnapshot`): a few seconds
instead of a cold boot. KVM is used where a probe boot shows it works,
software emulation (TCG, 13-18x slower) otherwise.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from labs import daemon, vmimage, vmsnapshot
from labs.errors import LabError
from labs.i18n import Catalogue
from labs.timing import wait_until
from labs.tls import ClientFiles
from labs.vmprocess import kill, qemu_pids, runs_root, sweep
from labs.vmsnapshot import QEMU, Accel

Progress = Callable[[str], None]

GUEST_ENGINE_PORT = 2376
MEMORY_MB = 4096
CPUS = 2
NETDEV = "n0"
PUBLISH_IP = vmimage.GUEST_IP
"""Where containers in the guest publish ports so :meth:`VM.forward` reaches them
(qemu connects to the guest's address; a port published on the guest's 127.0.0.1 is
out of its reach)."""
ADDRESS_POOL = "10.20.0.0/16"
"""Overlay subnets of swarms made in the guest: clear of qemu's 10.0.2.0/24."""
KERNEL_ARGS = ("root=/dev/vda rw console=ttyS0 net.ifnames=0 panic=-1 quiet loglevel=3 "
               "init=/usr/local/sbin/vminit")
ENGINE_TIMEOUT = 600.0
"""Cold boot to the engine answering: 28-42 s under TCG on an idle host, much more on a busy one."""


TEXTS = Catalogue(__name__, {
    "running": {"pt-BR": "VM {session}: já está rodando (pid {pid})",
                "en": "VM {session}: already running (pid {pid})"},
    "restoring": {"pt-BR": "VM {session}: restaurando o snapshot ({accel})...",
                  "en": "VM {session}: restoring the snapshot ({accel})..."},
    "waiting": {"pt-BR": "VM {session}: esperando a engine da VM responder",
                "en": "VM {session}: waiting for the guest engine"},
    "cold_boot": {"pt-BR": "VM {session}: primeira partida, do zero ({accel}: {reason})...",
                  "en": "VM {session}: cold boot ({accel}: {reason})..."},
    "loading": {"pt-BR": "VM {session}: carregando as imagens do laboratório na VM...",
                "en": "VM {session}: loading the lab's images into the guest..."},
    "saving": {"pt-BR": "VM {session}: salvando o snapshot (as próximas partidas levam "
                        "segundos)...",
               "en": "VM {session}: saving the snapshot (later starts take seconds)..."},
})


class VMError(LabError):
    """The VM did not start, answer or stop as it should."""


def _quiet(_: str) -> None:
    pass


def session_name() -> str:
    """This lab session's name (``ORQUESTRA_LAB_SESSION``, else ``default``), path-safe."""
    raw = os.environ.get("ORQUESTRA_LAB_SESSION") or "default"
    return re.sub(r"[^A-Za-z0-9_.-]", "_", raw)[:60]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass(frozen=True)
class VMStatus:
    """What :meth:`VM.status` found."""

    session: str
    running: bool
    """A qemu of this session is alive."""
    pid: int | None
    accel: str
    """``kvm``, ``tcg`` or empty when not running."""
    accel_reason: str
    engine: bool
    """The guest engine answered a ping over TLS just now."""
    engine_port: int | None
    """Host port (on 127.0.0.1) forwarded to the guest engine's 2376."""
    forwards: dict[int, int] = field(default_factory=dict)
    """Host port -> guest port, besides the engine's."""


@dataclass(frozen=True)
class QemuLaunch:
    """One qemu start: the disk to boot, the accelerator, and a state to restore, if any."""

    disk: Path
    backing: Path
    image: vmimage.GuestImage
    accel: Accel
    incoming: Path | None = None


class VM:
    """This session's VM: start (from the snapshot), status, forward ports, stop."""

    def __init__(self, session: str | None = None) -> None:
        self.session = re.sub(r"[^A-Za-z0-9_.-]", "_", session)[:60] if session else session_name()
        self.run_dir = runs_root() / self.session
        self.timings: dict[str, float] = {}
        """Seconds per step of the last :meth:`up`."""

    def __repr__(self) -> str:
        return f"<VM {self.session}>"

    # -- files of the run folder -----------------------------------------------------
    @property
    def overlay(self) -> Path:
        return self.run_dir / "disk.qcow2"

    @property
    def monitor_path(self) -> Path:
        return self.run_dir / "monitor.sock"

    @property
    def console_log(self) -> Path:
        return self.run_dir / "console.log"

    def _state(self) -> dict[str, Any]:
        try:
            data: dict[str, Any] = json.loads((self.run_dir / "state.json").read_text())
            return data
        except (OSError, ValueError):
            return {}

    @contextmanager
    def _state_lock(self) -> Iterator[None]:
        """Hold the run folder's lock: nodes start in parallel threads (and sessions in
        several processes), each adding its forward to ``state.json``."""
        self.run_dir.mkdir(parents=True, exist_ok=True)
        with open(self.run_dir / "state.lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _update_state(self, change: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
        """Read, change and write ``state.json`` under the lock, atomically."""
        with self._state_lock():
            state = change(self._state())
            tmp = self.run_dir / f"state.json.{os.getpid()}.{threading.get_ident()}.tmp"
            tmp.write_text(json.dumps(state))
            tmp.replace(self.run_dir / "state.json")

    def _save_state(self, **changes: Any) -> None:
        self._update_state(lambda state: {**state, **changes})

    def pids(self) -> list[int]:
        """The qemu processes of this session (found by their command line, not the pid file)."""
        return qemu_pids(self.run_dir)

    # -- lifecycle -------------------------------------------------------------------
    def launch(self, how: QemuLaunch) -> None:
        """Start qemu on ``how``, detached; the engine is not awaited (see :meth:`up`)."""
        if shutil.which(QEMU) is None:
            raise VMError(f"{QEMU} is not installed: `apt-get install qemu-system-x86 qemu-utils`.")
        self.run_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        made = subprocess.run(
            ["qemu-img", "create", "-q", "-f", "qcow2", "-b", str(how.backing),
             "-F", "qcow2" if how.backing.suffix == ".qcow2" else "raw", str(how.disk)],
            capture_output=True, text=True)
        if made.returncode != 0:
            raise VMError(f"qemu-img could not make the VM's overlay: {made.stderr.strip()}. "
                          "Run `python -m labs vm down` and try again.")
        port = free_port()
        args = [
            QEMU, "-name", f"orquestra-lab-vm-{self.session}", "-accel", how.accel.name,
            "-cpu", how.accel.cpu, "-m", str(MEMORY_MB), "-smp", str(CPUS),
            "-nodefaults", "-vga", "none", "-display", "none",
            "-serial", f"file:{self.console_log}",
            "-monitor", f"unix:{self.monitor_path},server=on,wait=off",
            "-kernel", str(how.image.kernel), "-initrd", str(how.image.initrd),
            "-append", KERNEL_ARGS,
            "-drive", f"file={how.disk},format=qcow2,if=virtio,cache=unsafe",
            "-netdev", f"user,id={NETDEV},hostfwd=tcp:127.0.0.1:{port}-:{GUEST_ENGINE_PORT}",
            "-device", f"virtio-net-pci,netdev={NETDEV}",
            "-rtc", "base=utc,clock=host", "-no-reboot",
            "-pidfile", str(self.run_dir / "qemu.pid"), "-daemonize",
        ]
        if how.incoming is not None:
            args += ["-incoming", f"exec:cat {how.incoming}"]
        started = subprocess.run(args, capture_output=True, text=True)
        if started.returncode != 0:
            raise VMError(f"qemu did not start: {started.stderr.strip()[-400:]}")
        self._save_state(engine_port=port, accel=how.accel.name,
                         accel_reason=how.accel.reason, forwards={})

    def up(self, progress: Progress = _quiet) -> VMStatus:
        """Start this session's VM (or find it running) and wait for its engine.

        Restores the snapshot (made once with a cold boot, see
        :func:`labs.vmsnapshot.golden`), sets the guest clock, and returns
        when the guest engine answers over TLS with the right time.
        """
        now = self.status()
        if now.running and now.engine:
            progress(TEXTS.text("running", session=self.session, pid=now.pid))
            return now
        if now.running or self.run_dir.exists():
            self.down()
        sweep()
        self.timings = {}
        snap = vmsnapshot.golden(self, progress)
        started = step = time.perf_counter()
        progress(TEXTS.text("restoring", session=self.session, accel=snap.accel.name))
        self.launch(QemuLaunch(self.overlay, snap.disk, snap.image, snap.accel, snap.state))
        self._resume()
        self.timings["restore: memory loaded"] = time.perf_counter() - step
        step = time.perf_counter()
        self.wait_engine(progress)
        self.timings["restore: engine answering"] = time.perf_counter() - step
        step = time.perf_counter()
        self.wait_clock()
        self.timings["restore: clock set"] = time.perf_counter() - step
        self.timings["up from the snapshot"] = time.perf_counter() - started
        return self.status()

    def _resume(self) -> None:
        """Once qemu has read the memory state, run the guest (it was saved paused)."""
        def loaded() -> str | None:
            said = self.monitor("info status", timeout=10)
            return said if said and "inmigrate" not in said else None

        said = wait_until(loaded, timeout=300, interval=0.2,
                          what="qemu to load the VM's memory state",
                          hint="Run `python -m labs vm down`; the next `up` makes a new snapshot "
                               "if this one is damaged (`python -m labs vm build --force`).")
        if "running" not in said:
            self.monitor("cont")

    def wait_engine(self, progress: Progress = _quiet, timeout: float = ENGINE_TIMEOUT) -> None:
        """Wait until the guest engine answers a ping over TLS; raises :class:`VMError`."""
        progress(TEXTS.text("waiting", session=self.session))

        def alive() -> None:
            if not self.pids():
                raise VMError(f"qemu exited. Its console log:\n{self._console_tail()}\n"
                              "Run `python -m labs vm down`, then `python -m labs vm up`.")

        wait_until(lambda: self._ping(), timeout=timeout, interval=0.5, abort=alive,
                   what="the VM's Docker engine to answer",
                   describe=self._console_tail,
                   hint="The guest may be slow (TCG on a busy host): try `python -m labs vm up` "
                        "again, or read the console log in the run folder.")

    def wait_clock(self, timeout: float = 60.0) -> float:
        """Wait until the guest clock is within 2 s of the host's; returns the drift seen."""
        def close() -> float | None:
            said = self.client(timeout=15).info().get("SystemTime", "")
            guest = datetime.fromisoformat(said[:19]).replace(tzinfo=UTC)
            drift = abs((datetime.now(UTC) - guest).total_seconds())
            return max(drift, 1e-3) if drift < 3 else None

        return wait_until(close, timeout=timeout, interval=0.5,
                          what="the guest clock to match the host's",
                          hint="vminit sets it from the RTC every second: read the console log.")

    def _ping(self) -> bool:
        try:
            # Short: qemu accepts at once and a guest not yet listening makes a ping hang.
            return bool(self.client(timeout=2).ping())
        except Exception:  # not answering yet, in any way
            return False

    def _console_tail(self, lines: int = 15) -> str:
        try:
            text = self.console_log.read_text(errors="replace")
        except OSError:
            return "(no console log)"
        return "\n".join(text.splitlines()[-lines:])

    def status(self) -> VMStatus:
        """Is this session's VM running, how, does its engine answer, which ports are forwarded."""
        pids = self.pids()
        state = self._state() if pids else {}
        return VMStatus(
            session=self.session, running=bool(pids), pid=pids[0] if pids else None,
            accel=str(state.get("accel", "")), accel_reason=str(state.get("accel_reason", "")),
            engine=bool(pids) and self._ping(),
            engine_port=state.get("engine_port"),
            forwards={int(h): int(g) for h, g in state.get("forwards", {}).items()},
        )

    def down(self) -> None:
        """Stop this session's qemu and remove its run folder; nothing is left."""
        kill(self.pids())
        shutil.rmtree(self.run_dir, ignore_errors=True)
        if self.pids() or self.run_dir.exists():
            raise VMError(f"the VM of session {self.session} did not go away: "
                          f"kill its qemu ({self.pids()}) and remove {self.run_dir}.")

    # -- talking to it ---------------------------------------------------------------
    def files(self) -> ClientFiles:
        """The client certificate, key and the VM's CA the host presents to the guest engine."""
        creds = vmimage.credentials()
        return ClientFiles(creds.ca, creds.cert, creds.key)

    def client(self, timeout: int = daemon.CLIENT_TIMEOUT) -> daemon.Client:
        """A docker-py client to the guest engine (``https://127.0.0.1:PORT``, mutual TLS)."""
        port = self._state().get("engine_port")
        if not port:
            raise VMError(f"the VM of session {self.session} is not running: "
                          "run `python -m labs vm up`.")
        return daemon.connect(f"https://127.0.0.1:{port}", self.files(), timeout)

    def monitor(self, command: str, timeout: float = 30.0) -> str:
        """Run one qemu monitor (HMP) command; returns what qemu printed."""
        with socket.socket(socket.AF_UNIX) as sock:
            sock.settimeout(timeout)
            try:
                sock.connect(str(self.monitor_path))
            except OSError as exc:
                raise VMError(f"the VM's monitor does not answer ({exc}): is it running? "
                              "See `python -m labs vm status`.") from exc
            _read_prompt(sock)
            sock.sendall(command.encode() + b"\n")
            said = _read_prompt(sock)
        text = re.sub(r"\x1b\[[0-9;]*[A-Za-z]|\r", "", said)
        lines = text.splitlines()[1:]  # the first is qemu echoing the command
        return "\n".join(line for line in lines if line != "(qemu) ").strip()

    def forward(self, guest_port: int, host_port: int = 0) -> int:
        """Forward 127.0.0.1:``host_port`` (0: a free one) to the guest's ``guest_port``.

        A container in the guest that publishes ``guest_port`` is then reached
        from the host on 127.0.0.1 only. Returns the host port.
        """
        host_port = host_port or free_port()
        said = self.monitor(f"hostfwd_add {NETDEV} tcp:127.0.0.1:{host_port}-:{guest_port}")
        if said:
            raise VMError(f"qemu refused to forward 127.0.0.1:{host_port} to the guest's "
                          f"{guest_port}: {said}. Choose another host port.")
        self._update_state(lambda state: {
            **state, "forwards": {**state.get("forwards", {}), str(host_port): guest_port}})
        return host_port

    def unforward(self, host_port: int) -> None:
        """Remove the forward of 127.0.0.1:``host_port``."""
        said = self.monitor(f"hostfwd_remove {NETDEV} tcp:127.0.0.1:{host_port}")
        if "removed" not in said and "not found" not in said.lower():
            raise VMError(f"qemu did not remove the forward of port {host_port}: {said}")
        self._update_state(lambda state: {
            **state, "forwards": {port: guest for port, guest in state.get("forwards", {}).items()
                                  if port != str(host_port)}})


def _read_prompt(sock: socket.socket) -> str:
    data = b""
    while not data.endswith(b"(qemu) "):
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    return data.decode(errors="replace")
