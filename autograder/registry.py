"""Every lesson the grader knows, found as packages ``autograder/lessons/lessonNN/``.

Each package exports ``LESSON`` (:class:`~autograder.lesson.Lesson`). Nothing
is listed by hand: a new package is a new lesson.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import pkgutil
from pathlib import Path

from autograder import lessons as packages
from autograder.check import Check
from autograder.lesson import Lesson


class UnknownLesson(KeyError):
    """No lesson of that number has checks."""

    def __str__(self) -> str:
        return str(self.args[0])


@functools.cache
def lessons() -> dict[str, Lesson]:
    """Every lesson by number ('00', '01'...), in order."""
    found: dict[str, Lesson] = {}
    for info in sorted(pkgutil.iter_modules(packages.__path__), key=lambda m: m.name):
        if info.name.startswith("lesson"):
            module = importlib.import_module(f"{packages.__name__}.{info.name}")
            lesson: Lesson = module.LESSON
            found[lesson.number] = lesson
    return found


def lesson(number: str) -> Lesson:
    """The lesson ``number`` ('04' or '4'); :class:`UnknownLesson` says which exist."""
    found = lessons().get(str(number).zfill(2))
    if found is None:
        raise UnknownLesson(f"lesson {number} has no checks; lessons with checks: "
                            + ", ".join(lessons()))
    return found


def all_checks() -> dict[str, Check]:
    """Every check by id, in lesson order."""
    return {check.id: check for unit in lessons().values() for check in unit.checks}


def lesson_checks(number: str) -> list[Check]:
    """The checks of lesson ``number``, or [] when it has none."""
    found = lessons().get(str(number).zfill(2))
    return list(found.checks) if found else []


def get(check_id: str) -> Check:
    """The check ``check_id`` ('04.2'); KeyError when there is none."""
    return all_checks()[check_id]


_SHARED = ("autograder/check.py", "autograder/result.py", "autograder/i18n.py",
           "autograder/catalogue.py", "labs/i18n.py", "labs/language.py", "labs/status.py",
           "labs/placement.py", "labs/timing.py")
"""What every lesson's checks run on: a change here re-grades every lesson."""


def fingerprint(number: str) -> str:
    """Hash of the lesson's package (checks, texts, solutions) and of the code its checks
    run on: a change re-grades that lesson's submissions, and a change of one lesson
    re-grades no other."""
    unit = lesson(number)
    root = Path(__file__).resolve().parent.parent
    package = Path(packages.__file__).resolve().parent / f"lesson{unit.number}"
    files = sorted(package.glob("*.py")) + [root / name for name in _SHARED]
    digest = hashlib.sha256()
    for path in files:
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
