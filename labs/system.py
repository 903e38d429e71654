"""The system packages the lab needs on this machine, and getting them.

Besides Python, the lab needs a Docker Engine that answers, Graphviz's
``dot`` program (every diagram), and on Linux ``debootstrap`` when no
registry can give the Debian base image. :func:`check` lists what is missing;
:func:`ensure` installs it with ``apt-get`` where it is allowed to (root on
Debian or Ubuntu, asked for with ``make lab LAB_INSTALL_ENGINE=1``) and
otherwise stops with one line that says what to run on this kind of system
(Debian/Ubuntu, Fedora, macOS, Windows/WSL).
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from labs import engine, images
from labs.errors import LabError
from labs.i18n import Catalogue

ENGINE = "engine"
GRAPHVIZ = "graphviz"
DEBOOTSTRAP = "debootstrap"

# What provides each requirement, by package manager. Debian's docker.io runs
# dockerd, which needs iptables.
APT = {ENGINE: ("docker.io", "iptables"), GRAPHVIZ: ("graphviz",), DEBOOTSTRAP: ("debootstrap",)}
DNF = {ENGINE: ("moby-engine",), GRAPHVIZ: ("graphviz",), DEBOOTSTRAP: ("debootstrap",)}
BREW = {ENGINE: ("--cask docker-desktop",), GRAPHVIZ: ("graphviz",)}
PROGRAMS = {ENGINE: "dockerd", GRAPHVIZ: "dot", DEBOOTSTRAP: "debootstrap"}

TEXTS = Catalogue(__name__, {
    ENGINE: {"pt-BR": "Docker Engine", "en": "Docker Engine"},
    "engine_stopped": {
        "pt-BR": "Docker Engine (instalada, mas parada)",
        "en": "Docker Engine (installed, not running)",
    },
    GRAPHVIZ: {"pt-BR": "Graphviz (o programa dot)", "en": "Graphviz (the dot program)"},
    DEBOOTSTRAP: {"pt-BR": "debootstrap", "en": "debootstrap"},
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


class SystemMissing(LabError):
    """A system package the lab needs is missing; the message is the one line to run."""


@dataclass(frozen=True)
class Host:
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
           kernel: str | None = None) -> Host:
    """The :class:`Host` this runs on (arguments only for tests: ``platform.system()``,
    the fields of ``/etc/os-release`` and ``platform.release()``)."""
    system = system or platform.system()
    if system == "Darwin":
        return Host("macos")
    if system == "Windows":
        return Host("windows")
    fields = _os_release() if release is None else release
    ids = {fields.get("ID", ""), *fields.get("ID_LIKE", "").split()}
    wsl = "microsoft" in (kernel if kernel is not None else platform.release()).lower()
    if ids & {"debian", "ubuntu"}:
        return Host("debian", wsl)
    if "fedora" in ids and fields.get("ID") == "fedora":
        return Host("fedora", wsl)
    return Host("linux", wsl)


def install_line(missing: list[str], host: Host | None = None, *, engine_installed: bool = False,
                 lang: str | None = None) -> str:
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


def how_to_install(missing: list[str], host: Host | None = None, *,
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


def base_needed(docker_host: engine.Host) -> bool:
    """True when the images still need a Debian base that only ``debootstrap`` can make:
    the lab images are not all built, no base image is on the engine, no registry answers."""
    if not images.missing(docker_host):
        return False
    bases = (os.environ.get("ORQUESTRA_LAB_BASE"), images.REGISTRY_BASE, images.LOCAL_BASE)
    if any(ref and docker_host.image_id(ref) for ref in bases):
        return False
    return not docker_host.registry_answers(images.REGISTRY_BASE)


def check(host: Host | None = None) -> tuple[list[str], bool]:
    """What is missing (:data:`ENGINE`, :data:`GRAPHVIZ`, :data:`DEBOOTSTRAP`, in that
    order) and whether dockerd is installed (meaningful when the engine is missing)."""
    host = host or detect()
    missing = []
    answers = engine.answers()
    if not answers:
        missing.append(ENGINE)
    if shutil.which("dot") is None:
        missing.append(GRAPHVIZ)
    # without an engine nobody can tell whether a registry answers: ask for it then too
    if (host.family not in ("macos", "windows") and shutil.which("debootstrap") is None
            and (not answers or base_needed(engine.host()))):
        missing.append(DEBOOTSTRAP)
    return missing, shutil.which("dockerd") is not None


def may_install(host: Host) -> bool:
    """Installing is possible here: root on Debian or Ubuntu, with apt-get."""
    return (host.family == "debian" and hasattr(os, "geteuid") and os.geteuid() == 0
            and shutil.which("apt-get") is not None)


def ensure(*, install: bool = False, lang: str | None = None) -> list[str]:
    """Make sure every system package the lab needs is here; return what was done.

    With ``install`` (and :func:`may_install`), missing packages are installed
    with ``apt-get`` and dockerd is started. Raises :class:`SystemMissing`
    with the one line to run otherwise.
    """
    t = TEXTS.table(lang)
    host = detect()
    missing, dockerd = check(host)
    done = []
    if missing and install and may_install(host):
        packages = [p for m in missing if not (m == ENGINE and dockerd) for p in APT[m]]
        if ENGINE in missing and shutil.which("iptables") is None and "iptables" not in packages:
            packages.append("iptables")
        if packages:
            _apt_install(packages)
            done.append(t["installed"].format(packages=" ".join(packages)))
        if ENGINE in missing:
            engine.start_dockerd()
            done.append(t["started"].format(log=engine.DOCKERD_LOG))
        missing, dockerd = check(host)
    if missing:
        raise SystemMissing(install_line(missing, host, engine_installed=dockerd, lang=lang))
    if not done:
        found = [ENGINE, GRAPHVIZ] + [DEBOOTSTRAP] * bool(shutil.which("debootstrap"))
        done.append(t["ok"].format(items=", ".join(t[m] for m in found)))
    return done


def _apt_install(packages: list[str]) -> None:
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command in (["apt-get", "update", "-qq"],
                    ["apt-get", "install", "-y", "-qq", *packages]):
        run = subprocess.run(command, env=env, capture_output=True, text=True)
        if run.returncode != 0:
            tail = "\n".join((run.stdout + run.stderr).splitlines()[-8:])
            raise SystemMissing(f"`{' '.join(command)}` failed:\n{tail}")
