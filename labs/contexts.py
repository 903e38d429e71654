"""``docker context`` entries for each node, so the CLI reaches the cluster too.

A student types ``docker --context lesson-04-manager1 node ls`` in a terminal.
The entries are written in the CLI's own store (``$DOCKER_CONFIG`` or
``~/.docker``), marked as ours, and removed with the cluster.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from labs.tls import ClientFiles

MARK = "org.orquestra-lab.cluster"


def _store() -> Path:
    return Path(os.environ.get("DOCKER_CONFIG") or Path.home() / ".docker") / "contexts"


def _digest(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()


def write(name: str, host: str, files: ClientFiles, cluster: str) -> None:
    """Create or update context ``name`` pointing at ``host`` with the cluster's client files."""
    meta_dir = _store() / "meta" / _digest(name)
    tls_dir = _store() / "tls" / _digest(name) / "docker"
    meta_dir.mkdir(parents=True, exist_ok=True)
    tls_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    for src, dst in ((files.ca, "ca.pem"), (files.cert, "cert.pem"), (files.key, "key.pem")):
        shutil.copyfile(src, tls_dir / dst)
    os.chmod(tls_dir / "key.pem", 0o600)
    meta = {
        "Name": name,
        "Metadata": {"Description": f"orquestra-lab cluster {cluster}", MARK: cluster},
        "Endpoints": {"docker": {"Host": host, "SkipTLSVerify": False}},
    }
    (meta_dir / "meta.json").write_text(json.dumps(meta))


def remove_cluster(cluster: str) -> list[str]:
    """Remove every context marked as belonging to ``cluster``; return their names."""
    removed: list[str] = []
    meta_root = _store() / "meta"
    if not meta_root.is_dir():
        return removed
    for meta_file in meta_root.glob("*/meta.json"):
        try:
            meta = json.loads(meta_file.read_text())
        except (OSError, ValueError):
            continue
        if (meta.get("Metadata") or {}).get(MARK) != cluster:
            continue
        digest = meta_file.parent.name
        shutil.rmtree(meta_file.parent, ignore_errors=True)
        shutil.rmtree(_store() / "tls" / digest, ignore_errors=True)
        removed.append(str(meta.get("Name")))
    return removed


def clusters() -> set[str]:
    """Names of the clusters that have contexts in the store."""
    found: set[str] = set()
    for meta_file in (_store() / "meta").glob("*/meta.json"):
        try:
            mark = (json.loads(meta_file.read_text()).get("Metadata") or {}).get(MARK)
        except (OSError, ValueError):
            continue
        if mark:
            found.add(str(mark))
    return found
