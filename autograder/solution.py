"""Running a reference solution, as a notebook kernel would.

Each lesson keeps its solutions with its checks, out of student notebooks
(``autograder/lessons/lessonNN/solutions.py``), written the way the lesson
teaches it: one or more notebook cells, each Python or a ``%%docker NODE``
cell (``SOLUTIONS[id]`` is a cell's text, or a tuple of them). The same cells
are inserted into solved notebooks for the batch-grading tests (a real kernel
runs them) and run by :func:`apply` for the live-check tests: Python with
``exec`` in a namespace holding the lesson's ``cluster``, ``%%docker`` cells
through :func:`labs.magics.run`, with ``$name`` taken from that namespace as
the notebook would.
"""

from __future__ import annotations

import shlex
from typing import Any

from autograder import registry
from labs import Cluster, magics
from labs.errors import LabError

DOCKER_MAGIC = "%%docker"


def cells(check_id: str) -> list[str]:
    """The solution cells of check ``check_id``, in order."""
    return registry.lesson(check_id.split(".")[0]).solution_cells(check_id)


def source(check_id: str) -> str:
    """The solution of check ``check_id`` as one text (cells separated by a blank line)."""
    return "\n".join(cells(check_id))


def apply(check_id: str, cluster: Cluster, namespace: dict[str, Any] | None = None) -> None:
    """Run the solution of ``check_id`` against ``cluster``, cell by cell.

    ``namespace`` carries variables between the solutions of one lesson, as a kernel
    would; raises :class:`LabError` when a ``%%docker`` command fails.
    """
    run_cells(f"solution {check_id}", cells(check_id), cluster, namespace)


def apply_setup(check_id: str, cluster: Cluster,
                namespace: dict[str, Any] | None = None) -> None:
    """Run the lesson's own cells that set up exercise ``check_id`` (its scenario), if any."""
    lesson = registry.lesson(check_id.split(".")[0])
    run_cells(f"setup {check_id}", lesson.setup_cells(check_id), cluster, namespace)


def run_cells(label: str, texts: list[str], cluster: Cluster,
              namespace: dict[str, Any] | None = None) -> None:
    """Run notebook cells' ``texts`` against ``cluster`` as a kernel would."""
    names = namespace if namespace is not None else {}
    names.setdefault("cluster", cluster)
    for index, cell in enumerate(texts):
        if cell.startswith(DOCKER_MAGIC):
            head, _, body = cell.partition("\n")
            words = shlex.split(head[len(DOCKER_MAGIC):])
            if not words:
                raise LabError(f"{label}, cell {index + 1}: say which node, "
                               "e.g. %%docker manager1")
            node = words[0]
            magics.run(node, body, cluster=cluster.name, namespace=names)  # raises on failure
        else:
            exec(compile(cell, f"<{label} cell {index + 1}>", "exec"), names)
