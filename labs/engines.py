"""Where a cluster lives: the host's Docker engine, or the VM engine.

A cluster's nodes run on the host engine unless that engine's kernel lacks
what the cluster needs (IPVS for the routing mesh and a service's virtual
IP, ESP for encrypted overlays): then they run in this session's VM
(:mod:`labs.vm`), a stock Debian kernel under qemu. The choice comes, in
order, from the ``engine=`` argument, ``ORQUESTRA_LAB_ENGINE`` (``host``,
``vm`` or ``auto``), and otherwise from what the cluster needs. Everything
above this seam (nodes, status, checks, widgets, ``%%docker``, contexts)
works the same on both: node daemons and lab ports are reached on
127.0.0.1 with the cluster's certificates either way.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from labs import engine, runtime, vm
from labs.engine import Host
from labs.errors import InvalidSpec, LabError
from labs.i18n import Catalogue

ENGINE_ENV = "ORQUESTRA_LAB_ENGINE"
HOST = "host"
VM = "vm"
AUTO = "auto"
KINDS = (HOST, VM, AUTO)
VM_TIMEOUT = 600
"""Seconds a call to the guest engine may take: under software emulation starting three
node containers at once took over a minute."""
NEEDS = ("ipvs", "esp")
"""Kernel features a cluster may need: IPVS (routing mesh, service VIPs), ESP
(encrypted overlays)."""

Progress = Callable[[str], None]

TEXTS = Catalogue(__name__, {
    "chosen": {
        "pt-BR": "Este cluster roda numa máquina virtual: {reason}. A primeira partida leva "
                 "alguns minutos; as seguintes, segundos.",
        "en": "This cluster runs in a virtual machine: {reason}. The first start takes a few "
              "minutes; later ones, seconds.",
    },
    "asked": {"pt-BR": "foi pedido ({source})", "en": "it was asked for ({source})"},
    "none": {
        "pt-BR": "o cluster não precisa de nenhum recurso especial do kernel",
        "en": "the cluster needs no special kernel feature",
    },
    "has": {"pt-BR": "o kernel desta máquina tem {features}", "en": "this kernel has {features}"},
    "lacks": {
        "pt-BR": "o kernel desta máquina não tem {features}, de que o cluster precisa",
        "en": "this machine's kernel lacks {features}, which the cluster needs",
    },
})


def _quiet(_: str) -> None:
    pass


class VMHost(Host):
    """The guest's engine, as the lab uses it: the same adapter as the host's, except
    that containers publish on the guest's address and each published port is
    forwarded from 127.0.0.1 on the host by qemu."""

    kind = VM

    def __init__(self, machine: vm.VM) -> None:
        super().__init__(machine.client(timeout=VM_TIMEOUT))
        self.vm = machine
        self.publish_ip = vm.PUBLISH_IP
        # Docker's default pool (10.0.0.0/8 in /24s) overlaps qemu's guest network 10.0.2.0/24
        self.address_pool = vm.ADDRESS_POOL

    def __repr__(self) -> str:
        return f"<VMHost {self.vm.session} {self.client.api.base_url}>"

    def expose(self, port: int) -> None:
        """Forward 127.0.0.1:``port`` on the host to the same port of the guest."""
        self.vm.forward(port, port)

    def unexpose(self, port: int) -> None:
        with contextlib.suppress(LabError):  # the VM is gone: so is the forward
            self.vm.unforward(port)


@dataclass(frozen=True)
class Choice:
    """Which engine a cluster gets, and why (one line for learners and ``doctor``)."""

    kind: str
    """``host`` or ``vm``."""
    reason: str


def choose(kind: str | None = None, needs: Iterable[str] = ()) -> Choice:
    """Decide the engine: ``kind`` if given, else ``ORQUESTRA_LAB_ENGINE``, else ``auto``:
    the host engine when its kernel has every feature in ``needs``, the VM otherwise.

    Raises :class:`InvalidSpec` for an unknown kind or need.
    """
    wanted = list(needs)
    unknown = [n for n in wanted if n not in NEEDS]
    if unknown:
        raise InvalidSpec(f"unknown need(s) {', '.join(unknown)}: a cluster may need "
                          f"{' and '.join(NEEDS)}.")
    chosen = (kind or os.environ.get(ENGINE_ENV) or AUTO).strip().lower()
    if chosen not in KINDS:
        raise InvalidSpec(f"engine {chosen!r} is not one of {', '.join(KINDS)} "
                          f"(the engine= argument or {ENGINE_ENV}).")
    source = f"engine={chosen!r}" if kind else f"{ENGINE_ENV}={chosen}"
    if chosen in (HOST, VM):
        return Choice(chosen, TEXTS.text("asked", source=source))
    if not wanted:
        return Choice(HOST, TEXTS.text("none"))
    found = runtime.detect(engine.host())
    lacking = [n for n in wanted if not getattr(found, n)]
    if not lacking:
        return Choice(HOST, TEXTS.text("has", features=" + ".join(wanted).upper()))
    return Choice(VM, TEXTS.text("lacks", features=" + ".join(lacking).upper()))


@functools.cache
def _vm_host(session: str, engine_port: int | None) -> VMHost:
    """One adapter per VM: keyed by its engine port too, so a VM started again by another
    process (a new port) gets a new client instead of a stale one."""
    return VMHost(vm.VM(session))


def get(kind: str, *, progress: Progress = _quiet) -> Host:
    """The adapter of engine ``kind``: the host's, or this session's VM (started, from its
    snapshot, when it is not running)."""
    if kind == HOST:
        return engine.host()
    machine = vm.VM()
    status = machine.status()
    if not (status.running and status.engine):
        _vm_host.cache_clear()
        status = machine.up(progress)
    return _vm_host(machine.session, status.engine_port)


def running() -> list[Host]:
    """The engines that may hold this session's clusters now: the host's, and this
    session's VM when it runs (never started by this call)."""
    found: list[Host] = [engine.host()] if engine.answers() else []
    machine = vm.VM()
    status = machine.status()
    if status.running and status.engine:
        found.append(_vm_host(machine.session, status.engine_port))
    return found
