"""The cluster diagram says the right things for known snapshots."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

from labs.errors import LabError
from labs.status import build
from labs.widgets.diagram import diagram, node_state, svg


def raw_node(node_id: str, hostname: str, role: str, state: str = "ready",
             leader: bool = False, availability: str = "active") -> dict[str, Any]:
    raw: dict[str, Any] = {"ID": node_id, "Description": {"Hostname": hostname},
                           "Spec": {"Role": role, "Availability": availability},
                           "Status": {"State": state}}
    if role == "manager":
        raw["ManagerStatus"] = {"Leader": leader, "Reachability": "reachable"}
    return raw


CONTAINERS = {"manager1": ("manager", "running"), "worker1": ("worker", "running"),
              "worker2": ("worker", "exited")}
SERVICES = [{"ID": "s1", "Spec": {"Name": "web", "Mode": {"Replicated": {"Replicas": 2}},
             "TaskTemplate": {"ContainerSpec": {"Image": "orquestra-lab/app:v1"},
                              "Networks": [{"Target": "n-back"}]}}}]
TASKS = [{"ID": f"t{i}", "ServiceID": "s1", "Slot": i, "NodeID": "n2",
          "DesiredState": "running", "Status": {"State": "running"}} for i in (1, 2)]
NETWORKS = [{"Id": "n-back", "Name": "backend"}]


def leader_snapshot() -> Any:
    nodes = [raw_node("n1", "manager1", "manager", leader=True),
             raw_node("n2", "worker1", "worker"),
             raw_node("n3", "worker2", "worker", state="down")]
    return build("lesson-04", CONTAINERS, nodes, SERVICES, TASKS, "", NETWORKS)


def test_leader_tasks_and_a_down_node_are_drawn() -> None:
    picture = svg(leader_snapshot(), lang="en")
    assert "★ manager1 (leader)" in picture
    assert "web.1" in picture and "web.2" in picture
    assert "worker · down · container exited" in picture
    assert "worker · ready · container running" in picture
    assert "NO LEADER" not in picture
    assert ">managers<" in picture and ">workers<" in picture


def test_no_leader_is_written_on_the_picture_in_both_languages() -> None:
    snapshot = build("lesson-08", CONTAINERS, None, None, None,
                     "the swarm does not have a leader")
    english = svg(snapshot, lang="en")
    assert "NO LEADER" in english and "does not have a leader" in english
    assert "manager1" in english and "★" not in english
    assert "SEM LÍDER" in svg(snapshot)


def test_overlay_networks_link_the_nodes_that_run_their_tasks() -> None:
    graph = diagram(leader_snapshot(), networks=True)
    source = graph.source
    assert "network0 [label=backend" in source
    assert "worker1 -> network0" in source
    assert "worker2 -> network0" not in source and "manager1 -> network0" not in source
    assert "network0" not in diagram(leader_snapshot()).source
    assert ">backend<" in graph.pipe(format="svg").decode()


@pytest.mark.parametrize("networks", [False, True])
def test_nodes_are_drawn_left_to_right_in_name_order(networks: bool) -> None:
    plain = diagram(leader_snapshot(), networks=networks).pipe(format="plain").decode()
    x = {line.split()[1]: float(line.split()[2]) for line in plain.splitlines()
         if line.startswith("node ")}
    assert x["manager1"] < x["worker1"] < x["worker2"], x


@pytest.mark.parametrize(("container", "state", "availability", "expected"), [
    ("running", "ready", "active", "ready"),
    ("running", "ready", "drain", "drain"),
    ("exited", "ready", "active", "down"),
    ("paused", "ready", "active", "paused"),
    ("running", "down", "active", "down"),
])
def test_node_state_precedence(container: str, state: str, availability: str,
                               expected: str) -> None:
    snap = build("x", {"worker1": ("worker", container)},
                 [raw_node("n", "worker1", "worker", state=state, availability=availability)],
                 [], [])
    assert node_state(snap.nodes[0]) == expected


def test_without_dot_a_notebook_shows_a_short_translated_message(hidden_dot: str) -> None:
    from IPython.core.formatters import DisplayFormatter

    from labs import system

    for lang, words in (("pt-BR", "falta o Graphviz"), ("en", "Graphviz (the dot program) is")):
        data, _ = DisplayFormatter().format(diagram(leader_snapshot(), lang=lang))
        page = data["text/html"]
        assert words in page and "ExecutableNotFound" not in page
        assert html.escape(system.how_to_install([system.GRAPHVIZ], lang=lang)) in page
        assert ("manager1 (líder)" if lang == "pt-BR" else "manager1 (leader)") in page
        assert "web.1, web.2" in data["text/plain"]
        assert len(data["text/plain"].splitlines()) < 8
    with pytest.raises(LabError, match="Graphviz"):
        svg(leader_snapshot())


@pytest.mark.parametrize("dot", [True, False], ids=["with-dot", "without-dot"])
def test_a_real_kernel_draws_or_says_what_to_install(dot: bool, tmp_path: Path,
                                                     request: pytest.FixtureRequest) -> None:
    """The diagram cell of a pt-BR lesson, run by a Jupyter kernel with and without dot."""
    from labs import system

    if not dot:
        request.getfixturevalue("hidden_dot")
    folder = tmp_path / "lessons" / "pt-BR"
    folder.mkdir(parents=True)
    code = ("from labs.status import build\nfrom labs.widgets.diagram import diagram\n"
            "diagram(build('lesson-00', {'manager1': ('manager', 'running')}, None, None, None,"
            " 'no swarm'))")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(folder)}}).execute()
    outputs = notebook.cells[0].outputs
    assert [o["output_type"] for o in outputs] == ["execute_result"], outputs
    data = outputs[0]["data"]
    if dot:
        assert "image/svg+xml" in data and "manager1" in data["image/svg+xml"]
        return
    page = data["text/html"]
    assert "falta o Graphviz" in page and "Traceback" not in page and "manager1" in page
    assert html.escape(system.how_to_install([system.GRAPHVIZ], lang="pt-BR")) in page


def test_node_states_and_legend_are_translated() -> None:
    picture = svg(leader_snapshot(), lang="pt-BR")
    assert "worker · fora do ar · contêiner parado" in picture
    assert "cor do nó:" in picture and ">pronto<" in picture and ">fora do ar<" in picture
    english = svg(leader_snapshot(), lang="en")
    assert "node colour:" in english and ">down<" in english


def test_the_picture_fits_a_notebook_cell() -> None:
    import re

    width = re.search(r'<svg width="(\d+)pt"', svg(leader_snapshot()))
    assert width and int(width.group(1)) <= 8 * 72  # MAX_SIZE's inches
