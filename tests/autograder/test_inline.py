"""check() in a notebook: live result, hints that unlock per failed try, a lesson summary."""

from __future__ import annotations

import pytest

from autograder import check, registry, set_language, solution, summary
from autograder.inline import GradedElsewhere, _failed_tries, _passed
from autograder.result import Status, Summary
from labs.spec import GRADING_ENV

pytestmark = pytest.mark.integration


def test_hints_unlock_progressively_and_vanish_on_success(lab_engine: object) -> None:
    _failed_tries.clear()
    set_language("en")
    try:
        with registry.lesson("04").new_cluster() as cluster:  # type: ignore[arg-type]
            first = check("04.1", window=0)
            assert first.status is Status.FAILED and len(first.hints) == 1
            assert "no service called web" in first.message
            assert len(check("04.1", window=0).hints) == 2
            assert len(check("04.1", window=0).hints) == 3
            assert len(check("04.1", window=0).hints) == 3  # no more hints than written
            solution.apply("04.1", cluster)
            done = check("04.1")
            assert done.passed and done.hints == [] and done.points == 3
            set_language("pt-BR")
            assert "4 réplicas pedidas e 4 rodando" in check("04.1").message
            set_language("en")
            # a check passed in this kernel stays passed in the summary, even once a later
            # step changed the cluster (lesson 08 destroys the managers 08.1 made)
            cluster.node("manager1").docker("service rm web")
            lesson = summary("04")
            assert isinstance(lesson, Summary)
            assert [r.check_id for r in lesson.results] == ["04.1", "04.2", "04.3", "04.4"]
            assert lesson.points == 3 and lesson.max_points == 11
            assert "Lesson 04" in str(lesson)
            assert check("04.1", window=0).points == 0  # while check() looks again
    finally:
        set_language("pt-BR")
        _passed.clear()


def test_in_batch_grading_the_notebook_leaves_checks_to_the_grader(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(GRADING_ENV, "1")
    set_language("en")
    try:
        shown = check("04.1")
        assert isinstance(shown, GradedElsewhere)
        assert "checked by the grader" in str(shown) and "04.1" in str(shown)
        assert isinstance(summary("04"), GradedElsewhere)
    finally:
        set_language("pt-BR")


def test_an_unknown_check_lists_the_lessons_checks() -> None:
    with pytest.raises(KeyError, match=r"04\.1, 04\.2, 04\.3"):
        check("04.9")
