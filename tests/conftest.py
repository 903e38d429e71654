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


def _other_session(volume: object) -> bool:
    """A lab volume of another session (a run beside this one), not ours to judge."""
    from labs import spec

    labels = getattr(volume, "attrs", {}).get("Labels") or {}
    found = labels.get(spec.LABEL_SESSION)
    return found is not None and found != spec.session()


@pytest.fixture(scope="session")
def lab_engine() -> Iterator[object]:
    """The host engine with the lab images built; leaves nothing behind at the end."""
    _engine_or_skip()
    from labs import engine, images

    client = engine.client()
    images.ensure(client)
    volumes_before = {v.name for v in client.volumes.list()}
    yield client
    new_volumes = {v.name for v in client.volumes.list() if not _other_session(v)}
    new_volumes -= volumes_before
    from labs.cluster import leftovers, remove_all

    left = leftovers()
    remove_all()
    assert not any(left.values()), f"the tests left lab resources behind: {left}"
    assert not new_volumes, f"the tests left volumes behind: {sorted(new_volumes)}"

