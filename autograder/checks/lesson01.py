"""Lesson 01, Containers vs virtual machines: cgroup limits and start times on one engine."""

from __future__ import annotations

import statistics

from autograder.check import Check, Context
from autograder.result import Part
from labs.timing import docker_time

CLUSTER_NAME = "lesson-01"
CLUSTER = {"name": CLUSTER_NAME, "managers": 1, "workers": 0, "bare": True}
NODE = "manager1"
MiB = 1024 * 1024
LIMITED_BYTES = 64 * MiB
START_LABEL = "lab=start"
START_RUNS = 5
# where a container reads its own memory limit: cgroup v1, then v2
_CGROUP_LIMIT = ("cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null"
                 " || cat /sys/fs/cgroup/memory.max")


def _cgroup_limit(ctx: Context, name: str) -> int | None:
    """The memory limit the kernel holds for container ``name``, read from inside it."""
    api = ctx.engine(NODE)
    exec_id = api.exec_create(name, ["sh", "-c", _CGROUP_LIMIT])["Id"]
    output = api.exec_start(exec_id).decode().strip()
    return int(output) if output.isdigit() else None


def memory_limit(ctx: Context) -> list[Part]:
    """Container 'limited' runs with a 64 MiB memory limit, enforced by its cgroup."""
    raw = ctx.container(NODE, "limited")
    running = bool(raw and raw["State"]["Running"])
    limit = int(raw["HostConfig"]["Memory"] or 0) if raw else 0
    parts = [ctx.part(running, "01.1.running", waiting=raw is not None and not running),
             ctx.part(limit == LIMITED_BYTES, "01.1.limit", waiting=False,
                      mib=round(limit / MiB, 1))]
    kernel = _cgroup_limit(ctx, "limited") if running and limit else None
    parts.append(ctx.part(kernel == LIMITED_BYTES, "01.1.cgroup", waiting=False,
                          seen=kernel if kernel is not None else "-"))
    return parts


def oom_killed(ctx: Context) -> list[Part]:
    """Container 'hog' had a memory limit and the kernel killed it for going over it."""
    raw = ctx.container(NODE, "hog")
    limit = int(raw["HostConfig"]["Memory"] or 0) if raw else 0
    state = raw["State"] if raw else {}
    return [ctx.part(raw is not None, "01.2.exists", waiting=False),
            ctx.part(limit > 0, "01.2.limit", waiting=False),
            ctx.part(bool(state.get("OOMKilled")), "01.2.oom", waiting=bool(state.get("Running")),
                     status=state.get("Status", "-"), code=state.get("ExitCode", "-"))]


def start_times(ctx: Context) -> list[Part]:
    """At least five containers labelled lab=start ran and exited 0; Docker timed them."""
    runs = [c for c in ctx.containers(NODE, START_LABEL)
            if c["State"]["Status"] == "exited" and c["State"]["ExitCode"] == 0]
    millis = []
    for run in runs:
        created, started = docker_time(run["Created"]), docker_time(run["State"]["StartedAt"])
        if created is not None and started is not None:
            millis.append((started - created) * 1000)
    median = f"{statistics.median(millis):.0f}" if millis else "-"
    return [ctx.part(len(millis) >= START_RUNS, "01.3.runs", waiting=False,
                     count=len(millis), wanted=START_RUNS, median=median)]



MESSAGES = {
    "01.1.title": {
        "pt-BR": "Um contêiner com limite de memória: limited, 64 MiB",
        "en": "A container with a memory limit: limited, 64 MiB",
    },
    "01.1.running.ok": {
        "pt-BR": "O contêiner limited está rodando.",
        "en": "Container limited is running.",
    },
    "01.1.running.no": {
        "pt-BR": "Não há contêiner limited rodando em manager1.",
        "en": "No container limited is running on manager1.",
    },
    "01.1.limit.ok": {
        "pt-BR": "O Docker registrou o limite de 64 MiB.",
        "en": "Docker recorded the 64 MiB limit.",
    },
    "01.1.limit.no": {
        "pt-BR": ("O limite de memória registrado é {mib} MiB; o pedido é 64 MiB (0 quer dizer "
                  "sem limite)."),
        "en": "The recorded memory limit is {mib} MiB; 64 MiB is asked (0 means no limit).",
    },
    "01.1.cgroup.ok": {
        "pt-BR": "O kernel aplica o limite: o cgroup do contêiner diz 67108864 bytes.",
        "en": "The kernel enforces it: the container's cgroup says 67108864 bytes.",
    },
    "01.1.cgroup.no": {
        "pt-BR": "O cgroup do contêiner não mostra 67108864 bytes (lido: {seen}).",
        "en": "The container's cgroup does not show 67108864 bytes (read: {seen}).",
    },
    "01.1.hint.1": {
        "pt-BR": "docker run -d --name limited --memory 64m orquestra-lab/app:v1",
        "en": "docker run -d --name limited --memory 64m orquestra-lab/app:v1",
    },
    "01.1.hint.2": {
        "pt-BR": "Errou o limite? docker rm -f limited e rode de novo.",
        "en": "Wrong limit? docker rm -f limited and run it again.",
    },
    "01.2.title": {
        "pt-BR": "Passe do limite: o kernel mata hog (OOM)",
        "en": "Go over the limit: the kernel kills hog (OOM)",
    },
    "01.2.exists.ok": {
        "pt-BR": "O contêiner hog existe.",
        "en": "Container hog exists.",
    },
    "01.2.exists.no": {
        "pt-BR": "Não há contêiner hog em manager1.",
        "en": "There is no container hog on manager1.",
    },
    "01.2.limit.ok": {
        "pt-BR": "hog tem limite de memória.",
        "en": "hog has a memory limit.",
    },
    "01.2.limit.no": {
        "pt-BR": "hog não tem limite de memória: sem limite, o kernel não o mata.",
        "en": "hog has no memory limit: without one, the kernel does not kill it.",
    },
    "01.2.oom.ok": {
        "pt-BR": "O kernel matou hog por falta de memória (OOMKilled).",
        "en": "The kernel killed hog for running out of memory (OOMKilled).",
    },
    "01.2.oom.no": {
        "pt-BR": "hog não foi morto por falta de memória (estado {status}, código {code}).",
        "en": "hog was not killed for running out of memory (state {status}, code {code}).",
    },
    "01.2.hint.1": {
        "pt-BR": ("tail /dev/zero guarda na memória uma linha que nunca termina: --entrypoint "
                  "tail ... orquestra-lab/app:v1 /dev/zero"),
        "en": ("tail /dev/zero keeps a line that never ends in memory: --entrypoint tail ... "
               "orquestra-lab/app:v1 /dev/zero"),
    },
    "01.2.hint.2": {
        "pt-BR": "Dê um limite pequeno e sem swap: --memory 32m --memory-swap 32m",
        "en": "Give it a small limit and no swap: --memory 32m --memory-swap 32m",
    },
    "01.3.title": {
        "pt-BR": "Meça a partida: 5 contêineres com o rótulo lab=start",
        "en": "Measure start-up: 5 containers labelled lab=start",
    },
    "01.3.runs.ok": {
        "pt-BR": ("{count} partidas medidas pelo Docker; mediana de {median} ms entre criar e "
                  "iniciar."),
        "en": "{count} starts timed by Docker; median of {median} ms from create to start.",
    },
    "01.3.runs.no": {
        "pt-BR": ("Encontrei {count} contêiner(es) com lab=start que terminaram com código 0; "
                  "são precisos {wanted}."),
        "en": ("Found {count} container(s) labelled lab=start that exited with code 0; {wanted} "
               "are needed."),
    },
    "01.3.hint.1": {
        "pt-BR": ("Uma linha por contêiner: docker run --label lab=start --entrypoint true "
                  "orquestra-lab/app:v1"),
        "en": ("One line per container: docker run --label lab=start --entrypoint true "
               "orquestra-lab/app:v1"),
    },
}

CHECKS = [
    Check("01.1", CLUSTER_NAME, memory_limit, points=2, window=15,
          hints=("01.1.hint.1", "01.1.hint.2")),
    Check("01.2", CLUSTER_NAME, oom_killed, points=2, window=30,
          hints=("01.2.hint.1", "01.2.hint.2")),
    Check("01.3", CLUSTER_NAME, start_times, points=1, window=5, hints=("01.3.hint.1",)),
]
