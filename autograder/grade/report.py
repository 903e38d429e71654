"""Writing grades: gradebook.csv, Gradescope results.json, feedback pages."""

from __future__ import annotations

import csv
import html
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from autograder.check import Check
from autograder.i18n import language, text
from autograder.result import points_text
from labs.language import number


@dataclass
class Row:
    """One student's grade."""

    student: str
    status: str
    """ok, or why grading was cut short: invalid notebook, notebook timeout..."""
    results: dict[str, dict[str, Any]] = field(default_factory=dict)
    """check id -> CheckResult.to_dict()"""
    seconds: float = 0.0
    cached: bool = False

    def points(self, check_id: str) -> float:
        return float(self.results.get(check_id, {}).get("points", 0.0))

    def total(self) -> float:
        return round(sum(self.points(c) for c in self.results), 2)


def write_gradebook(path: Path, rows: list[Row], checks: list[Check]) -> None:
    """``student, <check ids...>, total, max, status``: one row per student."""
    maximum = sum(c.points for c in checks)
    with path.open("w", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["student", *[c.id for c in checks], "total", "max", "status"])
        for row in rows:
            out.writerow([row.student, *[f"{row.points(c.id):g}" for c in checks],
                          f"{sum(row.points(c.id) for c in checks):g}", f"{maximum:g}",
                          row.status])


def gradescope(row: Row, checks: list[Check]) -> dict[str, Any]:
    """Gradescope's results.json for one student."""
    tests = []
    for check in checks:
        result = row.results.get(check.id)
        tests.append({
            "name": f"{check.id} {check.title()}",
            "score": row.points(check.id),
            "max_score": check.points,
            "status": "passed" if result and result["status"] == "passed" else "failed",
            "output": result["message"] if result else row.status,
            "visibility": "after_published" if check.hidden else "visible",
        })
    return {"score": sum(t["score"] for t in tests), "tests": tests,
            "output": f"status: {row.status}"}


def feedback_page(row: Row, checks: list[Check], notebook_html: str,
                  lang: str | None = None) -> str:
    """HTML for the student, in ``lang``: each check with its message, then the executed
    notebook."""
    lang = lang or language()
    items = []
    for check in checks:
        result = row.results.get(check.id, {})
        status = result.get("status", "failed")
        colour = {"passed": "#1b7f3b", "error": "#8a1c1c"}.get(status, "#b26a00")
        message = html.escape(result.get("message", row.status)).replace("\n", "<br>")
        shown = text(f"status.{status}", lang) if status in ("passed", "failed", "error") \
            else status
        items.append(
            f"<tr><td>{html.escape(check.id)}</td><td>{html.escape(check.title(lang))}</td>"
            f"<td style='color:{colour}'>{html.escape(shown)}</td>"
            f"<td>{html.escape(number(row.points(check.id), lang, 'g'))} / "
            f"{html.escape(number(check.points, lang, 'g'))}</td><td>{message}</td></tr>")
    maximum = sum(c.points for c in checks)
    head = "".join(f"<th>{html.escape(h)}</th>" for h in text("report.head", lang).split("|"))
    return (
        f"<!DOCTYPE html><html lang='{html.escape(lang)}'><head><meta charset='utf-8'>"
        f"<title>{html.escape(row.student)}</title></head><body>"
        f"<h1>{html.escape(row.student)}: {html.escape(points_text(row.total(), maximum, lang))}"
        "</h1>"
        f"<p>{html.escape(text('report.status', lang, status=row.status))}</p>"
        f"<table border='1' cellpadding='4'><tr>{head}</tr>{''.join(items)}</table>"
        f"<h2>{html.escape(text('report.notebook', lang))}</h2>{notebook_html}</body></html>"
    )


def write_student(folder: Path, row: Row, checks: list[Check], notebook_html: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "results.json").write_text(json.dumps(gradescope(row, checks), indent=2))
    (folder / "feedback.html").write_text(feedback_page(row, checks, notebook_html))
