"""What a student calls in a notebook: ``check("04.2")`` and ``summary("04")``.

Hints unlock progressively: after the first failed try of a check the first
hint shows, after the second the second, and so on. While a check waits for
the cluster to converge, a line says so and what is still missing.
"""

from __future__ import annotations

import html
import os
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from autograder import registry
from autograder.check import OnWait
from autograder.i18n import language, text
from autograder.result import CheckResult, Part, Summary
from labs.spec import GRADING_ENV

_failed_tries: Counter[str] = Counter()
_passed: dict[tuple[str, str], CheckResult] = {}
"""Checks passed in this kernel: the summary keeps them, as a later exercise may change
the cluster on purpose (lesson 08 destroys managers after 08.1 made five)."""


@dataclass(frozen=True)
class GradedElsewhere:
    """What a check cell shows in batch grading: the grader runs the check itself, right
    after the cell, and reports it at the top of the feedback page; running it in the
    notebook too would show a second, earlier and possibly different, verdict (and act on
    the cluster twice)."""

    what: str

    def __str__(self) -> str:
        return text("graded.elsewhere", language(), what=self.what)

    def _repr_html_(self) -> str:
        return f"<div style='color:#666'>{html.escape(str(self))}</div>"


def check(check_id: str, *, window: float | None = None) -> CheckResult | GradedElsewhere:
    """Check exercise ``check_id`` on the lesson's live cluster and show the result."""
    try:
        found = registry.get(check_id)
    except KeyError:
        lesson = check_id.split(".")[0]
        known = ", ".join(c.id for c in registry.lesson_checks(lesson)) or "-"
        raise KeyError(text("unknown.check", id=check_id, known=known)) from None
    if os.environ.get(GRADING_ENV):
        return GradedElsewhere(check_id)
    lang = language()
    # a failure of this try unlocks one more hint (run() shows none on a pass)
    with _waiting_line(check_id, lang) as on_wait:
        result = found.run(window=window, hints_shown=_failed_tries[check_id] + 1,
                           lang=lang, on_wait=on_wait)
    if result.passed:
        _passed[check_id, lang] = result
    else:
        _failed_tries[check_id] += 1
    return result


def summary(lesson: str) -> Summary | GradedElsewhere:
    """Every visible check of ``lesson``: passed in this kernel already, or checked now (no
    waiting)."""
    if os.environ.get(GRADING_ENV):
        return GradedElsewhere(lesson.zfill(2))
    lang = language()
    results = [_passed.get((c.id, lang)) or c.run(window=0, lang=lang)
               for c in registry.lesson_checks(lesson) if not c.hidden]
    return Summary(lesson.zfill(2), results)


def waiting_text(check_id: str, parts: list[Part], seconds: float, limit: float,
                 lang: str) -> list[str]:
    """The waiting line, then each part still missing that waiting may fix."""
    head = text("waiting", lang, id=check_id, seconds=float(seconds), limit=float(limit))
    return [head, *(p.message for p in parts if not p.ok and p.waiting)]


@contextmanager
def _waiting_line(check_id: str, lang: str) -> Iterator[OnWait]:
    """A line that shows what the check waits for, updated in place and removed at the end:
    a display in a notebook, a carriage-returned line on a terminal."""
    shell = _notebook_shell()
    shown: list[Any] = []

    def on_wait(parts: list[Part], seconds: float, limit: float) -> None:
        lines = waiting_text(check_id, parts, seconds, limit, lang)
        if shell:
            from IPython.display import HTML, display

            body = "<br>".join(html.escape(line) for line in lines)
            content = HTML(f"<div class='orquestra-waiting' style='color:#666'>{body}</div>")  # type: ignore[no-untyped-call]
            if shown:
                shown[0].update(content)
            else:
                shown.append(display(content, display_id=True))  # type: ignore[no-untyped-call]
        else:
            sys.stderr.write("\r" + " · ".join(lines)[:160])
            sys.stderr.flush()
            shown.append(True)

    try:
        yield on_wait
    finally:
        if shown and shell:
            from IPython.display import HTML

            shown[0].update(HTML(""))  # type: ignore[no-untyped-call]
        elif shown:
            sys.stderr.write("\r" + " " * 160 + "\r")
            sys.stderr.flush()


def _notebook_shell() -> bool:
    """Whether we run in a Jupyter kernel (rich displays update in place there)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"
