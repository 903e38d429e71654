"""Every check, both ways, on a real cluster: failed before its solution, passed after."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from autograder import registry, solution
from autograder.check import Check, Context
from autograder.result import Part, Status
from labs import Cluster

if TYPE_CHECKING:
    from conftest import LessonClusters  # tests/autograder/conftest.py

pytestmark = pytest.mark.integration


# A lesson whose cluster needs IPVS or ESP runs on the VM engine where the kernel lacks them,
# under software emulation here, where every task start costs seconds. Its checks are
# proven both ways by its notebook's runs in the VM phase (tests/lessons/test_execute.py:
# untouched earns zero, solved earns full marks) and by its test_mistakes_NN.py (each check
# failing on the mistakes it names); running every solution once more here would add
# minutes per lesson to a phase that runs alone.
@pytest.mark.parametrize("lesson", [n for n in registry.lessons() if not registry.lesson(n).needs])
def test_each_check_fails_before_and_passes_after_its_solution(
        lesson: str, lesson_clusters: LessonClusters) -> None:
    # the lesson's cluster as its first cell makes it: shared with test_mistakes_NN.py,
    # made again when a test there left a trace on it (tests/autograder/conftest.py)
    cluster = lesson_clusters.take(lesson)
    seen = []
    namespace: dict[str, object] = {}  # one kernel's variables across the lesson's solutions
    for check in registry.lesson_checks(lesson):
        solution.apply_setup(check.id, cluster, namespace)  # the lesson's own scenario cells
        before = check.run(cluster, window=1)
        assert before.status is Status.FAILED, (check.id, before.message)
        assert before.points < check.points
        solution.apply(check.id, cluster, namespace)
        after = check.run(cluster)
        assert after.status is Status.PASSED, (check.id, after.message)
        assert after.points == check.points
        seen.append((check.id, before.points, after.seconds))
    print(f"lesson {lesson}: (check, points before, seconds to pass) {seen}")


def test_a_broken_check_is_a_grader_error_not_a_failure(lab_engine: object) -> None:
    def broken(ctx: Context) -> list[Part]:
        raise ZeroDivisionError("bug in the check")

    with Cluster("lesson-99", managers=1, workers=0) as cluster:
        result = Check("04.1", "lesson-99", broken).run(cluster, lang="en")
    assert result.status is Status.ERROR and result.points == 0
    assert "grader error, not yours" in result.message


def test_a_missing_cluster_fails_with_what_to_do(lab_engine: object) -> None:
    elsewhere = Check("04.1", "lesson-98", registry.get("04.1").fn)
    result = elsewhere.run(window=0, lang="en")
    assert result.status is Status.FAILED
    assert "does not exist" in result.message and "Run the cell" in result.message
