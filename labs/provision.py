"""Creating a cluster: an ordered list of small actions over one context.

Each :class:`Action` has one job and a title that is reported as it runs
(network, certificates, nodes, daemons, init, joins, app image, ready). The
actions pass what they make along in an :class:`ActionContext`. :func:`run`
reports and times each action, names the failed one in a
:class:`ProvisionError`, and on failure removes everything created unless
asked to retain it (as kind's ``pkg/cluster/internal/create`` does).
"""

from __future__ import annotations

import io
import ipaddress
import tarfile
import time
import zlib
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from labs import apierror, contexts, images, inventory, runtime, spec, tls
from labs.concurrency import parallel
from labs.engine import Host
from labs.errors import Conflict, DockerError, LabError, PoolOverlap, ProvisionError
from labs.node import Node, free_ports, with_role
from labs.timing import wait_until

T = TypeVar("T")
Progress = Callable[[str], None]
SUBNET_POOLS = ("172.29.0.0/16", "172.28.0.0/16", "10.213.0.0/16")


@dataclass
class ActionContext:
    """What the actions share: given at the start, or made by an earlier action."""

    host: Host
    """The engine the nodes run on: the host's, or the VM's (:mod:`labs.engines`)."""
    name: str
    """The cluster's name as the user gave it (lesson-04)."""
    full_name: str
    """The name with the session prefix: what labels and resource names use."""
    shape: spec.Shape
    progress: Progress
    """Receives one line per action (and details of long ones)."""
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds per action title, filled in by :func:`run`."""
    runtime: runtime.Runtime | None = None
    """How node containers may run here (set by "check the runtime")."""
    subnet: ipaddress.IPv4Network | None = None
    """The cluster network's /24 (set by "create the network")."""
    authority: tls.Authority | None = None
    """The cluster's CA (set by "make certificates")."""
    client_files: tls.ClientFiles | None = None
    """The host's client certificate files (set by "make certificates")."""
    nodes: list[Node] = field(default_factory=list)
    """The nodes, managers first (set by "start the nodes")."""
    tokens: dict[str, str] = field(default_factory=dict)
    """Swarm join tokens, ``Worker`` and ``Manager`` (set by "init the swarm")."""
    loader: Future[None] | None = None
    """The app images loading into the nodes in the background."""

    @property
    def managers(self) -> list[Node]:
        return with_role(self.nodes, "manager")

    @property
    def workers(self) -> list[Node]:
        return with_role(self.nodes, "worker")


def _made(value: T | None, what: str) -> T:
    """``value``, made by an earlier action; a clear error when that action did not run."""
    if value is None:
        raise ProvisionError(f"{what} is missing: the action that makes it did not run first")
    return value


@dataclass(frozen=True)
class Action:
    """One provisioning step."""

    title: str
    """What it does, as reported ("start the nodes"); translated by labs.progress."""
    run: Callable[[ActionContext], None]
    floor: bool = False
    """Part of the floor that ``labs bench`` measures: what any cluster must pay."""
    starts_loader: bool = False
    """After it, the app images start loading into the nodes in the background."""
    awaits_loader: bool = False
    """It waits for the background load (run starts a load only if such an action follows)."""
    swarm: bool = False
    """Only when a swarm is formed (not for ``bare`` clusters)."""


# -- the actions ------------------------------------------------------------------------
def ensure_images(ctx: ActionContext) -> None:
    """Build the lab images if any is missing (a fresh machine)."""
    if images.missing(ctx.host):
        images.ensure(ctx.host, ctx.progress)


def detect_runtime(ctx: ActionContext) -> None:
    """Find how node containers may run on this engine (cached per engine)."""
    ctx.runtime = runtime.detect(ctx.host)


def _used_subnets(host: Host) -> list[ipaddress.IPv4Network]:
    used = []
    for net in host.networks():
        for cfg in (net.get("IPAM") or {}).get("Config") or []:
            subnet = cfg.get("Subnet", "")
            if subnet and ":" not in subnet:
                used.append(ipaddress.IPv4Network(subnet))
    return used


def create_network(ctx: ActionContext) -> None:
    """The cluster's bridge network on a free /24, chosen from the name (stable per name)."""
    used = _used_subnets(ctx.host)
    start = zlib.crc32(ctx.full_name.encode())
    last_error = ""
    for pool in SUBNET_POOLS:
        subnets = list(ipaddress.IPv4Network(pool).subnets(new_prefix=24))
        for i in range(len(subnets)):
            subnet = subnets[(start + i) % len(subnets)]
            if any(subnet.overlaps(u) for u in used):
                continue
            try:
                ctx.host.create_network(
                    spec.resource_name(ctx.full_name), subnet=str(subnet),
                    gateway=str(subnet.network_address + 1),
                    labels=spec.labels(ctx.full_name, shape=ctx.shape.label()))
            except PoolOverlap as exc:
                last_error = exc.explanation
                used.append(subnet)  # taken by a parallel run meanwhile
                continue
            ctx.subnet = subnet
            return
    raise ProvisionError(
        f"no free /24 subnet left for the cluster network ({last_error or 'all in use'}). "
        "Remove clusters you no longer need: python -m labs down --all"
    )


def make_certificates(ctx: ActionContext) -> None:
    """The cluster's CA and the host's client certificate files."""
    ctx.authority = tls.Authority.create(ctx.full_name)
    ctx.client_files = tls.write_client_files(
        tls.cache_root() / ctx.full_name, ctx.authority.cert_pem, ctx.authority.client())


def start_nodes(ctx: ActionContext) -> None:
    """Create and start every node container, at once, each with its static IP."""
    subnet = _made(ctx.subnet, "the cluster network")
    files = _made(ctx.client_files, "the client certificates")
    network = spec.resource_name(ctx.full_name)
    ctx.nodes = [
        Node(name, role, str(subnet.network_address + 10 + i),
             spec.resource_name(ctx.full_name, name), ctx.host, files, network)
        for i, (name, role) in enumerate(ctx.shape.node_names())
    ]
    held = held_ports(ctx.host)
    parallel(lambda node: _create_and_start(ctx, node, held), ctx.nodes)


def held_ports(host: Host) -> set[int]:
    """Host ports of the lab's stopped containers: free on the host now, taken back when a
    stopped node starts again (a lesson kills managers and starts them later), so a new
    node must not publish on them."""
    held: set[int] = set()
    for found in host.containers(spec.LABEL_CLUSTER):
        if found.get("State") == "running":
            continue
        raw = host.inspect_container(found["Id"]) or {}
        for bindings in ((raw.get("HostConfig") or {}).get("PortBindings") or {}).values():
            held.update(int(b["HostPort"]) for b in bindings or [] if b.get("HostPort"))
    return held


def _create_and_start(ctx: ActionContext, node: Node, held: set[int]) -> None:
    rt = _made(ctx.runtime, "the runtime profile")
    volume = f"{node.container_name}-data"
    ctx.host.create_volume(volume, labels=spec.labels(ctx.full_name, node=node.name))
    wanted = [spec.DAEMON_PORT, *spec.LAB_PORTS]
    archive = _node_files(_made(ctx.authority, "the cluster's CA"), node)
    for attempt in range(3):
        ports = dict(zip(wanted, free_ports(len(wanted), held), strict=True))
        container = ctx.host.create_container(
            images.NODE_IMAGE, name=node.container_name, hostname=node.name,
            labels=spec.labels(ctx.full_name, role=node.role, node=node.name, ip=node.ip,
                               shape=ctx.shape.label()),
            settings=rt.host_config(), raw_settings=rt.raw_host_config(), init=True,
            volume=(volume, "/var/lib/docker"), ports=ports, network=(node.network, node.ip),
        )
        ctx.host.put_archive(container, "/", archive)
        try:
            ctx.host.start(container)
            for port in ports.values():  # on the VM engine: forwarded from 127.0.0.1
                ctx.host.expose(port)
            return
        except DockerError as exc:
            ctx.host.remove_container(container)
            if attempt < 2 and isinstance(exc, Conflict):
                continue  # a host port was taken between choosing and binding
            raise


def _node_files(authority: tls.Authority, node: Node) -> bytes:
    """A tar of the node's CA and server certificate, unpacked at / before it starts."""
    server = authority.server(node.name, [node.ip])
    files = {
        "etc/orquestra/tls/ca.pem": (authority.cert_pem, 0o644),
        "etc/orquestra/tls/server-cert.pem": (server.cert, 0o644),
        "etc/orquestra/tls/server-key.pem": (server.key, 0o600),
    }
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for folder in ("etc/orquestra", "etc/orquestra/tls"):
            info = tarfile.TarInfo(folder)
            info.type, info.mode = tarfile.DIRTYPE, 0o700
            tar.addfile(info)
        for path, (data, mode) in files.items():
            info = tarfile.TarInfo(path)
            info.size, info.mode = len(data), mode
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def wait_daemons(ctx: ActionContext) -> None:
    """Wait until every node's daemon answers over TLS."""
    parallel(lambda n: n.wait_ready(90), ctx.nodes)


def load_app_images(ctx: ActionContext) -> None:
    """Copy the app images into the nodes (the background load's work)."""
    images.load_app_images(ctx.host, [n.daemon for n in ctx.nodes])


def await_app_images(ctx: ActionContext) -> None:
    """Wait for the background load of the app images (or load them now)."""
    if ctx.loader is not None:
        ctx.loader.result()
    else:  # no background load was started: do it now
        load_app_images(ctx)


def init_swarm(ctx: ActionContext) -> None:
    """Make the first manager a swarm; keep its join tokens."""
    first = ctx.managers[0]
    ctx.tokens = first.daemon.swarm_init(first.ip, address_pool=ctx.host.address_pool)


def _join(ctx: ActionContext, node: Node, kind: str) -> None:
    node.daemon.swarm_join(f"{ctx.managers[0].ip}:2377", ctx.tokens[kind],
                           advertise_addr=node.ip)


def join_managers(ctx: ActionContext) -> None:
    """Join the other managers to the first."""
    # Sent together: the leader admits them one at a time anyway (swarmkit's
    # raft Join holds its membership lock for each membership change).
    parallel(lambda n: _join(ctx, n, "Manager"), ctx.managers[1:])


def join_workers(ctx: ActionContext) -> None:
    """Join the workers, all at once."""
    parallel(lambda n: _join(ctx, n, "Worker"), ctx.workers)


def wait_swarm_ready(ctx: ActionContext) -> None:
    """Wait until the swarm lists every node as ready and every manager reachable."""
    daemon = ctx.managers[0].daemon
    total = len(ctx.nodes)
    seen: list[list[dict[str, Any]]] = [[]]

    def ready() -> bool:
        listed = seen[0] = daemon.nodes()
        return len(listed) == total and all(
            n["Status"]["State"] == "ready"
            and (n.get("ManagerStatus") or {}).get("Reachability", "reachable") == "reachable"
            for n in listed
        )

    def describe() -> str:
        states = [f"{n['Description']['Hostname']}={n['Status']['State']}" for n in seen[0]]
        return f"the swarm lists {len(seen[0])} of {total} nodes: {', '.join(states) or '-'}"

    wait_until(ready, timeout=60, interval=0.05, what="every node to be ready",
               describe=describe)


def write_contexts(full_name: str, nodes: list[Node]) -> None:
    """A ``docker context`` per node of cluster ``full_name``, so the CLI reaches it too."""
    for node in nodes:
        contexts.write(f"{full_name}-{node.name}", node.daemon_url, node.tls, full_name)


def actions(shape: spec.Shape) -> list[Action]:
    """The ordered actions that make a cluster of ``shape``."""
    every = [
        Action("check the images", ensure_images, floor=True),
        Action("check the runtime", detect_runtime, floor=True),
        Action("create the network", create_network, floor=True),
        Action("make certificates", make_certificates, floor=True),
        Action("start the nodes", start_nodes, floor=True),
        Action("wait for the daemons", wait_daemons, floor=True, starts_loader=True),
        Action("init the swarm", init_swarm, swarm=True),
        Action("join the managers", join_managers, swarm=True),
        Action("join the workers", join_workers, swarm=True),
        Action("load the app image", await_app_images, awaits_loader=True),
        Action("wait until ready", wait_swarm_ready, swarm=True),
    ]
    return [a for a in every if not (a.swarm and shape.bare)]


# -- running them ---------------------------------------------------------------------------
def _step(action: Action, ctx: ActionContext) -> None:
    ctx.progress(f"{ctx.full_name}: {action.title}...")
    t0 = time.perf_counter()
    try:
        action.run(ctx)
    except DockerError as exc:
        raise _failed(ctx, action, exc) from exc
    except LabError:
        raise
    except Exception as exc:
        raise _failed(ctx, action, exc) from exc
    ctx.timings[action.title] = time.perf_counter() - t0


def _failed(ctx: ActionContext, action: Action, exc: BaseException) -> ProvisionError:
    return ProvisionError(f"creating cluster {ctx.name} failed while it was to {action.title}: "
                          f"{apierror.explanation(exc)}")


def remove_made(ctx: ActionContext) -> None:
    """Remove everything made for the cluster (and close the nodes' connections)."""
    for node in ctx.nodes:
        node.close_clients()
    inventory.remove(ctx.full_name, [ctx.host])
    ctx.nodes = []


def run(steps: list[Action], ctx: ActionContext, *, retain: bool = False) -> None:
    """Run ``steps`` in order, then write the nodes' docker contexts.

    On failure, removes what was made (unless ``retain``) and raises: a
    :class:`ProvisionError` naming the step, or the step's own
    :class:`LabError`, with a pointer to ``python -m labs doctor``.
    """
    pool = ThreadPoolExecutor(max_workers=1)
    background = any(a.awaits_loader for a in steps)
    try:
        for action in steps:
            _step(action, ctx)
            if action.starts_loader and background:
                ctx.loader = pool.submit(load_app_images, ctx)
        write_contexts(ctx.full_name, ctx.nodes)
    except BaseException as exc:
        if ctx.loader is not None:
            ctx.loader.cancel()
        pool.shutdown(wait=True)
        if retain:
            ctx.progress(f"{ctx.full_name}: failed; kept for inspection (retain=True)")
        else:
            ctx.progress(f"{ctx.full_name}: failed; removing what was created")
            remove_made(ctx)
        if isinstance(exc, LabError):
            raise type(exc)(
                f"{exc} Run `python -m labs doctor` to check this machine"
                + ("; the half-made cluster was kept" if retain else "")
                + "."
            ) from exc
        raise
    pool.shutdown(wait=True)
    ctx.progress(f"{ctx.full_name}: ready")
