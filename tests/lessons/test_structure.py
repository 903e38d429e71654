"""The lesson notebooks follow lessons/README.md: names, parity, checks, no outputs, contents."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path
from typing import Any

import nbformat
import pytest

from autograder import registry
from labs import lessons
from labs.language import LANGUAGES

FOUND = lessons.find()
NUMBERS = sorted({lesson.number for lesson in FOUND})
PAIRS = [tuple(lesson for lesson in FOUND if lesson.number == n) for n in NUMBERS]
FIRST = "pt-BR"  # the language the execution tests run; the other is covered by parity


def _nb(lesson: lessons.Lesson) -> Any:
    return nbformat.read(lesson.path, as_version=4)


def _code(nb: Any) -> list[str]:
    return [cell.source for cell in nb.cells if cell.cell_type == "code"]


def _meta(cell: Any) -> dict[str, Any]:
    return dict(cell.get("metadata", {}).get(lessons.META_KEY) or {})


def test_lessons_00_to_04_exist_in_both_languages_with_good_names() -> None:
    assert lessons.problems() == []
    assert NUMBERS[:5] == ["00", "01", "02", "03", "04"]
    assert all(len(pair) == len(LANGUAGES) for pair in PAIRS)


def test_the_rules_catch_bad_names_gaps_and_missing_translations(tmp_path: Path) -> None:
    for lang in LANGUAGES:
        (tmp_path / lang).mkdir()
    good = FOUND[0]
    shutil.copy(good.path, tmp_path / "pt-BR" / "00-first.ipynb")
    shutil.copy(good.path, tmp_path / "pt-BR" / "02-gap.ipynb")
    shutil.copy(good.path, tmp_path / "pt-BR" / "13-extra.ipynb")
    shutil.copy(good.path, tmp_path / "pt-BR" / "Lesson 3.ipynb")
    found = "\n".join(lessons.problems(tmp_path))
    assert "Lesson 3.ipynb: name it NN-slug.ipynb" in found
    assert "en/: lesson 00 is missing" in found
    assert "['13'] are beyond the course's 00 to 12" in found
    assert "gap" not in found.replace("02-gap", "")  # a lesson not written yet is no error
    assert "02-gap.ipynb: metadata.orquestra.lesson is '00', not '02'" in found


@pytest.mark.parametrize("pair", PAIRS, ids=NUMBERS)
def test_code_cells_are_identical_in_both_languages(pair: tuple[lessons.Lesson, ...]) -> None:
    codes = {lesson.lang: _code(_nb(lesson)) for lesson in pair}
    first = codes.pop(FIRST)
    for lang, other in codes.items():
        assert len(other) == len(first), f"{lang} has {len(other)} code cells, {FIRST} {len(first)}"
        for index, (mine, theirs) in enumerate(zip(first, other, strict=True)):
            assert mine == theirs, f"code cell {index} differs between {FIRST} and {lang}"


@pytest.mark.parametrize("lesson", FOUND, ids=[f"{x.lang}/{x.path.name}" for x in FOUND])
def test_committed_without_outputs(lesson: lessons.Lesson) -> None:
    nb = _nb(lesson)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, f"cell {index} has output"
    assert "widgets" not in nb.metadata, "saved widget state: clear it before committing"


def _cluster_call(source: str) -> dict[str, Any]:
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Cluster":
            found: dict[str, Any] = {"name": ast.literal_eval(node.args[0])}
            for position, arg in zip(("managers", "workers"), node.args[1:], strict=False):
                found[position] = ast.literal_eval(arg)
            for keyword in node.keywords:
                if keyword.arg != "progress":
                    found[str(keyword.arg)] = ast.literal_eval(keyword.value)
            return found
    raise AssertionError("the setup cell does not call Cluster(...)")


def _python(source: str) -> str:
    """A cell's source as Python: IPython magics and shell lines dropped."""
    if source.startswith("%%"):
        return ""
    lines = source.splitlines()
    return "\n".join(line for line in lines if not line.lstrip().startswith(("%", "!")))


@pytest.mark.parametrize("pair", PAIRS, ids=NUMBERS)
def test_lesson_runs_on_its_own_cluster_with_every_check_in_order(
        pair: tuple[lessons.Lesson, ...]) -> None:
    lesson = pair[0]
    nb = _nb(lesson)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    setup = code[0].source
    assert "%load_ext labs" in setup and ".up()" in setup
    unit = registry.lesson(lesson.number)
    call = _cluster_call(_python(setup))
    defaults = {"managers": 1, "workers": 2, "bare": False, "needs": []}  # Cluster's own
    wanted_shape = {"name": unit.cluster, "managers": unit.shape.managers,
                    "workers": unit.shape.workers, "bare": unit.shape.bare,
                    "needs": list(unit.needs)}
    for key, value in wanted_shape.items():
        assert call.get(key, defaults.get(key)) == value, f"Cluster({key}=...) != the checks'"
    assert list(lesson.needs) == list(unit.needs), "metadata.orquestra.needs != the lesson's"
    check_cells = [(i, _meta(c)["check"]) for i, c in enumerate(nb.cells) if "check" in _meta(c)]
    wanted = [c.id for c in registry.lesson_checks(lesson.number) if not c.hidden]
    assert [check_id for _, check_id in check_cells] == wanted
    for index, check_id in check_cells:
        assert nb.cells[index].source.strip() == f'check("{check_id}")'
        before = nb.cells[index - 1]
        assert before.cell_type == "code" and "check(" not in before.source, (
            f"{check_id}: the cell before the check is where the learner works")
    last = code[-1]
    assert last.source.strip() == "cluster.down()" and _meta(last).get("cleanup") is True
    assert any(f'summary("{lesson.number}")' in c.source for c in code)


@pytest.mark.parametrize("lesson", FOUND, ids=[f"{x.lang}/{x.path.name}" for x in FOUND])
def test_no_sleeping_and_no_solutions_in_lessons(lesson: lessons.Lesson) -> None:
    sources = "\n".join(_code(_nb(lesson)))
    assert "time.sleep" not in sources and "sleep(" not in sources
    assert "autograder.solution" not in sources and "solutions." not in sources
    assert "autograder.lessons" not in sources


@pytest.mark.parametrize("lesson", FOUND, ids=[f"{x.lang}/{x.path.name}" for x in FOUND])
def test_a_checks_setup_cells_are_the_notebooks_own_before_its_check(
        lesson: lessons.Lesson) -> None:
    """The live-check tests run a lesson's scenario cells (``Lesson.setups``) as copies:
    they must be the notebook's cells, verbatim, before the exercise's check cell."""
    code = [cell.strip() for cell in _code(_nb(lesson))]
    unit = registry.lesson(lesson.number)
    for check in unit.visible:
        setup = [cell.strip() for cell in unit.setup_cells(check.id)]
        if not setup:
            continue
        check_at = code.index(f'check("{check.id}")')
        found = [code.index(cell) if cell in code else -1 for cell in setup]
        assert -1 not in found, f"{check.id}: a setup cell is not in the notebook"
        assert found == sorted(found) and found[-1] < check_at, check.id


def test_tables_of_contents_are_generated_and_current() -> None:
    assert lessons.stale() == [], "run: python -m labs lessons --write"
    readme = (lessons.ROOT / "README.md").read_text()
    for lesson in FOUND:
        assert f"]({lesson.link(lessons.ROOT)})" in readme
    index = nbformat.read(lessons.LESSONS / "index.ipynb", as_version=4)
    assert all(lesson.link(lessons.LESSONS) in index.cells[0].source for lesson in FOUND)
