"""One progress code path: steps counted the same in the notebook and the terminal."""

from __future__ import annotations

import pytest

from labs.progress import Bar

LINES = ["c: check the images...", "detail line", "c: start the nodes...",
         "c: start the nodes...", "c: ready"]


@pytest.mark.parametrize("mode", ["plain", "notebook", "terminal"])
def test_steps_advance_on_lines_ending_with_dots(mode: str) -> None:
    bar = Bar(4, "c", mode=mode)
    for line in LINES:
        bar(line)
    assert bar.done == 2  # a repeated step line counts once; details do not count
    if mode == "notebook":
        assert bar._bar.value == 2 and bar._label.value == "ready"
    bar.close(ok=False)
    assert bar.done == 2
    bar.close()
    assert bar.done == 4
