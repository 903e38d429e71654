"""Checks are complete in both languages; the grader speaks the language chosen.

(That every message has both languages and the same placeholders is
``tests/test_texts.py``, for every catalogue of the project.)
"""

from __future__ import annotations

import pytest

from autograder import registry, solution
from autograder.i18n import LANGUAGES, messages, set_language, text


def test_the_grader_finds_its_own_texts_and_every_lessons() -> None:
    registry.lessons()  # each lesson's texts join when the lesson is made
    found = messages()
    assert "status.passed" in found
    for check in registry.all_checks().values():
        assert f"{check.id}.title" in found, check.id


@pytest.mark.parametrize("check_id", sorted(registry.all_checks()))
def test_every_check_has_title_hints_solution_and_points(check_id: str) -> None:
    check = registry.get(check_id)
    for lang in LANGUAGES:
        assert check.title(lang)
        for hint in check.hints:
            assert text(hint, lang)
    assert solution.source(check_id).strip()
    assert check.points > 0 and check.window > 0
    assert check.cluster == registry.lesson(check.lesson).cluster


def test_language_is_chosen_once_for_every_message() -> None:
    try:
        set_language("en")
        assert text("status.passed") == "passed"
        set_language("pt-BR")
        assert text("status.passed") == "correto"
        with pytest.raises(ValueError, match="pt-BR"):
            set_language("fr")
    finally:
        set_language("pt-BR")
