"""The learner's language: chosen, from the environment, from the notebook's folder.

(Every table of texts is held to both languages by ``tests/test_texts.py``.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from labs import language
from labs.timing import docker_time


def test_language_comes_from_choice_then_environment_then_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language, "_chosen", [])
    monkeypatch.delenv(language.LANG_ENV, raising=False)
    english = tmp_path / "lessons" / "en"
    english.mkdir(parents=True)
    monkeypatch.chdir(english)
    assert language.current() == "en"
    monkeypatch.chdir(tmp_path)
    assert language.current() == "pt-BR"
    monkeypatch.setenv(language.LANG_ENV, "en")
    assert language.current() == "en" and language.resolve("pt-BR") == "pt-BR"
    language.set_language("pt-BR")
    assert language.current() == "pt-BR"
    with pytest.raises(ValueError, match="choose one of"):
        language.set_language("fr")


def test_folder_language_is_the_nearest_one() -> None:
    assert language.from_path(Path("/x/en/course/pt-BR/lesson")) == "pt-BR"
    assert language.from_path(Path("/x/y")) is None


def test_docker_timestamps() -> None:
    assert docker_time("0001-01-01T00:00:00Z") is None and docker_time("") is None
    nanos = docker_time("2026-11-23T14:35:59.832902943Z")
    assert nanos == pytest.approx(docker_time("2026-11-23T14:35:59Z") + 0.832903, abs=1e-6)
    assert docker_time("2026-11-23T16:35:59.5+02:00") == docker_time("2026-11-23T14:35:59.5Z")


def test_numbers_get_the_decimal_mark_of_the_language() -> None:
    assert language.number(1250.5, "pt-BR", ",.1f") == "1.250,5"
    assert language.number(1250.5, "en", ",.1f") == "1,250.5"
    assert language.marks("2.5", "pt-BR") == "2,5" and language.marks("2.5", "en") == "2.5"
    assert f"{language.LocalNumber(4.25, 'pt-BR'):.2f} s" == "4,25 s"
