"""Finding and removing the lab's clusters by the labels on their objects.

No state file: every container, network and volume of a cluster carries
``org.orquestra-lab.cluster`` (and the session), its certificates live in a
folder named after it and its ``docker context`` entries are marked with it.
Cleaning up is removing what carries the label, including orphans left by a
crash in the middle of ``up``. A cluster lives on the host engine or in this
session's VM (:mod:`labs.engines`): the functions look on every engine that
runs, unless given the engines to search.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from labs import contexts, engine, runtime, spec, tls
from labs.concurrency import parallel
from labs.engine import Host

Engines = Sequence[Host] | None
"""The engines to search; None: every engine that runs now (:func:`labs.engines.running`)."""


def _engines(given: Engines) -> list[Host]:
    if given is not None:
        return list(given)
    from labs import engines  # the VM side imports the images and so this module's callers

    return engines.running()


def _cluster_label(full_name: str) -> str:
    return f"{spec.LABEL_CLUSTER}={full_name}"


def containers(full_name: str, host: Host | None = None) -> list[dict[str, Any]]:
    """The node containers of cluster ``full_name`` (running or not) on ``host``
    (default: the host engine)."""
    return (host or engine.host()).containers(_cluster_label(full_name))


def has_leftovers(full_name: str, host: Host | None = None) -> bool:
    """True when a network or volume of cluster ``full_name`` exists (e.g. after a crash)."""
    host = host or engine.host()
    label = _cluster_label(full_name)
    return bool(host.networks(label) or host.volumes(label))


def list_clusters(*, all_sessions: bool = False, engines: Engines = None
                  ) -> dict[str, list[dict[str, Any]]]:
    """Clusters found by label in this session (or all): full name -> container dicts
    (each marked with the engine it is on, ``EngineKind``)."""
    labels = [spec.LABEL_CLUSTER]
    if not all_sessions:
        labels.append(f"{spec.LABEL_SESSION}={spec.session()}")
    found: dict[str, list[dict[str, Any]]] = {}
    for host in _engines(engines):
        for c in host.containers(labels):
            found.setdefault(c["Labels"][spec.LABEL_CLUSTER], []).append(
                {**c, "EngineKind": host.kind})
    return found


def _published(host: Host, container_id: str) -> list[int]:
    raw = host.inspect_container(container_id) or {}
    bindings = (raw.get("HostConfig") or {}).get("PortBindings") or {}
    return [int(b["HostPort"]) for found in bindings.values() for b in found or []
            if str(b.get("HostPort") or "").isdigit()]


def _remove_from(host: Host, label: str) -> dict[str, int]:
    """Remove the containers (and their forwarded ports), networks and volumes carrying
    ``label`` from engine ``host``."""
    found = host.containers(label)

    def drop(container: dict[str, Any]) -> None:
        ports = _published(host, container["Id"])
        host.remove_container(container["Id"])
        for port in ports:
            host.unexpose(port)

    parallel(drop, found)
    networks = host.networks(label)
    for net in networks:
        host.remove_network(net["Id"])
    volumes = host.volumes(label)
    parallel(lambda v: host.remove_volume(v["Name"]), volumes)
    return {"containers": len(found), "networks": len(networks), "volumes": len(volumes)}


def remove(full_name: str, engines: Engines = None) -> dict[str, int]:
    """Remove everything labelled for cluster ``full_name``; return what was removed."""
    label = _cluster_label(full_name)
    counts = {"containers": 0, "networks": 0, "volumes": 0}
    for host in _engines(engines):
        for key, count in _remove_from(host, label).items():
            counts[key] += count
    tls.remove(tls.cache_root() / full_name)
    removed_contexts = contexts.remove_cluster(full_name)
    return {**counts, "contexts": len(removed_contexts)}


def _certificate_folders(prefix: str) -> list[str]:
    root = tls.cache_root()
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and p.name.startswith(prefix))


def leftovers() -> dict[str, list[str]]:
    """Every lab object of this session that exists: what a cleanup would remove."""
    hosts = _engines(None)
    label = f"{spec.LABEL_SESSION}={spec.session()}"
    prefix = f"{spec.session()}-" if spec.session() else ""
    return {
        "containers": [c["Names"][0].lstrip("/") for h in hosts for c in h.containers(label)],
        "networks": [n["Name"] for h in hosts for n in h.networks(label)],
        "volumes": [v["Name"] for h in hosts for v in h.volumes(label)],
        "certificates": _certificate_folders(prefix),
        "contexts": sorted(c for c in contexts.clusters() if c.startswith(prefix)),
    }


def remove_all(*, all_sessions: bool = False, session: str | None = None) -> list[str]:
    """Remove every cluster of this session (or of ``session``, or of every session).

    Orphans go too: networks, volumes, certificate folders and contexts whose
    cluster has no container left (e.g. after a crash mid-``up``).
    """
    hosts = _engines(None)
    session = spec.session() if session is None else session
    labels = [spec.LABEL_CLUSTER]
    if not all_sessions:
        labels.append(f"{spec.LABEL_SESSION}={session}")
    names: set[str] = set()
    for host in hosts:
        for found in (host.containers(labels), host.networks(labels), host.volumes(labels)):
            names.update(item["Labels"][spec.LABEL_CLUSTER] for item in found)
    prefix = f"{session}-" if session and not all_sessions else ""
    names.update(name for name in contexts.clusters() if name.startswith(prefix))
    names.update(_certificate_folders(prefix))
    for name in sorted(names):
        remove(name, hosts)
    if not session or all_sessions:  # probes belong to no session
        for host in hosts:
            for probe in host.containers(runtime.PROBE_LABEL):
                host.remove_container(probe["Id"])
    return sorted(names)
