"""One lab node: a Docker-in-Docker container, its daemon's client, its faults."""

from __future__ import annotations

import shlex
import socket
import time
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any

import docker
import docker.errors
import docker.tls
from docker import DockerClient

from labs import magics, spec
from labs.errors import NodeError
from labs.tls import ClientFiles

CLIENT_TIMEOUT = 60
QUICK_TIMEOUT = 8
NODE_API_VERSION = "1.45"  # dockerd 26.1 of the node image


def free_ports(count: int) -> list[int]:
    """``count`` distinct TCP ports free on 127.0.0.1 right now."""
    with ExitStack() as stack:
        ports = []
        for _ in range(count):
            sock = stack.enter_context(socket.socket(socket.AF_INET, socket.SOCK_STREAM))
            sock.bind(("127.0.0.1", 0))
            ports.append(sock.getsockname()[1])
        return ports


@dataclass
class Node:
    """A node of a cluster. ``client`` speaks to its own Docker daemon over mutual TLS."""

    name: str
    """Hostname inside the cluster: manager1, worker2..."""
    role: str
    """``manager`` or ``worker``, as created (promotion changes the swarm, not this)."""
    ip: str
    """Static address on the cluster network; Raft peers find each other by it."""
    container_name: str
    engine: DockerClient
    tls: ClientFiles
    network: str
    _client: DockerClient | None = None
    _quick: DockerClient | None = None
    _ports: dict[int, int] | None = None

    def __repr__(self) -> str:
        return f"<Node {self.name} {self.role} {self.ip}>"

    # -- the container -----------------------------------------------------
    def inspect(self) -> dict[str, Any]:
        try:
            return dict(self.engine.api.inspect_container(self.container_name))
        except docker.errors.NotFound as exc:
            raise NodeError(
                f"node {self.name}: its container {self.container_name} is gone. "
                "Recreate the cluster (down, then up)."
            ) from exc

    def state(self) -> str:
        """Container state: running, paused, exited, created... or ``missing``."""
        try:
            info = self.engine.api.inspect_container(self.container_name)
        except docker.errors.NotFound:
            return "missing"
        return str(info["State"]["Status"])

    def ports(self) -> dict[int, int]:
        """Container port -> host port on 127.0.0.1 (daemon port and lab ports)."""
        if self._ports is None:
            bindings = self.inspect()["HostConfig"]["PortBindings"] or {}
            self._ports = {
                int(key.split("/")[0]): int(value[0]["HostPort"])
                for key, value in bindings.items()
                if value and value[0].get("HostPort")
            }
        return self._ports

    @property
    def daemon_url(self) -> str:
        return f"tcp://127.0.0.1:{self.ports()[spec.DAEMON_PORT]}"

    def url(self, port: int = spec.LAB_PORTS[0], path: str = "/") -> str:
        """http URL on the host that reaches ``port`` of this node (a lab port)."""
        if port not in self.ports():
            raise NodeError(
                f"port {port} of {self.name} is not mapped to the host; lab ports are "
                f"{', '.join(map(str, spec.LAB_PORTS))}: publish services on one of them."
            )
        return f"http://127.0.0.1:{self.ports()[port]}{path}"

    # -- the daemon ----------------------------------------------------------
    def _new_client(self, timeout: int) -> DockerClient:
        tls_config = docker.tls.TLSConfig(
            client_cert=(str(self.tls.cert), str(self.tls.key)),
            ca_cert=str(self.tls.ca),
            verify=True,
        )
        client = docker.DockerClient(
            base_url=f"https://127.0.0.1:{self.ports()[spec.DAEMON_PORT]}",
            tls=tls_config,
            timeout=timeout,
            version=NODE_API_VERSION,
        )
        # REQUESTS_CA_BUNDLE and proxy variables must not replace the cluster's CA.
        client.api.trust_env = False
        return client

    @property
    def client(self) -> DockerClient:
        """docker-py client for this node's daemon (mutual TLS, 127.0.0.1 only)."""
        if self._client is None:
            self._client = self._new_client(CLIENT_TIMEOUT)
        return self._client

    @property
    def quick(self) -> DockerClient:
        """The same, with a short timeout: for status reads that must not hang on a
        frozen or cut-off node."""
        if self._quick is None:
            self._quick = self._new_client(QUICK_TIMEOUT)
        return self._quick

    def _forget_client(self) -> None:
        for client in (self._client, self._quick):
            if client is not None:
                client.close()
        self._client = self._quick = None

    def answers(self) -> bool:
        try:
            return bool(self.quick.ping())
        except Exception:
            return False

    def wait_ready(self, timeout: float = 60.0) -> None:
        """Wait until the daemon answers; fail early if the container stopped."""
        deadline = time.monotonic() + timeout
        checks = 0
        while not self.answers():
            checks += 1
            if checks % 20 == 0:
                state = self.state()
                if state != "running":
                    raise NodeError(
                        f"node {self.name} stopped while its daemon was starting "
                        f"(state {state}). Its last log lines:\n{self.logs(12)}"
                    )
            if time.monotonic() > deadline:
                raise NodeError(
                    f"the daemon of node {self.name} did not answer within {timeout:.0f} s "
                    f"(container {self.state()}). Its last log lines:\n{self.logs(12)}\n"
                    "Run `python -m labs doctor` to check the engine."
                )
            time.sleep(0.05)

    def logs(self, lines: int = 20) -> str:
        try:
            raw = self.engine.api.logs(self.container_name, tail=lines)
        except docker.errors.APIError as exc:
            return f"(no logs: {exc.explanation})"
        return str(raw.decode(errors="replace")).rstrip()

    def exec(self, *command: str) -> tuple[int, str]:
        """Run a command in the node container (not in a nested container)."""
        result = self.engine.containers.get(self.container_name).exec_run(list(command))
        return int(result.exit_code), result.output.decode(errors="replace")

    def docker(self, command: str, *, timeout: float = 60.0) -> str:
        """Run one Docker CLI command against this node, as ``%%docker NODE`` would,
        and return its output, stripped: ``node.docker("swarm join-token -q worker")``.

        Raises :class:`labs.magics.DockerCommandError` (a :class:`NodeError`) with
        the CLI's message when the command fails, or when it is still running after
        ``timeout`` seconds or interrupted (it is then stopped).
        """
        args = shlex.split(command)
        if args[:1] == ["docker"]:
            args = args[1:]
        if not args:
            raise NodeError('say which command to run, e.g. node.docker("node ls")')
        full_name = self.network.removeprefix(f"{spec.PREFIX}-")  # spec.resource_name's
        context = magics.context_name(full_name, self.name)
        shown = f"docker {shlex.join(args)}"
        try:
            code, out, err = magics.capture(context, args, timeout=timeout)
        except magics.Stopped as stop:
            key = "node_timeout" if stop.reason == "timeout" else "node_interrupted"
            raise magics.DockerCommandError(magics.say(
                key, command=shown, node=self.name, after=magics.seconds(timeout))) from None
        if code != 0:
            said = err.strip() or out.strip() or "-"
            raise magics.DockerCommandError(magics.say(
                "node_failed", command=shown, node=self.name, code=code, said=said),
                code=code, stderr=err)
        return out.strip()

    def swarm_info(self) -> dict[str, Any]:
        """The ``Swarm`` part of this daemon's ``docker info``."""
        return dict(self.client.info().get("Swarm", {}))

    # -- faults ----------------------------------------------------------------
    def stop(self, timeout: int = 10) -> None:
        """Stop the node as a shutdown would (its daemon gets SIGTERM)."""
        self._forget_client()
        self.engine.api.stop(self.container_name, timeout=timeout)

    def kill(self) -> None:
        """Stop the node abruptly, as a power cut would."""
        self._forget_client()
        self.engine.api.kill(self.container_name)

    def start(self, *, wait: bool = True, timeout: float = 60.0) -> None:
        """Start a stopped node (same IP, same ports) and wait for its daemon."""
        if self.state() == "paused":
            raise NodeError(f"node {self.name} is paused: unpause it instead of starting it.")
        self._forget_client()
        self.engine.api.start(self.container_name)
        if wait:
            self.wait_ready(timeout)

    def pause(self) -> None:
        """Freeze every process of the node (it stops answering, keeps its state)."""
        self.engine.api.pause(self.container_name)

    def unpause(self) -> None:
        self.engine.api.unpause(self.container_name)

    def disconnect(self) -> None:
        """Cut the node off the cluster network (a partition); the host loses it too."""
        self._forget_client()
        self.engine.api.disconnect_container_from_network(self.container_name, self.network)

    def reconnect(self) -> None:
        """Join the cluster network again, at the same address."""
        self.engine.api.connect_container_to_network(
            self.container_name, self.network, ipv4_address=self.ip
        )
        self._forget_client()

    def connected(self) -> bool:
        networks = self.inspect()["NetworkSettings"]["Networks"] or {}
        return self.network in networks
