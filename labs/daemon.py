"""A node's own Docker daemon, reached over mutual TLS on 127.0.0.1.

:class:`Daemon` builds the two docker-py clients of a node (``client`` with a
long timeout for work, ``quick`` with a short one for reads that must not
hang on a frozen or cut-off node) and gives the lab typed methods for what
it does itself: ping, swarm init/join, lists of nodes, services, tasks and
networks, one container or service inspected, images listed and loaded.
Failures come out as :class:`labs.errors.DockerError` children (see
:mod:`labs.apierror`). Lessons keep teaching docker-py itself through
``node.client``.
"""

from __future__ import annotations

from typing import Any, TypeAlias

import docker
import docker.tls
from docker import DockerClient

from labs.apierror import inspect_or_none, translated
from labs.errors import DockerError
from labs.tls import ClientFiles

Client: TypeAlias = DockerClient
"""docker-py's client type, for annotations outside the adapters."""

CLIENT_TIMEOUT = 60
QUICK_TIMEOUT = 8
NODE_API_VERSION = "1.45"  # dockerd 26.1 of the node image


def connect(url: str, files: ClientFiles, timeout: int) -> DockerClient:
    """A docker-py client for the daemon at ``url`` that trusts only the cluster's CA."""
    tls_config = docker.tls.TLSConfig(
        client_cert=(str(files.cert), str(files.key)), ca_cert=str(files.ca), verify=True)
    client = docker.DockerClient(base_url=url, tls=tls_config, timeout=timeout,
                                 version=NODE_API_VERSION)
    # REQUESTS_CA_BUNDLE and proxy variables must not replace the cluster's CA.
    client.api.trust_env = False
    return client


class Daemon:
    """The daemon of one node at ``url`` (``https://127.0.0.1:PORT``)."""

    def __init__(self, url: str, files: ClientFiles) -> None:
        self.url = url
        self.files = files
        self._client: DockerClient | None = None
        self._quick: DockerClient | None = None

    def __repr__(self) -> str:
        return f"<Daemon {self.url}>"

    @property
    def client(self) -> DockerClient:
        """docker-py client with a long timeout (swarm init and join, image loads)."""
        if self._client is None:
            self._client = connect(self.url, self.files, CLIENT_TIMEOUT)
        return self._client

    @property
    def quick(self) -> DockerClient:
        """docker-py client with a short timeout, for reads."""
        if self._quick is None:
            self._quick = connect(self.url, self.files, QUICK_TIMEOUT)
        return self._quick

    def close(self) -> None:
        """Drop both connections (e.g. the node stopped); the next call opens new ones."""
        for client in (self._client, self._quick):
            if client is not None:
                client.close()
        self._client = self._quick = None

    # -- the engine ------------------------------------------------------------------
    def ping(self) -> bool:
        """True when the daemon answers now; never raises."""
        try:
            return bool(self.quick.ping())
        except Exception:  # refused, reset, timed out: not answering
            return False

    def info(self) -> dict[str, Any]:
        """``docker info``."""
        with translated():
            return dict(self.quick.info())

    def swarm_info(self) -> dict[str, Any]:
        """The ``Swarm`` part of ``docker info``."""
        with translated():
            return dict(self.client.info().get("Swarm", {}))

    def swarm_state(self) -> str:
        """``LocalNodeState`` (inactive, pending, active...), or '' when it does not say."""
        try:
            return str(self.info().get("Swarm", {}).get("LocalNodeState", ""))
        except DockerError:
            return ""

    # -- forming the swarm -----------------------------------------------------------
    def swarm_init(self, advertise_addr: str, listen_addr: str = "0.0.0.0:2377", *,
                   address_pool: str | None = None) -> dict[str, str]:
        """Make this daemon a one-node swarm; return its join tokens (Worker, Manager).
        ``address_pool`` replaces the default pool overlay subnets come from."""
        with translated():
            swarm = self.client.swarm
            swarm.init(advertise_addr=advertise_addr, listen_addr=listen_addr,
                       default_addr_pool=[address_pool] if address_pool else None)
            swarm.reload()
            return {str(k): str(v) for k, v in swarm.attrs["JoinTokens"].items()}

    def swarm_join(self, manager_addr: str, token: str, *, advertise_addr: str,
                   listen_addr: str = "0.0.0.0:2377") -> None:
        """Join the swarm whose manager listens at ``manager_addr`` (IP:2377)."""
        with translated():
            self.client.swarm.join(remote_addrs=[manager_addr], join_token=token,
                                   advertise_addr=advertise_addr, listen_addr=listen_addr)

    # -- the swarm (a manager answers; NotSwarmManager, NoLeader otherwise) ----------------
    def nodes(self) -> list[dict[str, Any]]:
        """The swarm's nodes, as ``docker node inspect`` gives them."""
        with translated():
            return list(self.quick.api.nodes())

    def services(self, filters: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        with translated():
            return list(self.quick.api.services(filters=filters))

    def inspect_service(self, name: str) -> dict[str, Any] | None:
        """The service called (or with id) ``name``, or None when there is none."""
        return inspect_or_none(lambda: self.quick.api.inspect_service(name))

    def tasks(self, filters: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Tasks, e.g. ``tasks({"service": ID, "desired-state": "running"})``."""
        with translated():
            return list(self.quick.api.tasks(filters=filters))

    def inspect_task(self, task_id: str) -> dict[str, Any]:
        with translated():
            return dict(self.quick.api.inspect_task(task_id))

    def networks(self, filters: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        with translated():
            return list(self.quick.api.networks(filters=filters))

    # -- containers on this node -----------------------------------------------------------
    def containers(self, label: str | None = None) -> list[dict[str, Any]]:
        """Containers on this node, running or not (with ``label``: 'key' or 'key=value')."""
        with translated():
            return list(self.quick.api.containers(
                all=True, filters={"label": label} if label else None))

    def inspect_container(self, name: str) -> dict[str, Any] | None:
        """The container called (or with id) ``name`` on this node, or None when absent."""
        return inspect_or_none(lambda: self.quick.api.inspect_container(name))

    def logs(self, container: str) -> str:
        """What container ``container`` wrote on its standard output so far."""
        with translated():
            return str(self.quick.api.logs(container, stdout=True, stderr=False)
                       .decode(errors="replace"))

    def kill(self, container: str) -> None:
        """Kill a container on this node (e.g. a task's, to see the swarm replace it)."""
        with translated():
            self.client.api.kill(container)

    # -- images ------------------------------------------------------------------------------
    def images(self, repository: str) -> dict[str, str]:
        """Tag -> image id of every image of ``repository`` on this node."""
        with translated():
            found = self.client.images.list(repository)
        return {tag: str(image.id) for image in found for tag in image.tags}

    def load(self, archive: bytes) -> None:
        """Load a ``docker save`` archive."""
        with translated():
            self.client.images.load(archive)

    # -- inside containers, and the engine's history (for the autograder's checks) ------------
    def exec_in(self, container: str, command: list[str]) -> str:
        """Run ``command`` inside container ``container`` on this node; its output."""
        with translated():
            exec_id = self.quick.api.exec_create(container, command)["Id"]
            return str(self.quick.api.exec_start(exec_id).decode(errors="replace"))

    def events(self, *, since: float, until: float, filters: dict[str, Any]
               ) -> list[dict[str, Any]]:
        """The engine's events between ``since`` and ``until`` (epoch seconds)."""
        with translated():
            return list(self.quick.api.events(since=int(since), until=int(until) + 1,
                                              decode=True, filters=filters))
