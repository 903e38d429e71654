"""Reference solutions, kept with the autograder and out of student notebooks.

Each solution is the source of a notebook cell that does the exercise through
the lesson's ``cluster`` variable, so the same text is run by the tests
(``apply``) and inserted into solved notebooks for batch-grading tests.
"""

from __future__ import annotations

import importlib
import textwrap
from typing import Any

from labs import Cluster


def source(check_id: str) -> str:
    """The solution cell of check ``check_id``."""
    lesson = check_id.split(".")[0]
    module = importlib.import_module(f"{__name__}.lesson{lesson}")
    return textwrap.dedent(module.SOLUTIONS[check_id]).strip() + "\n"


def apply(check_id: str, cluster: Cluster) -> None:
    """Run the solution of ``check_id`` against ``cluster``."""
    namespace: dict[str, Any] = {"cluster": cluster}
    exec(compile(source(check_id), f"<solution {check_id}>", "exec"), namespace)
