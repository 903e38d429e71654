"""Finding submissions and reading their check cells.

SUBMISSIONS may hold, for lesson NN:
- ``<student>/<NN>*.ipynb`` (a folder per student, e.g. ``ana/04-services.ipynb``), or
- ``<student>.ipynb`` (one file per student at the top).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

META_KEY = "orquestra"


@dataclass(frozen=True)
class Submission:
    """One student's notebook for the lesson being graded."""

    student: str
    """The file's stem or the folder's name: 'ana'."""
    path: Path
    """The notebook."""

    def digest(self) -> str:
        """Hash of the notebook's bytes: a changed file is graded again."""
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


def discover(root: Path, lesson: str) -> list[Submission]:
    """Every submission under ``root`` for ``lesson``, sorted by student."""
    lesson = lesson.zfill(2)
    if not root.is_dir():
        raise FileNotFoundError(f"{root} is not a folder of submissions")
    found: dict[str, Path] = {}
    for path in sorted(root.iterdir()):
        if path.is_file() and path.suffix == ".ipynb":
            found[path.stem] = path
        elif path.is_dir() and not path.name.startswith("."):
            matches = sorted(p for p in path.glob("*.ipynb") if p.name.startswith(lesson))
            if matches:
                found[path.name] = matches[0]
    return [Submission(student, path) for student, path in sorted(found.items())]


def check_cells(nb: Any) -> list[tuple[int, str]]:
    """(cell index, check id) of every cell marked ``metadata.orquestra.check``."""
    cells = []
    for index, cell in enumerate(nb.cells):
        meta = cell.get("metadata", {}).get(META_KEY) or {}
        if isinstance(meta, dict) and isinstance(meta.get("check"), str):
            cells.append((index, meta["check"]))
    return cells


def is_cleanup(cell: Any) -> bool:
    """Whether ``cell`` is a lesson's cleanup cell (``metadata.orquestra.cleanup``),
    which removes the cluster: the grader skips it and cleans up itself."""
    meta = cell.get("metadata", {}).get(META_KEY) or {}
    return isinstance(meta, dict) and meta.get("cleanup") is True


def read(path: Path) -> Any:
    """The notebook at ``path``; raises ValueError when it is not a valid notebook."""
    try:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
    except (json.JSONDecodeError, nbformat.ValidationError, UnicodeDecodeError,
            KeyError, AttributeError) as exc:
        raise ValueError(f"not a valid notebook: {str(exc).splitlines()[0][:200]}") from exc
    except Exception as exc:  # nbformat raises its own NotJSONError
        raise ValueError(f"not a valid notebook: {str(exc).splitlines()[0][:200]}") from exc
    return nb
