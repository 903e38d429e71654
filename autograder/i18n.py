"""Language selection and the message catalogue lookup.

Every text a student or instructor reads comes from ``catalogue.py`` by
message id, in pt-BR (default) or en, chosen as :mod:`labs.language` says:
``set_language("en")``, ``ORQUESTRA_LANG``, or the notebook's folder.
"""

from __future__ import annotations

from typing import Any

from autograder.catalogue import MESSAGES
from labs.language import LANG_ENV, LANGUAGES, set_language
from labs.language import current as language

__all__ = ["LANGUAGES", "LANG_ENV", "language", "set_language", "text"]


def text(message_id: str, lang: str | None = None, **params: Any) -> str:
    """The message ``message_id`` in the chosen language, formatted with ``params``."""
    entry = MESSAGES[message_id]
    return entry[lang or language()].format(**params)
