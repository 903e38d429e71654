"""Finding and removing the lab's clusters by the labels on their objects.

No state file: every container, network and volume of a cluster carries
``org.orquestra-lab.cluster`` (and the session), its certificates live in a
folder named after it and its ``docker context`` entries are marked with it.
Cleaning up is removing what carries the label, including orphans left by a
crash in the middle of ``up``.
"""

from __future__ import annotations

from typing import Any

from labs import contexts, engine, runtime, spec, tls
from labs.concurrency import parallel


def _cluster_label(full_name: str) -> str:
    return f"{spec.LABEL_CLUSTER}={full_name}"


def containers(full_name: str) -> list[dict[str, Any]]:
    """The node containers of cluster ``full_name`` (running or not)."""
    return engine.host().containers(_cluster_label(full_name))


def has_leftovers(full_name: str) -> bool:
    """True when a network or volume of cluster ``full_name`` exists (e.g. after a crash)."""
    host = engine.host()
    label = _cluster_label(full_name)
    return bool(host.networks(label) or host.volumes(label))


def list_clusters(*, all_sessions: bool = False) -> dict[str, list[dict[str, Any]]]:
    """Clusters found by label in this session (or all): full name -> container dicts."""
    labels = [spec.LABEL_CLUSTER]
    if not all_sessions:
        labels.append(f"{spec.LABEL_SESSION}={spec.session()}")
    found: dict[str, list[dict[str, Any]]] = {}
    for c in engine.host().containers(labels):
        found.setdefault(c["Labels"][spec.LABEL_CLUSTER], []).append(c)
    return found


def remove(full_name: str) -> dict[str, int]:
    """Remove everything labelled for cluster ``full_name``; return what was removed."""
    host = engine.host()
    label = _cluster_label(full_name)
    found = host.containers(label)
    parallel(lambda c: host.remove_container(c["Id"]), found)
    networks = host.networks(label)
    for net in networks:
        host.remove_network(net["Id"])
    volumes = host.volumes(label)
    parallel(lambda v: host.remove_volume(v["Name"]), volumes)
    tls.remove(tls.cache_root() / full_name)
    removed_contexts = contexts.remove_cluster(full_name)
    return {"containers": len(found), "networks": len(networks),
            "volumes": len(volumes), "contexts": len(removed_contexts)}


def _certificate_folders(prefix: str) -> list[str]:
    root = tls.cache_root()
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and p.name.startswith(prefix))


def leftovers() -> dict[str, list[str]]:
    """Every lab object of this session that exists: what a cleanup would remove."""
    host = engine.host()
    label = f"{spec.LABEL_SESSION}={spec.session()}"
    prefix = f"{spec.session()}-" if spec.session() else ""
    return {
        "containers": [c["Names"][0].lstrip("/") for c in host.containers(label)],
        "networks": [n["Name"] for n in host.networks(label)],
        "volumes": [v["Name"] for v in host.volumes(label)],
        "certificates": _certificate_folders(prefix),
        "contexts": sorted(c for c in contexts.clusters() if c.startswith(prefix)),
    }


def remove_all(*, all_sessions: bool = False, session: str | None = None) -> list[str]:
    """Remove every cluster of this session (or of ``session``, or of every session).

    Orphans go too: networks, volumes, certificate folders and contexts whose
    cluster has no container left (e.g. after a crash mid-``up``).
    """
    host = engine.host()
    session = spec.session() if session is None else session
    labels = [spec.LABEL_CLUSTER]
    if not all_sessions:
        labels.append(f"{spec.LABEL_SESSION}={session}")
    names: set[str] = set()
    for found in (host.containers(labels), host.networks(labels), host.volumes(labels)):
        names.update(item["Labels"][spec.LABEL_CLUSTER] for item in found)
    prefix = f"{session}-" if session and not all_sessions else ""
    names.update(name for name in contexts.clusters() if name.startswith(prefix))
    names.update(_certificate_folders(prefix))
    for name in sorted(names):
        remove(name)
    if not session or all_sessions:  # probes belong to no session
        for probe in host.containers(runtime.PROBE_LABEL):
            host.remove_container(probe["Id"])
    return sorted(names)
