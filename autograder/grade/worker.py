"""Grade one submission in this process: cluster, kernel, checks. Run by batch.py.

``python -m autograder.grade.worker JOB.json`` reads the :class:`Job`, writes
its :class:`Row` where the job says. The batch runs it in its own process
group with its own ORQUESTRA_LAB_SESSION, so that a notebook that hangs can
be killed with its kernel, and its cluster found and removed by label.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError

from autograder import registry
from autograder.grade import submissions
from autograder.grade.job import GradeStatus, Job, Row
from autograder.i18n import LANG_ENV
from autograder.result import CheckResult, Status
from labs import Cluster
from labs.spec import GRADING_ENV


class GradingClient(NotebookClient):
    """Runs each check in the grader right after its cell; notes cell timeouts."""

    def __init__(self, nb: Any, job: Job, cluster: Cluster, **kw: Any) -> None:
        super().__init__(nb, **kw)
        self.job = job
        self.cluster = cluster
        self.results: dict[str, CheckResult] = {}
        self.timeouts: list[int] = []
        self.on_cell_executed = self._after_cell

    async def async_execute_cell(self, cell: Any, cell_index: int,
                                 execution_count: int | None = None,
                                 store_history: bool = True) -> Any:
        """Run the cell, except the lesson's cleanup cell: the grader removes the cluster
        itself, after checks whose cell is missing have run."""
        if submissions.is_cleanup(cell):
            return cell
        return await super().async_execute_cell(cell, cell_index, execution_count,
                                                 store_history)

    async def _async_handle_timeout(self, timeout: int, cell: Any = None) -> Any:
        self.timeouts.append(int(cell.get("execution_count") or -1) if cell else -1)
        return await super()._async_handle_timeout(timeout, cell)

    def _after_cell(self, cell: Any, cell_index: int, execute_reply: Any) -> None:
        meta = cell.get("metadata", {}).get(submissions.META_KEY) or {}
        check_id = meta.get("check") if isinstance(meta, dict) else None
        if isinstance(check_id, str) and check_id in self.job.check_ids:
            self.results[check_id] = run_check(check_id, self.cluster, self.job)


def _raised(nb: Any, name: str) -> bool:
    return any(output.get("ename") == name
               for cell in nb.cells for output in cell.get("outputs", []))


def run_check(check_id: str, cluster: Cluster, job: Job) -> CheckResult:
    """Check ``check_id`` on ``cluster`` with the job's window and language."""
    return registry.get(check_id).run(cluster, window=job.check_window, lang=job.lang)


def grade(job: Job) -> Row:
    """Grade the job's notebook on a fresh cluster of its lesson; the cluster is removed
    after, whatever happens."""
    started = time.monotonic()
    nb = submissions.read(job.notebook)
    cluster = registry.lesson(job.lesson).new_cluster()
    cluster.down()  # a fresh cluster, whatever this session had
    cluster.up()
    status, detail = GradeStatus.OK, ""
    client = GradingClient(
        nb, job, cluster, timeout=job.cell_timeout, kernel_name="python3",
        allow_errors=True, interrupt_on_timeout=True, record_timing=False,
        resources={"metadata": {"path": str(job.workdir)}},
    )
    try:
        try:
            client.execute()
        except DeadKernelError:
            status = GradeStatus.KERNEL_DIED
        except Exception as exc:  # nbclient's own failures: record, grade what we can
            status, detail = GradeStatus.EXECUTION_ERROR, type(exc).__name__
        if status is GradeStatus.OK and client.timeouts:
            status = GradeStatus.CELL_TIMEOUT
        if status is GradeStatus.OK and _raised(nb, "SystemExit"):
            status = GradeStatus.CALLED_SYS_EXIT  # IPython keeps the kernel; the rest ran
        # hidden checks, and checks whose cell was removed, run now
        for check_id in job.check_ids:
            if check_id not in client.results:
                client.results[check_id] = run_check(check_id, cluster, job)
        if status is GradeStatus.OK and not cluster.exists():
            status = GradeStatus.CLUSTER_DELETED
        if status is GradeStatus.OK and any(r.status is Status.ERROR
                                            for r in client.results.values()):
            status = GradeStatus.GRADER_ERROR
    finally:
        nbformat.write(nb, job.executed)
        cluster.down()
    return Row(job.student, status, detail, client.results,
               round(time.monotonic() - started, 1))


def main(argv: list[str]) -> int:
    """Grade the job in file ``argv[0]`` and write its row."""
    job = Job.read(Path(argv[0]))
    os.environ[GRADING_ENV] = "1"
    os.environ[LANG_ENV] = job.lang  # the kernel speaks the grader's language
    grade(job).write(job.result)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
