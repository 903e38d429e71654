"""The Docker command-line client run against one node: streamed, timed, stoppable.

What ``%%docker`` cells (:mod:`labs.magics`) and ``Node.docker()`` share:
running ``docker --context NODE ...`` with its output given line by line as
it comes (:func:`execute`), or captured (:func:`capture`); a notice when a
command is still running after a few seconds (what to do depends on the
command: a foreground ``docker run``, a ``docker service`` that waits for its
tasks); a time limit in batch grading (:func:`time_limit`); an interrupt or
the limit stops the CLI and its children (:class:`Stopped`). Its texts, in
both languages, are :data:`TEXTS`.
"""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from labs import language
from labs.errors import LabError, NodeError
from labs.i18n import Catalogue
from labs.spec import GRADING_ENV

TIMEOUT_ENV = "ORQUESTRA_DOCKER_TIMEOUT"
GRADING_TIMEOUT = 60.0
SERVICE_GRADING_TIMEOUT = 100.0
"""For the service commands that wait on purpose (below): a correct ``docker service
update --force`` of 4 replicas took 32 s here; the batch's cell limit is 120 s."""
NOTICE_AFTER = 4.0
"""Seconds without an exit before the "still running" notice."""
SERVICE_NOTICE_AFTER = 30.0
"""The same for ``docker service create/update/scale/rollback`` without ``-d``:
they wait on purpose until the tasks run, which takes several seconds."""
STOP_GRACE = 3.0
"""Seconds the CLI gets to end after SIGTERM before it is killed. A foreground
``docker run`` passes the signal to its container and ends with it; that took
0.3-2.6 s on a loaded 2-core machine."""

# Everything the magic and Node.docker() say to the learner, both languages side by side.
TEXTS = Catalogue(__name__, {
    "waiting": {
        "en": "⏳ still running after {after} s. If it should have ended by now, stop the "
              "cell: the ■ button, or Kernel > Interrupt Kernel.",
        "pt-BR": "⏳ ainda rodando depois de {after} s. Se já devia ter terminado, interrompa "
                 "a célula: botão ■, ou Kernel > Interromper o kernel.",
    },
    "foreground": {
        "en": "⏳ docker run without -d: the container runs in the foreground and this cell "
              "waits for it to end, which a server never does. Stop the cell (the ■ button, "
              "or Kernel > Interrupt Kernel) and use docker run -d.",
        "pt-BR": "⏳ docker run sem -d: o contêiner roda em primeiro plano e esta célula espera "
                 "ele terminar, o que um servidor nunca faz. Interrompa a célula (botão ■, ou "
                 "Kernel > Interromper o kernel) e use docker run -d.",
    },
    "service": {
        "en": "⏳ still waiting after {after} s: without -d, docker service waits until the "
              "service's tasks run. If it does not end, stop the cell (the ■ button) and look "
              "at docker service ps; with -d the command does not wait.",
        "pt-BR": "⏳ ainda esperando depois de {after} s: sem -d, o docker service espera as "
                 "tarefas do serviço rodarem. Se não terminar, interrompa a célula (botão ■) e "
                 "veja o docker service ps; com -d o comando não espera.",
    },
    "failed": {
        "en": "✋ stopped: `docker {command}` failed (exit code {code}); Docker's message is "
              "above.",
        "pt-BR": "✋ parou: `docker {command}` falhou (código de saída {code}); a mensagem do "
                 "Docker está logo acima.",
    },
    "interrupted": {
        "en": "✋ stopped: you interrupted `docker {command}`.",
        "pt-BR": "✋ parou: você interrompeu `docker {command}`.",
    },
    "timeout": {
        "en": "✋ stopped after {after} s: `docker {command}` was still running.",
        "pt-BR": "✋ parou depois de {after} s: `docker {command}` ainda estava rodando.",
    },
    "timeout_run": {
        "en": " A docker run without -d waits for its container to end.",
        "pt-BR": " Um docker run sem -d espera o contêiner terminar.",
    },
    "timeout_service": {
        "en": " Its service's tasks did not all start: see docker service ps.",
        "pt-BR": " As tarefas do serviço não subiram todas: veja o docker service ps.",
    },
    "rest": {
        "en": " The rest of the cell did not run.",
        "pt-BR": " O resto da célula não rodou.",
    },
    "still_running": {
        "en": " The container {name} is still running on {node} (stopping the cell does not "
              "stop it): remove it with docker rm -f {name}, then run it again with -d.",
        "pt-BR": " O contêiner {name} continua rodando em {node} (parar a célula não para o "
                 "contêiner): remova com docker rm -f {name} e rode de novo com -d.",
    },
    "left_stopped": {
        "en": " The container {name} stopped but still exists on {node}: remove it with "
              "docker rm -f {name} before running it again with -d.",
        "pt-BR": " O contêiner {name} parou, mas ainda existe em {node}: remova com "
                 "docker rm -f {name} antes de rodar de novo com -d.",
    },
    "maybe_running": {
        "en": " Its container may still be running on {node}: docker ps lists it, "
              "docker rm -f ID removes it.",
        "pt-BR": " O contêiner pode continuar rodando em {node}: o docker ps mostra, "
                 "o docker rm -f ID remove.",
    },
    "node_failed": {
        "en": "{command} failed on {node} (exit code {code}): {said}\nCheck the command, "
              "e.g. in a %%docker {node} cell, where its output shows as it comes.",
        "pt-BR": "{command} falhou em {node} (código de saída {code}): {said}\nConfira o "
                 "comando, por exemplo numa célula %%docker {node}, que mostra a saída "
                 "enquanto ele roda.",
    },
    "node_timeout": {
        "en": "{command} was stopped on {node}: still running after {after} s. "
              "node.docker() is for commands that end; run containers with -d.",
        "pt-BR": "{command} foi interrompido em {node}: ainda rodava depois de {after} s. "
                 "node.docker() é para comandos que terminam; rode contêineres com -d.",
    },
    "node_interrupted": {
        "en": "{command} was stopped on {node}: you interrupted it.",
        "pt-BR": "{command} foi interrompido em {node}: você o interrompeu.",
    },
})

def say(key: str, **values: Any) -> str:
    """The text ``key`` in the learner's language, with ``values`` filled in."""
    return TEXTS.text(key, **values)


def seconds(value: float) -> str:
    """``value`` as the learner writes numbers (a decimal comma in pt-BR)."""
    return language.number(value, spec="g")


class CellError(LabError):
    """A ``%%docker`` cell cannot go on. In a notebook it shows as its message
    alone: a traceback of the lab's code would only hide what to do."""

    def _render_traceback_(self) -> list[str]:  # IPython's hook: these lines, no traceback
        return str(self).splitlines()


class DockerCommandError(NodeError, CellError):
    """A Docker CLI command failed, was interrupted or ran out of time (the CLI's
    own output, shown above it in a cell, says why)."""

    def __init__(self, message: str, *, code: int | None = None, stderr: str = "") -> None:
        super().__init__(message)
        self.code = code
        """The CLI's exit code; None when it was stopped (interrupt or time limit)."""
        self.stderr = stderr
        """What the CLI wrote on stderr, when it was captured."""


# -- what a command is -------------------------------------------------------------
_BOOL_SHORT = set("ditPq")  # `docker run` short flags that take no value
_BOOL_LONG = {"detach", "interactive", "tty", "rm", "privileged", "publish-all", "init",
              "read-only", "no-healthcheck", "oom-kill-disable", "sig-proxy",
              "disable-content-trust", "quiet", "help", "use-api-socket"}
_WAITING_SERVICE = {"create", "update", "scale", "rollback"}


@dataclass(frozen=True)
class Run:
    """What a ``docker run`` command asks for (flags before the image)."""

    detached: bool
    name: str | None
    remove: bool = False
    """``--rm``: the engine removes the container once it stops."""


def parse_run(args: list[str]) -> Run | None:
    """For ``docker run`` / ``docker container run``: detached or not, and the
    container's ``--name``; None for any other command."""
    if args[:1] == ["run"]:
        rest = args[1:]
    elif args[:2] == ["container", "run"]:
        rest = args[2:]
    else:
        return None
    detached, name, remove = False, None, False
    i = 0
    while i < len(rest):
        arg = rest[i]
        if arg == "--" or not arg.startswith("-") or arg == "-":
            break  # the image: what follows is the container's command
        if arg.startswith("--"):
            key, eq, value = arg[2:].partition("=")
            if not eq and key not in _BOOL_LONG:
                value = rest[i + 1] if i + 1 < len(rest) else ""
                i += 1
            if key == "detach":
                detached = value.lower() != "false" if eq else True
            elif key == "name":
                name = value or None
            elif key == "rm":
                remove = value.lower() != "false" if eq else True
        else:
            letters = arg[1:]
            for j, letter in enumerate(letters):
                if letter == "d":
                    detached = True
                if letter not in _BOOL_SHORT:  # takes a value: the rest, or the next word
                    if letter == "-":
                        break
                    if j == len(letters) - 1:
                        i += 1
                    break
        i += 1
    return Run(detached, name, remove)


def waits_for_service(args: list[str]) -> bool:
    """True for ``docker service create/update/scale/rollback`` without ``-d``: they
    wait on purpose until the service's tasks run."""
    if args[:1] != ["service"] or len(args) < 2 or args[1] not in _WAITING_SERVICE:
        return False
    return not any(a in ("-d", "--detach", "--detach=true", "-d=true") for a in args)


def notice_for(args: list[str]) -> tuple[float, str]:
    """When to tell that ``args`` is still running, and what to say."""
    run = parse_run(args)
    if run is not None and not run.detached:
        return NOTICE_AFTER, say("foreground")
    if waits_for_service(args):
        return SERVICE_NOTICE_AFTER, say("service", after=seconds(SERVICE_NOTICE_AFTER))
    return NOTICE_AFTER, say("waiting", after=seconds(NOTICE_AFTER))


def time_limit(args: list[str] | None = None) -> float | None:
    """Seconds the command ``args`` may run: ``ORQUESTRA_DOCKER_TIMEOUT`` when set
    (0: no limit); else no limit interactively, and in batch grading 60 (100 for
    the service commands that wait until their tasks run)."""
    raw = os.environ.get(TIMEOUT_ENV, "").strip()
    if raw:
        try:
            value = float(raw)
        except ValueError:
            raise LabError(f"{TIMEOUT_ENV}={raw!r} is not a number of seconds; "
                           f"set it to e.g. 60, or 0 for no limit.") from None
        return value if value > 0 else None
    if not os.environ.get(GRADING_ENV):
        return None
    return SERVICE_GRADING_TIMEOUT if args and waits_for_service(args) else GRADING_TIMEOUT


def cli() -> str:
    """Path of the ``docker`` command-line client."""
    docker = shutil.which("docker")
    if docker is None:
        raise LabError("the docker command-line client is not installed here; use the "
                       "Python client instead: cluster.node('manager1').client")
    return docker


def context_name(full_name: str, node: str) -> str:
    """The ``docker context`` of ``node`` in the cluster ``full_name`` (Cluster writes it)."""
    return f"{full_name}-{node}"


class Stopped(Exception):
    """The command was stopped before it ended; ``reason`` is "interrupted" or "timeout"."""

    def __init__(self, reason: str, seconds: float) -> None:
        super().__init__(reason)
        self.reason = reason
        self.seconds = seconds


def _pump(stream: IO[bytes], name: str, lines: queue.Queue[tuple[str, str | None]]) -> None:
    with stream:
        for raw in iter(stream.readline, b""):
            lines.put((name, raw.decode(errors="replace")))
    lines.put((name, None))


def _signal(proc: subprocess.Popen[bytes], sig: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        if os.name == "posix":
            os.killpg(proc.pid, sig)  # its own session: the CLI and its plugins
        elif sig == signal.SIGTERM:
            proc.terminate()
        else:
            proc.kill()


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """End the CLI: SIGTERM (a foreground ``docker run`` passes it to the container),
    then SIGKILL if it is still there after STOP_GRACE seconds or a second interrupt."""
    if proc.poll() is None:
        _signal(proc, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired, KeyboardInterrupt):
            proc.wait(timeout=STOP_GRACE)
    if os.name == "posix":  # children the CLI left behind go too
        _signal(proc, getattr(signal, "SIGKILL", signal.SIGTERM))
    proc.wait()


def execute(argv: list[str], *, out: Callable[[str, str], None],
            notice: tuple[float, str] | None = None, timeout: float | None = None) -> int:
    """Run ``argv``, give each output line to ``out(stream, line)`` as it comes
    (``stream`` is "stdout" or "stderr"), and return the exit code.

    ``notice`` is (seconds, text): the text goes to ``out("notice", text)``
    once if the command is still running then. On KeyboardInterrupt or after
    ``timeout`` seconds the command is stopped (with its children) and
    :class:`Stopped` is raised.
    """
    started = time.monotonic()
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=os.name == "posix")
    lines: queue.Queue[tuple[str, str | None]] = queue.Queue()
    assert proc.stdout is not None and proc.stderr is not None
    for stream, name in ((proc.stdout, "stdout"), (proc.stderr, "stderr")):
        threading.Thread(target=_pump, args=(stream, name, lines), daemon=True).start()

    def drain() -> None:
        with contextlib.suppress(queue.Empty):
            while True:
                name, line = lines.get_nowait()
                if line is not None:
                    out(name, line)

    notice_at = started + notice[0] if notice else None
    deadline = started + timeout if timeout else None
    try:
        open_streams = 2
        while open_streams:
            wake = min((t for t in (notice_at, deadline) if t is not None), default=None)
            try:
                # a bounded wait, so that an interrupt is seen on every platform
                wait = 0.5 if wake is None else min(0.5, max(0.0, wake - time.monotonic()))
                name, line = lines.get(timeout=wait)
            except queue.Empty:
                now = time.monotonic()
                if notice and notice_at is not None and now >= notice_at:
                    out("notice", notice[1])
                    notice_at = None
                if deadline is not None and now >= deadline:
                    _stop(proc)
                    drain()
                    raise Stopped("timeout", now - started) from None
                continue
            if line is None:
                open_streams -= 1
            else:
                out(name, line)
        return proc.wait()
    except KeyboardInterrupt:
        _stop(proc)
        drain()
        raise Stopped("interrupted", time.monotonic() - started) from None


def capture(context: str, args: list[str], *, timeout: float | None) -> tuple[int, str, str]:
    """Run one CLI command against ``context``; return (exit code, stdout, stderr).
    Raises :class:`Stopped` on interrupt or timeout."""
    found: dict[str, list[str]] = {"stdout": [], "stderr": []}
    code = execute([cli(), "--context", context, *args],
                   out=lambda name, line: found[name].append(line), timeout=timeout)
    return code, "".join(found["stdout"]), "".join(found["stderr"])


def container_after(context: str, node: str, run: Run) -> str:
    """What became of a foreground ``docker run``'s container once its CLI was stopped."""
    if run.name is None:
        return say("maybe_running", node=node)
    with contextlib.suppress(Stopped, OSError):
        code, state, _ = capture(
            context, ["container", "ls", "--all", "--filter", f"name=^/{run.name}$",
                      "--format", "{{.State}}"], timeout=15)
        state = state.strip()
        if code == 0 and (not state or (state != "running" and run.remove)):
            return ""  # gone, or going: the engine removes a stopped --rm container
        if code == 0 and state != "running":
            return say("left_stopped", name=run.name, node=node)
    return say("still_running", name=run.name, node=node)
