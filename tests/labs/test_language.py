"""The learner's language: chosen, from the environment, from the notebook's folder."""

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


def _tables() -> dict[str, dict[str, dict[str, str]]]:
    from importlib import import_module

    from labs import doctor, progress, system

    # labs.widgets exports functions named like some of its modules: ask for the modules
    diagram, live, plots, quorum = (import_module(f"labs.widgets.{name}")
                                    for name in ("diagram", "live", "plots", "quorum"))
    return {"diagram.TEXTS": diagram.TEXTS, "diagram.STATES": diagram.STATES,
            "live.TEXTS": live.TEXTS, "quorum.TEXTS": quorum.TEXTS, "plots.LABELS": plots.LABELS,
            "progress.PHRASES": progress.PHRASES, "doctor.TEXTS": doctor.TEXTS,
            "system.TEXTS": system.TEXTS}


@pytest.mark.parametrize("name", sorted(_tables()))
def test_every_translation_table_has_both_languages_with_the_same_keys(name: str) -> None:
    import string

    table = _tables()[name]
    assert set(table) == set(language.LANGUAGES), name
    assert table["pt-BR"].keys() == table["en"].keys(), name
    for key, text in table["en"].items():  # the same {fields} in both languages
        fields = {f for _, f, _, _ in string.Formatter().parse(text) if f}
        other = {f for _, f, _, _ in string.Formatter().parse(table["pt-BR"][key]) if f}
        assert fields == other, f"{name}[{key!r}]"
