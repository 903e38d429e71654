"""Snapshots are built from plain API data, with a leader or without one."""

from __future__ import annotations

from typing import Any

from labs.status import build


def raw_node(node_id: str, hostname: str, role: str, state: str = "ready",
             leader: bool = False, reachability: str = "reachable",
             availability: str = "active") -> dict[str, Any]:
    raw: dict[str, Any] = {
        "ID": node_id,
        "Description": {"Hostname": hostname},
        "Spec": {"Role": role, "Availability": availability, "Labels": {}},
        "Status": {"State": state, "Addr": "172.29.0.10"},
    }
    if role == "manager":
        raw["ManagerStatus"] = {"Leader": leader, "Reachability": reachability}
    return raw


CONTAINERS = {"manager1": ("manager", "running"), "worker1": ("worker", "running"),
              "worker2": ("worker", "exited")}
NODES = [raw_node("n1", "manager1", "manager", leader=True),
         raw_node("n2", "worker1", "worker"),
         raw_node("n3", "worker2", "worker", state="down")]
SERVICES = [{"ID": "s1", "Spec": {"Name": "web", "Mode": {"Replicated": {"Replicas": 3}},
             "TaskTemplate": {"ContainerSpec": {"Image": "orquestra-lab/app:v1@sha256:ab"}}}},
            {"ID": "s2", "Spec": {"Name": "agent", "Mode": {"Global": {}},
             "TaskTemplate": {"ContainerSpec": {"Image": "orquestra-lab/app:v2"}}}}]
TASKS = [
    {"ID": "t1", "ServiceID": "s1", "Slot": 1, "NodeID": "n2", "DesiredState": "running",
     "Status": {"State": "running"}},
    {"ID": "t2", "ServiceID": "s1", "Slot": 2, "NodeID": "n2", "DesiredState": "running",
     "Status": {"State": "running"}},
    {"ID": "t3", "ServiceID": "s1", "Slot": 3, "NodeID": "n3", "DesiredState": "shutdown",
     "Status": {"State": "orphaned", "Err": "node down"}},
    {"ID": "t4", "ServiceID": "s2", "NodeID": "n1", "DesiredState": "running",
     "Status": {"State": "running"}},
]


def test_snapshot_names_leader_states_services_and_tasks() -> None:
    snap = build("lab", CONTAINERS, NODES, SERVICES, TASKS)
    assert snap.leader == "manager1" and snap.has_leader
    assert [n.hostname for n in snap.nodes] == ["manager1", "worker1", "worker2"]
    assert snap.node("worker2").state == "down"
    assert snap.node("worker2").container_state == "exited"
    web = next(s for s in snap.services if s.name == "web")
    assert (web.mode, web.replicas, web.running, web.image) == (
        "replicated", 3, 2, "orquestra-lab/app:v1")
    agent = next(s for s in snap.services if s.name == "agent")
    assert (agent.mode, agent.replicas, agent.running) == ("global", None, 1)
    assert [t.slot for t in snap.tasks_on("worker1")] == [1, 2]
    assert snap.tasks_on("worker2") == []
    assert snap.tasks_on("worker2", running_only=False)[0].error == "node down"


def test_snapshot_without_leader_still_reports_containers() -> None:
    snap = build("lab", CONTAINERS, None, None, None, "the swarm does not have a leader")
    assert snap.leader is None and not snap.has_leader
    assert {n.hostname: n.container_state for n in snap.nodes} == {
        "manager1": "running", "worker1": "running", "worker2": "exited"}
    assert all(n.state == "unknown" for n in snap.nodes)
    assert "NONE" in snap.summary() and "does not have a leader" in snap.summary()


def test_json_shape_has_the_documented_keys() -> None:
    data = build("lab", CONTAINERS, NODES, SERVICES, TASKS).to_dict()
    assert {"name", "leader", "nodes", "services"} <= set(data)
    assert set(data["nodes"][0]) >= {"hostname", "role", "leader", "state", "availability",
                                     "reachability"}
    assert data["nodes"][1]["reachability"] == ""


def test_a_node_that_rejoined_is_listed_once_with_its_live_entry() -> None:
    nodes = [*NODES, raw_node("n2old", "worker1", "worker", state="down")]
    snap = build("lab", CONTAINERS, nodes, [], [])
    assert [n.hostname for n in snap.nodes].count("worker1") == 1
    assert snap.node("worker1").state == "ready"


def test_a_task_names_its_container_whose_hostname_the_apps_answer_with() -> None:
    tasks = [{**TASKS[0], "Status": {"State": "running",
                                     "ContainerStatus": {"ContainerID": "0123456789abcdef"}}},
             TASKS[1]]
    snap = build("lab", CONTAINERS, NODES, SERVICES, tasks)
    assert [t.container_id for t in snap.tasks] == ["0123456789abcdef", ""]
