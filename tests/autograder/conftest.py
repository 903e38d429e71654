"""One live cluster per lesson, shared by every test module that checks that lesson.

``test_checks_live.py`` and ``test_mistakes_NN.py`` each need the lesson's cluster
as its first cell makes it. They take it from :class:`LessonClusters`, which keeps
one cluster per lesson in this process and hands it on as it was made: when the
previous user left a trace on it (any container, service, volume, network,
image, swarm change, node label or node restart), it is removed, proven gone and
made again; when not, the next user gets it as it is, saving a down and an up.
``tests/conftest.py`` runs the modules of one lesson one after the other, in
one process (one xdist group), so each lesson's cluster is made once or twice
instead of once per module.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from autograder import registry
from labs import Cluster
from labs.timing import wait_until

# One shell line per node, run in the node's container against its own daemon: what a
# test may leave behind. Manager-only commands say nothing on a worker or outside a swarm.
# Sorted: the CLI lists images made in the same second, and nodes, in no fixed order.
_TRACES = (
    "{ docker ps -aq --no-trunc; docker volume ls -q; docker network ls -q --no-trunc; "
    "docker images -q --no-trunc; "
    "docker info --format '{{.Swarm.LocalNodeState}} {{.Swarm.NodeID}}'; "
    "docker node ls -q 2>/dev/null | xargs -r docker node inspect "
    "--format '{{.Description.Hostname}} {{json .Spec}}' 2>/dev/null; "
    "docker service ls -q 2>/dev/null; docker secret ls -q 2>/dev/null; "
    "docker config ls -q 2>/dev/null; } | sort"
)


def footprint(cluster: Cluster) -> tuple[tuple[str, str, str], ...] | None:
    """Per node: its name, when its container last started, and every trace a test may
    leave on its daemon (see ``_TRACES``); None when a node is not running. Equal
    footprints: nothing was left."""
    found = []
    for node in cluster.nodes:
        if node.state() != "running":
            return None
        code, out = node.exec("sh", "-c", _TRACES)
        assert code == 0, (node.name, out)
        found.append((node.name, str(node.inspect()["State"]["StartedAt"]), out))
    return tuple(found)


def settled_footprint(cluster: Cluster) -> tuple[tuple[str, str, str], ...] | None:
    """The footprint once two looks agree: swarm makes a network or two just after up()."""
    seen = [footprint(cluster)]

    def agreed() -> bool:
        seen.append(footprint(cluster))
        return seen[-1] == seen[-2]

    wait_until(agreed, timeout=60, interval=1, what=f"{cluster.name} settled after up()")
    return seen[-1]


class LessonClusters:
    """The lesson clusters of this test process: at most one up at a time."""

    def __init__(self) -> None:
        self._number: str | None = None
        self._cluster: Cluster | None = None
        self._made: tuple[tuple[str, str, str], ...] | None = None

    def take(self, number: str) -> Cluster:
        """Lesson ``number``'s cluster as its first cell makes it."""
        if self._cluster is not None and self._number == number and \
                self._made is not None and footprint(self._cluster) == self._made:
            return self._cluster
        self.release()
        cluster = registry.lesson(number).new_cluster()
        cluster.down()  # whatever an earlier run of this session left under that name
        cluster.up()
        self._number, self._cluster, self._made = number, cluster, settled_footprint(cluster)
        return cluster

    def holds(self, number: str) -> bool:
        """Whether lesson ``number``'s cluster is up here."""
        return self._cluster is not None and self._number == number

    def release(self) -> None:
        """Remove the cluster held, and prove it is gone."""
        if self._cluster is None:
            return
        cluster, self._cluster, self._number = self._cluster, None, None
        cluster.down()
        assert not cluster.exists(), f"{cluster.name} is still there after down()"


_clusters = LessonClusters()


def _fixture_lesson(item: pytest.Item) -> str | None:
    """NN when test ``item`` uses a ``lessonNN`` fixture."""
    for name in getattr(item, "fixturenames", ()):
        if len(name) == 8 and name.startswith("lesson") and name[6:].isdigit():
            return str(name[6:])
    return None


def _param_lesson(item: pytest.Item) -> str | None:
    """NN when test ``item`` takes ``lesson_clusters`` itself, with a ``lesson`` parameter."""
    callspec = getattr(item, "callspec", None)
    if "lesson_clusters" not in getattr(item, "fixturenames", ()) or callspec is None:
        return None
    number = callspec.params.get("lesson")
    return None if number is None else str(number)


def lesson_of(item: pytest.Item) -> str | None:
    """The lesson whose shared cluster test ``item`` uses, or None."""
    return _fixture_lesson(item) or _param_lesson(item)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests sharing lesson NN's cluster form the xdist group ``cluster-NN``: they run
    in one process, one after the other (tests/conftest.py keeps a group together).
    A test that takes the cluster in its body (test_checks_live: every solution applied)
    runs after the modules' tests, which mostly leave the cluster as they found it."""
    items.sort(key=lambda item: _fixture_lesson(item) is None and _param_lesson(item) is not None)
    for item in items:
        number = lesson_of(item)
        if number is not None and item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(f"cluster-{number}"))


@pytest.fixture(scope="session")
def lesson_clusters(lab_engine: object) -> Iterator[LessonClusters]:
    """The process's :class:`LessonClusters`; the last cluster goes at the end."""
    yield _clusters
    _clusters.release()


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    """Remove a lesson's cluster as soon as the next test no longer needs it."""
    number = lesson_of(item)
    if number is not None and _clusters.holds(number) and (
            nextitem is None or lesson_of(nextitem) != number):
        _clusters.release()


def _lesson_fixture(number: str) -> object:
    @pytest.fixture(scope="module", name=f"lesson{number}")
    def fixture(lesson_clusters: LessonClusters) -> Cluster:
        return lesson_clusters.take(number)

    fixture.__doc__ = (f"Lesson {number}'s cluster as its first cell makes it, shared by "
                       "the tests of one module (they build on each other's state).")
    return fixture


# lesson00, lesson01...: one fixture per lesson the grader knows
for _number in registry.lessons():
    globals()[f"lesson{_number}"] = _lesson_fixture(_number)
