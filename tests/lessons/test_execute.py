"""Every lesson runs top to bottom on real clusters, and its solutions earn full marks.

The pt-BR notebooks execute under ``pytest --nbval-lax`` (cells marked
the ``nbval-check-output`` tag compare their output); the English ones have the
same code (test_structure.py). Each lesson is also graded by the batch
grader twice: with the reference solutions inserted before its check cells
(full marks) and untouched (zero, status ok). Durations go to
``test-output/lessons.json`` and the pytest durations table.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from autograder import registry
from autograder.grade import batch
from autograder.grade.synthetic import solved
from labs import lessons

pytestmark = pytest.mark.integration

FIRST = "pt-BR"
RUN = [lesson for lesson in lessons.find() if lesson.lang == FIRST]
IDS = [lesson.path.stem for lesson in RUN]
TIMES = lessons.ROOT / "test-output" / "lessons.json"


def _record(key: str, seconds: float) -> None:
    TIMES.parent.mkdir(parents=True, exist_ok=True)
    found = json.loads(TIMES.read_text()) if TIMES.exists() else {}
    found[key] = round(seconds, 1)
    TIMES.write_text(json.dumps(found, indent=1, sort_keys=True))


@pytest.mark.timeout(900)
@pytest.mark.parametrize("lesson", RUN, ids=IDS)
def test_lesson_executes_top_to_bottom(lesson: lessons.Lesson, lab_engine: object) -> None:
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", "-p", "no:cacheprovider", "-q",
         "--nbval-cell-timeout", "600", "-o", "addopts=", str(lesson.path)],
        cwd=lessons.ROOT, env=dict(os.environ), capture_output=True, text=True, timeout=880)
    _record(f"execute {lesson.lang}/{lesson.path.name}", time.monotonic() - started)
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-2000:]


@pytest.mark.timeout(1500)
@pytest.mark.parametrize("lesson", RUN, ids=IDS)
def test_solutions_get_full_marks_and_untouched_gets_zero(lesson: lessons.Lesson,
                                                         tmp_path: Path,
                                                         lab_engine: object) -> None:
    nb = nbformat.read(lesson.path, as_version=4)
    subs = tmp_path / "subs"
    subs.mkdir()
    nbformat.write(solved(nb), subs / "solved.ipynb")
    nbformat.write(nb, subs / "untouched.ipynb")
    started = time.monotonic()
    rows = {row.student: row for row in batch.grade(
        subs, lesson=lesson.number, out=tmp_path / "out", jobs=2, cell_timeout=600,
        timeout=1200)}
    _record(f"grade solved+untouched {lesson.number}", time.monotonic() - started)
    most = sum(c.points for c in registry.lesson_checks(lesson.number))
    good, bad = rows["solved"], rows["untouched"]
    assert (good.status, good.total()) == ("ok", most), good
    assert (bad.status, bad.total()) == ("ok", 0), bad
    assert all(r["status"] == "passed" for r in good.results.values()), good.results
