"""The student's workspace: filled from the course, never overwriting the student's work."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import nbformat
import pytest
from nbformat import v4

from labs import language, lessons, workspace
from labs.workspace import WorkspaceError

NOW = datetime(2026, 12, 2, 14, 30, 5)


def _lesson(path: Path, number: str, title: str, text: str = "") -> None:
    nb = v4.new_notebook()
    nb.metadata["orquestra"] = {"lesson": number, "title": title}
    nb.cells.append(v4.new_markdown_cell(f"# {title}\n{text}"))
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A small course: lessons 00 and 01 in both languages, and its index."""
    root = tmp_path / "course" / "lessons"
    _lesson(root / "pt-BR" / "00-comeco.ipynb", "00", "Começo")
    _lesson(root / "pt-BR" / "01-meio.ipynb", "01", "Meio")
    _lesson(root / "en" / "00-start.ipynb", "00", "Start")
    _lesson(root / "en" / "01-middle.ipynb", "01", "Middle")
    (root / "en" / "data").mkdir()
    (root / "en" / "data" / "times.csv").write_text("a,b\n1,2\n")
    (root / "README.md").write_text("for authors\n")
    nbformat.write(lessons.index_notebook(lessons.find(root), root), root / "index.ipynb")
    return root


@pytest.fixture
def space(tmp_path: Path) -> Path:
    return tmp_path / "workspace"


def _student_edits(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(v4.new_code_cell("cluster = Cluster('x').up()  # my answer"))
    nbformat.write(nb, path)
    return path.read_text()


def test_first_run_copies_every_lesson_keeping_the_language_folders(course: Path,
                                                                    space: Path) -> None:
    result = workspace.prepare(space, source=course)
    names = sorted(p.relative_to(space).as_posix() for p in result.added)
    assert names == ["en/00-start.ipynb", "en/01-middle.ipynb", "en/data/times.csv",
                     "pt-BR/00-comeco.ipynb", "pt-BR/01-meio.ipynb"]
    assert not (space / "README.md").exists()  # the authors' notes are not lessons
    assert not (space / "index.ipynb").exists()  # a notebook index would start a kernel
    for path in result.added:
        assert language.from_path(path.parent) in ("pt-BR", "en")  # the kernel finds it
    # the index is the course's, as Markdown, and its links lead to the lessons
    assert result.index_refreshed
    page = (space / "index.md").read_text()
    generated = nbformat.read(course / "index.ipynb", as_version=4).cells[0].source
    assert page.startswith(generated)
    assert "[Começo](pt-BR/00-comeco.ipynb)" in page and "workspace fresh NN" in page


def test_a_students_edited_lesson_is_never_overwritten(course: Path, space: Path) -> None:
    workspace.prepare(space, source=course)
    mine = _student_edits(space / "pt-BR" / "00-comeco.ipynb")
    _lesson(course / "pt-BR" / "00-comeco.ipynb", "00", "Começo", "a fix from git pull")
    again = workspace.prepare(space, source=course)
    assert again.added == []
    assert (space / "pt-BR" / "00-comeco.ipynb").read_text() == mine
    states = {e.path.name: e.state for e in workspace.status(space, source=course)}
    assert states["00-comeco.ipynb"] == "changed"


def test_a_lesson_that_arrives_with_git_pull_is_added_on_the_next_run(course: Path,
                                                                      space: Path) -> None:
    workspace.prepare(space, source=course)
    assert workspace.prepare(space, source=course).added == []  # nothing new: nothing copied
    _lesson(course / "pt-BR" / "02-fim.ipynb", "02", "Fim")
    _lesson(course / "en" / "02-end.ipynb", "02", "End")
    nbformat.write(lessons.index_notebook(lessons.find(course), course),
                   course / "index.ipynb")
    result = workspace.prepare(space, source=course)
    assert sorted(p.name for p in result.added) == ["02-end.ipynb", "02-fim.ipynb"]
    assert result.index_refreshed
    assert "[Fim](pt-BR/02-fim.ipynb)" in (space / "index.md").read_text()


def test_a_lesson_the_student_deleted_comes_back(course: Path, space: Path) -> None:
    workspace.prepare(space, source=course)
    (space / "en" / "01-middle.ipynb").unlink()
    states = {e.path.name: e.state for e in workspace.status(space, source=course)}
    assert states["01-middle.ipynb"] == "missing"
    assert [p.name for p in workspace.prepare(space, source=course).added] == ["01-middle.ipynb"]


def test_the_generated_index_is_refreshed(course: Path, space: Path) -> None:
    workspace.prepare(space, source=course)
    page = (space / "index.md").read_text()
    (space / "index.md").write_text("edited")
    assert workspace.prepare(space, source=course).index_refreshed
    assert (space / "index.md").read_text() == page
    assert not workspace.prepare(space, source=course).index_refreshed


def test_jupyterlab_starts_in_pt_br_and_keeps_the_students_choice(course: Path,
                                                                 space: Path) -> None:
    workspace.prepare(space, source=course)
    locale = space / workspace.SETTINGS / "@jupyterlab/translation-extension" / \
        "plugin.jupyterlab-settings"
    assert json.loads(locale.read_text()) == {"locale": "pt_BR"}
    tracker = space / workspace.SETTINGS / "@jupyterlab/notebook-extension" / \
        "tracker.jupyterlab-settings"
    assert json.loads(tracker.read_text()) == {"kernelShutdown": True}
    viewers = space / workspace.SETTINGS / "@jupyterlab/docmanager-extension" / \
        "plugin.jupyterlab-settings"
    assert json.loads(viewers.read_text())["defaultViewers"] == {"markdown": "Markdown Preview"}
    locale.write_text('{"locale": "en"}')  # Settings > Language > English
    workspace.prepare(space, source=course)
    assert json.loads(locale.read_text()) == {"locale": "en"}


def test_status_tells_untouched_lessons_the_course_updated_from_the_students_work(
        course: Path, space: Path) -> None:
    workspace.prepare(space, source=course)
    _student_edits(space / "en" / "00-start.ipynb")
    _lesson(course / "pt-BR" / "01-meio.ipynb", "01", "Meio", "corrected")
    states = {e.path.relative_to(space).as_posix(): e.state
              for e in workspace.status(space, source=course)}
    assert states == {"pt-BR/00-comeco.ipynb": "unchanged", "pt-BR/01-meio.ipynb": "updated",
                      "en/00-start.ipynb": "changed", "en/01-middle.ipynb": "unchanged",
                      "en/data/times.csv": "unchanged"}


def test_fresh_keeps_the_students_copy_under_a_backup_name(course: Path, space: Path) -> None:
    workspace.prepare(space, source=course)
    mine = _student_edits(space / "pt-BR" / "01-meio.ipynb")
    done = workspace.fresh("01", space, source=course, now=NOW)
    by_name = {d.path.name: d for d in done}
    assert set(by_name) == {"01-meio.ipynb", "01-middle.ipynb"}
    pt = by_name["01-meio.ipynb"]
    assert pt.copied and pt.backup == space / "pt-BR" / "01-meio.backup-20261202-143005.ipynb"
    assert pt.backup.read_text() == mine
    assert pt.path.read_bytes() == (course / "pt-BR" / "01-meio.ipynb").read_bytes()
    en = by_name["01-middle.ipynb"]
    assert not en.copied and en.backup is None  # it was the course's: nothing to keep
    lines = workspace.describe_fresh(done, space, lang="pt-BR")
    assert any(str(pt.backup) in line for line in lines)  # says where the work is
    states = {e.path.name: e.state for e in workspace.status(space, source=course)}
    assert states["01-meio.backup-20261202-143005.ipynb"] == "backup"
    assert states["01-meio.ipynb"] == "unchanged"


def test_fresh_twice_in_the_same_second_destroys_nothing(course: Path, space: Path) -> None:
    workspace.prepare(space, source=course)
    first = _student_edits(space / "en" / "00-start.ipynb")
    workspace.fresh("0", space, langs=("en",), source=course, now=NOW)
    second = _student_edits(space / "en" / "00-start.ipynb") + " "
    (space / "en" / "00-start.ipynb").write_text(second)
    done = workspace.fresh("00", space, langs=("en",), source=course, now=NOW)
    assert len(done) == 1 and done[0].backup is not None
    backups = {p.name: p.read_text() for p in (space / "en").glob("00-start.backup-*.ipynb")}
    assert backups == {"00-start.backup-20261202-143005.ipynb": first,
                       "00-start.backup-20261202-143005-2.ipynb": second}
    assert (space / "pt-BR" / "00-comeco.ipynb").exists()  # the other language untouched


def test_fresh_puts_back_a_lesson_the_student_deleted(course: Path, space: Path) -> None:
    workspace.prepare(space, source=course)
    (space / "pt-BR" / "00-comeco.ipynb").unlink()
    done = workspace.fresh("00", space, langs=("pt-BR",), source=course, now=NOW)
    assert [(d.path.name, d.backup, d.copied) for d in done] == [("00-comeco.ipynb", None, True)]


@pytest.mark.parametrize("number", ["99", "02", "3a", "123", "", "-1", "aula 1"])
def test_a_bad_lesson_number_says_which_lessons_exist(course: Path, space: Path,
                                                       number: str) -> None:
    workspace.prepare(space, source=course)
    before = sorted(p.read_bytes() for p in space.rglob("*.ipynb"))
    with pytest.raises(WorkspaceError, match=r"00, 01") as caught:
        workspace.fresh(number, space, source=course, lang="en")
    assert "lesson" in str(caught.value)
    assert sorted(p.read_bytes() for p in space.rglob("*.ipynb")) == before


def test_an_unknown_language_is_refused(course: Path, space: Path) -> None:
    with pytest.raises(WorkspaceError, match="pt-BR, en"):
        workspace.fresh("00", space, langs=("fr",), source=course, lang="en")


def test_the_workspace_is_never_the_course_itself(course: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    for inside in (course, course / "pt-BR", course / "pt-BR" / "mine", course.parent):
        with pytest.raises(WorkspaceError, match="LAB_WORKSPACE"):
            workspace.location(inside, source=course, lang="en")
    afile = tmp_path / "a-file"
    afile.write_text("")
    with pytest.raises(WorkspaceError, match="not a folder"):
        workspace.location(afile, source=course, lang="en")
    monkeypatch.setenv(workspace.ENV, str(tmp_path / "from-env"))
    assert workspace.location(source=course) == tmp_path / "from-env"
    monkeypatch.delenv(workspace.ENV)
    assert workspace.location(source=course) == lessons.ROOT / "workspace"


def test_the_default_workspace_is_git_ignored() -> None:
    ignored = subprocess.run(["git", "check-ignore", "-q", "workspace/pt-BR/00-x.ipynb"],
                             cwd=lessons.ROOT, check=False)
    assert ignored.returncode == 0


def labs(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ORQUESTRA_LANG": "pt-BR"}
    env.pop(workspace.ENV, None)
    return subprocess.run([sys.executable, "-m", "labs", *args], capture_output=True,
                          text=True, timeout=120, cwd=cwd, env=env)


def test_the_command_line_prepares_shows_and_refreshes(tmp_path: Path) -> None:
    where = tmp_path / "meu-trabalho"
    out = labs("workspace", "prepare", "--path", "meu-trabalho", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    course = [p.relative_to(lessons.LESSONS) for p in lessons.LESSONS.glob("*/*.ipynb")]
    assert course and all((where / p).exists() for p in course)
    lesson = next(p for p in course if p.parts[0] == "pt-BR" and p.name.startswith("03-"))
    _student_edits(where / lesson)
    out = labs("workspace", "--path", str(where), cwd=tmp_path)
    assert out.returncode == 0
    assert f"{lesson.as_posix()}" in out.stdout and "com o seu trabalho" in out.stdout
    out = labs("workspace", "fresh", "3", "--lang", "pt-BR", "--path", str(where), cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    backup = next((where / "pt-BR").glob("03-*.backup-*.ipynb"))
    assert str(backup) in out.stdout and "cópia nova" in out.stdout
    out = labs("workspace", "fresh", "42", "--path", str(where), cwd=tmp_path)
    assert out.returncode == 1 and "não existe a aula 42" in out.stderr
    assert "00, 01" in out.stderr


def test_the_makefile_serves_the_prepared_workspace_with_its_settings() -> None:
    recipe = (lessons.ROOT / "Makefile").read_text().split("\nlab:", 1)[1].split("\n\n", 1)[0]
    assert 'python -m labs workspace prepare --path "$(WORKSPACE_DIR)"' in recipe
    assert '--ServerApp.root_dir="$(WORKSPACE_DIR)"' in recipe
    assert f"--LabApp.default_url=/lab/tree/{workspace.INDEX}" in recipe
    assert f'--LabApp.user_settings_dir="$(WORKSPACE_DIR)/{workspace.SETTINGS}"' in recipe
    assert recipe.index("workspace prepare") < recipe.index("jupyter lab")
