"""Lesson 02, Why orchestrate: an app placed by hand on single hosts, and a host restart."""

from __future__ import annotations

from autograder.check import Check, Context
from autograder.result import Part
from labs.timing import docker_time

CLUSTER_NAME = "lesson-02"
CLUSTER = {"name": CLUSTER_NAME, "managers": 1, "workers": 2, "bare": True}
PORT = 8080
SHOPS = {"worker1": "shop-1", "worker2": "shop-2"}
RESTARTING = ("always", "unless-stopped")


def _shop(ctx: Context, node: str, name: str) -> list[Part]:
    raw = ctx.container(node, name)
    running = bool(raw and raw["State"]["Running"])
    policy = (raw["HostConfig"]["RestartPolicy"]["Name"] or "no") if raw else "-"
    status, _ = ctx.fetch(node, PORT) if running else (None, "")
    return [ctx.part(running and policy in RESTARTING, "02.1.running", waiting=False,
                     node=node, name=name, policy=policy),
            ctx.part(status == 200, "02.1.answer", waiting=running, node=node, name=name,
                     port=PORT)]


def shops_by_hand(ctx: Context) -> list[Part]:
    """shop-1 on worker1 and shop-2 on worker2, restart policy set, both answering on 8080."""
    return [part for node, name in SHOPS.items() for part in _shop(ctx, node, name)]


def host_restart(ctx: Context) -> list[Part]:
    """worker1 was stopped and started after shop-1 was made; shop-1 came back by itself."""
    host = ctx.cluster.node("worker1").inspect()["State"]
    raw = ctx.container("worker1", "shop-1")
    created = docker_time(raw["Created"]) if raw else None
    host_stopped = docker_time(host["FinishedAt"])
    restarted = bool(created and host_stopped and host_stopped > created and host["Running"])
    running = bool(raw and raw["State"]["Running"])
    back = docker_time(raw["State"]["StartedAt"]) if raw else None
    status, _ = ctx.fetch("worker1", PORT) if running else (None, "")
    outage = f"{back - host_stopped:.1f}" if back and host_stopped and back > host_stopped else "-"
    return [ctx.part(restarted, "02.2.restarted", waiting=False, state=host["Status"]),
            ctx.part(restarted and running and status == 200, "02.2.back", waiting=restarted,
                     outage=outage)]



MESSAGES = {
    "02.1.title": {
        "pt-BR": "A loja à mão: shop-1 em worker1, shop-2 em worker2",
        "en": "The shop by hand: shop-1 on worker1, shop-2 on worker2",
    },
    "02.1.running.ok": {
        "pt-BR": "{name} roda em {node} com a política de reinício {policy}.",
        "en": "{name} runs on {node} with restart policy {policy}.",
    },
    "02.1.running.no": {
        "pt-BR": "{name} deveria rodar em {node} com --restart always (política vista: {policy}).",
        "en": "{name} should run on {node} with --restart always (policy seen: {policy}).",
    },
    "02.1.answer.ok": {
        "pt-BR": "{name} responde na porta {port} de {node}.",
        "en": "{name} answers on port {port} of {node}.",
    },
    "02.1.answer.no": {
        "pt-BR": "{name} não responde na porta {port} de {node}.",
        "en": "{name} does not answer on port {port} of {node}.",
    },
    "02.1.hint.1": {
        "pt-BR": ("Uma célula %%docker por nó: docker run -d --name shop-1 --restart always -p "
                  "8080:80 orquestra-lab/app:v1"),
        "en": ("One %%docker cell per node: docker run -d --name shop-1 --restart always -p "
               "8080:80 orquestra-lab/app:v1"),
    },
    "02.1.hint.2": {
        "pt-BR": "Sem política de reinício? docker rm -f o contêiner e crie de novo.",
        "en": "No restart policy? docker rm -f the container and create it again.",
    },
    "02.2.title": {
        "pt-BR": "O host caiu e voltou: shop-1 voltou sozinho?",
        "en": "The host went down and came back: did shop-1 return by itself?",
    },
    "02.2.restarted.ok": {
        "pt-BR": "worker1 foi parado e iniciado depois que shop-1 foi criado.",
        "en": "worker1 was stopped and started after shop-1 was created.",
    },
    "02.2.restarted.no": {
        "pt-BR": ("worker1 não foi parado e iniciado de novo desde que shop-1 foi criado "
                  "(worker1 agora: {state})."),
        "en": ("worker1 has not been stopped and started again since shop-1 was created (worker1 "
               "now: {state})."),
    },
    "02.2.back.ok": {
        "pt-BR": ("shop-1 voltou sozinho e responde; ficou fora do ar {outage} s depois que o "
                  "host parou (relógios do Docker)."),
        "en": ("shop-1 came back by itself and answers; it was down {outage} s after the host "
               "stopped (Docker's clocks)."),
    },
    "02.2.back.no": {
        "pt-BR": "shop-1 ainda não voltou a responder em worker1.",
        "en": "shop-1 does not answer on worker1 yet.",
    },
    "02.2.hint.1": {
        "pt-BR": "Pare e inicie o host: cluster.node('worker1').stop() e depois .start()",
        "en": "Stop and start the host: cluster.node('worker1').stop(), then .start()",
    },
    "02.2.hint.2": {
        "pt-BR": "shop-1 só volta sozinho se foi criado com --restart always.",
        "en": "shop-1 only comes back by itself if it was made with --restart always.",
    },
}

CHECKS = [
    Check("02.1", CLUSTER_NAME, shops_by_hand, points=2, window=15,
          hints=("02.1.hint.1", "02.1.hint.2")),
    Check("02.2", CLUSTER_NAME, host_restart, points=2, window=30,
          hints=("02.2.hint.1", "02.2.hint.2")),
]
