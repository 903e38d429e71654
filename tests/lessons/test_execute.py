"""Every lesson runs top to bottom on a real cluster, its solutions earn full marks, and
untouched it earns nothing.

Each lesson's pt-BR notebook is executed ONCE, solved: the real notebook with each
check's reference solution inserted before its check cell, graded by the batch
grader as a student's would be. That one run proves two things:

- the lesson executes top to bottom, as ``pytest --nbval-lax`` proved before: no
  cell raised, except the cells tagged ``raises-exception`` (they show an error on
  purpose), and no cell ran out of time or killed the kernel. nbval-lax compares a
  cell tagged ``nbval-check-output`` only with the outputs stored in the notebook,
  and only when the notebook was run before it was saved; lessons are committed
  without outputs (test_structure.py), so nbval compared none and this test, run
  on the same notebooks, compares none either. The cleanup cell is the one cell
  not run: the grader skips it and removes the cluster itself.
- the solutions earn every point, each check passed.

Untouched earning 0 is proven by a fast run of the lesson's setup cell and check
cells alone (``synthetic.notebook(NN, solved=False)``): no demos, which are
independent of the exercises (lessons/README.md). The English notebooks have the
same code (test_structure.py). Durations go to ``test-output/lessons.json``.

Each run is its own xdist group (``solved-NN``, ``untouched-NN``; see
tests/conftest.py), so the lessons spread over the workers, heaviest first.
"""

from __future__ import annotations

import fcntl
import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import nbformat
import pytest

from autograder import registry
from autograder.grade import batch, synthetic
from labs import lessons
from labs.language import LANG_ENV

if TYPE_CHECKING:
    from autograder.grade.job import Row

pytestmark = pytest.mark.integration

FIRST = "pt-BR"
RUN = [lesson for lesson in lessons.find() if lesson.lang == FIRST]
TIMES = lessons.ROOT / "test-output" / "lessons.json"
CELL_TIMEOUT = 600
VM_TIMEOUT = 2400
RAISES = "raises-exception"


def _params(kind: str) -> list[Any]:
    # a lesson whose cluster needs IPVS or ESP runs in the VM phase (-m vm), alone, and
    # under software emulation gets VM_TIMEOUT: the first graded job also makes the VM's
    # snapshot (about 5 min), and lesson 05's solved run takes about 15 min under TCG
    return [pytest.param(lesson, id=lesson.path.stem,
                         marks=[pytest.mark.xdist_group(f"{kind}-{lesson.number}"),
                                *([pytest.mark.vm, pytest.mark.timeout(VM_TIMEOUT + 300)]
                                  if lesson.needs else [])])
            for lesson in RUN]


def _timeout(lesson: lessons.Lesson, default: int) -> int:
    """Seconds the batch gives the lesson's notebook."""
    return VM_TIMEOUT if lesson.needs else default


def _record(key: str, seconds: float) -> None:
    """Add one duration to test-output/lessons.json (xdist's workers write it in turn)."""
    TIMES.parent.mkdir(parents=True, exist_ok=True)
    with TIMES.with_suffix(".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        found = json.loads(TIMES.read_text()) if TIMES.exists() else {}
        found[key] = round(seconds, 1)
        TIMES.write_text(json.dumps(found, indent=1, sort_keys=True))


def _grade_one(nb: Any, lesson: str, tmp_path: Path, *, timeout: int) -> tuple[Row, Any]:
    """Grade notebook ``nb`` as the only submission; the row and the executed notebook."""
    subs, out = tmp_path / "subs", tmp_path / "out"
    subs.mkdir()
    nbformat.write(nb, subs / "run.ipynb")
    [row] = batch.grade(subs, lesson=lesson, out=out, jobs=1, cell_timeout=CELL_TIMEOUT,
                        timeout=timeout)
    executed = out / "run" / "executed.ipynb"
    return row, nbformat.read(executed, as_version=4) if executed.is_file() else None


def _raised(executed: Any) -> list[str]:
    """Every code cell that raised without the ``raises-exception`` tag, as nbval-lax
    would report it: its index, its first line and the error."""
    found = []
    for index, cell in enumerate(executed.cells):
        if cell.cell_type != "code" or RAISES in cell.get("metadata", {}).get("tags", []):
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                first = cell.source.splitlines()[0] if cell.source else ""
                found.append(f"cell {index} ({first!r}): {output.get('ename')}: "
                             f"{str(output.get('evalue'))[:300]}")
    return found


@pytest.mark.timeout(1500)
@pytest.mark.parametrize("lesson", _params("solved"))
def test_the_solved_lesson_runs_top_to_bottom_and_earns_full_marks(
        lesson: lessons.Lesson, tmp_path: Path, lab_engine: object,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(LANG_ENV, lesson.lang)  # the kernel speaks the notebook's language
    nb = nbformat.read(lesson.path, as_version=4)
    started = time.monotonic()
    row, executed = _grade_one(synthetic.solved(nb), lesson.number, tmp_path,
                               timeout=_timeout(lesson, 1200))
    _record(f"solved run {lesson.lang}/{lesson.path.name}", time.monotonic() - started)
    assert executed is not None, row
    assert str(row.status) == "ok", row  # no cell timeout, kernel alive, checks sound
    assert _raised(executed) == [], "\n".join(_raised(executed))
    assert row.total() == registry.lesson(lesson.number).max_points, row
    assert all(result.passed for result in row.results.values()), row.results


@pytest.mark.timeout(600)
@pytest.mark.parametrize("lesson", _params("untouched"))
def test_the_untouched_lesson_earns_zero(lesson: lessons.Lesson, tmp_path: Path,
                                          lab_engine: object) -> None:
    started = time.monotonic()
    row, _ = _grade_one(synthetic.notebook(lesson.number, solved=False), lesson.number,
                        tmp_path, timeout=_timeout(lesson, 500))
    _record(f"untouched run {lesson.number}", time.monotonic() - started)
    assert (str(row.status), row.total()) == ("ok", 0), row
    assert set(row.results) == {c.id for c in registry.lesson(lesson.number).checks}, row
