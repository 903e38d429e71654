"""labs.updates without a cluster: the load generator's lines, and what an update run counts."""

from __future__ import annotations

import pytest

from labs import updates
from labs.status import UpdatePolicy
from labs.updates import Second, UpdateRun


def test_the_load_generators_lines_are_read_and_anything_else_is_skipped() -> None:
    logs = ("loadgen: 5 requests a second to http://catalogo/\n"
            "t=0 ok=5 fail=0 rps=5 timeouts=0\n"
            "t=1 ok=2 fail=3 rps=5 timeouts=3\n"
            "t=2 ok=5\n")
    assert updates.parse(logs) == [(0, 5, 0), (1, 2, 3)]


def _run(**changes: object) -> UpdateRun:
    seconds = [Second(-2, 5, 0), Second(-1, 5, 0), Second(0, 5, 0), Second(1, 1, 4),
               Second(2, 0, 5), Second(3, 5, 0), Second(4, 5, 0), Second(9, 0, 5)]
    fields: dict[str, object] = {"service": "catalogo", "state": "completed", "took": 3.2,
                                 "seconds": seconds, "replicas": 2}
    fields.update(changes)
    return UpdateRun(**fields)  # type: ignore[arg-type]


def test_an_update_counts_the_requests_from_its_start_to_a_second_after_its_end() -> None:
    run = _run()
    # seconds 0..4 count (took 3.2 s, plus one); the baseline before 0 and second 9 do not
    assert (run.ok, run.failed) == (16, 9)
    assert run.failed_seconds == [1, 2, 9]
    assert run.summary("pt-BR") == ("catalogo: completed em 3,2 s; 16 requisições respondidas, "
                                    "9 falharam")


@pytest.mark.parametrize(("policy", "lang", "label"), [
    (UpdatePolicy(1, 0.0, "pause", 5.0, 0.0, "stop-first"), "pt-BR",
     "2 réplica(s) · stop-first · 1 por vez"),
    (UpdatePolicy(0, 0.0, "pause", 5.0, 0.0, "stop-first"), "en",
     "2 replica(s) · stop-first · all at once"),
    (UpdatePolicy(1, 3.0, "pause", 5.0, 0.0, "start-first"), "pt-BR",
     "2 réplica(s) · start-first · 1 por vez, pausa de 3 s"),
    (UpdatePolicy(2, 1.5, "pause", 5.0, 0.0, "stop-first"), "pt-BR",
     "2 réplica(s) · stop-first · 2 por vez, pausa de 1,5 s"),
])
def test_a_run_is_labelled_by_what_set_it_apart(policy: UpdatePolicy, lang: str,
                                                 label: str) -> None:
    assert _run(policy=policy).label(lang) == label


@pytest.mark.parametrize("command", ["docker service scale web=3", "service create web",
                                     "docker run web"])
def test_only_an_update_or_a_rollback_is_measured(command: str) -> None:
    with pytest.raises(ValueError, match="not a docker service update or rollback"):
        updates._update_command(command)


def test_the_update_is_sent_detached_the_wait_is_ours() -> None:
    assert updates._update_command("docker service rollback web") == [
        "service", "rollback", "--detach", "web"]
    assert updates._update_command("service update -d --image x web") == [
        "service", "update", "-d", "--image", "x", "web"]


def test_a_load_aimed_at_another_service_is_refused_before_anything_runs() -> None:
    class _Cluster:
        def node(self, name: str) -> object:
            return object()

        def status(self) -> object:
            class _Status:
                def service(self, name: str) -> object:
                    return object()
            return _Status()

    load = object.__new__(updates.Load)
    load.name, load.target = "carga-abc123", "http://catalogo/"
    with pytest.raises(ValueError, match=r"http://catalogo/, n.*estoque"):
        updates.measure(_Cluster(), "docker service update --force estoque",  # type: ignore[arg-type]
                        load=load)
