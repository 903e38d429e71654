"""%%docker: CLI commands aimed at a node of the notebook's cluster."""

from __future__ import annotations

import shutil

import pytest

from labs import Cluster, magics
from labs.errors import LabError, NodeError


def test_cell_lines_become_commands() -> None:
    cell = ("# a comment\ndocker node ls\n\nservice create --name web \\\n"
            "  --replicas 2 orquestra-lab/app:v1\ndocker info --format '{{.Swarm}}'\n")
    assert list(magics.commands(cell)) == [
        ["node", "ls"],
        ["service", "create", "--name", "web", "--replicas", "2", "orquestra-lab/app:v1"],
        ["info", "--format", "{{.Swarm}}"],
    ]
    with pytest.raises(LabError, match="finish the command"):
        list(magics.commands("node ls \\"))


def test_a_node_needs_a_cluster_first() -> None:
    magics._current.clear()
    with pytest.raises(NodeError, match="Cluster"):
        magics.context_for("manager1", None)


@pytest.mark.integration
def test_magic_runs_commands_on_the_node_and_stops_at_a_failure(
        lab_engine: object, capsys: pytest.CaptureFixture[str]) -> None:
    if shutil.which("docker") is None:
        pytest.skip("no docker command-line client here")
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "labs")
    with Cluster("magic", managers=1, workers=0):
        shell.run_cell_magic("docker", "manager1",
                             "docker node ls --format '{{.Hostname}} {{.ManagerStatus}}'\n"
                             "info --format '{{.Swarm.LocalNodeState}}'")
        out = capsys.readouterr().out
        assert "manager1 Leader" in out and "active" in out
        code = magics.run("manager1", "service inspect nosuch\nnode ls")
        captured = capsys.readouterr()
        assert code != 0 and "nosuch" in captured.err
        assert "$ docker node ls" not in captured.out  # stopped at the failure


def test_an_empty_exercise_cell_runs_and_does_nothing() -> None:
    assert magics.keep_empty_cells(["%%docker worker1\n"]) == ["%%docker worker1\n", "\n"]
    assert magics.keep_empty_cells(["%%docker worker1\n", "  \n"]) == ["%%docker worker1\n", "\n"]
    full = ["%%docker worker1\n", "docker ps\n"]
    assert magics.keep_empty_cells(full) == full
    magics._current.clear()
    assert magics.run("worker1", "\n# nothing yet\n") == 0  # no cluster needed for nothing
