"""Language selection and the message catalogue lookup.

Every text a student or instructor reads comes from ``catalogue.py`` by
message id, in pt-BR (default) or en. Choose with ``set_language("en")`` or
the ``ORQUESTRA_LANG`` environment variable.
"""

from __future__ import annotations

import os
from typing import Any

from autograder.catalogue import MESSAGES

LANGUAGES = ("pt-BR", "en")
LANG_ENV = "ORQUESTRA_LANG"
_chosen: str | None = None


def set_language(language: str) -> None:
    """Use ``language`` ('pt-BR' or 'en') for messages from now on."""
    global _chosen
    if language not in LANGUAGES:
        raise ValueError(f"language {language!r} is not available; choose one of {LANGUAGES}")
    _chosen = language


def language() -> str:
    if _chosen:
        return _chosen
    value = os.environ.get(LANG_ENV, "pt-BR")
    return value if value in LANGUAGES else "pt-BR"


def text(message_id: str, lang: str | None = None, **params: Any) -> str:
    """The message ``message_id`` in the chosen language, formatted with ``params``."""
    entry = MESSAGES[message_id]
    return entry[lang or language()].format(**params)
