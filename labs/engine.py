"""The Docker engine the lab runs on (the "outer" engine), and setting one up.

This is the one module that opens the host engine's client; the rest of the
project asks it for one.
"""

from __future__ import annotations

import functools
import os
import platform
import shutil
import subprocess
import time
from pathlib import Path

import docker
import docker.errors
from docker import DockerClient

from labs.errors import EngineUnavailable

MIN_API_VERSION = (1, 41)  # Docker 20.10, the oldest engine the notes verified
DOCKERD_LOG = Path("/var/log/orquestra-dockerd.log")


def _install_hint() -> str:
    system = platform.system()
    if system == "Darwin" or system == "Windows":
        return "Install Docker Desktop (https://docs.docker.com/desktop/) and start it."
    return (
        "Install Docker Engine (Debian/Ubuntu: `sudo apt-get install docker.io`, "
        "others: https://docs.docker.com/engine/install/) and start it "
        "(`sudo systemctl start docker`), or run `make lab LAB_INSTALL_ENGINE=1` "
        "as root to let this project install and start one."
    )


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


def install_and_start(*, timeout: float = 60.0) -> str:
    """Install Debian's docker.io where missing and start dockerd in the background.

    For CI and for users who asked for it (root on Debian or Ubuntu). Returns
    what was done. Raises :class:`EngineUnavailable` when it cannot.
    """
    if answers():
        return "a Docker engine already answers"
    done = []
    if os.geteuid() != 0:
        raise EngineUnavailable("installing an engine needs root. " + _install_hint())
    if shutil.which("dockerd") is None:
        if shutil.which("apt-get") is None:
            raise EngineUnavailable("no dockerd and no apt-get here. " + _install_hint())
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "docker.io", "iptables"], check=True, env=env
        )
        done.append("installed docker.io")
    log = DOCKERD_LOG.open("ab")
    subprocess.Popen(  # detached: the engine outlives this process
        ["dockerd"], stdout=log, stderr=log, stdin=subprocess.DEVNULL, start_new_session=True
    )
    done.append(f"started dockerd (log: {DOCKERD_LOG})")
    deadline = time.monotonic() + timeout
    while not answers():
        if time.monotonic() > deadline:
            raise EngineUnavailable(
                f"dockerd did not answer within {timeout:.0f} s; see {DOCKERD_LOG}"
            )
        time.sleep(0.2)
    return "; ".join(done)
