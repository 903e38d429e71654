"""Lesson: one unit of the course as the grader knows it.

A lesson package (``autograder/lessons/lessonNN/``) holds its cluster's name
and shape, its checks, their texts in both languages and the reference
solutions, and exports them as one :class:`Lesson` named ``LESSON``.
:mod:`autograder.registry` collects them; adding lesson 05 means adding its
package and its notebooks.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field

from autograder.check import Check
from autograder.i18n import lesson_catalogue
from labs import Cluster
from labs.spec import Shape

Solution = str | tuple[str, ...]
"""A check's reference solution: one notebook cell's text, or several cells in order.
A cell is Python or a ``%%docker NODE`` cell, written the way the lesson teaches."""


@dataclass(frozen=True)
class Lesson:
    """Everything the grader knows of one lesson."""

    number: str
    """Two digits: '04'."""
    cluster: str
    """The name of the lesson's cluster, as its first cell creates it ('lesson-04')."""
    shape: Shape
    """Managers, workers, and whether the swarm is left for the student to form."""
    checks: tuple[Check, ...]
    """In the lesson's order; hidden ones run in batch grading only."""
    messages: Mapping[str, Mapping[str, str]]
    """Message id -> {"pt-BR": ..., "en": ...}: titles, parts, mistakes, hints."""
    solutions: Mapping[str, Solution]
    """Check id -> its reference solution."""
    needs: tuple[str, ...] = ()
    """Kernel features the cluster needs ("ipvs", "esp"): where the host lacks one, the
    cluster runs on the VM engine (the notebook says so in its first cell and metadata)."""
    setups: Mapping[str, Solution] = field(default_factory=dict)
    """Check id -> cells the lesson itself runs before that exercise (its scenario, e.g.
    lesson 08 destroying two managers), copied verbatim from the notebook (a test holds
    them equal). The live-check tests run them before judging the check."""

    def __post_init__(self) -> None:
        lesson_catalogue(self.number, self.messages)  # its texts join the grader's

    @property
    def visible(self) -> list[Check]:
        """The checks that have a cell in the notebook."""
        return [c for c in self.checks if not c.hidden]

    @property
    def max_points(self) -> float:
        """The most a submission can earn: every check's points."""
        return sum(c.points for c in self.checks)

    def check(self, check_id: str) -> Check:
        """The check ``check_id`` of this lesson; KeyError when it has none."""
        for found in self.checks:
            if found.id == check_id:
                return found
        raise KeyError(check_id)

    def solution_cells(self, check_id: str) -> list[str]:
        """The solution of ``check_id`` as notebook cells' texts, in order."""
        return _cells(self.solutions[check_id])

    def setup_cells(self, check_id: str) -> list[str]:
        """The lesson's own cells that set up exercise ``check_id`` (none for most)."""
        return _cells(self.setups.get(check_id, ()))

    def new_cluster(self) -> Cluster:
        """The lesson's cluster, not yet up: ``with lesson.new_cluster() as cluster: ...``."""
        return Cluster(self.cluster, self.shape.managers, self.shape.workers,
                       bare=self.shape.bare, needs=self.needs)

    def setup_source(self) -> str:
        """The text of the cell that creates the cluster, as a lesson's first cell does."""
        bare = ", bare=True" if self.shape.bare else ""
        needs = f", needs={list(self.needs)!r}" if self.needs else ""
        return ("%load_ext labs\nfrom labs import Cluster\nfrom autograder import check\n"
                f"cluster = Cluster({self.cluster!r}, managers={self.shape.managers}, "
                f"workers={self.shape.workers}{bare}{needs}).up()")


def _cells(found: Solution) -> list[str]:
    texts = (found,) if isinstance(found, str) else tuple(found)
    return [textwrap.dedent(cell).strip() + "\n" for cell in texts]
