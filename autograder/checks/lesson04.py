"""Lesson 04, Services, tasks and scaling. The cluster: 1 manager, 2 workers."""

from __future__ import annotations

from autograder.check import Check, Context
from autograder.result import Part

CLUSTER_NAME = "lesson-04"
CLUSTER = {"name": CLUSTER_NAME, "managers": 1, "workers": 2}
APP = "orquestra-lab/app"


def web_on_workers(ctx: Context) -> list[Part]:
    """Service web: the demo app, 4 replicas, constrained to workers, all running there."""
    service = ctx.service("web")
    spec = (service or {}).get("Spec", {})
    image = spec.get("TaskTemplate", {}).get("ContainerSpec", {}).get("Image", "").split("@")[0]
    if not service or not image.startswith(APP):
        return [ctx.part(False, "04.1.exists", waiting=False),
                ctx.part(False, "04.1.replicas", waiting=False, wanted=0, running=0),
                ctx.part(False, "04.1.placement", waiting=False, nodes="-")]
    wanted = spec.get("Mode", {}).get("Replicated", {}).get("Replicas", 0)
    tasks = ctx.running_tasks(service["ID"])
    roles = {raw["ID"]: (name, raw["Spec"]["Role"]) for name, raw in ctx.nodes().items()}
    constraints = spec.get("TaskTemplate", {}).get("Placement", {}).get("Constraints") or []
    on_managers = sorted({roles.get(t["NodeID"], ("?", ""))[0] for t in tasks
                          if roles.get(t["NodeID"], ("", ""))[1] != "worker"})
    constrained = any(c.replace(" ", "") == "node.role==worker" for c in constraints)
    return [
        ctx.part(True, "04.1.exists", image=image),
        ctx.part(wanted == 4 and len(tasks) == 4, "04.1.replicas", waiting=wanted == 4,
                 wanted=wanted, running=len(tasks)),
        ctx.part(constrained and not on_managers, "04.1.placement", waiting=constrained,
                 nodes=", ".join(on_managers) or "-"),
    ]


def global_agent(ctx: Context) -> list[Part]:
    """Service agent in global mode, with a running task on every ready, active node."""
    service = ctx.service("agent")
    is_global = bool(service and "Global" in service["Spec"].get("Mode", {}))
    nodes = {raw["ID"]: name for name, raw in ctx.nodes().items()
             if raw["Status"]["State"] == "ready" and raw["Spec"]["Availability"] == "active"}
    have = sorted({nodes[t["NodeID"]] for t in ctx.running_tasks(service["ID"])
                   if t["NodeID"] in nodes}) if service else []
    missing = sorted(set(nodes.values()) - set(have))
    return [ctx.part(is_global, "04.2.mode", waiting=False),
            ctx.part(is_global and not missing, "04.2.spread", waiting=is_global, count=len(have),
                     have=", ".join(have) or "-", missing=", ".join(missing))]


def survive_worker_failure(ctx: Context) -> list[Part]:
    """worker1 is down and web is back to 4 running tasks, all on ready nodes."""
    nodes = ctx.nodes()
    worker1 = nodes.get("worker1")
    state = worker1["Status"]["State"] if worker1 else "?"
    # Swarm notices a stopped node after its heartbeats stop (~20 s): worth waiting
    # for only if the node's container is not running any more.
    stopped = ctx.cluster.node("worker1").state() != "running"
    ready = {raw["ID"] for raw in nodes.values() if raw["Status"]["State"] == "ready"}
    service = ctx.service("web")
    running = [t for t in ctx.running_tasks(service["ID"]) if t["NodeID"] in ready] \
        if service else []
    return [ctx.part(state == "down", "04.3.down", waiting=stopped, state=state),
            ctx.part(state == "down" and len(running) == 4, "04.3.healed", waiting=stopped,
                     running=len(running))]



MESSAGES = {
    "04.1.title": {
        "pt-BR": "Serviço web com 4 réplicas, só nos workers",
        "en": "Service web with 4 replicas, on workers only",
    },
    "04.1.exists.ok": {
        "pt-BR": "O serviço web existe e usa a imagem {image}.",
        "en": "Service web exists and uses image {image}.",
    },
    "04.1.exists.no": {
        "pt-BR": "Não há serviço chamado web usando orquestra-lab/app.",
        "en": "There is no service called web using orquestra-lab/app.",
    },
    "04.1.replicas.ok": {
        "pt-BR": "4 réplicas pedidas e 4 rodando.",
        "en": "4 replicas asked for and 4 running.",
    },
    "04.1.replicas.no": {
        "pt-BR": "Réplicas pedidas: {wanted}; rodando: {running} (esperado: 4 e 4).",
        "en": "Replicas asked for: {wanted}; running: {running} (expected 4 and 4).",
    },
    "04.1.placement.ok": {
        "pt-BR": "Restrição node.role==worker; nenhuma tarefa no manager.",
        "en": "Constraint node.role==worker; no task on the manager.",
    },
    "04.1.placement.no": {
        "pt-BR": "Falta a restrição node.role==worker, ou há tarefas em managers ({nodes}).",
        "en": "The node.role==worker constraint is missing, or tasks run on managers ({nodes}).",
    },
    "04.1.hint.1": {
        "pt-BR": "docker service create --name web --replicas 4 ... orquestra-lab/app:v1",
        "en": "docker service create --name web --replicas 4 ... orquestra-lab/app:v1",
    },
    "04.1.hint.2": {
        "pt-BR": "Use --constraint node.role==worker.",
        "en": "Use --constraint node.role==worker.",
    },
    "04.2.title": {
        "pt-BR": "Serviço global agent em todos os nós",
        "en": "Global service agent on every node",
    },
    "04.2.mode.ok": {
        "pt-BR": "agent é um serviço global.",
        "en": "agent is a global service.",
    },
    "04.2.mode.no": {
        "pt-BR": "Não há serviço global chamado agent.",
        "en": "There is no global service called agent.",
    },
    "04.2.spread.ok": {
        "pt-BR": "Uma tarefa de agent roda em cada nó ({count}).",
        "en": "One agent task runs on every node ({count}).",
    },
    "04.2.spread.no": {
        "pt-BR": "agent roda em {have}; faltam: {missing}.",
        "en": "agent runs on {have}; missing: {missing}.",
    },
    "04.2.hint.1": {
        "pt-BR": "docker service create --mode global --name agent orquestra-lab/app:v1",
        "en": "docker service create --mode global --name agent orquestra-lab/app:v1",
    },
    "04.3.title": {
        "pt-BR": "Sobreviva à falha de um worker",
        "en": "Survive a worker failure",
    },
    "04.3.down.ok": {
        "pt-BR": "worker1 está fora do ar, como pedido.",
        "en": "worker1 is down, as asked.",
    },
    "04.3.down.no": {
        "pt-BR": "worker1 ainda está '{state}': pare-o primeiro.",
        "en": "worker1 is still '{state}': stop it first.",
    },
    "04.3.healed.ok": {
        "pt-BR": "web tem de novo 4 tarefas rodando, todas em nós prontos.",
        "en": "web has 4 running tasks again, all on ready nodes.",
    },
    "04.3.healed.no": {
        "pt-BR": "web tem {running} tarefa(s) rodando em nós prontos (esperado: 4).",
        "en": "web has {running} task(s) running on ready nodes (expected 4).",
    },
    "04.3.hint.1": {
        "pt-BR": "Pare o nó: cluster.node('worker1').stop(); o swarm reage em ~20 s.",
        "en": "Stop the node: cluster.node('worker1').stop(); the swarm reacts in ~20 s.",
    },
}

CHECKS = [
    Check("04.1", CLUSTER_NAME, web_on_workers, points=3, hints=("04.1.hint.1", "04.1.hint.2")),
    Check("04.2", CLUSTER_NAME, global_agent, points=2, hints=("04.2.hint.1",)),
    Check("04.3", CLUSTER_NAME, survive_worker_failure, points=2, window=60,
          hints=("04.3.hint.1",)),
]
