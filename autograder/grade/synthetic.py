"""Notebooks made from a lesson's checks: for tests, benchmarks and solution runs.

``notebook("04", solved=True)`` is a minimal lesson notebook: the cell that
creates the lesson's cluster, then for every visible check its reference
solution (when solved) and its check cell.
"""

from __future__ import annotations

import copy
from typing import Any

import nbformat
from nbformat import v4

from autograder import registry, solution
from autograder.grade.submissions import META_KEY, check_cells


def setup_source(lesson: str) -> str:
    return registry.lesson(lesson).setup_source()


def check_cell(check_id: str) -> Any:
    cell = v4.new_code_cell(f"check({check_id!r})")
    cell.metadata[META_KEY] = {"check": check_id}
    return cell


def notebook(lesson: str, *, solved: bool, extra: dict[str, str] | None = None) -> Any:
    """A lesson notebook; ``extra`` maps a check id to a cell inserted before its check."""
    nb = v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells.append(v4.new_code_cell(setup_source(lesson)))
    for check in registry.lesson_checks(lesson):
        if check.hidden:
            continue
        if solved:
            nb.cells.extend(v4.new_code_cell(cell) for cell in solution.cells(check.id))
        if extra and check.id in extra:
            nb.cells.append(v4.new_code_cell(extra[check.id]))
        nb.cells.append(check_cell(check.id))
    nbformat.validate(nb)
    return nb


def solved(nb: Any) -> Any:
    """A copy of lesson notebook ``nb`` with each check's reference solution in a new
    cell right before its check cell (the learner's own cells are kept)."""
    out = copy.deepcopy(nb)
    checks_at = dict(check_cells(out))
    cells: list[Any] = []
    for index, cell in enumerate(out.cells):
        if index in checks_at:
            cells.extend(v4.new_code_cell(cell) for cell in solution.cells(checks_at[index]))
        cells.append(cell)
    out.cells = cells
    return out
