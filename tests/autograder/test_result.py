"""Partial credit, statuses and rendering, on results made without a cluster."""

from __future__ import annotations

import time

from autograder.check import Check
from autograder.result import CheckResult, Part, Status, Summary


def never(_: object) -> list[Part]:
    raise AssertionError("not called")


CHECK = Check("04.1", "lesson-04", never, points=3, hints=("04.1.hint.1", "04.1.hint.2"))


def test_partial_credit_follows_the_parts_that_hold() -> None:
    parts = [Part(True, "a"), Part(False, "b"), Part(True, "c")]
    result = CHECK._result(Status.FAILED, parts, 1, "en", time.monotonic())
    assert result.points == 2 and result.max_points == 3 and not result.passed
    weighted = CHECK._result(Status.FAILED, [Part(True, "a", 3), Part(False, "b", 1)], 0,
                             "en", time.monotonic())
    assert weighted.points == 2.25


def test_an_error_earns_nothing_and_says_it_is_not_the_students() -> None:
    result = CHECK._result(Status.ERROR, [Part(True, "x")], 0, "en", time.monotonic())
    assert result.points == 0 and result.status is Status.ERROR


def test_hints_unlock_one_per_failed_try() -> None:
    results = [CHECK._result(Status.FAILED, [Part(False, "x")], n, "en", time.monotonic())
               for n in (0, 1, 2, 5)]
    assert [len(r.hints) for r in results] == [0, 1, 2, 2]


def test_html_and_text_rendering_show_status_points_and_message() -> None:
    result = CHECK._result(Status.FAILED, [Part(True, "ok <b>"), Part(False, "missing")], 1,
                           "en", time.monotonic())
    page = result._repr_html_()
    assert "data-status='failed'" in page and "ok &lt;b&gt;" in page and "Hint 1" in page
    assert "1.5 of 3 points" in str(result) and "missing" in str(result)
    summary = Summary("04", [result])
    assert summary.points == 1.5 and "04" in str(summary)


def test_a_failure_that_waiting_cannot_fix_returns_at_once() -> None:
    from labs import Cluster

    calls = []

    def settled(_: object) -> list[Part]:
        calls.append(1)
        return [Part(True, "a"), Part(False, "service missing", waiting=False)]

    def converging(_: object) -> list[Part]:
        calls.append(1)
        return [Part(False, "tasks starting", waiting=True)]

    started = time.monotonic()
    result = Check("04.1", "lesson-04", settled, window=30).run(Cluster("x"), lang="en")
    assert result.status is Status.FAILED and len(calls) == 1
    assert time.monotonic() - started < 5
    calls.clear()
    result = Check("04.1", "lesson-04", converging, window=1.2).run(Cluster("x"), lang="en")
    assert result.status is Status.FAILED and len(calls) >= 2


def test_a_result_comes_back_from_json_as_it_went() -> None:
    import json

    result = CHECK._result(Status.FAILED, [Part(True, "a", 2), Part(False, "b", hint="do c",
                                                                    waiting=False)],
                           1, "en", time.monotonic())
    back = CheckResult.from_dict(json.loads(json.dumps(result.to_dict())))
    assert back == result and back.status is Status.FAILED
    assert back.parts[1] == Part(False, "b", 1.0, False, "do c")
    assert str(back) == str(result) and back._repr_html_() == result._repr_html_()
