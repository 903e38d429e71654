"""``python -m autograder``: batch grading and its benchmark, a thin layer over functions."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

from autograder import bench as throughput
from autograder import registry
from autograder.grade import batch
from autograder.grade.report import Row
from autograder.i18n import set_language


def cmd_grade(args: argparse.Namespace) -> int:
    console = Console(stderr=True)
    checks = registry.lesson_checks(args.lesson)
    if not checks:
        console.print(f"lesson {args.lesson} has no checks; lessons with checks: "
                      + ", ".join(sorted({c.lesson for c in registry.all_checks().values()})))
        return 2
    started = time.monotonic()

    def progress(student: str, row: Row) -> None:
        how = "reused" if row.cached else f"{row.seconds:.0f} s"
        console.print(f"  {student}: {row.total():g} points, {row.status} ({how})")

    console.print(f"grading lesson {args.lesson.zfill(2)} from {args.submissions} "
                  f"with {batch.memory_bound_jobs(args.jobs)} job(s)")
    rows = batch.grade(Path(args.submissions), lesson=args.lesson, out=Path(args.out),
                       jobs=args.jobs, cell_timeout=args.cell_timeout, timeout=args.timeout,
                       check_window=args.check_window, force=args.force, progress=progress)
    table = Table(title=f"lesson {args.lesson.zfill(2)}: {len(rows)} submission(s) in "
                  f"{time.monotonic() - started:.0f} s")
    for column in ["student", *[c.id for c in checks], "total", "status"]:
        table.add_column(column)
    maximum = sum(c.points for c in checks)
    for row in rows:
        table.add_row(row.student, *[f"{row.points(c.id):g}" for c in checks],
                      f"{row.total():g}/{maximum:g}", row.status)
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
    p.add_argument("--jobs", type=int, default=1, help="submissions at once (memory-bounded)")
    p.add_argument("--timeout", type=int, default=900, help="seconds per whole notebook")
    p.add_argument("--cell-timeout", type=int, default=120, help="seconds per cell")
    p.add_argument("--check-window", type=float, default=None,
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
