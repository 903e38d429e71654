"""%%docker: CLI commands aimed at a node of the notebook's cluster."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from labs import Cluster, current, dockercli, language, magics
from labs.errors import LabError, NodeError
from labs.timing import wait_until

APP = "orquestra-lab/app:v1"


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language, "_chosen", ["en"])
    monkeypatch.delenv(dockercli.GRADING_ENV, raising=False)
    monkeypatch.delenv(dockercli.TIMEOUT_ENV, raising=False)


# -- the cell's text ---------------------------------------------------------------
def test_cell_lines_become_commands() -> None:
    cell = ("# a comment\ndocker node ls\n\nservice create --name web \\\n"
            "  --replicas 2 orquestra-lab/app:v1\ndocker info --format '{{.Swarm}}'\n")
    assert list(magics.commands(cell)) == [
        ["node", "ls"],
        ["service", "create", "--name", "web", "--replicas", "2", "orquestra-lab/app:v1"],
        ["info", "--format", "{{.Swarm}}"],
    ]
    with pytest.raises(magics.CellError, match="finish the command"):
        list(magics.commands("node ls \\"))
    with pytest.raises(magics.CellError, match="close the quote"):
        list(magics.commands("ps --format '{{.Names}}"))


def test_expand_replaces_known_variables_and_leaves_the_rest() -> None:
    ns = {"manager_ip": "172.29.0.10", "token": "SWMTKN-1-abc", "n": 3}
    cell = "docker swarm join --token $token ${manager_ip}:2377\nservice scale web=$n $nosuch"
    assert magics.expand(cell, ns) == (
        "docker swarm join --token SWMTKN-1-abc 172.29.0.10:2377\nservice scale web=3 $nosuch")
    assert magics.expand(cell, {}) == cell


def test_expand_keeps_go_templates_and_shell_quoting() -> None:
    ns = {"Status": "x", "k": "K", "v": "V"}
    for text in ("ps --format '{{.Status}}'", 'ps --format "{{.Status}}"',
                 "node inspect w --format '{{range $k, $v := .Spec.Labels}}{{$k}}{{end}}'",
                 r"echo \$k", "echo $ $1 $.Name"):
        assert magics.expand(text, ns) == text, text
    # double quotes: the value is escaped for them, as a shell would expand it there
    assert magics.expand('echo "a $k"', ns) == 'echo "a K"'


def test_expanded_values_with_spaces_or_quotes_stay_one_argument() -> None:
    ns = {"label": "zone a", "odd": "it's \"odd\" $k \\"}
    for cell in ("node update --label-add $label w", 'node update --label-add "$label" w'):
        assert list(magics.commands(magics.expand(cell, ns))) == [
            ["node", "update", "--label-add", "zone a", "w"]]
    for cell in ("echo $odd", 'echo "$odd"', "echo ${odd}"):
        assert list(magics.commands(magics.expand(cell, ns))) == [["echo", ns["odd"]]]


def test_a_quote_in_a_comment_does_not_hide_the_next_line() -> None:
    assert magics.expand("# don't\nnode ls $x", {"x": "y"}) == "# don't\nnode ls y"


# -- what a command is -------------------------------------------------------------
@pytest.mark.parametrize(("command", "detached", "name", "remove"), [
    ("run --name hello -p 8080:80 orquestra-lab/app:v1", False, "hello", False),
    ("run -p 8080:80 --name=hello orquestra-lab/app:v1", False, "hello", False),
    ("run -d --name demo-web -p 8082:80 orquestra-lab/app:v1", True, "demo-web", False),
    ("run -dp 8080:80 orquestra-lab/app:v1", True, None, False),
    ("container run -itd orquestra-lab/app:v1", True, None, False),
    ("run --detach --rm orquestra-lab/app:v1", True, None, True),
    ("run --rm=false --name x app", False, "x", False),
    ("run --detach=false orquestra-lab/app:v1", False, None, False),
    ("run -e D=1 orquestra-lab/app:v1 sh -c 'x -d'", False, None, False),  # the container's
    ("run -p8080:80 --memory 32m app", False, None, False),
])
def test_a_docker_run_is_read_as_foreground_or_detached(command: str, detached: bool,
                                                        name: str | None, remove: bool) -> None:
    assert dockercli.parse_run(command.split()) == dockercli.Run(detached, name, remove)


def test_other_commands_are_not_a_docker_run() -> None:
    assert dockercli.parse_run(["ps"]) is None
    assert dockercli.parse_run(["service", "create", "app"]) is None


def test_the_notice_fits_the_command() -> None:
    after, text = dockercli.notice_for(["run", "--name", "hello", APP])
    assert after == dockercli.NOTICE_AFTER and "without -d" in text and "■" in text
    after, text = dockercli.notice_for(["service", "create", "--quiet", APP])
    assert after == dockercli.SERVICE_NOTICE_AFTER and "docker service ps" in text
    after, text = dockercli.notice_for(["service", "create", "-d", APP])
    assert after == dockercli.NOTICE_AFTER and "still running" in text
    language.set_language("pt-BR")
    try:
        assert "primeiro plano" in dockercli.notice_for(["run", APP])[1]
        assert "30 s" in dockercli.notice_for(["service", "update", "web"])[1]
    finally:
        language._chosen[:] = ["en"]


def test_a_time_limit_only_in_batch_grading_unless_set(monkeypatch: pytest.MonkeyPatch) -> None:
    assert dockercli.time_limit() is None
    monkeypatch.setenv(dockercli.GRADING_ENV, "1")
    assert dockercli.time_limit() == dockercli.GRADING_TIMEOUT
    assert dockercli.time_limit(["service", "update", "--force", "web"]) == 100
    assert dockercli.time_limit(["service", "update", "-d", "--force", "web"]) == 60
    monkeypatch.setenv(dockercli.TIMEOUT_ENV, "7.5")
    assert dockercli.time_limit() == 7.5
    monkeypatch.setenv(dockercli.TIMEOUT_ENV, "0")
    assert dockercli.time_limit() is None
    monkeypatch.setenv(dockercli.TIMEOUT_ENV, "soon")
    with pytest.raises(LabError, match="number of seconds"):
        dockercli.time_limit()


def test_a_stopped_command_shows_as_one_line() -> None:
    error = magics.DockerCommandError("✋ stopped: you interrupted `docker run app`.")
    assert isinstance(error, NodeError) and isinstance(error, magics.CellError)
    assert error._render_traceback_() == ["✋ stopped: you interrupted `docker run app`."]


# -- running a command (real processes, no cluster) ----------------------------------
class Recorder:
    def __init__(self) -> None:
        self.started = time.monotonic()
        self.lines: list[tuple[str, str, float]] = []

    def __call__(self, stream: str, line: str) -> None:
        self.lines.append((stream, line.rstrip("\n"), time.monotonic() - self.started))

    def of(self, stream: str) -> list[str]:
        return [line for name, line, _ in self.lines if name == stream]

    def at(self, text: str) -> float:
        return next(t for _, line, t in self.lines if line == text)


def _alive(pid: int) -> bool:
    """The process runs (a zombie waiting for its parent to reap it does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except FileNotFoundError:
        return False


def test_output_streams_as_it_comes_in_order_and_apart() -> None:
    out = Recorder()
    code = dockercli.execute(["sh", "-c", "echo one; sleep 1.5; echo two >&2; sleep 1.5; "
                                       "echo three; exit 3"], out=out)
    assert code == 3
    assert out.of("stdout") == ["one", "three"] and out.of("stderr") == ["two"]
    # streamed: each line arrived while the command was still running
    assert out.at("one") < 1.0 and 1.0 < out.at("two") < 2.5 and out.at("three") > 2.5


def test_the_notice_comes_once_and_only_for_a_command_still_running() -> None:
    out = Recorder()
    dockercli.execute(["sh", "-c", "sleep 1.5"], out=out, notice=(0.5, "still going"))
    assert out.of("notice") == ["still going"]
    assert 0.4 < out.at("still going") < 1.2
    out = Recorder()
    dockercli.execute(["sh", "-c", "echo quick"], out=out, notice=(0.5, "still going"))
    assert out.of("notice") == [] and out.of("stdout") == ["quick"]


def test_a_time_limit_stops_the_command_and_its_children() -> None:
    pid_file = Path(f"/tmp/magics-test-{os.getpid()}.pid")
    out = Recorder()
    with pytest.raises(dockercli.Stopped) as stopped:
        dockercli.execute(["sh", "-c", f"sleep 60 & echo $! > {pid_file}; echo started; wait"],
                       out=out, timeout=1.0)
    assert stopped.value.reason == "timeout" and 1.0 <= stopped.value.seconds < 4
    assert out.of("stdout") == ["started"]
    child = int(pid_file.read_text())
    pid_file.unlink()
    wait_until(lambda: not _alive(child), timeout=3, what="the command's child to end")
    # the other way: a command that ends within its limit just ends
    assert dockercli.execute(["sh", "-c", "sleep 0.2"], out=Recorder(), timeout=5) == 0


def test_an_interrupt_stops_the_command() -> None:
    out = Recorder()
    # Python keeps ignoring SIGINT when it started ignoring it, as every command started in
    # the background by a shell without job control does: this test then ran for 60 s and
    # failed. A kernel's interrupt goes through Python's own handler, which this sets.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    timer = threading.Timer(0.8, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    try:
        with pytest.raises(dockercli.Stopped) as stopped:
            dockercli.execute(["sh", "-c", "echo waiting; sleep 60"], out=out)
    finally:
        timer.cancel()
        signal.signal(signal.SIGINT, previous)
    assert stopped.value.reason == "interrupted" and stopped.value.seconds < 4
    assert out.of("stdout") == ["waiting"]


def test_an_empty_exercise_cell_runs_and_does_nothing() -> None:
    assert magics.keep_empty_cells(["%%docker worker1\n"]) == ["%%docker worker1\n", "\n"]
    assert magics.keep_empty_cells(["%%docker worker1\n", "  \n"]) == ["%%docker worker1\n", "\n"]
    full = ["%%docker worker1\n", "docker ps\n"]
    assert magics.keep_empty_cells(full) == full
    current.forget()
    assert magics.run("worker1", "\n# nothing yet\n") == 0  # no cluster needed for nothing


def test_a_node_needs_a_cluster_first() -> None:
    current.forget()
    with pytest.raises(NodeError, match="Cluster"):
        magics.context_for("manager1", None)
    with pytest.raises(magics.CellError, match="Cluster") as failed:  # in a cell: one line
        magics.docker_magic("manager1", "node ls")
    assert failed.value._render_traceback_() == [str(failed.value)]


# -- on a real cluster ---------------------------------------------------------------
@pytest.fixture(scope="module")
def cluster(lab_engine: object) -> Iterator[Cluster]:
    if shutil.which("docker") is None:
        pytest.skip("no docker command-line client here")
    with Cluster("magics-t", managers=1, workers=0) as made:
        yield made


def _state(cluster: Cluster, name: str) -> str:
    """``running``, ``exited``... or "" when the container does not exist."""
    return cluster.node("manager1").docker(
        f"container ls --all --filter name=^/{name}$ --format '{{{{.State}}}}'")


@pytest.mark.integration
def test_magic_runs_commands_on_the_node_with_notebook_variables(
        cluster: Cluster, capsys: pytest.CaptureFixture[str]) -> None:
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "labs")
    shell.user_ns["who"] = "manager1"
    shell.run_cell_magic("docker", "manager1",  # type: ignore[no-untyped-call]
                         "docker node inspect $who --format '{{.Description.Hostname}} "
                         "{{.Spec.Role}}'\ninfo --format '{{.Swarm.LocalNodeState}}'")
    out = capsys.readouterr().out
    assert "manager1 manager" in out and "\nactive" in out
    assert "$ docker node inspect manager1 --format" in out  # the command as it ran
    with pytest.raises(magics.DockerCommandError):  # a name it does not know stays as is
        shell.run_cell_magic(  # type: ignore[no-untyped-call]
            "docker", "manager1", "node inspect $nosuch")
    assert "$nosuch" in capsys.readouterr().err


@pytest.mark.integration
def test_a_failing_command_fails_the_cell_and_stops_it(
        cluster: Cluster, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(magics.DockerCommandError) as failed:
        magics.run("manager1", "service inspect nosuch\nnode ls")
    captured = capsys.readouterr()
    assert failed.value.code == 1 and "nosuch" in captured.err  # Docker's own message
    assert str(failed.value) == ("✋ stopped: `docker service inspect nosuch` failed (exit "
                                 "code 1); Docker's message is above. The rest of the cell "
                                 "did not run.")
    assert "$ docker node ls" not in captured.out
    assert magics.run("manager1", "node ls\nservice ls") == 0  # the other way: no failure
    assert "$ docker service ls" in capsys.readouterr().out


@pytest.mark.integration
def test_docker_output_streams_while_the_command_runs(cluster: Cluster) -> None:
    out = Recorder()
    context = magics.context_for("manager1", "magics-t")
    code = dockercli.execute(
        [dockercli.cli(), "--context", context, "run", "--rm", "--entrypoint", "sh", APP, "-c",
         "echo one; sleep 2; echo two >&2; sleep 2; echo three"], out=out)
    assert code == 0
    assert out.of("stdout") == ["one", "three"] and out.of("stderr") == ["two"]
    assert out.at("two") - out.at("one") > 1.5 and out.at("three") - out.at("two") > 1.5


@pytest.mark.integration
def test_a_foreground_run_gets_the_notice_and_the_grading_time_limit(
        cluster: Cluster, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(dockercli.GRADING_ENV, "1")
    monkeypatch.setenv(dockercli.TIMEOUT_ENV, "6")
    started = time.monotonic()
    with pytest.raises(magics.DockerCommandError) as stopped:
        magics.run("manager1", f"docker run --name hello -p 8080:80 {APP}\ndocker ps")
    took = time.monotonic() - started
    captured = capsys.readouterr()
    assert 6 <= took < 6 + dockercli.STOP_GRACE + 10
    assert "listening on :80" in captured.err  # the app's own line, streamed
    assert "⏳ docker run without -d" in captured.err
    assert str(stopped.value).startswith("✋ stopped after 6 s: `docker run --name hello")
    # what it says about the container is true: the CLI passed SIGTERM on, the app ended
    assert "A docker run without -d waits for its container to end." in str(stopped.value)
    assert "hello stopped but still exists on manager1" in str(stopped.value)
    assert "docker rm -f hello" in str(stopped.value)
    assert "$ docker ps" not in captured.out
    assert _state(cluster, "hello") == "exited"
    magics.run("manager1", "rm -f hello")
    assert _state(cluster, "hello") == ""
    # a program that ignores SIGTERM (sleep as PID 1 has no handler for it) goes on
    with pytest.raises(magics.DockerCommandError) as stopped:
        magics.run("manager1", f"run --name deaf --entrypoint sleep {APP} 300")
    assert "deaf is still running on manager1" in str(stopped.value)
    assert _state(cluster, "deaf") == "running"
    magics.run("manager1", "rm -f deaf")
    # the other way: a container that ends on the signal (tini passes SIGTERM on), with
    # --rm, is gone, and the message does not say otherwise
    with pytest.raises(magics.DockerCommandError) as stopped:
        magics.run("manager1", f"run --rm --init --name brief --entrypoint sleep {APP} 300")
    assert "docker rm" not in str(stopped.value), stopped.value
    wait_until(lambda: _state(cluster, "brief") == "", timeout=10, what="brief removed")
    assert "⏳ docker run without -d" in capsys.readouterr().err
    # and a detached run is not held
    monkeypatch.setenv(dockercli.TIMEOUT_ENV, "20")
    magics.run("manager1", f"run -d --name quick {APP}\nrm -f quick")
    assert "⏳" not in capsys.readouterr().err


@pytest.mark.integration
def test_a_service_that_cannot_start_is_stopped_at_the_time_limit(
        cluster: Cluster, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(dockercli.TIMEOUT_ENV, "3")
    try:
        with pytest.raises(magics.DockerCommandError) as stopped:
            magics.run("manager1", "service create --name nowhere --quiet "
                                   f"--constraint node.labels.zone==mars {APP}")
        assert str(stopped.value) == (
            "✋ stopped after 3 s: `docker service create --name nowhere --quiet --constraint "
            f"node.labels.zone==mars {APP}` was still running. Its service's tasks did not "
            "all start: see docker service ps.")
    finally:
        magics.run("manager1", "service rm nowhere")
    # the other way: detached, the same command ends at once
    magics.run("manager1", f"service create -d --name nowhere --constraint "
                           f"node.labels.zone==mars {APP}\nservice rm nowhere")
    assert "nowhere" in capsys.readouterr().out


@pytest.mark.integration
def test_node_docker_returns_the_output_or_raises_with_the_message(cluster: Cluster) -> None:
    manager = cluster.node("manager1")
    token = manager.docker("swarm join-token -q worker")
    assert token.startswith("SWMTKN-1-") and "\n" not in token
    assert manager.docker("docker info --format '{{.Swarm.ControlAvailable}}'") == "true"
    with pytest.raises(magics.DockerCommandError) as failed:
        manager.docker("service inspect nosuch")
    assert isinstance(failed.value, NodeError) and failed.value.code == 1
    assert "no such service: nosuch" in str(failed.value).lower()
    assert "%%docker manager1" in str(failed.value)
    with pytest.raises(magics.DockerCommandError, match="still running after 3 s"):
        manager.docker(f"run --rm --init --entrypoint sleep {APP} 300", timeout=3)


@pytest.mark.integration
def test_interrupting_a_cell_in_a_real_kernel_shows_one_line(cluster: Cluster) -> None:
    from jupyter_client.manager import start_new_kernel

    env = {**os.environ, "ORQUESTRA_LANG": "en"}
    env.pop(dockercli.GRADING_ENV, None)
    km, kc = start_new_kernel(kernel_name="python3", env=env, cwd="/tmp")
    try:
        def execute(code: str, *, interrupt_on: str = "") -> list[dict[str, Any]]:
            msg_id = kc.execute(code)
            seen: list[dict[str, Any]] = []
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    msg = kc.get_iopub_msg(timeout=1)
                except queue.Empty:
                    continue
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                seen.append(msg)
                if interrupt_on and interrupt_on in msg["content"].get("text", ""):
                    km.interrupt_kernel()
                if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                    return seen
            raise AssertionError(f"the kernel did not finish: {seen}")

        assert not [m for m in execute("%load_ext labs") if m["msg_type"] == "error"]
        cell = (f"%%docker manager1 --cluster magics-t\ndocker run --name fg {APP}\n"
                "docker node ls\n")
        started = time.monotonic()
        seen = execute(cell, interrupt_on="⏳")
        took = time.monotonic() - started
        errors = [m["content"] for m in seen if m["msg_type"] == "error"]
        text = "".join(m["content"].get("text", "") for m in seen if m["msg_type"] == "stream")
        assert len(errors) == 1, seen
        assert errors[0]["ename"] == "DockerCommandError"
        assert len(errors[0]["traceback"]) == 1
        line = errors[0]["traceback"][0]
        assert line.startswith("✋ stopped: you interrupted `docker run --name fg")
        # the CLI passed the interrupt on as SIGTERM, and the app exits cleanly on it
        assert "fg stopped but still exists on manager1" in line
        assert "Traceback" not in text + line
        assert "$ docker node ls" not in text
        assert took < dockercli.NOTICE_AFTER + dockercli.STOP_GRACE + 8
        assert _state(cluster, "fg") == "exited"
        # the kernel lives on, and a cell that ends well shows no error (the other way)
        seen = execute("%%docker manager1 --cluster magics-t\nrm -f fg\n")
        assert not [m for m in seen if m["msg_type"] == "error"]
        assert _state(cluster, "fg") == ""
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


@pytest.mark.integration
def test_no_cli_process_is_left_behind(cluster: Cluster) -> None:
    found = subprocess.run(["pgrep", "-f", "--context .*magics-t-"],
                           capture_output=True, text=True)
    assert found.stdout.strip() == "", found.stdout


def _cell(shell: Any, code: str) -> Any:
    """Run ``code`` as a notebook cell would run; its ExecutionResult."""
    return shell.run_cell(code)


@pytest.mark.integration
def test_lesson_03_joins_a_swarm_with_variables_on_any_cluster(
        lab_engine: object, capsys: pytest.CaptureFixture[str]) -> None:
    """The way exercise 03.1 teaches: nothing pasted, so it works on a fresh cluster."""
    if shutil.which("docker") is None:
        pytest.skip("no docker command-line client here")
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "labs")
    with Cluster("magics-b", managers=1, workers=1, bare=True) as bare:
        shell.user_ns["cluster"] = bare
        _cell(shell, "manager_ip = cluster.node('manager1').ip")
        result = _cell(shell, "%%docker manager1\n"
                              "docker swarm init --advertise-addr $manager_ip\n")
        assert result.success
        # the other way first: a pasted token that is not this swarm's fails the cell
        shell.user_ns["token"] = "SWMTKN-1-" + "x" * 50 + "-" + "y" * 25
        join = "%%docker worker1\ndocker swarm join --token $token $manager_ip:2377\n"
        result = _cell(shell, join)
        assert not result.success
        assert isinstance(result.error_in_exec, magics.DockerCommandError)
        capsys.readouterr()
        result = _cell(
            shell, "token = cluster.node('manager1').docker('swarm join-token -q worker')")
        assert result.success
        result = _cell(shell, join)
        assert result.success
        out = capsys.readouterr()
        assert "--token SWMTKN-1-" in out.out and f"{bare.node('manager1').ip}:2377" in out.out
        assert "This node joined a swarm as a worker." in out.out
        assert "⏳" not in out.err
        nodes = bare.node("manager1").docker("node ls --format '{{.Hostname}} {{.Status}}'")
        assert sorted(nodes.splitlines()) == ["manager1 Ready", "worker1 Ready"]
