"""``python -m autograder grade``: every submission of a lesson, on its own cluster.

Each submission runs in a worker process (its own process group and lab
session), bounded by a whole-notebook timeout; whatever happens, its
cluster is removed by label afterwards. Results that cannot have changed
(same notebook, same checks, same options) are reused unless ``force``.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path
from typing import Any

from autograder import registry
from autograder.grade import report, submissions
from autograder.grade.report import Row
from autograder.i18n import language
from labs.cluster import remove_all

MB_PER_JOB = 700  # three nodes (~60 MB each), a kernel, the worker, with room
Progress = Callable[[str, Row], None]


def memory_bound_jobs(jobs: int) -> int:
    """``jobs``, lowered so that each has MB_PER_JOB of available memory."""
    try:
        with open("/proc/meminfo") as fh:
            info = dict(line.split(":", 1) for line in fh)
        available_mb = int(info["MemAvailable"].split()[0]) // 1024
    except (OSError, KeyError, ValueError):
        return max(1, jobs)
    return max(1, min(jobs, available_mb // MB_PER_JOB))


def session_prefix() -> str:
    """Lab sessions of this grading process start with this."""
    return f"g{os.getpid() % 100000}-"


def _session(student: str) -> str:
    return f"{session_prefix()}{zlib.crc32(student.encode()):08x}"


def _html(executed: Path) -> str:
    if not executed.is_file():
        return "<p>(the notebook was not executed)</p>"
    try:
        from nbconvert import HTMLExporter

        body, _ = HTMLExporter(template_name="basic").from_filename(str(executed))
        return str(body)
    except Exception as exc:  # the page still has the grades
        return f"<p>(notebook could not be rendered: {exc})</p>"


def grade_one(sub: submissions.Submission, *, lesson: str, out: Path, cell_timeout: int,
              timeout: int, check_window: float | None, force: bool) -> Row:
    checks = registry.lesson_checks(lesson)
    folder = out / sub.student
    key_source = json.dumps([sub.digest(), registry.fingerprint(lesson), cell_timeout,
                             check_window, language()])
    key = hashlib.sha256(key_source.encode()).hexdigest()
    cache = folder / "grade.json"
    if not force and cache.is_file():
        saved = json.loads(cache.read_text())
        if saved.get("key") == key:
            return Row(**{**saved["row"], "cached": True})
    row = _grade(sub, lesson, folder, cell_timeout, timeout, check_window, checks)
    report.write_student(folder, row, checks, _html(folder / "executed.ipynb"))
    cache.write_text(json.dumps({"key": key, "row": {**asdict(row), "cached": False}}))
    return row


def _grade(sub: submissions.Submission, lesson: str, folder: Path, cell_timeout: int,
           timeout: int, check_window: float | None, checks: list[Any]) -> Row:
    folder.mkdir(parents=True, exist_ok=True)
    try:
        nb = submissions.read(sub.path)
    except ValueError as exc:
        return Row(sub.student, f"invalid notebook ({exc})")
    if not submissions.check_cells(nb):
        return Row(sub.student, "no check cells")
    session = _session(sub.student)
    with tempfile.TemporaryDirectory(prefix="orquestra-grade-") as workdir:
        job = {
            "notebook": str(sub.path), "lesson": lesson, "lang": language(),
            "check_ids": [c.id for c in checks], "cell_timeout": cell_timeout,
            "check_window": check_window, "workdir": workdir,
            "executed": str(folder / "executed.ipynb"),
            "result": str(Path(workdir) / "result.json"),
        }
        job_file = Path(workdir) / "job.json"
        job_file.write_text(json.dumps(job))
        env = dict(os.environ, ORQUESTRA_LAB_SESSION=session)
        log = (folder / "grader.log").open("wb")
        proc = subprocess.Popen(
            [sys.executable, "-m", "autograder.grade.worker", str(job_file)],
            env=env, stdout=log, stderr=log, stdin=subprocess.DEVNULL, start_new_session=True,
        )
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # the worker and its kernel
            proc.wait()
            return Row(sub.student, f"notebook timeout ({timeout} s)")
        finally:
            log.close()
            remove_all(session=session)
        result = Path(str(job["result"]))
        if proc.returncode != 0 or not result.is_file():
            tail = (folder / "grader.log").read_text(errors="replace").strip().splitlines()
            return Row(sub.student, f"grader error: {tail[-1][:200] if tail else proc.returncode}")
        data = json.loads(result.read_text())
    return Row(sub.student, data["status"], data["results"], data["seconds"])


def grade(root: Path, *, lesson: str, out: Path, jobs: int = 1, cell_timeout: int = 120,
          timeout: int = 900, check_window: float | None = None, force: bool = False,
          progress: Progress | None = None) -> list[Row]:
    """Grade every submission of ``lesson`` under ``root``; write the reports in ``out``."""
    lesson = lesson.zfill(2)
    checks = registry.lesson_checks(lesson)
    if not checks:
        raise ValueError(f"lesson {lesson} has no checks")
    subs = submissions.discover(root, lesson)
    out.mkdir(parents=True, exist_ok=True)

    def one(sub: submissions.Submission) -> Row:
        row = grade_one(sub, lesson=lesson, out=out, cell_timeout=cell_timeout,
                        timeout=timeout, check_window=check_window, force=force)
        if progress:
            progress(sub.student, row)
        return row

    with ThreadPoolExecutor(max_workers=memory_bound_jobs(jobs)) as pool:
        rows = list(pool.map(one, subs))
    report.write_gradebook(out / "gradebook.csv", rows, checks)
    return rows
