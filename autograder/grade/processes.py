"""The processes of one grading job, found by the lab session they inherited.

The batch kills a job's worker by its process group, but the notebook's kernel is not
in that group: jupyter_client starts every kernel in a session of its own (so that an
interrupt reaches the kernel's children). Killed with the worker alone, a kernel that
ran out of time would go on running the student's cells, acting on a cluster the batch
has just removed. Every process of a job carries the job's ``ORQUESTRA_LAB_SESSION``
in its environment (the worker, the kernel, what the kernel started), so that is how
they are found.
"""

from __future__ import annotations

import os
from pathlib import Path

from labs.spec import SESSION_ENV
from labs.vmprocess import kill


def of_session(session: str) -> list[int]:
    """Pids of this user's processes started with ``ORQUESTRA_LAB_SESSION=session``
    (this process aside)."""
    needle = f"{SESSION_ENV}={session}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:  # gone, or another user's
            continue
        if needle in environ.split(b"\0"):
            found.append(int(entry.name))
    return found


def end_session(session: str) -> list[int]:
    """Stop every process of ``session`` (SIGTERM, then SIGKILL); the pids found."""
    pids = of_session(session)
    kill(pids, grace=2.0)
    return pids
