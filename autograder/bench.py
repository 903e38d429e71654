"""``python -m autograder bench``: grading throughput on synthetic submissions.

K submissions of lesson 04 (half solved with the reference solutions, half
untouched) are graded at each job count, side by side, with full check
windows; it prints seconds per submission and the projection for 30.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import nbformat

from autograder.grade import batch, synthetic


def make_submissions(folder: Path, count: int, lesson: str = "04") -> None:
    for i in range(count):
        nb = synthetic.notebook(lesson, solved=i % 2 == 0)
        nbformat.write(nb, folder / f"student{i:02d}.ipynb")


def run(*, count: int, jobs: list[int], lesson: str = "04") -> dict[str, float]:
    numbers: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="orquestra-bench-") as tmp:
        subs = Path(tmp) / "subs"
        subs.mkdir()
        make_submissions(subs, count, lesson)
        for n in jobs:
            started = time.monotonic()
            rows = batch.grade(subs, lesson=lesson, out=Path(tmp) / f"out{n}", jobs=n,
                               force=True)
            elapsed = time.monotonic() - started
            per = elapsed / len(rows)
            numbers[f"jobs_{n}_s_per_submission"] = round(per, 1)
            marks = sorted(r.total() for r in rows)
            print(f"--jobs {n}: {len(rows)} submissions in {elapsed:.0f} s, {per:.1f} s each, "
                  f"30 would take {30 * per / 60:.1f} min; totals {marks}", flush=True)
    return numbers
