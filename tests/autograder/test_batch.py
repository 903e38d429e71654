"""Batch grading over a folder of real submissions made here, good and bad."""

from __future__ import annotations

import csv
import inspect
import json
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbformat import v4

from autograder import cli, registry
from autograder.grade import batch, processes, report, synthetic
from autograder.grade.job import GradeStatus, Job, Row
from autograder.result import Part, Status
from labs import engine, spec

# Cells get long enough for a loaded machine's imports and docker CLI calls, yet short
# for eva's endless loop; checks get the window a service's tasks need to start.
OPTIONS: dict[str, Any] = {"jobs": 3, "cell_timeout": 30, "timeout": 240, "check_window": 30}
TAMPER = 'def check(*args, **kwargs):\n    print("passed")\n    return "passed"'


def write(path: Path, nb: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def submissions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("submissions")
    write(root / "ana.ipynb", synthetic.notebook("03", solved=True))
    write(root / "bruno.ipynb", synthetic.notebook("03", solved=False))
    write(root / "carla.ipynb", synthetic.notebook("03", solved=False, extra={"03.1": TAMPER}))
    (root / "davi.ipynb").write_text('{"cells": [ this is not json')
    write(root / "eva.ipynb", synthetic.notebook("03", solved=False,
                                                extra={"03.1": "while True:\n    pass"}))
    write(root / "fabio.ipynb", synthetic.notebook("03", solved=True,
                                                  extra={"03.3": "cluster.down()"}))
    write(root / "gil.ipynb", synthetic.notebook("03", solved=True,
                                                extra={"03.1": "import os\nos._exit(1)"}))
    write(root / "joana.ipynb", synthetic.notebook("03", solved=True,
                                                  extra={"03.2": "import sys\nsys.exit(3)"}))
    # no cell for 03.3 (deleted, or a hidden check): the grader runs it at the end anyway
    kiko = synthetic.notebook("03", solved=True)
    kiko.cells = [c for c in kiko.cells if c.metadata.get("orquestra") != {"check": "03.3"}]
    write(root / "kiko.ipynb", kiko)
    plain = v4.new_notebook()
    plain.cells.append(v4.new_code_cell("print('hello')"))
    write(root / "helena.ipynb", plain)
    write(root / "ivo" / "03-swarm.ipynb", synthetic.notebook("03", solved=True))
    (root / "ivo" / "02-old.ipynb").write_text("{}")  # another lesson: ignored
    return root


def lab_objects_of_grading_sessions() -> list[str]:
    api = engine.client().api
    prefix = batch.session_prefix()
    found = []
    label = {"label": spec.LABEL_CLUSTER}
    for kind, items in (("container", api.containers(all=True, filters=label)),
                        ("network", api.networks(filters=label))):
        for item in items:
            if (item.get("Labels") or {}).get(spec.LABEL_SESSION, "").startswith(prefix):
                found.append(f"{kind} {item.get('Names') or item.get('Name')}")
    return found


@pytest.mark.integration
def test_gradebook_is_exactly_right_and_nothing_is_left(submissions: Path, tmp_path: Path,
                                                        lab_engine: object) -> None:
    out = tmp_path / "results"
    rows = batch.grade(submissions, lesson="03", out=out, **OPTIONS)
    with (out / "gradebook.csv").open() as fh:
        table = {r["student"]: r for r in csv.DictReader(fh)}
    expected = {
        "ana": ("3", "2", "1", "6", "ok"),
        "bruno": ("0", "0", "0", "0", "ok"),
        "carla": ("0", "0", "0", "0", "ok"),
        "eva": ("0", "0", "0", "0", "cell timeout"),
        "fabio": ("3", "2", "0", "5", "cluster deleted"),
        # the kernel died after gil's first solution cell: that work still counts
        # (and nothing else does: an undrained worker2 earns nothing in 03.2)
        "gil": ("3", "0", "0", "3", "kernel died"),
        "helena": ("0", "0", "0", "0", "no check cells"),
        "ivo": ("3", "2", "1", "6", "ok"),
        "joana": ("3", "2", "1", "6", "called sys.exit"),
        "kiko": ("3", "2", "1", "6", "ok"),
    }
    got = {s: (r["03.1"], r["03.2"], r["03.3"], r["total"], r["status"])
           for s, r in table.items() if s != "davi"}
    assert got == expected
    assert table["davi"]["status"].startswith("invalid notebook")
    maximum = registry.lesson("03").max_points
    assert table["davi"]["total"] == "0" and set(r["max"] for r in table.values()) == {"6"}
    assert maximum == 6
    assert list(table) == sorted(table)

    # what carla's notebook printed does not count
    executed = nbformat.read(out / "carla" / "executed.ipynb", as_version=4)
    printed = "".join(o.get("text", "") for c in executed.cells for o in c.get("outputs", []))
    assert "passed" in printed

    # Gradescope results and feedback pages
    ana = json.loads((out / "ana" / "results.json").read_text())
    assert ana["score"] == maximum and len(ana["tests"]) == 3
    assert set(ana["tests"][0]) == {"name", "score", "max_score", "status", "output",
                                    "visibility"}
    assert all(t["status"] == "passed" for t in ana["tests"])
    page = (out / "fabio" / "feedback.html").read_text()
    assert "03.3" in page and "cluster deleted" in page

    assert lab_objects_of_grading_sessions() == []
    assert {r.student for r in rows} == set(table)

    # incremental: nothing changed, nothing re-run
    again = batch.grade(submissions, lesson="03", out=out, **OPTIONS)
    assert all(r.cached for r in again)
    assert (out / "gradebook.csv").read_text().count("\n") == len(table) + 1
    # a changed submission is graded again, the others are not
    write(submissions / "bruno.ipynb", synthetic.notebook("03", solved=True))
    third = {r.student: r for r in batch.grade(submissions, lesson="03", out=out, **OPTIONS)}
    assert not third["bruno"].cached and third["bruno"].total() == maximum
    assert all(r.passed for r in third["bruno"].results.values())
    assert third["ana"].cached


@pytest.mark.integration
def test_a_notebook_over_its_time_is_stopped_and_cleaned(tmp_path: Path,
                                                         lab_engine: object) -> None:
    subs, reached = tmp_path / "subs", tmp_path / "reached"
    write(subs / "slow.ipynb", synthetic.notebook(
        "03", solved=False,
        extra={"03.1": "import pathlib, subprocess, time\n"
                       "subprocess.Popen(['sleep', '600'], start_new_session=True)\n"
                       f"pathlib.Path({str(reached)!r}).touch()\ntime.sleep(600)"}))
    rows = batch.grade(subs, lesson="03", out=tmp_path / "out", cell_timeout=300,
                       timeout=60, check_window=2)
    assert rows[0].status is GradeStatus.NOTEBOOK_TIMEOUT and rows[0].detail == "60 s"
    assert rows[0].status_text == "notebook timeout (60 s)" and rows[0].total() == 0
    assert lab_objects_of_grading_sessions() == []
    # the kernel ran the slow cell, which left a process of its own behind in a session of
    # its own (as the kernel itself is): the worker's process group did not hold them,
    # the job's lab session in their environment did, and they were stopped
    assert reached.exists()
    assert processes.of_session(batch._session("slow")) == []


def test_a_job_and_a_row_cross_the_process_boundary_unchanged(tmp_path: Path) -> None:
    job = Job(student="ana", notebook=tmp_path / "ana.ipynb", lesson="03", lang="en",
              check_ids=("03.1", "03.2"), cell_timeout=30, check_window=None,
              workdir=tmp_path, executed=tmp_path / "x.ipynb", result=tmp_path / "r.json")
    job.write(tmp_path / "job.json")
    assert Job.read(tmp_path / "job.json") == job
    check = registry.get("03.1")
    result = check._result(Status.FAILED, [Part(True, "a"), Part(False, "b", hint="c")], 1,
                           "en", 0.0)
    row = Row("ana", GradeStatus.CELL_TIMEOUT, results={"03.1": result}, seconds=12.5)
    row.write(tmp_path / "row.json")
    back = Row.read(tmp_path / "row.json")
    assert back == row and back.results["03.1"] == result and back.total() == result.points


def test_a_status_reads_as_the_gradebook_shows_it() -> None:
    assert GradeStatus.OK.describe() == "ok"
    assert GradeStatus.NOTEBOOK_TIMEOUT.describe("25 s") == "notebook timeout (25 s)"
    assert GradeStatus.INVALID_NOTEBOOK.describe("not a valid notebook: x") == \
        "invalid notebook (not a valid notebook: x)"
    assert GradeStatus.EXECUTION_ERROR.describe("CellControlSignal") == \
        "execution error: CellControlSignal"
    assert GradeStatus.GRADER_ERROR.describe() == "grader error"
    assert GradeStatus.GRADER_ERROR.describe("boom") == "grader error: boom"


def test_the_gradebook_counts_every_check_against_the_lessons_maximum(tmp_path: Path) -> None:
    lesson = registry.lesson("03")
    first = lesson.checks[0]
    held = first._result(Status.PASSED, [Part(True, "a")], 0, "en", 0.0)
    rows = [Row("ana", GradeStatus.OK, results={first.id: held}),
            Row("davi", GradeStatus.NOTEBOOK_TIMEOUT, "25 s")]
    report.write_gradebook(tmp_path / "gradebook.csv", rows, lesson)
    with (tmp_path / "gradebook.csv").open() as fh:
        table = list(csv.reader(fh))
    ids = [c.id for c in lesson.checks]
    zeros = ["0"] * (len(ids) - 1)
    assert table == [["student", *ids, "total", "max", "status"],
                     ["ana", f"{first.points:g}", *zeros, f"{first.points:g}",
                      f"{lesson.max_points:g}", "ok"],
                     ["davi", "0", *zeros, "0", f"{lesson.max_points:g}",
                      "notebook timeout (25 s)"]]
    scope = report.gradescope(rows[1], lesson)
    assert scope["output"] == "status: notebook timeout (25 s)"
    assert [t["max_score"] for t in scope["tests"]] == [c.points for c in lesson.checks]


def test_the_cli_flags_default_to_what_grade_uses() -> None:
    args = cli.parser().parse_args(["grade", "subs", "--lesson", "03", "--out", "out"])
    defaults = inspect.signature(batch.grade).parameters
    for name in ("jobs", "timeout", "cell_timeout", "check_window", "force"):
        assert getattr(args, name) == defaults[name].default, name


def test_an_unknown_lesson_says_which_lessons_exist(tmp_path: Path) -> None:
    with pytest.raises(registry.UnknownLesson, match="lessons with checks: 00"):
        batch.grade(tmp_path, lesson="99", out=tmp_path / "out")
    assert cli.main(["grade", str(tmp_path), "--lesson", "99", "--out", str(tmp_path)]) == 2
