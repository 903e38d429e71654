"""Names, shapes and limits are checked before anything is created."""

from __future__ import annotations

import pytest

from labs import spec
from labs.cluster import Cluster
from labs.errors import InvalidSpec, LabError


@pytest.mark.parametrize("name", ["lesson-04", "a", "x1", "grading-job-17"])
def test_valid_names_are_accepted(name: str) -> None:
    assert spec.validate_name(name) == name


@pytest.mark.parametrize("name", ["", "Lesson", "-a", "a-", "a_b", "a b", "x" * 41, "é"])
def test_invalid_names_are_refused_with_an_example(name: str) -> None:
    with pytest.raises(InvalidSpec, match="lesson-04"):
        spec.validate_name(name)


def test_every_failure_is_a_lab_error() -> None:
    with pytest.raises(LabError):
        Cluster("ok", managers=0)


@pytest.mark.parametrize(("managers", "workers", "needle"), [
    (0, 2, "at least one manager"),
    (-1, 2, "at least one manager"),
    (1, -1, "cannot be negative"),
    (5, 5, "limit is 9"),
    (1.5, 1, "whole number"),
])
def test_impossible_shapes_are_refused(managers: int, workers: int, needle: str) -> None:
    with pytest.raises(InvalidSpec, match=needle):
        spec.Shape(managers, workers).validate()


def test_node_limit_is_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(spec.MAX_NODES_ENV, "3")
    with pytest.raises(InvalidSpec, match="limit is 3"):
        spec.Shape(2, 2).validate()
    assert spec.Shape(1, 2).validate() == []


def test_even_manager_counts_warn_about_quorum() -> None:
    with pytest.warns(UserWarning, match="quorum of 2 and tolerate only 0"):
        Cluster("even", managers=2, workers=0)
    [message] = spec.Shape(4, 0).validate()
    assert "quorum of 3" in message and "the same as 3" in message
    assert spec.Shape(3, 0).validate() == []
    assert spec.Shape(2, 0, bare=True).validate() == []  # no swarm, no quorum


def test_nodes_are_named_managers_first() -> None:
    assert spec.Shape(2, 1).node_names() == [
        ("manager1", "manager"), ("manager2", "manager"), ("worker1", "worker")]


def test_shape_label_round_trips() -> None:
    shape = spec.Shape(3, 2, bare=True)
    assert spec.Shape.parse(shape.label()) == shape


def test_session_prefix_namespaces_cluster_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(spec.SESSION_ENV, "job-7")
    assert spec.full_name("lesson-04") == "job-7-lesson-04"
    assert spec.labels("job-7-lesson-04", node="worker1") == {
        spec.LABEL_CLUSTER: "job-7-lesson-04", spec.LABEL_SESSION: "job-7",
        spec.LABEL_NODE: "worker1"}
    monkeypatch.setenv(spec.SESSION_ENV, "")
    assert spec.full_name("lesson-04") == "lesson-04"
    monkeypatch.setenv(spec.SESSION_ENV, "Bad Session!")
    with pytest.raises(InvalidSpec, match=spec.SESSION_ENV):
        spec.full_name("lesson-04")
