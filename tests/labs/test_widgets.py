"""Quorum explorer numbers, the live view's rendering and lifecycle, the poller."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from labs import Cluster
from labs.status import build
from labs.timing import wait_until
from labs.widgets import live, quorum_explorer
from labs.widgets.live import render
from labs.widgets.poller import Poller
from labs.widgets.quorum import quorum, table_html, tolerated


def test_quorum_and_tolerated_failures_for_one_to_nine_managers() -> None:
    assert [(n, quorum(n), tolerated(n)) for n in range(1, 10)] == [
        (1, 1, 0), (2, 2, 0), (3, 2, 1), (4, 3, 1), (5, 3, 2), (6, 4, 2), (7, 4, 3),
        (8, 5, 3), (9, 5, 4)]
    with pytest.raises(ValueError):
        quorum(0)


def test_table_highlights_the_chosen_row_and_marks_the_slides_rows() -> None:
    page = table_html(5, lang="en")
    assert page.count("data-managers=") == 9
    assert "style='background:#ffe9a8;font-weight:bold' data-managers='5'" in page
    assert "<td>7 *</td>" in page and "<td>8</td>" in page


def test_slider_updates_the_table() -> None:
    explorer = quorum_explorer(lang="en")
    explorer.slider.value = 7
    assert "data-managers='7'><td>7 *</td><td>4</td><td>3</td>" in explorer.table.value
    explorer.close()


def _raw(node_id: str, hostname: str, role: str, state: str = "ready",
         leader: bool = False) -> dict[str, Any]:
    raw: dict[str, Any] = {"ID": node_id, "Description": {"Hostname": hostname},
                           "Spec": {"Role": role, "Availability": "active"},
                           "Status": {"State": state}}
    if role == "manager":
        raw["ManagerStatus"] = {"Leader": leader, "Reachability": "reachable"}
    return raw


def _snapshot(tasks: list[str], worker_state: str = "ready") -> Any:
    containers = {"manager1": ("manager", "running"), "worker1": ("worker", "running")}
    nodes = [_raw("n1", "manager1", "manager", leader=True),
             _raw("n2", "worker1", "worker", state=worker_state)]
    services = [{"ID": "s1", "Spec": {"Name": "web", "Mode": {"Replicated": {"Replicas": 2}},
                 "TaskTemplate": {"ContainerSpec": {"Image": "app"}}}}]
    raw_tasks = [{"ID": t, "ServiceID": "s1", "Slot": i + 1, "NodeID": "n2",
                  "DesiredState": "running", "Status": {"State": "running"}}
                 for i, t in enumerate(tasks)]
    return build("c", containers, nodes, services, raw_tasks)


def test_render_highlights_new_tasks_and_changed_nodes() -> None:
    before = _snapshot(["t1"])
    after = _snapshot(["t1", "t2"], worker_state="down")
    page = render(_snapshot(["t1", "t2"]), before, lang="en")
    assert page.count("class='task new'") == 1 and "web.2" in page
    assert "class='node changed'" not in page
    assert "class='node changed' data-node='worker1'" in render(after, before)
    no_leader = build("c", {"manager1": ("manager", "exited")}, None, None, None, "gone")
    assert "NO LEADER: gone" in render(no_leader, lang="en")


def test_poller_survives_errors_and_stops_when_its_widget_is_gone() -> None:
    alive = threading.Event()
    alive.set()
    errors: list[BaseException] = []

    def tick() -> None:
        raise RuntimeError("quorum lost")

    poller = Poller(tick, interval=0.01, alive=alive.is_set, on_error=errors.append).start()
    wait_until(lambda: len(errors) >= 3, timeout=5, what="three ticks")
    alive.clear()
    poller.join(2)
    assert not poller.running


@pytest.mark.integration
def test_live_view_refreshes_survives_a_lost_node_and_stops_when_closed(
        lab_engine: object) -> None:
    with Cluster("widgets", managers=1, workers=1) as cluster:
        view = live(cluster, interval=0.2, fault_buttons=True, lang="en")
        wait_until(lambda: view.poller.ticks >= 2, timeout=30, what="two refreshes")
        assert "data-node='worker1'" in view.view.value
        cluster.node("worker1").kill()
        wait_until(lambda: "data-node='worker1' data-state='down'" in view.view.value,
                   timeout=60, what="worker1 shown down")
        view.close()
        view.poller.join(5)
        assert not view.poller.running
        ticks = view.poller.ticks
        time.sleep(0.5)  # a closed view must not refresh any more
        assert view.poller.ticks == ticks

        explorer = quorum_explorer(cluster, lang="en")
        assert explorer.refresh() == "Leader: manager1"
        assert explorer.stop_next() == "manager1"
        assert "NO LEADER" in explorer.refresh()
        assert explorer.start_next() == "manager1"
        cluster.node("manager1").wait_ready(60)
        wait_until(lambda: explorer.refresh() == "Leader: manager1", timeout=90,
                   what="the leader back")
        assert explorer.last_election is not None and explorer.last_election > 0
        assert "last election" in explorer.live.value
        explorer.close()
