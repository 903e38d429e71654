"""Rolling updates, measured: requests counted while a service's tasks are replaced.

:class:`Load` runs the shop's load generator in a container on one node, attached to
an overlay network, asking a service by its name a few times a second; every second
it reports how many requests were answered and how many failed. :func:`measure`
keeps it running while a ``docker service update`` (or rollback) replaces the
service's tasks, and returns an :class:`UpdateRun`: the requests per second around
the update and its phases (each task started or stopped), on one time axis whose
zero is the moment the swarm began the update.

Every time comes from the nodes' own clock (container start, task timestamps, the
service's UpdateStatus): the nodes share one kernel, so the times line up even when
the cluster runs in the VM engine, whose clock is not the host's.
"""

from __future__ import annotations

import shlex
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType

from matplotlib.figure import Figure

from labs.cluster import Cluster
from labs.dockercli import DockerCommandError
from labs.i18n import Catalogue
from labs.images import SHOP_REPO
from labs.node import Node
from labs.status import ClusterStatus, ServiceStatus, TaskStatus, UpdatePolicy
from labs.timing import epoch_seconds, wait_until

LOADGEN_IMAGE = f"{SHOP_REPO}:v1"
LOAD_LABEL = "orquestra-lab.load"
"""On the load generators' services (they are removed after each measure)."""
RATE = 5
"""Requests a second: enough to see a gap of half a second, light on a slow machine."""
REQUEST_TIMEOUT = 5
"""A request with no answer within this many seconds counts as failed. Under software
emulation a container start can stall the machine for a second or two: a slow answer
is not an outage."""
LINE_LAG = REQUEST_TIMEOUT + 2.0
"""The load generator reports a second once its requests surely ended (TIMEOUT + 2 s)."""
BEFORE = 2.0
"""Seconds of requests kept before an update starts: the service answered before it."""
AFTER = 3.0
"""Seconds of requests kept after an update ends."""
END_STATES = ("completed", "paused", "rollback_completed", "rollback_paused")
UPDATE_TIMEOUT = 600.0
"""The longest an update may take here: under software emulation a task starts in seconds."""

TEXTS = Catalogue(__name__, {
    "started": {"pt-BR": "{version} rodando em {node}", "en": "{version} running on {node}"},
    "stopped": {"pt-BR": "{version} parada em {node}", "en": "{version} stopped on {node}"},
    "failed": {"pt-BR": "{version} falhou em {node}", "en": "{version} failed on {node}"},
    "begins": {"pt-BR": "início", "en": "start"},
    "ends": {"pt-BR": "fim ({state})", "en": "end ({state})"},
    "summary": {
        "pt-BR": "{service}: {state} em {took:.1f} s; {ok} requisições respondidas, "
                 "{failed} falharam",
        "en": "{service}: {state} in {took:.1f} s; {ok} requests answered, {failed} failed",
    },
    "no_network": {
        "pt-BR": "O serviço {service} não está em nenhuma rede overlay: a carga precisa de uma "
                 "rede para chamá-lo pelo nome. Crie-o com --network NOME (uma overlay "
                 "--attachable).",
        "en": "Service {service} is on no overlay network: the load needs one to call it by "
              "name. Create it with --network NAME (an --attachable overlay).",
    },
    "label": {"pt-BR": "{replicas} · {order} · {parallelism}{delay}",
              "en": "{replicas} · {order} · {parallelism}{delay}"},
    "replicas": {"pt-BR": "{n} réplica(s)", "en": "{n} replica(s)"},
    "at_once": {"pt-BR": "{n} por vez", "en": "{n} at a time"},
    "all": {"pt-BR": "todas de uma vez", "en": "all at once"},
    "delay": {"pt-BR": ", pausa de {s:g} s", "en": ", {s:g} s pause"},
    "compared": {"pt-BR": "Atualizações medidas lado a lado",
                 "en": "Updates measured side by side"},
    "replaced": {
        "pt-BR": "Tarefa {old} em {node}: saúde {health}, {streak} verificações seguidas "
                 "falharam; o swarm a parou (estado {state}).\n"
                 "Substituída por {new} em {new_node}, rodando {seconds:.1f} s depois de a "
                 "saúde ser desligada.",
        "en": "Task {old} on {node}: health {health}, {streak} checks in a row failed; the "
              "swarm stopped it (state {state}).\nReplaced by "
              "{new} on {new_node}, running {seconds:.1f} s after its health was switched "
              "off.",
    },
    "other_target": {
        "pt-BR": "A carga {load} chama {target}, não o serviço {service}. Crie outra com "
                 "updates.Load(no, rede, \"http://{service}/\").",
        "en": "Load {load} calls {target}, not service {service}. Start another with "
              "updates.Load(node, network, \"http://{service}/\").",
    },
    "no_service": {"pt-BR": "O serviço {service} não existe. Crie-o antes de medir.",
                   "en": "Service {service} does not exist. Create it before measuring."},
})


@dataclass(frozen=True)
class Second:
    """The requests sent in one second: answered (2xx) and failed."""

    at: float
    """Seconds from the update's start (negative: before it)."""
    ok: int
    failed: int


def parse(logs: str) -> list[tuple[int, int, int]]:
    """The load generator's lines ``t=S ok=N fail=N ...`` as (second, ok, failed)."""
    found = []
    for line in logs.splitlines():
        fields = dict(part.split("=", 1) for part in line.split() if "=" in part)
        if line.startswith("t=") and {"t", "ok", "fail"} <= fields.keys():
            found.append((int(fields["t"]), int(fields["ok"]), int(fields["fail"])))
    return found


class Load:
    """The shop's load generator as a one-task service on ``node``, on ``network``, asking
    ``target`` ``rate`` times a second. A service joins any overlay, attachable or not.

    Use it as a context manager, or call :meth:`stop`: the service is removed either way.
    """

    def __init__(self, node: Node, network: str, target: str, *, rate: int = RATE,
                 timeout: float = 300.0) -> None:
        self.node = node
        self.target = target
        self.name = f"carga-{uuid.uuid4().hex[:6]}"
        node.docker(shlex.join([
            "service", "create", "--detach", "--name", self.name, "--network", network,
            "--constraint", f"node.hostname=={node.name}", "--restart-condition", "none",
            "--label", f"{LOAD_LABEL}=1", "--env", f"TARGET={target}", "--env",
            f"RATE={rate}", "--env", f"TIMEOUT={REQUEST_TIMEOUT}", LOADGEN_IMAGE, "loadgen"]))
        try:
            self.container, self.started = wait_until(
                self._started, timeout=timeout, interval=0.5,
                what=f"the load generator {self.name} to start on {node.name}")
        except BaseException:
            self.stop()
            raise

    def _started(self) -> tuple[str, float] | None:
        """The container of the load's task and when it started (node clock), once it runs."""
        for found in self.node.daemon.containers(f"com.docker.swarm.service.name={self.name}"):
            inspected = self.node.daemon.inspect_container(found["Id"]) or {}
            state = inspected.get("State") or {}
            started = epoch_seconds(str(state.get("StartedAt") or ""))
            if state.get("Running") and started is not None:
                return str(found["Id"]), started
        return None

    def seconds(self) -> list[tuple[int, int, int]]:
        """Every second reported so far: (second since start, ok, failed)."""
        return parse(self.node.daemon.logs(self.container))

    def until(self, epoch: float, *, timeout: float = 120.0) -> list[tuple[int, int, int]]:
        """Wait until the second holding ``epoch`` (node clock) is reported; all seconds."""
        last = int(epoch - self.started)

        def reported() -> list[tuple[int, int, int]] | None:
            found = self.seconds()
            return found if found and found[-1][0] >= last else None

        return wait_until(reported, timeout=timeout + LINE_LAG, interval=0.5,
                          what=f"the load generator's report of second {last}")

    def stop(self) -> None:
        try:
            self.node.docker(f"service rm {self.name}")
        except DockerCommandError as error:
            if "not found" not in str(error):
                raise

    def __enter__(self) -> Load:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()


@dataclass(frozen=True)
class Phase:
    """A moment of the update: a task of a version started, stopped or failed on a node."""

    at: float
    kind: str
    """started, stopped or failed."""
    version: str
    node: str

    def label(self, lang: str | None = None) -> str:
        return TEXTS.text(self.kind, lang, version=self.version, node=self.node)


@dataclass(frozen=True)
class UpdateRun:
    """What :func:`measure` saw: requests per second around one update, and its phases."""

    service: str
    state: str
    """How the update ended: completed, paused, rollback_completed..."""
    took: float
    """Seconds from the update's start to its end (to the moment it paused)."""
    seconds: list[Second]
    phases: list[Phase] = field(default_factory=list)
    message: str = ""
    """The swarm's message about the update ('update rolled back due to ...')."""
    replicas: int | None = None
    """The service's replicas during the update (None: global)."""
    policy: UpdatePolicy | None = None
    """The update policy the update ran with."""

    def label(self, lang: str | None = None) -> str:
        """'2 réplica(s) · stop-first · 1 por vez, pausa de 3 s': what set this update apart."""
        policy = self.policy or UpdatePolicy(1, 0.0, "pause", 5.0, 0.0, "stop-first")
        at_once = (TEXTS.text("all", lang) if policy.parallelism == 0
                   else TEXTS.text("at_once", lang, n=policy.parallelism))
        delay = TEXTS.text("delay", lang, s=policy.delay) if policy.delay else ""
        return TEXTS.text("label", lang, replicas=TEXTS.text("replicas", lang, n=self.replicas),
                          order=policy.order, parallelism=at_once, delay=delay)

    @property
    def ok(self) -> int:
        """Requests answered from the update's start to its end, plus a second."""
        return sum(s.ok for s in self.seconds if 0 <= s.at <= self.took + 1)

    @property
    def failed(self) -> int:
        """Requests that failed from the update's start to its end, plus a second."""
        return sum(s.failed for s in self.seconds if 0 <= s.at <= self.took + 1)

    @property
    def failed_seconds(self) -> list[float]:
        """The seconds (from the update's start) in which some request failed."""
        return [s.at for s in self.seconds if s.failed]

    def summary(self, lang: str | None = None) -> str:
        return TEXTS.text("summary", lang, service=self.service, state=self.state,
                          took=self.took, ok=self.ok, failed=self.failed)

    def plot(self, title: str | None = None, lang: str | None = None) -> Figure:
        """Requests per second, ok and failed, with the update's phases marked."""
        from labs.widgets.plots import rolling_update

        marks = [(0.0, TEXTS.text("begins", lang))]
        marks += [(p.at, p.label(lang)) for p in self.phases]
        marks.append((self.took, TEXTS.text("ends", lang, state=self.state)))
        return rolling_update([s.at for s in self.seconds], [s.ok for s in self.seconds],
                              [s.failed for s in self.seconds], phases=marks,
                              title=title or self.summary(lang), lang=lang)


def compare(runs: list[UpdateRun], lang: str | None = None) -> Figure:
    """Updates side by side: requests that failed, and how long each took."""
    from labs.widgets.plots import update_runs

    return update_runs([run.label(lang) for run in runs], [run.failed for run in runs],
                       [run.took for run in runs], title=TEXTS.text("compared", lang),
                       lang=lang)


@dataclass(frozen=True)
class Replacement:
    """A task the swarm replaced because its healthcheck failed."""

    old: TaskStatus
    """The task as it ran before its health was switched off."""
    gone: TaskStatus
    """The same task as the swarm last listed it (stopped, or failed)."""
    new: TaskStatus
    seconds: float
    """From the moment its health was switched off to the new task running."""
    health: str = ""
    """What Docker recorded of the old container's health: 'unhealthy'..."""
    streak: int = 0
    """Health checks failed in a row when it was stopped."""

    def text(self, lang: str | None = None) -> str:
        return TEXTS.text("replaced", lang, old=self.old.id[:12], node=self.old.node,
                          health=self.health or "-", streak=self.streak, state=self.gone.state,
                          new=self.new.id[:12], new_node=self.new.node, seconds=self.seconds)

    def __str__(self) -> str:
        return self.text()


def unhealthy(cluster: Cluster, service: str, *, timeout: float = 300.0) -> Replacement:
    """Switch off the health of one running task of ``service`` (the shop's /health/off,
    asked from inside its container) and wait until the swarm replaced it; what Docker
    recorded of the old container's health comes with it."""
    task = next(iter(cluster.status().running(service)), None)
    if task is None:
        raise ValueError(TEXTS.text("no_service", service=service))
    node = cluster.node(task.node)
    node.daemon.exec_in(task.container_id, ["wget", "-qO-", "http://127.0.0.1/health/off"])
    switched = _now(node)

    def replaced() -> tuple[TaskStatus, TaskStatus] | None:
        status = cluster.status()
        gone = next((t for t in status.tasks_of(service) if t.id == task.id), task)
        new = next((t for t in status.running(service)
                    if t.slot == task.slot and t.id != task.id), None)
        return (gone, new) if new is not None and not gone.live else None

    gone, new = wait_until(replaced, timeout=timeout, interval=0.5,
                           what=f"the swarm to replace task {task.id[:12]} of {service}")
    health = ((node.daemon.inspect_container(task.container_id) or {}).get("State") or {}
              ).get("Health") or {}
    return Replacement(task, gone, new, (new.changed_at or switched) - switched,
                       str(health.get("Status") or ""), int(health.get("FailingStreak") or 0))


def _version(task: TaskStatus) -> str:
    return task.image.rpartition(":")[2] or task.image


def _phases(status: ClusterStatus, service: str, started: float, until: float) -> list[Phase]:
    """Tasks started (running now) and stopped or failed between ``started`` and ``until``."""
    found = []
    for task in status.tasks_of(service):
        at = task.changed_at
        if at is None or not started <= at <= until + 1:
            continue
        if task.state == "running":
            found.append(Phase(at - started, "started", _version(task), task.node))
        elif task.state in ("shutdown", "complete"):
            found.append(Phase(at - started, "stopped", _version(task), task.node))
        elif task.state in ("failed", "rejected"):
            found.append(Phase(at - started, "failed", _version(task), task.node))
    return sorted(found, key=lambda p: p.at)


def _update_command(command: str) -> list[str]:
    """The words of ``docker service update|rollback ...``, run detached (the wait is ours)."""
    words = shlex.split(command)
    if words and words[0] == "docker":
        words = words[1:]
    if words[:2] not in (["service", "update"], ["service", "rollback"]):
        raise ValueError(f"{command!r} is not a docker service update or rollback")
    if "--detach" not in words and "-d" not in words:
        words.insert(2, "--detach")
    return words


def measure(cluster: Cluster, command: str, *, load: Load | None = None,
            service: str | None = None, node: str = "manager1", rate: int = RATE,
            before: float = BEFORE, after: float = AFTER, timeout: float = UPDATE_TIMEOUT,
            progress: Callable[[str], None] | None = None) -> UpdateRun:
    """Run ``command`` (``docker service update ... NAME``, as typed in a ``%%docker`` cell)
    while a load generator asks the service by name; an :class:`UpdateRun` holding the
    seconds from ``before`` seconds ahead of the update to ``after`` seconds past its end.

    ``load``: a running :class:`Load` aimed at the service (a lesson measuring several
    updates starts one and passes it each time). Without it, one is started on ``node``,
    on the service's first overlay network, and removed when the measure ends.
    """
    words = _update_command(command)
    name = service or words[-1]
    manager = cluster.node(node)
    found = _service(cluster, name)
    if load is not None:
        if load.target != f"http://{name}/":
            raise ValueError(TEXTS.text("other_target", load=load.name, target=load.target,
                                        service=name))
        return _measure(cluster, words, name, found, load, before, after, timeout, progress)
    if not found.networks:
        raise ValueError(TEXTS.text("no_network", service=name))
    with Load(manager, found.networks[0], f"http://{name}/", rate=rate) as own:
        own.until(own.started + before)  # a baseline: the service answers before the update
        return _measure(cluster, words, name, found, own, before, after, timeout, progress)


def _measure(cluster: Cluster, words: list[str], name: str, found: ServiceStatus, load: Load,
             before: float, after: float, timeout: float,
             progress: Callable[[str], None] | None) -> UpdateRun:
    if progress:
        progress(" ".join(["docker", *words]))
    load.node.docker(shlex.join(words), timeout=120)
    done = wait_until(
        lambda: _ended(cluster, name, found), timeout=timeout, interval=0.5,
        what=f"the update of {name} to end", describe=lambda: cluster.status().summary())
    started = done.update_started or _now(load.node)
    ended = done.update_completed or _now(load.node)
    reported = load.until(ended + after)
    status = cluster.status()
    seconds = [Second(load.started + at - started, ok, failed) for at, ok, failed in reported
               if started - before <= load.started + at <= ended + after]
    return UpdateRun(name, done.update_state, ended - started, seconds,
                     _phases(status, name, started, ended), done.update_message,
                     done.replicas, done.update)


def _service(cluster: Cluster, name: str) -> ServiceStatus:
    found = cluster.status().service(name)
    if found is None:
        raise ValueError(TEXTS.text("no_service", service=name))
    return found


def _ended(cluster: Cluster, name: str, before: ServiceStatus) -> ServiceStatus | None:
    """The service once its update (begun after ``before``) reached an end state."""
    now = cluster.status().service(name)
    if now is None or now.update_started is None or now.update_state not in END_STATES:
        return None
    if before.update_started is not None and now.update_started <= before.update_started:
        return None
    return now


def _now(node: Node) -> float:
    """The node clock's time now (a paused update has no end time of its own)."""
    return float(node.exec("date", "+%s.%N")[1].strip())
