"""The checks of every lesson, one module per lesson (lesson03.py, lesson04.py...)."""

from __future__ import annotations

import hashlib
import importlib
import inspect
import pkgutil
from types import ModuleType

from autograder.check import Check


def _modules() -> list[ModuleType]:
    return [importlib.import_module(f"{__name__}.{m.name}")
            for m in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name)
            if m.name.startswith("lesson")]


def lesson_messages() -> dict[str, dict[str, dict[str, str]]]:
    """Each lesson's own texts (``MESSAGES`` in its module), by lesson number."""
    return {module.__name__[-2:]: dict(getattr(module, "MESSAGES", {})) for module in _modules()}


def all_checks() -> dict[str, Check]:
    """Every check by id, in lesson order."""
    found: dict[str, Check] = {}
    for module in _modules():
        for check in module.CHECKS:
            found[check.id] = check
    return found


def lesson_checks(lesson: str) -> list[Check]:
    """The checks of lesson ``lesson`` ('04' or '4')."""
    lesson = lesson.zfill(2)
    return [c for c in all_checks().values() if c.lesson == lesson]


def get(check_id: str) -> Check:
    checks = all_checks()
    if check_id not in checks:
        raise KeyError(check_id)
    return checks[check_id]


def cluster_shape(lesson: str) -> dict[str, object]:
    """Keyword arguments of ``labs.Cluster`` for the lesson's cluster."""
    module = importlib.import_module(f"{__name__}.lesson{lesson.zfill(2)}")
    return dict(module.CLUSTER)


def fingerprint(lesson: str) -> str:
    """Hash of the lesson's checks, texts and solutions, and of the code that runs them:
    a change re-grades every submission of that lesson, and only of that lesson."""
    module = importlib.import_module(f"{__name__}.lesson{lesson.zfill(2)}")
    solution = importlib.import_module(f"autograder.solutions.lesson{lesson.zfill(2)}")
    from autograder import catalogue, check, i18n

    digest = hashlib.sha256()
    for source in (module, solution, check, catalogue, i18n):
        digest.update(inspect.getsource(source).encode())
    return digest.hexdigest()[:16]
