"""Shared test set-up.

Every test process gets its own session namespace (ORQUESTRA_LAB_SESSION), so
parallel runs never collide; at the end, a check proves that the process left
no container, network, volume, certificate folder or context behind.

Under pytest-xdist (``make test`` runs ``pytest -n auto --dist loadgroup``) each
worker is a process of its own: its session is the run's one with the worker's
id appended (``t123-gw0``), so one worker's cleanup never removes another's
clusters. ``-n auto`` starts one worker per core, fewer when memory is short
(:func:`pytest_xdist_auto_num_workers`). Tests are handed out in groups
(:func:`pytest_collection_modifyitems`): one per module, one per lesson test
that builds its own clusters, one per lesson for the tests sharing its cluster;
the heaviest (the later lessons) go first, so that no lesson is left to run
alone at the end.
"""

from __future__ import annotations

import fcntl
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

_SESSION = "ORQUESTRA_LAB_SESSION"
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")  # set in xdist's workers: gw0, gw1...
os.environ.setdefault(_SESSION, f"t{os.getppid() if _WORKER else os.getpid()}")
if _WORKER:
    os.environ[_SESSION] = f"{os.environ[_SESSION]}-{_WORKER}"

# xdist groups whose names say how heavy they are: the solved run of lesson NN's notebook,
# the tests sharing its cluster, the untouched run. Later lessons are heavier.
_LESSON_GROUP = re.compile(r"^(solved|cluster|untouched)-(\d\d)$")
_KIND_WEIGHT = {"solved": 3, "cluster": 2, "untouched": 1}


@pytest.hookimpl(optionalhook=True)  # xdist's hook: unknown when xdist is off
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: one worker per core, as many as memory allows (each runs at most one
    lesson's cluster plus one batch-grading job at a time)."""
    from autograder.grade.batch import memory_bound_jobs

    return memory_bound_jobs(os.cpu_count() or 1)


def _group(item: pytest.Item) -> str:
    mark = item.get_closest_marker("xdist_group")
    if mark is not None:
        return str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
    return item.nodeid.split("::")[0]  # its module, so module fixtures are made once


def _weight(group: str, integration: bool) -> tuple[int, int, int]:
    """Heaviest first: lesson groups (later lessons first, the solved run before the
    shared cluster before the untouched run), then modules with integration tests, then
    the quick ones, which fill the end of the run."""
    found = _LESSON_GROUP.match(group)
    if found:
        return (2, int(found[2]), _KIND_WEIGHT[found[1]])
    return (1 if integration else 0, 0, 0)


# first: xdist's own hook reads the groups to give each test its group's node id;
# tests/autograder/conftest.py's (a conftest below this one) runs before this one
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Put every test in an xdist group (its module unless it has one), each group's tests
    together, the heaviest groups first (stable: the rest keep their order)."""
    first_seen: dict[str, int] = {}
    integration: set[str] = set()
    for index, item in enumerate(items):
        group = _group(item)
        if item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(group))
        first_seen.setdefault(group, index)
        if item.get_closest_marker("integration") is not None:
            integration.add(group)

    def order(item: pytest.Item) -> tuple[int, ...]:
        group = _group(item)
        return (*(-w for w in _weight(group, group in integration)), first_seen[group])

    items.sort(key=order)
    if getattr(config.option, "loadgroup", False):  # in an xdist worker, --dist loadgroup
        _name_groups(items)


def _name_groups(items: list[pytest.Item]) -> None:
    """Give each test the node id ``ID@GROUP`` that xdist's scheduler groups by. xdist
    3.8 sets ``item._nodeid``, which pytest 9.2 no longer reads (the node id now comes
    from ``item._id``): without this, every test would be scheduled on its own."""
    try:
        from _pytest.nodeid import NodeId  # pytest >= 9.2
    except ImportError:  # older pytest: xdist's own hook names the groups
        return
    for item in items:
        if "@" not in item.nodeid.rpartition("]")[2]:
            item._id = NodeId.parse(f"{item.nodeid}@{_group(item)}")  # type: ignore[attr-defined]


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
    # xdist's workers start together: one builds what is missing, the others wait for it
    with (Path(tempfile.gettempdir()) / "orquestra-lab-images.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        images.ensure(engine.host())
    volumes_before = {v.name for v in client.volumes.list()}
    yield client
    new_volumes = {v.name for v in client.volumes.list() if not _other_session(v)}
    new_volumes -= volumes_before
    from labs.inventory import leftovers, remove_all

    left = leftovers()
    remove_all()
    _stop_session_vm()
    assert not any(left.values()), f"the tests left lab resources behind: {left}"
    assert not new_volumes, f"the tests left volumes behind: {sorted(new_volumes)}"


def _stop_session_vm() -> None:
    """The lessons run on the VM engine leave its VM up for the next one: stop it at the end
    (and prove it stopped), as ``python -m labs down --all`` would not."""
    from labs import vm

    machine = vm.VM()
    if machine.status().running or machine.run_dir.exists():
        machine.down()
        assert not machine.status().running and not machine.run_dir.exists()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """A ``vm`` test where the VM engine would be used and qemu is missing: skipped, with the
    packages to install (failed in CI, which installs them)."""
    if item.get_closest_marker("vm") is None:
        return
    import shutil

    from labs import engines
    from labs.vmsnapshot import QEMU

    if shutil.which(QEMU) is not None or not engine_answers():
        return
    choice = engines.choose(None, ("ipvs", "esp"))
    if choice.kind != engines.VM:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must have {QEMU}: .ci/run installs it")
    pytest.skip(f"{choice.reason}, and {QEMU} is not installed for the VM engine "
                "(apt-get install qemu-system-x86 qemu-utils)")


def engine_answers() -> bool:
    from labs import engine

    return engine.answers()

