"""``python -m autograder``: batch grading and its benchmark, a thin layer over functions."""

from __future__ import annotations

import argparse
import inspect
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from autograder import bench as throughput
from autograder import registry
from autograder.grade import batch
from autograder.grade.job import Row
from autograder.i18n import set_language

GRADE_DEFAULTS: dict[str, Any] = {
    name: param.default for name, param in inspect.signature(batch.grade).parameters.items()
    if param.default is not inspect.Parameter.empty}
"""The defaults of :func:`batch.grade`, which the ``grade`` command's flags share."""


def cmd_grade(args: argparse.Namespace) -> int:
    """Grade a folder of submissions; print each student's grade and a table."""
    console = Console(stderr=True)
    try:
        lesson = registry.lesson(args.lesson)
    except registry.UnknownLesson as exc:
        console.print(str(exc))
        return 2
    started = time.monotonic()

    def progress(student: str, row: Row) -> None:
        how = "reused" if row.cached else f"{row.seconds:.0f} s"
        console.print(f"  {student}: {row.total():g} points, {row.status_text} ({how})")

    console.print(f"grading lesson {lesson.number} from {args.submissions} "
                  f"with {batch.memory_bound_jobs(args.jobs)} job(s)")
    rows = batch.grade(Path(args.submissions), lesson=lesson.number, out=Path(args.out),
                       jobs=args.jobs, cell_timeout=args.cell_timeout, timeout=args.timeout,
                       check_window=args.check_window, force=args.force, progress=progress)
    table = Table(title=f"lesson {lesson.number}: {len(rows)} submission(s) in "
                  f"{time.monotonic() - started:.0f} s")
    for column in ["student", *[c.id for c in lesson.checks], "total", "status"]:
        table.add_column(column)
    for row in rows:
        table.add_row(row.student, *[f"{row.points(c.id):g}" for c in lesson.checks],
                      f"{row.total():g}/{lesson.max_points:g}", row.status_text)
    Console().print(table)
    print(f"gradebook: {Path(args.out) / 'gradebook.csv'}")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    throughput.run(count=args.count, jobs=[int(j) for j in args.jobs.split(",")])
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m autograder", description=__doc__)
    top.add_argument("--lang", choices=["pt-BR", "en"], help="language of messages")
    sub = top.add_subparsers(dest="command", required=True)
    p = sub.add_parser("grade", help="grade a folder of submissions")
    p.add_argument("submissions", help="<student>/<NN>*.ipynb or <student>.ipynb files")
    p.add_argument("--lesson", required=True, help="lesson number, e.g. 04")
    p.add_argument("--out", required=True, help="folder for gradebook.csv and feedback")
    p.add_argument("--jobs", type=int, default=GRADE_DEFAULTS["jobs"],
                   help="submissions at once (memory-bounded)")
    p.add_argument("--timeout", type=int, default=GRADE_DEFAULTS["timeout"],
                   help="seconds per whole notebook")
    p.add_argument("--cell-timeout", type=int, default=GRADE_DEFAULTS["cell_timeout"],
                   help="seconds per cell")
    p.add_argument("--check-window", type=float, default=GRADE_DEFAULTS["check_window"],
                   help="cap on each check's convergence wait (seconds)")
    p.add_argument("--force", action="store_true", help="re-grade unchanged submissions")
    p.set_defaults(fn=cmd_grade)
    p = sub.add_parser("bench", help="grading throughput on synthetic submissions")
    p.add_argument("--count", type=int, default=6)
    p.add_argument("--jobs", default="1,3", help="comma-separated job counts to compare")
    p.set_defaults(fn=cmd_bench)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.lang:
        set_language(args.lang)
    return int(args.fn(args))


if __name__ == "__main__":
    sys.exit(main())
