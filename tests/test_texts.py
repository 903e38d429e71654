"""Every text a learner reads: one mechanism (labs.i18n.Catalogue), both languages, always.

Imports every module of ``labs`` and ``autograder`` (and collects every
lesson's messages), then holds every registered catalogue to the rules:
each id in pt-BR and en, no empty text, the same placeholders in both.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import autograder
import labs
from labs import i18n
from labs.language import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent


def _import_everything() -> list[i18n.Catalogue]:
    for package in (labs, autograder):
        for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if not info.name.endswith("__main__"):
                importlib.import_module(info.name)
    from autograder import registry

    registry.lessons()  # each lesson registers its catalogue when made
    return i18n.catalogues()


CATALOGUES = {catalogue.name: catalogue for catalogue in _import_everything()}


def test_every_table_of_texts_is_a_registered_catalogue() -> None:
    expected = {"labs.dockercli", "labs.progress", "labs.packages", "labs.doctor",
                "labs.workspace", "labs.lessons", "labs.widgets.diagram",
                "labs.widgets.diagram.states", "labs.widgets.live", "labs.widgets.quorum",
                "labs.widgets.plots.start", "labs.widgets.plots.updates",
                "labs.widgets.plots.rescheduling", "labs.widgets.plots.spread",
                "autograder.catalogue"}
    assert expected <= CATALOGUES.keys()
    from autograder import registry

    lessons = {f"autograder.lessons.lesson{number}" for number in registry.lessons()}
    assert lessons and lessons <= CATALOGUES.keys()


@pytest.mark.parametrize("name", sorted(CATALOGUES))
def test_catalogue_has_both_languages_and_the_same_placeholders(name: str) -> None:
    catalogue = CATALOGUES[name]
    assert len(catalogue) > 0, name
    assert catalogue.problems() == []


def test_the_rules_catch_a_broken_catalogue() -> None:
    broken = i18n.Catalogue("broken", {
        "one_language": {"pt-BR": "só um"},
        "empty": {"pt-BR": "", "en": "text"},
        "fields": {"pt-BR": "{a} e {b}", "en": "{a} and {c}"},
        "good": {"pt-BR": "{n:.1f} s", "en": "{n:.1f} s"},
    }, register=False)
    found = "\n".join(broken.problems())
    assert "one_language" in found and "empty" in found and "fields" in found
    assert "good" not in found
    assert "broken" not in CATALOGUES  # register=False stays out of the registry


def test_pt_br_numbers_get_a_decimal_comma_through_the_catalogue() -> None:
    texts = i18n.Catalogue(
        "numbers", {"t": {"pt-BR": "{s:.1f} s de {n}", "en": "{s:.1f} s of {n}"}}, register=False)
    assert texts.text("t", "pt-BR", s=1234.5, n=3) == "1234,5 s de 3"
    assert texts.text("t", "en", s=1234.5, n=3) == "1234.5 s of 3"
    assert texts.table("pt-BR")["t"].format(s=2.25, n=1) == "2,2 s de 1"
    with pytest.raises(ValueError, match="lang='de' is not supported; pass one of 'pt-BR', 'en'"):
        texts.text("t", "de", s=1.0, n=1)
    with pytest.raises(KeyError, match="numbers has no text 'nope'"):
        texts.text("nope", "en")


def _tables_outside_catalogues(path: Path) -> list[int]:
    """Lines of dict literals keyed by a language that are not inside ``Catalogue(...)``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Catalogue":
            inside |= {id(child) for child in ast.walk(node)}
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Dict) and id(node) not in inside
            and any(isinstance(k, ast.Constant) and k.value in LANGUAGES for k in node.keys)]


def test_no_module_keeps_a_translation_table_of_its_own() -> None:
    found = []
    for package in ("labs", "autograder"):
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if relative.parts[:2] == ("autograder", "lessons") and path.name == "messages.py":
                continue  # a lesson's MESSAGES: the registry makes it a catalogue
            found += [f"{relative}:{line}" for line in _tables_outside_catalogues(path)]
    assert found == [], "make these a labs.i18n.Catalogue: " + ", ".join(found)


def test_a_text_survives_copy_and_pickle_with_its_language() -> None:
    import copy
    import pickle

    template = i18n.Template("{seconds:.1f} s", "pt-BR")
    for made in (copy.deepcopy(template), pickle.loads(pickle.dumps(template))):
        assert isinstance(made, i18n.Template) and made.format(seconds=4.6) == "4,6 s"
