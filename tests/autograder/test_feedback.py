"""What a learner reads: numbers in their language, the mistake a check saw, what a
waiting check waits for, and solutions written as notebook cells. No cluster needed."""

from __future__ import annotations

from typing import Any

import pytest

from autograder import registry, solution
from autograder.check import Check, Context
from autograder.i18n import messages, text
from autograder.inline import waiting_text
from autograder.result import Part, Status
from labs.errors import LabError
from labs.language import number


def test_numbers_take_the_decimal_comma_in_pt_br_only() -> None:
    assert text("points", "pt-BR", earned=0.67, total=2.0) == "0,67 de 2 pontos"
    assert text("points", "en", earned=0.67, total=2.0) == "0.67 of 2 points"
    assert number(1250.5, "pt-BR", ",.1f") == "1.250,5"
    assert number(1250.5, "en", ",.1f") == "1,250.5"
    assert text("points", "pt-BR", earned=1, total=2) == "1 de 2 pontos"  # ints untouched


def test_every_mistake_text_belongs_to_a_part_with_both_outcomes() -> None:
    registry.lessons()
    for message_id in messages():
        if ".mistake." in message_id:
            base = message_id.split(".mistake.")[0]
            assert f"{base}.no" in messages(), message_id


class FakeCluster:
    """Stands where a check's cluster goes; the check functions below never touch it."""


def _check(fn: Any, window: float = 5.0) -> Check:
    return Check("04.1", "lesson-04", fn, points=2, window=window)


def test_a_recognised_mistake_shows_under_its_failed_part_only() -> None:
    def fn(ctx: Context) -> list[Part]:
        return [ctx.part(False, "04.1.exists", waiting=False, mistake="x"),
                ctx.part(True, "04.1.exists", mistake="x")]

    ctx = Context(FakeCluster(), "en")  # type: ignore[arg-type]
    ctx.msg = lambda message_id, **params: message_id  # type: ignore[method-assign]
    failed, held = fn(ctx)
    assert failed.hint == "04.1.exists.mistake.x" and held.hint == ""
    result = _check(fn)._result(Status.FAILED, [failed, held], 0, "en", 0.0)
    assert "-> 04.1.exists.mistake.x" in str(result)
    assert "orquestra-mistake" in result._repr_html_()
    passed = _check(fn)._result(Status.FAILED, [held], 0, "en", 0.0)
    assert "orquestra-mistake" not in passed._repr_html_()


def test_a_waiting_check_says_what_it_waits_for_until_it_holds() -> None:
    polls: list[int] = []

    def fn(ctx: Context) -> list[Part]:
        polls.append(1)
        ready = len(polls) >= 3
        return [Part(True, "exists"), Part(ready, "2 of 4 tasks running", waiting=True)]

    seen: list[list[str]] = []
    result = _check(fn).run(FakeCluster(), lang="pt-BR",  # type: ignore[arg-type]
                            on_wait=lambda parts, s, limit: seen.append(
                                waiting_text("04.1", parts, s, limit, "pt-BR")))
    assert result.passed and len(seen) == 2
    assert seen[0][0].startswith("Verificando 04.1: esperando o cluster (0 s de até 5 s)")
    assert seen[0][1:] == ["2 of 4 tasks running"]  # only what is missing and may come


def test_a_check_that_cannot_converge_does_not_wait() -> None:
    seen: list[object] = []
    result = _check(lambda ctx: [Part(False, "no service", waiting=False)]).run(
        FakeCluster(), lang="en", on_wait=lambda *a: seen.append(a))  # type: ignore[arg-type]
    assert result.status is Status.FAILED and seen == []


def test_solutions_are_cells_a_learner_could_type() -> None:
    for check_id in ("03.1", "04.1"):
        cells = solution.cells(check_id)
        assert cells and all(cell.strip() for cell in cells)
        assert solution.source(check_id) == "\n".join(cells)


@pytest.mark.parametrize("cell", ["%%docker\n", "%%docker \ndocker ps\n"])
def test_a_docker_cell_without_a_node_is_refused(cell: str, monkeypatch: pytest.MonkeyPatch
                                                 ) -> None:
    monkeypatch.setattr(solution, "cells", lambda _id: [cell])
    with pytest.raises(LabError, match="say which node"):
        solution.apply("00.1", FakeCluster())  # type: ignore[arg-type]


def test_one_point_is_singular() -> None:
    from autograder.result import points_text

    assert points_text(0.33, 1, "pt-BR") == "0,33 de 1 ponto"
    assert points_text(1, 1, "en") == "1 of 1 point"
    assert points_text(2, 3, "pt-BR") == "2 de 3 pontos"


def test_the_feedback_page_speaks_the_graders_language() -> None:
    from autograder import registry
    from autograder.grade.job import GradeStatus, Row
    from autograder.grade.report import feedback_page

    lesson = registry.lesson("03")
    first = lesson.checks[0]
    held = first._result(Status.PASSED, [Part(True, "manager1 lidera")], 0, "pt-BR", 0.0)
    row = Row("ana", GradeStatus.OK, results={first.id: held})
    page = feedback_page(row, lesson, "<p>nb</p>", "pt-BR")
    assert "<th>verificação</th>" in page and "correto" in page and "O notebook executado" in page
    assert "<th>check</th>" not in page and "passed" not in page
    assert f"de {lesson.max_points:g} pontos" in page
    assert "<th>check</th>" in feedback_page(row, lesson, "", "en")


def test_the_feedback_page_shows_a_result_as_the_notebook_does() -> None:
    from autograder import registry
    from autograder.grade.job import GradeStatus, Row
    from autograder.grade.report import feedback_page
    from autograder.result import LOOKS

    lesson = registry.lesson("03")
    first = lesson.checks[0]
    failed = first._result(Status.FAILED, [Part(True, "manager1 lidera"),
                                           Part(False, "falta <x>", hint="faça y")],
                           0, "pt-BR", 0.0)
    page = feedback_page(Row("ana", GradeStatus.OK, results={first.id: failed}), lesson,
                         "", "pt-BR")
    assert failed.body_html() in page and failed.body_html() in failed._repr_html_()
    assert "falta &lt;x&gt;" in page and "orquestra-mistake" in page
    assert f"color:{LOOKS[Status.FAILED].colour}'>ainda não" in page
    # a check that never ran: grading was cut short, the page says why
    cut = feedback_page(Row("ana", GradeStatus.NOTEBOOK_TIMEOUT, "25 s"), lesson, "", "en")
    assert cut.count("notebook timeout (25 s)") == len(lesson.checks) + 1
