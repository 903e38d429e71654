"""What the batch hands a worker (:class:`Job`) and what comes back (:class:`Row`).

Both cross a process boundary as JSON files; this module is the only one that
writes or reads them, so the batch and the worker share typed objects and
never a dict read by key.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from autograder.result import CheckResult


@dataclass(frozen=True)
class Job:
    """One submission to grade, as the batch hands it to ``autograder.grade.worker``."""

    student: str
    """Whose notebook it is: names the row that comes back."""
    notebook: Path
    """The submitted notebook."""
    lesson: str
    """Two digits: '04'; the lesson's cluster and checks."""
    lang: str
    """Language of the check messages and of the kernel ('pt-BR', 'en')."""
    check_ids: tuple[str, ...]
    """Every check of the lesson, hidden ones included, in order."""
    cell_timeout: int
    """Seconds a cell may run before it is interrupted."""
    check_window: float | None
    """Cap on each check's convergence wait in seconds (None: each check's own)."""
    workdir: Path
    """The kernel's working folder (a temporary one)."""
    executed: Path
    """Where the executed notebook is written."""
    result: Path
    """Where the worker writes its :class:`Row`."""

    def write(self, path: Path) -> None:
        """Save the job as JSON at ``path`` (for :meth:`read`)."""
        path.write_text(json.dumps(asdict(self), default=str))  # paths as text

    @classmethod
    def read(cls, path: Path) -> Job:
        """The job :meth:`write` saved at ``path``."""
        data = json.loads(path.read_text())
        return cls(
            student=data["student"], notebook=Path(data["notebook"]), lesson=data["lesson"],
            lang=data["lang"], check_ids=tuple(data["check_ids"]),
            cell_timeout=int(data["cell_timeout"]), check_window=data["check_window"],
            workdir=Path(data["workdir"]), executed=Path(data["executed"]),
            result=Path(data["result"]),
        )


class GradeStatus(StrEnum):
    """Whether a submission was graded to the end, or why it was cut short. The value is
    what the gradebook's status column and the feedback page show (with the detail)."""

    OK = "ok"
    INVALID_NOTEBOOK = "invalid notebook"
    NO_CHECK_CELLS = "no check cells"
    NOTEBOOK_TIMEOUT = "notebook timeout"
    CELL_TIMEOUT = "cell timeout"
    KERNEL_DIED = "kernel died"
    CALLED_SYS_EXIT = "called sys.exit"
    """IPython keeps the kernel: the cells after it still ran."""
    CLUSTER_DELETED = "cluster deleted"
    GRADER_ERROR = "grader error"
    """The worker failed, or a check broke: not the student's doing."""
    EXECUTION_ERROR = "execution error"
    """nbclient itself failed while running the notebook."""

    def describe(self, detail: str = "") -> str:
        """The status with its detail: 'notebook timeout (25 s)', 'grader error: boom'."""
        if not detail:
            return str(self)
        if self in (GradeStatus.GRADER_ERROR, GradeStatus.EXECUTION_ERROR):
            return f"{self}: {detail}"
        return f"{self} ({detail})"


@dataclass
class Row:
    """One student's grade."""

    student: str
    """The student's name, from the submission's file or folder."""
    status: GradeStatus
    """OK, or why grading was cut short."""
    detail: str = ""
    """Free text about the status: the exception, the timeout ('25 s'), a log line."""
    results: dict[str, CheckResult] = field(default_factory=dict)
    """Check id -> its result; a check that never ran is missing."""
    seconds: float = 0.0
    """How long grading took, cluster included."""
    cached: bool = False
    """Whether the row was reused from an earlier run (nothing changed)."""

    @property
    def status_text(self) -> str:
        """The status as the gradebook and the feedback page show it."""
        return self.status.describe(self.detail)

    def points(self, check_id: str) -> float:
        """Points earned in ``check_id`` (0 when it never ran)."""
        found = self.results.get(check_id)
        return float(found.points) if found else 0.0

    def total(self) -> float:
        """Points earned over every check that ran."""
        return round(sum(self.points(c) for c in self.results), 2)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data; :meth:`from_dict` gives the same row back."""
        return {"student": self.student, "status": str(self.status), "detail": self.detail,
                "results": {k: r.to_dict() for k, r in self.results.items()},
                "seconds": self.seconds, "cached": self.cached}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Row:
        """The row :meth:`to_dict` wrote; raises KeyError, TypeError or ValueError on
        anything else."""
        return cls(student=data["student"], status=GradeStatus(data["status"]),
                   detail=str(data.get("detail", "")),
                   results={k: CheckResult.from_dict(r)
                            for k, r in data.get("results", {}).items()},
                   seconds=float(data.get("seconds", 0.0)),
                   cached=bool(data.get("cached", False)))

    def write(self, path: Path) -> None:
        """Save the row as JSON at ``path`` (for :meth:`read`)."""
        path.write_text(json.dumps(self.to_dict()))

    @classmethod
    def read(cls, path: Path) -> Row:
        """The row :meth:`write` saved at ``path``."""
        return cls.from_dict(json.loads(path.read_text()))
