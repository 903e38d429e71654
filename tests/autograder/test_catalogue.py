"""Every message exists in both languages with the same placeholders; checks are complete."""

from __future__ import annotations

import string

import pytest

from autograder import registry, solution
from autograder.i18n import LANGUAGES, messages, set_language, text


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("message_id", sorted(messages()))
def test_message_has_both_languages_with_the_same_placeholders(message_id: str) -> None:
    entry = messages()[message_id]
    assert set(entry) == set(LANGUAGES)
    assert placeholders(entry["pt-BR"]) == placeholders(entry["en"])
    assert entry["pt-BR"] != "" and entry["en"] != ""


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
