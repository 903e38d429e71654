"""What the lab needs from the operating system, and how to get it on each platform.

Besides Python, the lab needs a Docker Engine, Graphviz's ``dot`` program
(every diagram) and, on Linux with no registry, ``debootstrap``. This module
knows the packages that provide them on Debian/Ubuntu, Fedora and macOS,
which platform this is, and the one line that tells a user what to run.
Nothing here asks the engine: :mod:`labs.system` checks and installs.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass
from pathlib import Path

from labs.i18n import Catalogue

ENGINE = "engine"
GRAPHVIZ = "graphviz"
DEBOOTSTRAP = "debootstrap"
QEMU = "qemu"
"""The VM engine's, where the kernel lacks IPVS or ESP (Linux only: Docker Desktop has both)."""

# What provides each requirement, by package manager. Debian's docker.io runs
# dockerd, which needs iptables; the VM image is made with mkfs.ext4 (e2fsprogs).
APT = {ENGINE: ("docker.io", "iptables"), GRAPHVIZ: ("graphviz",), DEBOOTSTRAP: ("debootstrap",),
       QEMU: ("qemu-system-x86", "qemu-utils", "e2fsprogs")}
DNF = {ENGINE: ("moby-engine",), GRAPHVIZ: ("graphviz",), DEBOOTSTRAP: ("debootstrap",),
       QEMU: ("qemu-system-x86", "qemu-img", "e2fsprogs")}
BREW = {ENGINE: ("--cask docker-desktop",), GRAPHVIZ: ("graphviz",)}
PROGRAMS = {ENGINE: "dockerd", GRAPHVIZ: "dot", DEBOOTSTRAP: "debootstrap",
            QEMU: "qemu-system-x86_64"}

TEXTS = Catalogue(__name__, {
    ENGINE: {"pt-BR": "Docker Engine", "en": "Docker Engine"},
    "engine_stopped": {
        "pt-BR": "Docker Engine (instalada, mas parada)",
        "en": "Docker Engine (installed, not running)",
    },
    GRAPHVIZ: {"pt-BR": "Graphviz (o programa dot)", "en": "Graphviz (the dot program)"},
    DEBOOTSTRAP: {"pt-BR": "debootstrap", "en": "debootstrap"},
    QEMU: {"pt-BR": "qemu (a engine da VM)", "en": "qemu (the VM engine)"},
    "missing": {"pt-BR": "Faltando: {items}. {how}", "en": "Missing: {items}. {how}"},
    "run": {"pt-BR": "Rode: {command}", "en": "Run: {command}"},
    "or_root": {
        "pt-BR": " (ou, como root: make lab LAB_INSTALL_ENGINE=1)",
        "en": " (or, as root: make lab LAB_INSTALL_ENGINE=1)",
    },
    "windows": {
        "pt-BR": "O laboratório roda no WSL: instale o Docker Desktop (winget install "
                 "Docker.DockerDesktop) com a integração WSL ligada e, no Ubuntu do WSL, rode: "
                 "{command}",
        "en": "The lab runs in WSL: install Docker Desktop (winget install Docker.DockerDesktop) "
              "with WSL integration on, then in WSL's Ubuntu run: {command}",
    },
    "docs": {
        "pt-BR": "Instale com o gerenciador de pacotes do seu sistema (Docker Engine: "
                 "https://docs.docker.com/engine/install/)",
        "en": "Install them with your system's package manager (Docker Engine: "
              "https://docs.docker.com/engine/install/)",
    },
    "ok": {"pt-BR": "tudo instalado: {items}", "en": "all installed: {items}"},
    "installed": {
        "pt-BR": "instalado com apt-get: {packages}",
        "en": "installed with apt-get: {packages}",
    },
    "started": {"pt-BR": "dockerd iniciado (log: {log})", "en": "started dockerd (log: {log})"},
})


@dataclass(frozen=True)
class Platform:
    """The kind of system this is, as far as installing packages goes."""

    family: str
    """``debian`` (apt-get), ``fedora`` (dnf), ``macos`` (brew), ``windows`` or ``linux``."""
    wsl: bool = False
    """Linux inside Windows (WSL)."""


def _os_release(path: Path = Path("/etc/os-release")) -> dict[str, str]:
    try:
        text = path.read_text()
    except OSError:
        return {}
    pairs = (line.split("=", 1) for line in text.splitlines() if "=" in line)
    return {key.strip(): value.strip().strip('"') for key, value in pairs}


def detect(system: str | None = None, release: dict[str, str] | None = None,
           kernel: str | None = None) -> Platform:
    """The :class:`Platform` this runs on (arguments only for tests: ``platform.system()``,
    the fields of ``/etc/os-release`` and ``platform.release()``)."""
    system = system or platform.system()
    if system == "Darwin":
        return Platform("macos")
    if system == "Windows":
        return Platform("windows")
    fields = _os_release() if release is None else release
    ids = {fields.get("ID", ""), *fields.get("ID_LIKE", "").split()}
    wsl = "microsoft" in (kernel if kernel is not None else platform.release()).lower()
    if ids & {"debian", "ubuntu"}:
        return Platform("debian", wsl)
    if "fedora" in ids and fields.get("ID") == "fedora":
        return Platform("fedora", wsl)
    return Platform("linux", wsl)


def install_line(missing: list[str], host: Platform | None = None, *,
                 engine_installed: bool = False, lang: str | None = None) -> str:
    """The one line telling the user what is missing and what to run for it on ``host``.

    ``missing`` holds :data:`ENGINE`, :data:`GRAPHVIZ`, :data:`DEBOOTSTRAP`;
    ``engine_installed`` says dockerd is there but does not answer (so: start it).
    """
    t = TEXTS.table(lang)
    host = host or detect()
    if host.family in ("macos", "windows"):  # Docker Desktop pulls the base: no debootstrap
        missing = [m for m in missing if m != DEBOOTSTRAP]
    names = ", ".join(t["engine_stopped"] if m == ENGINE and engine_installed else t[m]
                      for m in missing)
    how = how_to_install(missing, host, engine_installed=engine_installed, lang=lang)
    if host.family in ("debian", "fedora", "macos"):
        how = t["run"].format(command=how)
    return t["missing"].format(items=names, how=how)


def how_to_install(missing: list[str], host: Platform | None = None, *,
                   engine_installed: bool = False, lang: str | None = None) -> str:
    """The command to run on ``host`` to get ``missing`` (a sentence where no one command
    does it); the second half of :func:`install_line`."""
    t = TEXTS.table(lang)
    host = host or detect()
    install = [m for m in missing if not (m == ENGINE and engine_installed)]
    start = ENGINE in missing
    if host.family == "windows":
        return t["windows"].format(command="sudo apt-get install -y graphviz")
    if host.family == "macos":
        commands = [f"brew install {p}" for m in install for p in BREW.get(m, ())]
        return " && ".join(commands + ["open -a Docker"] * start)
    if host.family == "debian":
        commands = ["sudo apt-get install -y " + " ".join(p for m in install for p in APT[m])]
        return " && ".join(
            commands * bool(install) + ["sudo service docker start"] * start) + t["or_root"]
    if host.family == "fedora":
        commands = ["sudo dnf install -y " + " ".join(p for m in install for p in DNF[m])]
        return " && ".join(commands * bool(install) + ["sudo systemctl start docker"] * start)
    return t["docs"]
