"""Grade one submission in this process: cluster, kernel, checks. Run by batch.py.

``python -m autograder.grade.worker JOB.json`` reads the job, writes
``RESULT.json`` beside the outputs. The batch runs it in its own process
group with its own ORQUESTRA_LAB_SESSION, so that a notebook that hangs can
be killed with its kernel, and its cluster found and removed by label.
"""

from __future__ import annotations

import json
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
from autograder.i18n import LANG_ENV
from autograder.result import CheckResult
from labs import Cluster

GRADING_ENV = "ORQUESTRA_GRADING"


class GradingClient(NotebookClient):
    """Runs each check in the grader right after its cell; notes cell timeouts."""

    def __init__(self, nb: Any, job: dict[str, Any], cluster: Cluster, **kw: Any) -> None:
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
        if isinstance(check_id, str) and check_id in self.job["check_ids"]:
            self.results[check_id] = run_check(check_id, self.cluster, self.job)


def _raised(nb: Any, name: str) -> bool:
    return any(output.get("ename") == name
               for cell in nb.cells for output in cell.get("outputs", []))


def run_check(check_id: str, cluster: Cluster, job: dict[str, Any]) -> CheckResult:
    return registry.get(check_id).run(cluster, window=job.get("check_window"), lang=job["lang"])


def grade(job: dict[str, Any]) -> dict[str, Any]:
    """Grade the job's notebook; return the row (status, results, notes)."""
    started = time.monotonic()
    nb = submissions.read(Path(job["notebook"]))
    cluster = registry.lesson(job["lesson"]).new_cluster()
    cluster.down()  # a fresh cluster, whatever this session had
    cluster.up()
    status = "ok"
    client = GradingClient(
        nb, job, cluster, timeout=job["cell_timeout"], kernel_name="python3",
        allow_errors=True, interrupt_on_timeout=True, record_timing=False,
        resources={"metadata": {"path": job["workdir"]}},
    )
    try:
        try:
            client.execute()
        except DeadKernelError:
            status = "kernel died"
        except Exception as exc:  # nbclient's own failures: record, grade what we can
            status = f"execution error: {type(exc).__name__}"
        if status == "ok" and client.timeouts:
            status = "cell timeout"
        if status == "ok" and _raised(nb, "SystemExit"):
            status = "called sys.exit"  # IPython keeps the kernel; the rest still ran
        # hidden checks, and checks whose cell was removed, run now
        for check_id in job["check_ids"]:
            if check_id not in client.results:
                client.results[check_id] = run_check(check_id, cluster, job)
        if not cluster.exists():
            status = "cluster deleted" if status == "ok" else status
        if status == "ok" and any(r.status == "error" for r in client.results.values()):
            status = "grader error"
    finally:
        nbformat.write(nb, job["executed"])
        cluster.down()
    return {
        "status": status,
        "results": {k: v.to_dict() for k, v in client.results.items()},
        "seconds": round(time.monotonic() - started, 1),
    }


def main(argv: list[str]) -> int:
    job = json.loads(Path(argv[0]).read_text())
    os.environ[GRADING_ENV] = "1"
    os.environ[LANG_ENV] = job["lang"]  # the kernel speaks the grader's language
    row = grade(job)
    Path(job["result"]).write_text(json.dumps(row))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
