"""Language selection and the message lookup of the grader.

Every text a student or instructor reads comes by message id, in pt-BR
(default) or en, chosen as :mod:`labs.language` says: ``set_language("en")``,
``ORQUESTRA_LANG``, or the notebook's folder. The grader's own texts live in
``catalogue.py``; each lesson keeps its texts beside its checks, in
``autograder/lessons/lessonNN/messages.py``, so a lesson is edited in one
place. All are :class:`labs.i18n.Catalogue` tables (the one translation
mechanism of the project): numbers passed to a message get the language's
decimal mark.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from autograder.catalogue import GROUP, MESSAGES
from labs.i18n import Catalogue, catalogues
from labs.language import LANG_ENV, LANGUAGES, set_language
from labs.language import current as language

__all__ = ["LANGUAGES", "LANG_ENV", "language", "lesson_catalogue", "messages",
           "set_language", "text"]

Messages = dict[str, dict[str, str]]


LESSONS = "autograder.lessons."
"""Lesson catalogues are named after their package: ``autograder.lessons.lessonNN``."""


def lesson_catalogue(number: str, messages: Mapping[str, Mapping[str, str]]) -> Catalogue:
    """A lesson's ``MESSAGES`` ({id: {"pt-BR": ..., "en": ...}}) as a registered
    catalogue of the grader, named after the lesson's package."""
    return Catalogue(f"{LESSONS}lesson{number}", messages, group=GROUP)


def _lessons() -> list[Catalogue]:
    """Each lesson's catalogue registered so far (a :class:`~autograder.lesson.Lesson`
    registers its own when made; :func:`autograder.registry.lessons` makes them all)."""
    return sorted((c for c in catalogues(GROUP) if c.name.startswith(LESSONS)),
                  key=lambda c: c.name)


def _joined() -> Catalogue:
    """The grader's texts and every known lesson's as one table (ids never collide)."""
    return _join(tuple(_lessons()))


@functools.cache
def _join(lessons: tuple[Catalogue, ...]) -> Catalogue:
    found: Messages = dict(MESSAGES.texts)
    for catalogue in lessons:
        clash = sorted(found.keys() & catalogue.texts.keys())
        if clash:
            raise ValueError(f"message ids defined twice: {', '.join(clash)}")
        found.update(catalogue.texts)
    return Catalogue(GROUP, found, group=GROUP, register=False)


def messages() -> Messages:
    """Every message: the grader's own, then each lesson's (of the lessons made so far)."""
    return _joined().texts


def text(message_id: str, lang: str | None = None, **params: Any) -> str:
    """The message ``message_id`` in ``lang`` (default: the learner's language),
    formatted with ``params``. Raises KeyError for an unknown id."""
    return _joined().text(message_id, lang, **params)
