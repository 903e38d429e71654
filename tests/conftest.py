"""Shared test set-up.

Every test run gets its own session namespace (ORQUESTRA_LAB_SESSION), so
parallel runs never collide; at the end, a check proves that the run left no
container, network, volume, certificate folder or context behind.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

os.environ.setdefault("ORQUESTRA_LAB_SESSION", f"t{os.getpid()}")


def _engine_or_skip() -> None:
    from labs import engine

    if not engine.answers():
        if os.environ.get("CI") == "true":
            pytest.fail("CI must have a Docker engine: .ci/run starts one")
        pytest.skip("no Docker engine answers here (integration tests need one)")


@pytest.fixture(scope="session")
def lab_engine() -> Iterator[object]:
    """The host engine with the lab images built; leaves nothing behind at the end."""
    _engine_or_skip()
    from labs import engine, images

    client = engine.client()
    images.ensure(client)
    yield client
    from labs.cluster import remove_all

    leftovers = leftover_resources()
    remove_all()
    assert not any(leftovers.values()), f"the tests left lab resources behind: {leftovers}"


def leftover_resources() -> dict[str, list[str]]:
    """Every lab object of this session that still exists."""
    from labs import contexts, engine, spec, tls

    api = engine.client().api
    label = {"label": f"{spec.LABEL_SESSION}={spec.session()}"}
    prefix = f"{spec.session()}-"
    root = tls.cache_root()
    return {
        "containers": [c["Names"][0] for c in api.containers(all=True, filters=label)],
        "networks": [n["Name"] for n in api.networks(filters=label)],
        "volumes": [v["Name"] for v in api.volumes(filters=label).get("Volumes") or []],
        "tls": [p.name for p in root.iterdir() if p.name.startswith(prefix)]
        if root.is_dir() else [],
        "contexts": [c for c in contexts.clusters() if c.startswith(prefix)],
    }
