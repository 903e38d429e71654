"""``python -m autograder grade``: every submission of a lesson, on its own cluster.

Each submission runs in a worker process (its own process group and lab
session), bounded by a whole-notebook timeout; whatever happens, its processes
(the kernel included) are stopped and its cluster and VM removed afterwards.
Results that cannot have changed (same notebook, same checks, same options) are
reused unless ``force``.
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
from pathlib import Path

from autograder import registry
from autograder.grade import processes, report, submissions
from autograder.grade.job import GradeStatus, Job, Row
from autograder.i18n import language
from autograder.lesson import Lesson
from labs import vm
from labs.inventory import remove_all
from labs.spec import SESSION_ENV

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


def grade_one(sub: submissions.Submission, *, lesson: Lesson, out: Path, cell_timeout: int,
              timeout: int, check_window: float | None, force: bool) -> Row:
    """Grade one submission (or reuse its grade when nothing changed) and write its
    results.json and feedback.html in ``out/<student>``."""
    folder = out / sub.student
    key_source = json.dumps([sub.digest(), registry.fingerprint(lesson.number), cell_timeout,
                             check_window, language()])
    key = hashlib.sha256(key_source.encode()).hexdigest()
    cache = folder / "grade.json"
    if not force and cache.is_file():
        saved = _cached(cache, key)
        if saved is not None:
            return saved
    row = _grade(sub, lesson, folder, cell_timeout, timeout, check_window)
    report.write_student(folder, row, lesson, _html(folder / "executed.ipynb"))
    cache.write_text(json.dumps({"key": key, "row": row.to_dict()}))
    return row


def _cached(cache: Path, key: str) -> Row | None:
    """The row saved in ``cache`` under ``key``; None when it is another's or unreadable
    (written by an older grader)."""
    try:
        saved = json.loads(cache.read_text())
        if saved.get("key") != key:
            return None
        row = Row.from_dict(saved["row"])
    except (OSError, KeyError, TypeError, ValueError):
        return None
    row.cached = True
    return row


def _stop_vm(session: str) -> None:
    """Stop the VM a job's lesson started on the VM engine: it belongs to the job's own
    session, and left running, each graded notebook would leave a qemu behind."""
    machine = vm.VM(session)
    if machine.status().running or machine.run_dir.exists():
        machine.down()


def _grade(sub: submissions.Submission, lesson: Lesson, folder: Path, cell_timeout: int,
           timeout: int, check_window: float | None) -> Row:
    folder.mkdir(parents=True, exist_ok=True)
    try:
        nb = submissions.read(sub.path)
    except ValueError as exc:
        return Row(sub.student, GradeStatus.INVALID_NOTEBOOK, str(exc))
    if not submissions.check_cells(nb):
        return Row(sub.student, GradeStatus.NO_CHECK_CELLS)
    session = _session(sub.student)
    with tempfile.TemporaryDirectory(prefix="orquestra-grade-") as workdir:
        job = Job(
            student=sub.student, notebook=sub.path, lesson=lesson.number, lang=language(),
            check_ids=tuple(c.id for c in lesson.checks), cell_timeout=cell_timeout,
            check_window=check_window, workdir=Path(workdir),
            executed=folder / "executed.ipynb", result=Path(workdir) / "result.json",
        )
        job_file = Path(workdir) / "job.json"
        job.write(job_file)
        env = dict(os.environ, **{SESSION_ENV: session})
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
            return Row(sub.student, GradeStatus.NOTEBOOK_TIMEOUT, f"{timeout} s")
        finally:
            log.close()
            processes.end_session(session)  # the kernel too: it has a session of its own
            remove_all(session=session)
            _stop_vm(session)
        if proc.returncode != 0 or not job.result.is_file():
            tail = (folder / "grader.log").read_text(errors="replace").strip().splitlines()
            return Row(sub.student, GradeStatus.GRADER_ERROR,
                       tail[-1][:200] if tail else str(proc.returncode))
        return Row.read(job.result)


def grade(root: Path, *, lesson: str, out: Path, jobs: int = 1, cell_timeout: int = 120,
          timeout: int = 900, check_window: float | None = None, force: bool = False,
          progress: Progress | None = None) -> list[Row]:
    """Grade every submission of ``lesson`` under ``root``; write the reports in ``out``.

    ``jobs`` submissions at once (fewer when memory is short), ``cell_timeout`` and
    ``timeout`` seconds per cell and per notebook, ``check_window`` caps each check's
    wait; unchanged submissions keep their grade unless ``force``. Raises
    :class:`~autograder.registry.UnknownLesson` for a lesson without checks.
    """
    unit = registry.lesson(lesson)
    if not unit.checks:
        raise registry.UnknownLesson(f"lesson {unit.number} has no checks")
    subs = submissions.discover(root, unit.number)
    out.mkdir(parents=True, exist_ok=True)

    def one(sub: submissions.Submission) -> Row:
        row = grade_one(sub, lesson=unit, out=out, cell_timeout=cell_timeout,
                        timeout=timeout, check_window=check_window, force=force)
        if progress:
            progress(sub.student, row)
        return row

    with ThreadPoolExecutor(max_workers=memory_bound_jobs(jobs)) as pool:
        rows = list(pool.map(one, subs))
    report.write_gradebook(out / "gradebook.csv", rows, unit)
    return rows
