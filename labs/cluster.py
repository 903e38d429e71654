"""Cluster: a named Docker Swarm made of Docker-in-Docker nodes.

Creating one is an ordered list of small steps (network, certificates,
nodes, daemons, init, joins, app image, ready), each reported as it runs.
If a step fails, everything created so far is removed unless
``retain=True``. Nothing is kept in state files: the containers, network and
volumes carry labels, and a later ``up()`` re-attaches to them.
"""

from __future__ import annotations

import contextlib
import io
import ipaddress
import tarfile
import time
import warnings
import zlib
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

import docker.errors
import docker.types
from docker import DockerClient

from labs import contexts, current, engine, images, runtime, spec, tls
from labs.errors import (
    ClusterConflict,
    ClusterNotFound,
    LabError,
    NodeError,
    ProvisionError,
)
from labs.node import Node, free_ports
from labs.status import NO_SWARM, ClusterStatus, build
from labs.timing import wait_until

T = TypeVar("T")
Progress = Callable[[str], None]
SUBNET_POOLS = ("172.29.0.0/16", "172.28.0.0/16", "10.213.0.0/16")
NO_LEADER = "does not have a leader"
NOT_MANAGER = "not a swarm manager"


def _swarm_state(node: Node) -> str:
    """The node's ``LocalNodeState`` (inactive, active...), or '' when it does not say."""
    try:
        return str(node.quick.info().get("Swarm", {}).get("LocalNodeState", ""))
    except Exception:
        return ""


def _quiet(_: str) -> None:
    pass


def parallel(fn: Callable[[Any], T], items: Iterable[Any]) -> list[T]:
    """Run ``fn`` over ``items`` in threads; raise the first failure after all end."""
    items = list(items)
    if not items:
        return []
    with ThreadPoolExecutor(max_workers=len(items)) as pool:
        futures = [pool.submit(fn, item) for item in items]
    errors = [f.exception() for f in futures if f.exception() is not None]
    if errors:
        raise errors[0]  # type: ignore[misc]
    return [f.result() for f in futures]


def _api_message(exc: BaseException) -> str:
    if isinstance(exc, docker.errors.APIError):
        return str(exc.explanation or exc)
    return str(exc)


class Cluster:
    """A named swarm of DinD nodes: ``Cluster("lesson-04", managers=1, workers=2).up()``.

    ``bare=True`` starts the engines without forming a swarm. ``retain=True``
    keeps a half-made cluster when provisioning fails, to look at it.
    ``progress`` receives one line per step (``print`` shows them); ``True``
    draws a progress bar (in the notebook or the terminal).
    """

    def __init__(
        self,
        name: str,
        managers: int = 1,
        workers: int = 2,
        *,
        bare: bool = False,
        retain: bool = False,
        progress: Progress | bool | None = None,
    ) -> None:
        self.name = spec.validate_name(name)
        self.full_name = spec.full_name(name)
        self.shape = spec.Shape(managers, workers, bare)
        for message in self.shape.validate():
            warnings.warn(message, UserWarning, stacklevel=2)
        self.retain = retain
        self._bar_wanted = progress is True
        self.progress: Progress = progress if callable(progress) else _quiet
        self.nodes: list[Node] = []
        self.timings: dict[str, float] = {}
        self._engine: DockerClient | None = None
        # set by the provisioning steps
        self.runtime: runtime.Runtime
        self.subnet: ipaddress.IPv4Network
        self.authority: tls.Authority
        self.client_files: tls.ClientFiles
        self._tokens: dict[str, str] = {}

    def __repr__(self) -> str:
        return (f"<Cluster {self.full_name} managers={self.shape.managers} "
                f"workers={self.shape.workers}{' bare' if self.shape.bare else ''}>")

    # -- lookup --------------------------------------------------------------
    @property
    def engine(self) -> DockerClient:
        if self._engine is None:
            self._engine = engine.client()
        return self._engine

    @property
    def tls_dir(self) -> Any:
        return tls.cache_root() / self.full_name

    def node(self, name: str) -> Node:
        """The node called ``name`` (manager1, worker2...)."""
        for item in self.nodes:
            if item.name == name:
                return item
        known = ", ".join(n.name for n in self.nodes) or "none: call up() first"
        raise NodeError(f"cluster {self.name} has no node {name!r}; its nodes: {known}.")

    @property
    def managers(self) -> list[Node]:
        return [n for n in self.nodes if n.role == "manager"]

    @property
    def workers(self) -> list[Node]:
        return [n for n in self.nodes if n.role == "worker"]

    def _containers(self) -> list[dict[str, Any]]:
        return list(self.engine.api.containers(
            all=True, filters={"label": f"{spec.LABEL_CLUSTER}={self.full_name}"}
        ))

    def exists(self) -> bool:
        return bool(self._containers())

    # -- lifecycle -----------------------------------------------------------
    def __enter__(self) -> Cluster:
        try:
            return self.up()
        except BaseException:
            if not self.retain:
                self.down()
            raise

    def __exit__(self, *exc: object) -> None:
        self.down()

    def up(self) -> Cluster:
        """Create the cluster, or re-attach to a healthy one of the same name and shape.

        Raises :class:`ClusterConflict` when one of that name exists with
        another shape, :class:`ProvisionError` (a :class:`LabError`) when a
        step fails.
        """
        started = time.perf_counter()
        found = self._containers()
        if found:
            self._check_shape(found)
        if found and len(found) == len(self.shape.node_names()):
            self._reattach(found)
        else:
            if found or self._leftovers():
                self.progress(f"{self.full_name}: removing an incomplete earlier attempt")
                remove(self.full_name)
            self._provision()
        self.timings["total"] = time.perf_counter() - started
        current.set_current(self.full_name)
        return self

    def _leftovers(self) -> bool:
        label = {"label": f"{spec.LABEL_CLUSTER}={self.full_name}"}
        return bool(self.engine.api.networks(filters=label)
                    or self.engine.api.volumes(filters=label).get("Volumes"))

    def down(self) -> None:
        """Remove every container, volume, network, certificate and context of this cluster."""
        for node in self.nodes:
            node._forget_client()
        remove(self.full_name)
        self.nodes = []

    # -- provisioning --------------------------------------------------------
    def _step(self, title: str, fn: Callable[[], None]) -> None:
        self.progress(f"{self.full_name}: {title}...")
        t0 = time.perf_counter()
        try:
            fn()
        except LabError:
            raise
        except Exception as exc:
            raise ProvisionError(
                f"creating cluster {self.name} failed while it was to {title}: "
                f"{_api_message(exc)}"
            ) from exc
        self.timings[title] = time.perf_counter() - t0

    def steps(self) -> list[tuple[str, Callable[[], None]]]:
        """The ordered provisioning steps for this cluster's shape."""
        swarm = not self.shape.bare
        plan: list[tuple[str, Callable[[], None]] | None] = [
            ("check the images", self._ensure_images),
            ("check the runtime", self._detect_runtime),
            ("create the network", self._create_network),
            ("make certificates", self._make_certificates),
            ("start the nodes", self._start_nodes),
            ("wait for the daemons", self._wait_daemons),
            # the app image loads in the background from here on
            ("init the swarm", self._init_swarm) if swarm else None,
            ("join the managers", self._join_managers) if swarm else None,
            ("join the workers", self._join_workers) if swarm else None,
            ("load the app image", self._loaded),
            ("wait until ready", self._wait_swarm_ready) if swarm else None,
        ]
        return [step for step in plan if step is not None]

    def _provision(self) -> None:
        bar = None
        if self._bar_wanted:
            from labs.progress import Bar

            bar = Bar(len(self.steps()), self.name)
            self.progress = bar
        try:
            self._provision_steps()
        finally:
            if bar is not None:
                bar.close(ok=bool(self.nodes))

    def _provision_steps(self) -> None:
        pool = ThreadPoolExecutor(max_workers=1)
        self._loader: Future[None] | None = None
        try:
            for title, fn in self.steps():
                self._step(title, fn)
                if fn == self._wait_daemons:
                    self._loader = pool.submit(self._load_app_image)
            self._write_contexts()
        except BaseException as exc:
            if self._loader is not None:
                self._loader.cancel()
            pool.shutdown(wait=True)
            if self.retain:
                self.progress(f"{self.full_name}: failed; kept for inspection (retain=True)")
            else:
                self.progress(f"{self.full_name}: failed; removing what was created")
                self.down()
            if isinstance(exc, LabError):
                raise type(exc)(
                    f"{exc} Run `python -m labs doctor` to check this machine"
                    + ("; the half-made cluster was kept" if self.retain else "")
                    + "."
                ) from exc
            raise
        pool.shutdown(wait=True)
        self.progress(f"{self.full_name}: ready")

    def _loaded(self) -> None:
        if self._loader is not None:
            self._loader.result()

    def _ensure_images(self) -> None:
        if images.missing(self.engine):
            images.ensure(self.engine, self.progress)

    def _detect_runtime(self) -> None:
        self.runtime = runtime.detect(self.engine)

    def _create_network(self) -> None:
        used: list[ipaddress.IPv4Network] = []
        for net in self.engine.api.networks():
            for cfg in (net.get("IPAM") or {}).get("Config") or []:
                subnet = cfg.get("Subnet", "")
                if subnet and ":" not in subnet:
                    used.append(ipaddress.IPv4Network(subnet))
        start = zlib.crc32(self.full_name.encode())
        last_error = ""
        for pool in SUBNET_POOLS:
            subnets = list(ipaddress.IPv4Network(pool).subnets(new_prefix=24))
            for i in range(len(subnets)):
                subnet = subnets[(start + i) % len(subnets)]
                if any(subnet.overlaps(u) for u in used):
                    continue
                gateway = str(subnet.network_address + 1)
                ipam = docker.types.IPAMConfig(
                    pool_configs=[docker.types.IPAMPool(subnet=str(subnet), gateway=gateway)]
                )
                try:
                    self.engine.api.create_network(
                        spec.resource_name(self.full_name), driver="bridge", ipam=ipam,
                        labels=spec.labels(self.full_name, shape=self.shape.label()),
                        check_duplicate=True,
                    )
                except docker.errors.APIError as exc:
                    last_error = _api_message(exc)
                    if "overlap" in last_error.lower():
                        used.append(subnet)  # taken by a parallel run meanwhile
                        continue
                    raise
                self.subnet = subnet
                return
        raise ProvisionError(
            f"no free /24 subnet left for the cluster network ({last_error or 'all in use'}). "
            "Remove clusters you no longer need: python -m labs down --all"
        )

    def _make_certificates(self) -> None:
        self.authority = tls.Authority.create(self.full_name)
        self.client_files = tls.write_client_files(
            self.tls_dir, self.authority.cert_pem, self.authority.client()
        )

    def _node_ip(self, index: int) -> str:
        return str(self.subnet.network_address + 10 + index)

    def _start_nodes(self) -> None:
        names = self.shape.node_names()
        self.nodes = [
            Node(name, role, self._node_ip(i), spec.resource_name(self.full_name, name),
                 self.engine, self.client_files, spec.resource_name(self.full_name))
            for i, (name, role) in enumerate(names)
        ]
        parallel(self._create_and_start, self.nodes)

    def _create_and_start(self, node: Node) -> None:
        api = self.engine.api
        volume = f"{node.container_name}-data"
        api.create_volume(volume, labels=spec.labels(self.full_name, node=node.name))
        wanted = [spec.DAEMON_PORT, *spec.LAB_PORTS]
        for attempt in range(3):
            host_ports = free_ports(len(wanted))
            host_config = api.create_host_config(
                **self.runtime.host_config(),
                # an init as PID 1 reaps the shims that dockerd leaves behind as zombies
                init=True,
                binds={volume: {"bind": "/var/lib/docker", "mode": "rw"}},
                port_bindings={c: ("127.0.0.1", h) for c, h in zip(wanted, host_ports,
                                                                   strict=True)},
            )
            networking = api.create_networking_config({
                node.network: api.create_endpoint_config(ipv4_address=node.ip)
            })
            container = api.create_container(
                images.NODE_IMAGE,
                name=node.container_name,
                hostname=node.name,
                labels=spec.labels(
                    self.full_name, role=node.role, node=node.name, ip=node.ip,
                    shape=self.shape.label(),
                ),
                ports=wanted,
                host_config=self.runtime.finish(host_config),
                networking_config=networking,
            )
            api.put_archive(container, "/", self._node_files(node))
            try:
                api.start(container)
                return
            except docker.errors.APIError as exc:
                message = _api_message(exc)
                api.remove_container(container, force=True, v=True)
                if attempt < 2 and ("already" in message or "in use" in message):
                    continue  # a host port was taken between choosing and binding
                raise

    def _node_files(self, node: Node) -> bytes:
        server = self.authority.server(node.name, [node.ip])
        files = {
            "etc/orquestra/tls/ca.pem": (self.authority.cert_pem, 0o644),
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

    def _wait_daemons(self) -> None:
        parallel(lambda n: n.wait_ready(90), self.nodes)

    def _load_app_image(self) -> None:
        load_images(self.engine, self.nodes)

    def _init_swarm(self) -> None:
        first = self.managers[0]
        first.client.swarm.init(advertise_addr=first.ip, listen_addr="0.0.0.0:2377")
        first.client.swarm.reload()
        self._tokens = dict(first.client.swarm.attrs["JoinTokens"])

    def _join(self, node: Node, token: str) -> None:
        node.client.swarm.join(
            remote_addrs=[f"{self.managers[0].ip}:2377"], join_token=token,
            advertise_addr=node.ip, listen_addr="0.0.0.0:2377",
        )

    def _join_managers(self) -> None:
        # Sent together: the leader admits them one at a time anyway (swarmkit's
        # raft Join holds its membership lock for each membership change).
        parallel(lambda n: self._join(n, self._tokens["Manager"]), self.managers[1:])

    def _join_workers(self) -> None:
        parallel(lambda n: self._join(n, self._tokens["Worker"]), self.workers)

    def _wait_swarm_ready(self) -> None:
        client = self.managers[0].client
        total = len(self.nodes)

        def ready() -> bool:
            listed = client.api.nodes()
            return len(listed) == total and all(
                n["Status"]["State"] == "ready"
                and (n.get("ManagerStatus") or {}).get("Reachability", "reachable") == "reachable"
                for n in listed
            )

        wait_until(ready, timeout=60, interval=0.05, what="every node to be ready",
                   describe=lambda: self.status().summary())

    def _write_contexts(self) -> None:
        for node in self.nodes:
            contexts.write(f"{self.full_name}-{node.name}", node.daemon_url, node.tls,
                           self.full_name)

    # -- re-attaching ----------------------------------------------------------
    def _check_shape(self, found: list[dict[str, Any]]) -> None:
        shapes = {c["Labels"].get(spec.LABEL_SHAPE, "") for c in found}
        existing = spec.Shape.parse(shapes.pop()) if len(shapes) == 1 else None
        if existing != self.shape:
            raise ClusterConflict(
                f"cluster {self.name} exists with another shape "
                f"({existing.label() if existing else 'unknown'}; asked for "
                f"{self.shape.label()}). Use it as it is, or remove it first: "
                f"Cluster({self.name!r}).down() or `python -m labs down {self.name}`."
            )

    def _reattach(self, found: list[dict[str, Any]]) -> None:
        self._attach(found)
        self.progress(f"{self.full_name}: re-attaching to the existing cluster")
        for node in self.nodes:
            state = node.state()
            if state == "paused":
                node.unpause()
            elif state != "running":
                node.start(wait=False)
            if not node.connected():
                node.reconnect()
        parallel(lambda n: n.wait_ready(90), self.nodes)
        if not self.shape.bare:
            wait_until(lambda: self.leader(), timeout=90, interval=0.25,
                       what=f"cluster {self.name} to have a leader again",
                       hint=f"If it never comes back, recreate it: Cluster({self.name!r}).down()")
        self._write_contexts()

    def _attach(self, found: list[dict[str, Any]]) -> None:
        files = tls.client_files(self.tls_dir)
        if files is None:
            raise ClusterConflict(
                f"cluster {self.name} exists but its client certificates are missing from "
                f"{self.tls_dir}, so its daemons cannot be reached. Remove it and create it "
                f"again: `python -m labs down {self.name}`."
            )
        self.client_files = files
        network = spec.resource_name(self.full_name)
        nodes = [
            Node(c["Labels"][spec.LABEL_NODE], c["Labels"][spec.LABEL_ROLE],
                 c["Labels"]["org.orquestra-lab.ip"], c["Names"][0].lstrip("/"),
                 self.engine, files, network)
            for c in found
        ]
        self.nodes = sorted(nodes, key=lambda n: (n.role != "manager", n.name))

    @classmethod
    def attach(cls, name: str, *, progress: Progress | None = None) -> Cluster:
        """The existing cluster ``name``, as it is (nothing started or changed)."""
        probe = cls(name, progress=progress)
        found = probe._containers()
        if not found:
            raise ClusterNotFound(
                f"no cluster named {name!r}"
                + (f" in session {spec.session()!r}" if spec.session() else "")
                + ". Create it with Cluster(name).up() or `python -m labs up NAME`."
            )
        shape = spec.Shape.parse(found[0]["Labels"].get(spec.LABEL_SHAPE, "managers=1,workers=0"))
        cluster = cls(name, shape.managers, shape.workers, bare=shape.bare, progress=progress)
        cluster._attach(found)
        current.set_current(cluster.full_name)
        return cluster

    # -- the swarm -----------------------------------------------------------------
    def _answering_managers(self) -> list[Node]:
        return [n for n in self.managers if n.state() == "running" and n.answers()]

    def leader(self) -> Node | None:
        """The node that is Raft leader now, or None (no quorum, or not a swarm)."""
        for node in self._answering_managers():
            try:
                listed = node.quick.api.nodes()
            except Exception:  # no leader, or it stopped answering meanwhile
                continue
            for raw in listed:
                if (raw.get("ManagerStatus") or {}).get("Leader"):
                    return self.node(raw["Description"]["Hostname"])
        return None

    def manager(self) -> Node:
        """A manager that answers swarm calls now (the leader if it is one of ours)."""
        found = self.leader()
        if found is not None:
            return found
        raise NodeError(
            f"no manager of cluster {self.name} can answer: the swarm has no leader "
            "(too few managers online?). Start stopped managers, or see cluster.status()."
        )

    def status(self) -> ClusterStatus:
        """A snapshot of nodes, services and tasks; works with no leader too."""
        containers = {n.name: (n.role, n.state()) for n in self.nodes}
        problem = ""
        for node in self.managers:
            if containers[node.name][1] != "running":
                continue
            try:
                api = node.quick.api
                raw_nodes = api.nodes()
                return build(self.full_name, containers, raw_nodes, api.services(),
                             api.tasks(), "", api.networks(filters={"driver": "overlay"}))
            except docker.errors.APIError as exc:
                problem = _api_message(exc)
                if NOT_MANAGER in problem and _swarm_state(node) == "inactive":
                    # an engine on its own (bare cluster, or it left the swarm)
                    return build(self.full_name, containers, [], [], [], NO_SWARM)
                if NO_LEADER in problem:
                    problem = "the swarm does not have a leader"
            except Exception as exc:
                problem = problem or f"{node.name} does not answer ({type(exc).__name__})"
        return build(self.full_name, containers, None, None, None, problem or "no manager answers")

    def diagram(self, *, networks: bool = False, lang: str | None = None) -> Any:
        """A graphviz picture of the cluster now (see :func:`labs.widgets.diagram`)."""
        from labs.widgets.diagram import diagram

        return diagram(self.status(), networks=networks, lang=lang)

    def wait_for_leader(self, timeout: float = 90.0) -> Node:
        """Wait until some manager is leader again (e.g. after restarting managers)."""
        return wait_until(self.leader, timeout=timeout, interval=0.25,
                          what=f"a leader in cluster {self.name}",
                          describe=lambda: self.status().summary())


def load_images(engine_client: DockerClient, nodes: list[Node]) -> None:
    """Copy the app images into every node that lacks them (one save, parallel loads)."""
    wanted = {s.tag: str(engine_client.images.get(s.tag).id)
              for s in images.specs() if s.tag.startswith(images.APP_REPO)}

    def lacks(node: Node) -> bool:
        have = {tag: str(img.id) for img in node.client.images.list(images.APP_REPO)
                for tag in img.tags}
        return any(have.get(tag) != image_id for tag, image_id in wanted.items())

    targets = [n for n, needs in zip(nodes, parallel(lacks, nodes), strict=True) if needs]
    if not targets:
        return
    archive = b"".join(engine_client.api.get_image(images.APP_REPO))
    parallel(lambda n: n.client.images.load(archive), targets)


def list_clusters(*, all_sessions: bool = False) -> dict[str, list[dict[str, Any]]]:
    """Clusters found by label in this session (or all): full name -> container dicts."""
    filters: dict[str, Any] = {"label": [spec.LABEL_CLUSTER]}
    if not all_sessions:
        filters["label"].append(f"{spec.LABEL_SESSION}={spec.session()}")
    found: dict[str, list[dict[str, Any]]] = {}
    for c in engine.client().api.containers(all=True, filters=filters):
        found.setdefault(c["Labels"][spec.LABEL_CLUSTER], []).append(c)
    return found


def remove(full_name: str) -> dict[str, int]:
    """Remove everything labelled for cluster ``full_name``; return what was removed."""
    api = engine.client().api
    label = {"label": f"{spec.LABEL_CLUSTER}={full_name}"}
    containers = api.containers(all=True, filters=label)
    parallel(lambda c: _remove_container(api, c["Id"]), containers)
    networks = api.networks(filters=label)
    for net in networks:
        with contextlib.suppress(docker.errors.NotFound):
            api.remove_network(net["Id"])
    volumes = api.volumes(filters=label).get("Volumes") or []
    parallel(lambda v: _remove_volume(api, v["Name"]), volumes)
    tls.remove(tls.cache_root() / full_name)
    removed_contexts = contexts.remove_cluster(full_name)
    return {"containers": len(containers), "networks": len(networks),
            "volumes": len(volumes), "contexts": len(removed_contexts)}


def _remove_container(api: Any, container_id: str) -> None:
    with contextlib.suppress(docker.errors.NotFound):
        api.remove_container(container_id, force=True, v=True)


def _remove_volume(api: Any, name: str) -> None:
    with contextlib.suppress(docker.errors.NotFound):
        api.remove_volume(name, force=True)


def leftovers() -> dict[str, list[str]]:
    """Every lab object of this session that exists: what a cleanup would remove."""
    api = engine.client().api
    label = {"label": f"{spec.LABEL_SESSION}={spec.session()}"}
    prefix = f"{spec.session()}-" if spec.session() else ""
    root = tls.cache_root()
    return {
        "containers": [c["Names"][0].lstrip("/") for c in api.containers(all=True, filters=label)],
        "networks": [n["Name"] for n in api.networks(filters=label)],
        "volumes": [v["Name"] for v in api.volumes(filters=label).get("Volumes") or []],
        "certificates": sorted(p.name for p in root.iterdir()
                               if p.is_dir() and p.name.startswith(prefix))
        if root.is_dir() else [],
        "contexts": sorted(c for c in contexts.clusters() if c.startswith(prefix)),
    }


def remove_all(*, all_sessions: bool = False, session: str | None = None) -> list[str]:
    """Remove every cluster of this session (or of ``session``, or of every session).

    Orphans go too: networks, volumes, certificate folders and contexts whose
    cluster has no container left (e.g. after a crash mid-``up``).
    """
    api = engine.client().api
    session = spec.session() if session is None else session
    session_filter = [spec.LABEL_CLUSTER]
    if not all_sessions:
        session_filter.append(f"{spec.LABEL_SESSION}={session}")
    names: set[str] = set()
    for c in api.containers(all=True, filters={"label": session_filter}):
        names.add(c["Labels"][spec.LABEL_CLUSTER])
    for net in api.networks(filters={"label": session_filter}):
        names.add(net["Labels"][spec.LABEL_CLUSTER])
    for vol in api.volumes(filters={"label": session_filter}).get("Volumes") or []:
        names.add(vol["Labels"][spec.LABEL_CLUSTER])
    prefix = f"{session}-" if session and not all_sessions else ""
    for name in contexts.clusters():
        if name.startswith(prefix):
            names.add(name)
    root = tls.cache_root()
    if root.is_dir():
        names.update(p.name for p in root.iterdir() if p.is_dir() and p.name.startswith(prefix))
    for name in sorted(names):
        remove(name)
    if not session or all_sessions:  # probes belong to no session
        for probe in api.containers(all=True, filters={"label": runtime.PROBE_LABEL}):
            _remove_container(api, probe["Id"])
    return sorted(names)
