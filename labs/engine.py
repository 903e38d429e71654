"""The Docker engine the lab runs on (the "outer" engine), and setting one up.

This is the one module that opens the host engine's client. :class:`Host`
is the adapter the lab itself speaks to: typed methods for every call the
lab makes on the host (node containers, networks, volumes, images), with
docker-py's failures turned into :class:`labs.errors.DockerError` children
by :mod:`labs.apierror`. :func:`client` stays the docker-py client that
lessons hand to students (``cluster.engine``).
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, TypeAlias

import docker
import docker.errors
import docker.types
from docker import DockerClient

from labs import packages
from labs.apierror import inspect_or_none, translated, unless_gone
from labs.errors import DockerError, EngineUnavailable
from labs.timing import wait_until

Client: TypeAlias = DockerClient
"""docker-py's client type, for annotations outside the adapters."""

MIN_API_VERSION = (1, 41)  # Docker 20.10, the oldest engine the notes verified
DOCKERD_LOG = Path("/var/log/orquestra-dockerd.log")


def _install_hint() -> str:
    installed = shutil.which("dockerd") is not None
    return packages.install_line([packages.ENGINE], engine_installed=installed, lang="en")


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


@functools.cache
def host() -> Host:
    """The adapter over :func:`client` (same engine, same connection)."""
    return Host(client())


def answers() -> bool:
    """True when an engine answers, without raising."""
    try:
        client()
    except EngineUnavailable:
        client.cache_clear()
        host.cache_clear()
        return False
    return True


def registry_answers(ref: str) -> bool:
    """True when the engine can reach the registry that holds image ``ref`` (no pull)."""
    return host().registry_answers(ref)


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


def _label_filter(label: str | list[str] | None) -> dict[str, Any]:
    return {} if label is None else {"label": label}


class Host:
    """The host engine, as the lab uses it. Raises :class:`labs.errors.DockerError`
    children (``NotFound``, ``Conflict``, ``AddressInUse``, ``PoolOverlap``...)."""

    kind = "host"
    """Which engine this is: ``host``, or ``vm`` (:class:`labs.engines.VMHost`)."""

    def __init__(self, docker_client: DockerClient) -> None:
        self.client = docker_client
        """The docker-py client (for lessons: ``cluster.engine``)."""
        self.publish_ip = "127.0.0.1"
        """Where containers publish ports: only this host can reach them."""
        self.address_pool: str | None = None
        """Where a swarm made here takes its overlay subnets (None: Docker's default)."""

    def expose(self, port: int) -> None:
        """Make a port published at :attr:`publish_ip` reachable on the host's 127.0.0.1
        (nothing to do on the host engine)."""

    def unexpose(self, port: int) -> None:
        """Undo :meth:`expose`."""

    def __repr__(self) -> str:
        return f"<Host {self.client.api.base_url}>"

    # -- the engine ----------------------------------------------------------------
    def info(self) -> dict[str, Any]:
        with translated():
            return dict(self.client.info())

    def version(self) -> dict[str, Any]:
        with translated():
            return dict(self.client.version())

    @property
    def api_version(self) -> str:
        return str(self.client.api.api_version)

    # -- found by label ------------------------------------------------------------
    def containers(self, label: str | list[str] | None = None) -> list[dict[str, Any]]:
        """Containers (running or not) with ``label`` ('key' or 'key=value', or all of a list)."""
        with translated():
            return list(self.client.api.containers(all=True, filters=_label_filter(label)))

    def networks(self, label: str | list[str] | None = None) -> list[dict[str, Any]]:
        with translated():
            return list(self.client.api.networks(filters=_label_filter(label)))

    def volumes(self, label: str | list[str] | None = None) -> list[dict[str, Any]]:
        with translated():
            return list(self.client.api.volumes(filters=_label_filter(label)).get("Volumes")
                        or [])

    # -- networks and volumes --------------------------------------------------------
    def create_network(self, name: str, *, subnet: str, gateway: str,
                       labels: dict[str, str]) -> None:
        """A bridge network on ``subnet``. ``PoolOverlap`` when the subnet is taken."""
        ipam = docker.types.IPAMConfig(
            pool_configs=[docker.types.IPAMPool(subnet=subnet, gateway=gateway)])
        with translated():
            self.client.api.create_network(name, driver="bridge", ipam=ipam, labels=labels,
                                           check_duplicate=True)

    def remove_network(self, name_or_id: str) -> None:
        """Remove a network; one that is gone already is fine."""
        unless_gone(lambda: self.client.api.remove_network(name_or_id))

    def create_volume(self, name: str, *, labels: dict[str, str]) -> None:
        with translated():
            self.client.api.create_volume(name, labels=labels)

    def remove_volume(self, name: str) -> None:
        """Remove a volume; one that is gone already is fine."""
        unless_gone(lambda: self.client.api.remove_volume(name, force=True))

    # -- containers --------------------------------------------------------------------
    def create_container(
        self, image: str, *, labels: dict[str, str], settings: dict[str, Any],
        raw_settings: dict[str, Any] | None = None, name: str | None = None,
        hostname: str | None = None, command: list[str] | None = None, init: bool = False,
        volume: tuple[str, str] | None = None, ports: dict[int, int] | None = None,
        network: tuple[str, str] | None = None, entrypoint: list[str] | None = None,
    ) -> str:
        """Create (not start) a container; return its id.

        ``settings`` are host-config keywords (privileges, tmpfs...), ``raw_settings``
        host-config keys with no keyword; ``volume`` is (volume, mount point),
        ``ports`` container port -> host port on :attr:`publish_ip`, ``network`` (network, IPv4);
        ``init`` runs an init as PID 1 (it reaps the shims dockerd leaves as zombies).
        """
        api = self.client.api
        with translated():
            host_config = api.create_host_config(
                **settings,
                init=init or None,
                binds={volume[0]: {"bind": volume[1], "mode": "rw"}} if volume else None,
                port_bindings={c: (self.publish_ip, h) for c, h in ports.items()}
                if ports else None,
            )
            host_config.update(raw_settings or {})
            networking = None
            if network is not None:
                networking = api.create_networking_config({
                    network[0]: api.create_endpoint_config(ipv4_address=network[1])})
            created = api.create_container(
                image, name=name, hostname=hostname, command=command, labels=labels,
                entrypoint=entrypoint, ports=list(ports) if ports else None,
                host_config=host_config,
                networking_config=networking)
        return str(created["Id"])

    def put_archive(self, container: str, path: str, data: bytes) -> None:
        """Unpack the tar ``data`` at ``path`` inside ``container``."""
        with translated():
            self.client.api.put_archive(container, path, data)

    def inspect_container(self, container: str) -> dict[str, Any] | None:
        """The container's inspect dict, or None when there is no such container."""
        return inspect_or_none(lambda: self.client.api.inspect_container(container))

    def start(self, container: str) -> None:
        """Start it. ``AddressInUse`` when a published port was taken meanwhile."""
        with translated():
            self.client.api.start(container)

    def stop(self, container: str, *, timeout: int = 10) -> None:
        with translated():
            self.client.api.stop(container, timeout=timeout)

    def kill(self, container: str) -> None:
        with translated():
            self.client.api.kill(container)

    def pause(self, container: str) -> None:
        with translated():
            self.client.api.pause(container)

    def unpause(self, container: str) -> None:
        with translated():
            self.client.api.unpause(container)

    def wait(self, container: str, *, timeout: float) -> None:
        with translated():
            self.client.api.wait(container, timeout=timeout)

    def remove_container(self, container: str) -> None:
        """Remove it by force with its anonymous volumes; one that is gone already is fine."""
        unless_gone(lambda: self.client.api.remove_container(container, force=True, v=True))

    def connect(self, container: str, network: str, *, ip: str) -> None:
        with translated():
            self.client.api.connect_container_to_network(container, network, ipv4_address=ip)

    def disconnect(self, container: str, network: str) -> None:
        with translated():
            self.client.api.disconnect_container_from_network(container, network)

    def logs(self, container: str, *, tail: int | None = None, stderr: bool = True) -> str:
        """Its output (the last ``tail`` lines), decoded."""
        with translated():
            raw = self.client.api.logs(container, stdout=True, stderr=stderr,
                                       tail="all" if tail is None else tail)
        return str(raw.decode(errors="replace"))

    def exec(self, container: str, command: list[str]) -> tuple[int, str]:
        """Run ``command`` in the running container: (exit code, output)."""
        with translated():
            result = self.client.containers.get(container).exec_run(command)
        return int(result.exit_code), result.output.decode(errors="replace")

    def stats(self, container: str) -> dict[str, Any]:
        """One sample of its resource use (``memory_stats``, ``cpu_stats``...)."""
        with translated():
            return dict(self.client.api.stats(container, stream=False))

    # -- images -------------------------------------------------------------------------
    def image(self, ref: str) -> dict[str, Any] | None:
        """The inspect dict of image ``ref``, or None when it is not on the engine."""
        return inspect_or_none(lambda: self.client.api.inspect_image(ref))

    def image_id(self, ref: str) -> str | None:
        """The ID of image ``ref``, or None when it is not on the engine."""
        found = self.image(ref)
        return None if found is None else str(found["Id"])

    def image_label(self, ref: str, label: str) -> str | None:
        """The value of ``label`` on image ``ref`` (None when absent or no such image)."""
        found = self.image(ref)
        labels = ((found or {}).get("Config") or {}).get("Labels") or {}
        value = labels.get(label)
        return None if value is None else str(value)

    def pull(self, ref: str) -> None:
        with translated():
            self.client.images.pull(ref)

    def registry_answers(self, ref: str) -> bool:
        """True when the engine reaches the registry that holds ``ref`` (no pull)."""
        try:
            with translated():
                self.client.images.get_registry_data(ref)
        except DockerError:
            return False
        return True

    def build(self, path: str, *, tag: str, buildargs: dict[str, str],
              labels: dict[str, str]) -> Iterator[dict[str, Any]]:
        """Build the context at ``path``; yield the engine's decoded progress chunks."""
        with translated():
            yield from self.client.api.build(path=path, tag=tag, buildargs=buildargs,
                                             labels=labels, rm=True, forcerm=True, decode=True)

    def import_image(self, stream: IO[bytes], *, repository: str, tag: str,
                     changes: list[str]) -> None:
        """Import a root file system tar read from ``stream`` as ``repository:tag``."""
        with translated():
            self.client.api.import_image(src=stream, repository=repository, tag=tag,
                                         stream_src=True, changes=changes)

    def copy_image(self, ref: str, to: Host) -> None:
        """``docker save ref`` here, streamed into ``docker load`` on engine ``to``."""
        with translated():
            to.client.api.load_image(self.client.api.get_image(ref, chunk_size=1 << 20),
                                     quiet=True)

    def save(self, *refs: str) -> bytes:
        """``docker save REF...`` as one archive: each repository with every tag (layers
        the images share are in it once)."""
        api = self.client.api
        with translated():
            if len(refs) == 1:
                return b"".join(api.get_image(refs[0]))
            # docker-py saves one name at a time; the Engine API takes several (as the CLI)
            answer = api._get(api._url("/images/get"), params={"names": list(refs)},
                              stream=True)
            api._raise_for_status(answer)
            return b"".join(answer.iter_content(chunk_size=1 << 20))
