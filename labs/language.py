"""The learner's language, shared by the lab's widgets and the autograder's messages.

Lessons exist in pt-BR and en with identical code, so the code cannot name
its language. It is found, in order: ``set_language()`` in this kernel, the
``ORQUESTRA_LANG`` environment variable, the notebook's folder (the kernel
runs in ``lessons/pt-BR`` or ``lessons/en``), and finally pt-BR, the
course's first language.
"""

from __future__ import annotations

import os
from pathlib import Path

LANGUAGES = ("pt-BR", "en")
DEFAULT = "pt-BR"
LANG_ENV = "ORQUESTRA_LANG"
_chosen: list[str] = []


def set_language(language: str) -> None:
    """Use ``language`` ('pt-BR' or 'en') from now on in this process."""
    if language not in LANGUAGES:
        raise ValueError(f"language {language!r} is not available; choose one of {LANGUAGES}")
    _chosen[:] = [language]


def from_path(path: Path) -> str | None:
    """The language a folder belongs to (its nearest part named 'pt-BR' or 'en')."""
    for part in reversed(path.parts):
        if part in LANGUAGES:
            return part
    return None


def current() -> str:
    """The language to speak now (see the module's docstring for the order)."""
    if _chosen:
        return _chosen[0]
    value = os.environ.get(LANG_ENV)
    if value in LANGUAGES:
        return value
    try:
        found = from_path(Path.cwd())
    except OSError:  # the working folder was removed
        found = None
    return found or DEFAULT


def resolve(language: str | None) -> str:
    """``language`` when given, else :func:`current`."""
    return language or current()


def number(value: float, language: str | None = None, spec: str = "") -> str:
    """``value`` formatted with ``spec`` (as in ``format()``), with the decimal mark of
    ``language``: Brazilian readers expect 4,6 s and 1.250 ms, not 4.6 s and 1,250 ms.

    The one place where numbers shown to learners get their decimal mark.
    """
    return marks(format(value, spec), language)


def marks(text: str, language: str | None = None) -> str:
    """A number already written the English way (``1,250.5``) with the decimal and
    thousands marks of ``language`` (``1.250,5`` in pt-BR); for formatters that
    write the number themselves, such as matplotlib's tick labels."""
    if resolve(language) == "pt-BR":
        text = text.translate(str.maketrans(",.", ".,"))
    return text


class LocalNumber(float):
    """A float that formats itself with :func:`number` in a given language, so that
    message templates such as ``"{seconds:.1f} s"`` need no language of their own."""

    language: str

    def __new__(cls, value: float, language: str) -> LocalNumber:
        made = super().__new__(cls, value)
        made.language = language
        return made

    def __format__(self, spec: str) -> str:
        return number(float(self), self.language, spec)

    def __str__(self) -> str:
        return self.__format__("")
