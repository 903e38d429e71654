"""Lesson 03, Swarm mode: init and nodes. The cluster starts bare (engines, no swarm)."""

from __future__ import annotations

from autograder.check import Check, Context
from autograder.result import Part

CLUSTER_NAME = "lesson-03"
CLUSTER = {"name": CLUSTER_NAME, "managers": 1, "workers": 2, "bare": True}


def swarm_by_hand(ctx: Context) -> list[Part]:
    """manager1 leads a swarm; worker1 and worker2 joined it as ready workers."""
    nodes = ctx.nodes()
    leader = nodes.get("manager1", {}).get("ManagerStatus", {}).get("Leader", False)
    parts = [ctx.part(bool(leader), "03.1.init", waiting=False)]
    for name in ("worker1", "worker2"):
        raw = nodes.get(name)
        ok = bool(raw and raw["Spec"]["Role"] == "worker" and raw["Status"]["State"] == "ready")
        # a node that joined becomes ready by itself; one that never joined does not
        parts.append(ctx.part(ok, "03.1.join", waiting=raw is not None, node=name))
    return parts


def drain_worker2(ctx: Context) -> list[Part]:
    """worker2 is drained and runs no task."""
    raw = ctx.nodes().get("worker2")
    availability = raw["Spec"]["Availability"] if raw else "?"
    running = [t for t in ctx.api.tasks(filters={"desired-state": "running"})
               if raw and t.get("NodeID") == raw["ID"] and t["Status"]["State"] == "running"]
    return [ctx.part(availability == "drain", "03.2.drain", waiting=False,
                     availability=availability),
            # no task on worker2 counts only once it is drained, not by luck of placement
            ctx.part(availability == "drain" and not running, "03.2.tasks",
                     waiting=availability == "drain", count=len(running))]


def label_worker1(ctx: Context) -> list[Part]:
    """worker1 carries the node label disk=ssd."""
    raw = ctx.nodes().get("worker1")
    labels = dict(raw["Spec"].get("Labels") or {}) if raw else {}
    shown = ", ".join(f"{k}={v}" for k, v in labels.items()) or "{}"
    return [ctx.part(labels.get("disk") == "ssd", "03.3.label", waiting=False, labels=shown)]



MESSAGES = {
    "03.1.title": {
        "pt-BR": "Forme um swarm à mão: 1 manager e 2 workers",
        "en": "Form a swarm by hand: 1 manager and 2 workers",
    },
    "03.1.init.ok": {
        "pt-BR": "manager1 iniciou o swarm e é o líder.",
        "en": "manager1 started the swarm and is the leader.",
    },
    "03.1.init.no": {
        "pt-BR": "manager1 ainda não é líder de um swarm.",
        "en": "manager1 does not lead a swarm yet.",
    },
    "03.1.join.ok": {
        "pt-BR": "{node} entrou como worker e está pronto.",
        "en": "{node} joined as a worker and is ready.",
    },
    "03.1.join.no": {
        "pt-BR": "{node} ainda não entrou no swarm como worker.",
        "en": "{node} has not joined the swarm as a worker yet.",
    },
    "03.1.hint.1": {
        "pt-BR": "Em manager1: docker swarm init --advertise-addr <IP de manager1>.",
        "en": "On manager1: docker swarm init --advertise-addr <manager1's IP>.",
    },
    "03.1.hint.2": {
        "pt-BR": ("O comando de join com o token aparece no init; também: docker swarm "
                  "join-token worker."),
        "en": ("The join command with its token is printed by init; also: docker swarm "
               "join-token worker."),
    },
    "03.2.title": {
        "pt-BR": "Coloque worker2 em modo drain",
        "en": "Drain worker2",
    },
    "03.2.drain.ok": {
        "pt-BR": "worker2 está em drain.",
        "en": "worker2 is drained.",
    },
    "03.2.drain.no": {
        "pt-BR": "worker2 está com disponibilidade '{availability}', não drain.",
        "en": "worker2's availability is '{availability}', not drain.",
    },
    "03.2.tasks.ok": {
        "pt-BR": "Nenhuma tarefa roda em worker2.",
        "en": "No task runs on worker2.",
    },
    "03.2.tasks.no": {
        "pt-BR": ("Drenado, worker2 fica sem tarefas; agora roda {count} (só conta depois do "
                  "drain)."),
        "en": ("Once drained, worker2 runs no task; it runs {count} now (this counts only after "
               "the drain)."),
    },
    "03.2.hint.1": {
        "pt-BR": "docker node update --availability drain worker2 (num manager).",
        "en": "docker node update --availability drain worker2 (on a manager).",
    },
    "03.3.title": {
        "pt-BR": "Rotule worker1 com disk=ssd",
        "en": "Label worker1 with disk=ssd",
    },
    "03.3.label.ok": {
        "pt-BR": "worker1 tem o rótulo disk=ssd.",
        "en": "worker1 has the label disk=ssd.",
    },
    "03.3.label.no": {
        "pt-BR": "Os rótulos de worker1 são {labels}; falta disk=ssd.",
        "en": "worker1's labels are {labels}; disk=ssd is missing.",
    },
    "03.3.hint.1": {
        "pt-BR": "docker node update --label-add disk=ssd worker1",
        "en": "docker node update --label-add disk=ssd worker1",
    },
}

CHECKS = [
    Check("03.1", CLUSTER_NAME, swarm_by_hand, points=3, hints=("03.1.hint.1", "03.1.hint.2")),
    Check("03.2", CLUSTER_NAME, drain_worker2, points=2, hints=("03.2.hint.1",)),
    Check("03.3", CLUSTER_NAME, label_worker1, points=1, hints=("03.3.hint.1",)),
]
