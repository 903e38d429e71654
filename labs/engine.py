"""The Docker engine the lab runs on (the "outer" engine), and setting one up.

This is the one module that opens the host engine's client; the rest of the
project asks it for one.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from pathlib import Path

import docker
import docker.errors
from docker import DockerClient

from labs.errors import EngineUnavailable
from labs.timing import wait_until

MIN_API_VERSION = (1, 41)  # Docker 20.10, the oldest engine the notes verified
DOCKERD_LOG = Path("/var/log/orquestra-dockerd.log")


def _install_hint() -> str:
    from labs import system  # system asks this module whether an engine answers

    installed = shutil.which("dockerd") is not None
    return system.install_line([system.ENGINE], engine_installed=installed, lang="en")


@functools.cache
def client() -> DockerClient:
    """A client for the host's Docker engine (``DOCKER_HOST`` or the default socket).

    Raises :class:`EngineUnavailable` with what to install when none answers.
    """
    try:
        cli = docker.from_env(version="auto", timeout=120)
        cli.ping()
    except docker.errors.DockerException as exc:
        raise EngineUnavailable(
            f"no Docker engine answers ({exc}). {_install_hint()}"
        ) from exc
    version = tuple(int(p) for p in cli.api.api_version.split("."))
    if version < MIN_API_VERSION:
        raise EngineUnavailable(
            f"the Docker engine speaks API {cli.api.api_version}, older than "
            f"{'.'.join(map(str, MIN_API_VERSION))} (Docker 20.10). Upgrade Docker."
        )
    return cli


def answers() -> bool:
    """True when an engine answers, without raising."""
    try:
        client()
    except EngineUnavailable:
        client.cache_clear()
        return False
    return True


def registry_answers(ref: str) -> bool:
    """True when the engine can reach the registry that holds image ``ref`` (no pull)."""
    try:
        client().images.get_registry_data(ref)
    except docker.errors.DockerException:
        return False
    return True


def start_dockerd(*, timeout: float = 60.0) -> None:
    """Start the installed dockerd in the background and wait until it answers.

    For CI and for users who asked for it (``make lab LAB_INSTALL_ENGINE=1``,
    as root). Raises :class:`EngineUnavailable` when it does not answer in time.
    """
    if shutil.which("dockerd") is None:
        raise EngineUnavailable("dockerd is not installed. " + _install_hint())
    with DOCKERD_LOG.open("ab") as log:
        subprocess.Popen(  # detached: the engine outlives this process
            ["dockerd"], stdout=log, stderr=log, stdin=subprocess.DEVNULL, start_new_session=True
        )
    wait_until(answers, timeout=timeout, interval=0.2, what="dockerd to answer",
               hint=f"See {DOCKERD_LOG}.")
