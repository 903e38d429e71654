"""Language selection and the message lookup.

Every text a student or instructor reads comes by message id, in pt-BR
(default) or en, chosen as :mod:`labs.language` says: ``set_language("en")``,
``ORQUESTRA_LANG``, or the notebook's folder. The grader's own texts live in
``catalogue.py``; each lesson keeps its texts beside its checks, as
``MESSAGES`` in ``autograder/checks/lessonNN.py``, so a lesson is edited in
one place. Numbers passed to a message get the language's decimal mark.
"""

from __future__ import annotations

import functools
from typing import Any

from autograder.catalogue import MESSAGES
from labs.language import LANG_ENV, LANGUAGES, LocalNumber, set_language
from labs.language import current as language

__all__ = ["LANGUAGES", "LANG_ENV", "language", "messages", "set_language", "text"]

Messages = dict[str, dict[str, str]]


@functools.cache
def messages() -> Messages:
    """Every message: the grader's own, then each lesson's (ids never collide)."""
    from autograder import checks  # the lessons import this module: look them up late

    found: Messages = dict(MESSAGES)
    for lesson_messages in checks.lesson_messages().values():
        clash = sorted(found.keys() & lesson_messages.keys())
        if clash:
            raise ValueError(f"message ids defined twice: {', '.join(clash)}")
        found.update(lesson_messages)
    return found


def text(message_id: str, lang: str | None = None, **params: Any) -> str:
    """The message ``message_id`` in the chosen language, formatted with ``params``."""
    lang = lang or language()
    local = {k: LocalNumber(v, lang) if isinstance(v, float) else v for k, v in params.items()}
    return messages()[message_id][lang].format(**local)
