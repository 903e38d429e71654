"""One progress code path: steps counted the same in the notebook and the terminal."""

from __future__ import annotations

import pytest

from labs import Cluster
from labs.progress import TEXTS, Bar, step_title, translate

LINES = ["c: check the images...", "detail line", "c: start the nodes...",
         "c: start the nodes...", "c: ready"]


@pytest.mark.parametrize("mode", ["plain", "notebook", "terminal"])
def test_steps_advance_on_lines_ending_with_dots(mode: str) -> None:
    bar = Bar(4, "c", mode=mode, lang="en")
    for line in LINES:
        bar(line)
    assert bar.done == 2  # a repeated step line counts once; details do not count
    if mode == "notebook":
        assert bar._bar.value == 2 and bar._label.value == "ready"
    bar.close(ok=False)
    assert bar.done == 2
    bar.close()
    assert bar.done == 4


def test_step_names_are_shown_in_the_learners_language() -> None:
    for shape in (Cluster("c"), Cluster("c", bare=True)):
        for title, _ in shape.steps():
            assert title in TEXTS, f"step {title!r} has no translation"
            assert step_title(title, "en") == title
    assert translate("lesson-04: start the nodes...", "pt-BR") == "lesson-04: iniciar os nós..."
    assert translate("something new", "pt-BR") == "something new"
    bar = Bar(3, "images", mode="notebook", lang="pt-BR")
    bar("c: wait for the daemons...")
    assert bar._label.value == "esperar os daemons responderem..." and bar.title == "imagens"
    bar.close()
    seconds = bar._label.value.removeprefix("pronto em ").removesuffix(" s")
    assert "," in seconds and "." not in seconds, bar._label.value
