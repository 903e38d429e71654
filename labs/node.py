"""One lab node: a Docker-in-Docker container, its daemon's client, its faults."""

from __future__ import annotations

import shlex
import socket
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any

from labs import magics, spec
from labs.daemon import Client, Daemon
from labs.engine import Host
from labs.errors import DockerError, NodeError
from labs.timing import wait_until
from labs.tls import ClientFiles


def free_ports(count: int, held: set[int] | frozenset[int] = frozenset()) -> list[int]:
    """``count`` distinct TCP ports free on 127.0.0.1 right now, none of them in ``held``
    (ports free now that a stopped container takes back when it starts again)."""
    with ExitStack() as stack:
        ports: list[int] = []
        while len(ports) < count:
            sock = stack.enter_context(socket.socket(socket.AF_INET, socket.SOCK_STREAM))
            sock.bind(("127.0.0.1", 0))  # kept open: the next bind gets another port
            port = sock.getsockname()[1]
            if port not in held:
                ports.append(port)
        return ports


def with_role(nodes: list[Node], role: str) -> list[Node]:
    """The nodes created as ``role`` (manager or worker), in order."""
    return [n for n in nodes if n.role == role]


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
    host: Host
    """The host engine that runs the node's container."""
    tls: ClientFiles
    network: str
    _daemon: Daemon | None = None
    _ports: dict[int, int] | None = None

    def __repr__(self) -> str:
        return f"<Node {self.name} {self.role} {self.ip}>"

    @property
    def engine(self) -> Client:
        """The host engine's docker-py client (the one that runs this node's container)."""
        return self.host.client

    # -- the container -----------------------------------------------------
    def inspect(self) -> dict[str, Any]:
        """The node container's inspect dict (raises :class:`NodeError` when it is gone)."""
        found = self.host.inspect_container(self.container_name)
        if found is None:
            raise NodeError(
                f"node {self.name}: its container {self.container_name} is gone. "
                "Recreate the cluster (down, then up)."
            )
        return found

    def state(self) -> str:
        """Container state: running, paused, exited, created... or ``missing``."""
        found = self.host.inspect_container(self.container_name)
        return "missing" if found is None else str(found["State"]["Status"])

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
    @property
    def daemon(self) -> Daemon:
        """The typed adapter over this node's daemon (what the lab itself calls)."""
        if self._daemon is None:
            self._daemon = Daemon(f"https://127.0.0.1:{self.ports()[spec.DAEMON_PORT]}",
                                  self.tls)
        return self._daemon

    @property
    def client(self) -> Client:
        """docker-py client for this node's daemon (mutual TLS, 127.0.0.1 only)."""
        return self.daemon.client

    @property
    def quick(self) -> Client:
        """The same, with a short timeout: for status reads that must not hang on a
        frozen or cut-off node."""
        return self.daemon.quick

    def close_clients(self) -> None:
        """Drop the connections to its daemon (it stopped, or moved); new calls reconnect."""
        if self._daemon is not None:
            self._daemon.close()

    def answers(self) -> bool:
        """True when the node's daemon answers now."""
        return self.daemon.ping()

    def wait_ready(self, timeout: float = 60.0) -> None:
        """Wait until the daemon answers; fail early if the container stopped."""

        def still_running() -> None:
            state = self.state()
            if state != "running":
                raise NodeError(
                    f"node {self.name} stopped while its daemon was starting "
                    f"(state {state}). Its last log lines:\n{self.logs(12)}"
                )

        wait_until(self.answers, timeout=timeout, interval=0.05,
                   what=f"the daemon of node {self.name} to answer",
                   describe=lambda: f"container {self.state()}; its last log lines:\n"
                                    f"{self.logs(12)}",
                   hint="Run `python -m labs doctor` to check the engine.",
                   abort=still_running)

    def logs(self, lines: int = 20) -> str:
        """The node container's last ``lines`` of output (its dockerd's log)."""
        try:
            return self.host.logs(self.container_name, tail=lines).rstrip()
        except DockerError as exc:
            return f"(no logs: {exc.explanation})"

    def exec(self, *command: str) -> tuple[int, str]:
        """Run a command in the node container (not in a nested container)."""
        return self.host.exec(self.container_name, list(command))

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
        return self.daemon.swarm_info()

    # -- faults ----------------------------------------------------------------
    def stop(self, timeout: int = 10) -> None:
        """Stop the node as a shutdown would (its daemon gets SIGTERM)."""
        self.close_clients()
        self.host.stop(self.container_name, timeout=timeout)

    def kill(self) -> None:
        """Stop the node abruptly, as a power cut would."""
        self.close_clients()
        self.host.kill(self.container_name)

    def start(self, *, wait: bool = True, timeout: float = 60.0) -> None:
        """Start a stopped node (same IP, same ports) and wait for its daemon."""
        if self.state() == "paused":
            raise NodeError(f"node {self.name} is paused: unpause it instead of starting it.")
        self.close_clients()
        self.host.start(self.container_name)
        if wait:
            self.wait_ready(timeout)

    def pause(self) -> None:
        """Freeze every process of the node (it stops answering, keeps its state)."""
        self.host.pause(self.container_name)

    def unpause(self) -> None:
        """Let a paused node run again."""
        self.host.unpause(self.container_name)

    def disconnect(self) -> None:
        """Cut the node off the cluster network (a partition); the host loses it too."""
        self.close_clients()
        self.host.disconnect(self.container_name, self.network)

    def reconnect(self) -> None:
        """Join the cluster network again, at the same address."""
        self.host.connect(self.container_name, self.network, ip=self.ip)
        self.close_clients()

    def connected(self) -> bool:
        """True when the node is on the cluster network (not partitioned)."""
        networks = self.inspect()["NetworkSettings"]["Networks"] or {}
        return self.network in networks
