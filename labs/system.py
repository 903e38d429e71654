"""Checking and installing, on this machine, the system packages the lab needs.

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
import shutil
import subprocess

from labs import engine, images
from labs.errors import LabError
from labs.packages import (
    APT,
    DEBOOTSTRAP,
    ENGINE,
    GRAPHVIZ,
    QEMU,
    TEXTS,
    Platform,
    detect,
    how_to_install,
    install_line,
)

__all__ = [
    "DEBOOTSTRAP",
    "ENGINE",
    "GRAPHVIZ",
    "QEMU",
    "Platform",
    "SystemMissing",
    "check",
    "detect",
    "ensure",
    "how_to_install",
    "install_line",
    "may_install",
]

class SystemMissing(LabError):
    """A system package the lab needs is missing; the message is the one line to run."""


def base_needed(docker_host: engine.Host) -> bool:
    """True when the images still need a Debian base that only ``debootstrap`` can make:
    the lab images are not all built, no base image is on the engine, no registry answers."""
    if not images.missing(docker_host):
        return False
    bases = (os.environ.get("ORQUESTRA_LAB_BASE"), images.REGISTRY_BASE, images.LOCAL_BASE)
    if any(ref and docker_host.image_id(ref) for ref in bases):
        return False
    return not docker_host.registry_answers(images.REGISTRY_BASE)


def check(host: Platform | None = None) -> tuple[list[str], bool]:
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


def may_install(host: Platform) -> bool:
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
