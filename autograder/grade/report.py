"""Writing grades: gradebook.csv, Gradescope results.json, feedback pages.

A check's result is shown the way :mod:`autograder.result` renders it in the
notebook (same words, colours and marks); the maximum is the lesson's
:attr:`~autograder.lesson.Lesson.max_points`.
"""

from __future__ import annotations

import csv
import html
import json
from pathlib import Path
from typing import Any

from autograder.grade.job import Row
from autograder.i18n import language, text
from autograder.lesson import Lesson
from autograder.result import Status, points_text, status_html
from labs.language import number

__all__ = ["Row", "feedback_page", "gradescope", "write_gradebook", "write_student"]


def write_gradebook(path: Path, rows: list[Row], lesson: Lesson) -> None:
    """``student, <check ids...>, total, max, status``: one row per student."""
    checks = lesson.checks
    with path.open("w", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["student", *[c.id for c in checks], "total", "max", "status"])
        for row in rows:
            out.writerow([row.student, *[f"{row.points(c.id):g}" for c in checks],
                          f"{sum(row.points(c.id) for c in checks):g}",
                          f"{lesson.max_points:g}", row.status_text])


def gradescope(row: Row, lesson: Lesson) -> dict[str, Any]:
    """Gradescope's results.json for one student."""
    tests = []
    for check in lesson.checks:
        result = row.results.get(check.id)
        tests.append({
            "name": f"{check.id} {check.title()}",
            "score": row.points(check.id),
            "max_score": check.points,
            "status": "passed" if result and result.passed else "failed",
            "output": result.message if result else row.status_text,
            "visibility": "after_published" if check.hidden else "visible",
        })
    return {"score": sum(t["score"] for t in tests), "tests": tests,
            "output": f"status: {row.status_text}"}


def feedback_page(row: Row, lesson: Lesson, notebook_html: str, lang: str | None = None) -> str:
    """HTML for the student, in ``lang``: each check with what it saw, then the executed
    notebook."""
    lang = lang or language()
    items = []
    for check in lesson.checks:
        result = row.results.get(check.id)
        if result is None:  # never ran: grading was cut short
            shown = status_html(Status.FAILED, lang)
            message = html.escape(row.status_text)
        else:
            shown, message = status_html(result.status, lang), result.body_html()
        items.append(
            f"<tr><td>{html.escape(check.id)}</td><td>{html.escape(check.title(lang))}</td>"
            f"<td>{shown}</td>"
            f"<td>{html.escape(number(row.points(check.id), lang, 'g'))} / "
            f"{html.escape(number(check.points, lang, 'g'))}</td><td>{message}</td></tr>")
    head = "".join(f"<th>{html.escape(h)}</th>" for h in text("report.head", lang).split("|"))
    earned = points_text(row.total(), lesson.max_points, lang)
    return (
        f"<!DOCTYPE html><html lang='{html.escape(lang)}'><head><meta charset='utf-8'>"
        f"<title>{html.escape(row.student)}</title></head><body>"
        f"<h1>{html.escape(row.student)}: {html.escape(earned)}</h1>"
        f"<p>{html.escape(text('report.status', lang, status=row.status_text))}</p>"
        f"<table border='1' cellpadding='4'><tr>{head}</tr>{''.join(items)}</table>"
        f"<h2>{html.escape(text('report.notebook', lang))}</h2>{notebook_html}</body></html>"
    )


def write_student(folder: Path, row: Row, lesson: Lesson, notebook_html: str) -> None:
    """results.json and feedback.html of one student, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "results.json").write_text(json.dumps(gradescope(row, lesson), indent=2))
    (folder / "feedback.html").write_text(feedback_page(row, lesson, notebook_html))
