"""Lesson 00, Setting up the lab: a first container on a chosen node, reached from here."""

from __future__ import annotations

from typing import Any

from autograder.check import Check, Context
from autograder.result import Part
from labs import probe

CLUSTER_NAME = "lesson-00"
CLUSTER = {"name": CLUSTER_NAME, "managers": 1, "workers": 1}
NODES = ("manager1", "worker1")
APP_PORT = 80
"""The port the demo app listens on inside its container."""


def _bindings(raw: dict[str, Any]) -> list[tuple[int, int]]:
    """(node port, container port) pairs a container publishes, as ``docker port`` lists."""
    found = []
    for key, hosts in (raw["HostConfig"].get("PortBindings") or {}).items():
        inside = int(key.split("/")[0])
        for host in hosts or []:
            if str(host.get("HostPort") or "").isdigit():
                found.append((int(host["HostPort"]), inside))
    return sorted(found)


def _holder(ctx: Context, node: str, port: int) -> str | None:
    """Name of a container on ``node`` that publishes node port ``port``, if any."""
    api = ctx.engine(node)
    for summary in api.containers(all=True):
        raw = dict(api.inspect_container(summary["Id"]))
        if any(host == port for host, _ in _bindings(raw)):
            return str(raw["Name"]).lstrip("/")
    return None


def _seen(ctx: Context, status: int | None, answered: str | None) -> str:
    """What the lab port gave back, in words."""
    if status is None:
        return ctx.msg("00.seen.nothing")
    if status != 200:
        return ctx.msg("00.seen.status", status=status)
    if answered is None:
        return ctx.msg("00.seen.other")
    return ctx.msg("00.seen.version", version=answered)


def _web_container(ctx: Context, node: str, name: str, port: int, version: str
                   ) -> list[Part]:
    """Container ``name`` runs on ``node`` and answers as app ``version`` on lab ``port``."""
    if not ctx.node_running(node):
        return [ctx.part(False, "00.hello.running", waiting=False, node=node, name=name),
                ctx.part(False, "00.hello.answer", waiting=False, node=node, port=port,
                         version=version, seen=ctx.msg("00.seen.nothing"))]
    raw = ctx.container(node, name)
    running = bool(raw and raw["State"]["Running"])
    mistake: str | None = None
    found: dict[str, Any] = {}
    if raw is None:
        other = next(n for n in NODES if n != node)
        elsewhere = ctx.container(other, name)
        holder = _holder(ctx, node, port)
        if elsewhere is not None and any(h == port for h, _ in _bindings(elsewhere)):
            mistake, found = "other_node", {"other": other}
        elif holder is not None:
            mistake, found = "other_name", {"other": holder}
    elif not running:
        mistake = "stopped"
        found = {"status": raw["State"]["Status"], "code": raw["State"]["ExitCode"]}
    parts = [ctx.part(running, "00.hello.running", waiting=raw is not None and not running
                      and mistake is None, mistake=mistake, node=node, name=name, port=port,
                      **found)]

    status, body = ctx.fetch(node, port)
    answered = probe.field(body, "version") if status == 200 else None
    mistake, found = None, {}
    if raw is not None and running and answered != version:
        pairs = _bindings(raw)
        to_port = [inside for host, inside in pairs if host == port]
        from_app = [host for host, inside in pairs if inside == APP_PORT]
        if not pairs:
            mistake = "not_published"
        elif (APP_PORT, port) in pairs and not to_port:
            mistake = "reversed"
        elif to_port and APP_PORT not in to_port:
            mistake, found = "wrong_target", {"inside": to_port[0]}
        elif not to_port and from_app:
            mistake, found = "other_port", {"published": from_app[0]}
        elif not to_port:
            mistake = "wrong_binding"
            found = {"bindings": ", ".join(f"{inside} → {host}" for host, inside in pairs)}
        elif answered is not None:
            mistake, found = "wrong_tag", {"image": raw["Config"]["Image"]}
    parts.append(ctx.part(answered == version, "00.hello.answer",
                          waiting=running and mistake is None, mistake=mistake, node=node,
                          name=name, port=port, version=version,
                          seen=_seen(ctx, status, answered), **found))
    return parts


def hello_worker1(ctx: Context) -> list[Part]:
    """A container 'hello' (app v1) runs on worker1 and answers on its lab port 8080."""
    return _web_container(ctx, "worker1", "hello", 8080, "v1")


def hello_manager1(ctx: Context) -> list[Part]:
    """A container 'hello' (app v2) runs on manager1 and answers on its lab port 8081."""
    return _web_container(ctx, "manager1", "hello", 8081, "v2")


MESSAGES = {
    "00.1.title": {
        "pt-BR": "Seu primeiro contêiner: hello em worker1, porta 8080",
        "en": "Your first container: hello on worker1, port 8080",
    },
    "00.hello.running.ok": {
        "pt-BR": "O contêiner {name} está rodando em {node}.",
        "en": "Container {name} is running on {node}.",
    },
    "00.hello.running.no": {
        "pt-BR": "Não há contêiner {name} rodando em {node}.",
        "en": "No container {name} is running on {node}.",
    },
    "00.hello.running.mistake.other_node": {
        "pt-BR": ("Há um {name} em {other} publicando a porta {port}: ele foi criado no nó "
                  "errado. Remova-o numa célula %%docker {other} (docker rm -f {name}) e rode "
                  "o comando numa célula %%docker {node}."),
        "en": ("There is a {name} on {other} publishing port {port}: it was created on the "
               "wrong node. Remove it in a %%docker {other} cell (docker rm -f {name}) and run "
               "the command in a %%docker {node} cell."),
    },
    "00.hello.running.mistake.other_name": {
        "pt-BR": ("O contêiner que publica a porta {port} em {node} se chama {other}, não "
                  "{name}: o nome vem de --name {name}. Remova-o (docker rm -f {other}) e rode "
                  "de novo com --name {name}."),
        "en": ("The container publishing port {port} on {node} is named {other}, not {name}: "
               "the name comes from --name {name}. Remove it (docker rm -f {other}) and run it "
               "again with --name {name}."),
    },
    "00.hello.running.mistake.stopped": {
        "pt-BR": ("{name} existe em {node}, mas não está rodando (estado {status}, código "
                  "{code}). O erro que o docker run mostrou diz por quê (uma porta já "
                  "ocupada, por exemplo). Um contêiner parado continua com o nome: remova-o "
                  "com docker rm -f {name} e rode o comando corrigido."),
        "en": ("{name} exists on {node} but is not running (state {status}, code {code}). The "
               "error docker run printed says why (a port already taken, for instance). A "
               "stopped container keeps its name: remove it with docker rm -f {name} and run "
               "the corrected command."),
    },
    "00.hello.answer.ok": {
        "pt-BR": "A porta {port} de {node} responde: app {version}.",
        "en": "Port {port} of {node} answers: app {version}.",
    },
    "00.hello.answer.no": {
        "pt-BR": "A porta {port} de {node} deveria responder o app {version}; {seen}.",
        "en": "Port {port} of {node} should answer with app {version}; {seen}.",
    },
    "00.seen.nothing": {
        "pt-BR": "nada respondeu (conexão recusada ou encerrada)",
        "en": "nothing answered (connection refused or closed)",
    },
    "00.seen.status": {
        "pt-BR": "ela respondeu com o status HTTP {status}",
        "en": "it answered with HTTP status {status}",
    },
    "00.seen.other": {
        "pt-BR": "ela respondeu, mas sem a linha version: não é o app do curso",
        "en": "it answered, but with no version line: not the course's app",
    },
    "00.seen.version": {
        "pt-BR": "quem respondeu foi o app {version}",
        "en": "app {version} answered instead",
    },
    "00.hello.answer.mistake.not_published": {
        "pt-BR": ("{name} roda, mas não publica nenhuma porta (docker port {name} não mostra "
                  "nada): falta -p {port}:80. Remova-o com docker rm -f {name} e rode de novo "
                  "com -p {port}:80."),
        "en": ("{name} runs but publishes no port (docker port {name} shows nothing): -p "
               "{port}:80 is missing. Remove it with docker rm -f {name} and run it again with "
               "-p {port}:80."),
    },
    "00.hello.answer.mistake.other_port": {
        "pt-BR": ("{name} publica a porta 80 do contêiner na porta {published} do nó, não na "
                  "{port}. No -p, o primeiro número é a porta do nó: -p {port}:80. Remova-o "
                  "com docker rm -f {name} e rode de novo."),
        "en": ("{name} publishes the container's port 80 on the node's port {published}, not "
               "{port}. In -p the first number is the node's port: -p {port}:80. Remove it with "
               "docker rm -f {name} and run it again."),
    },
    "00.hello.answer.mistake.reversed": {
        "pt-BR": ("Os números do -p estão trocados: {name} publica a porta {port} do contêiner "
                  "na porta 80 do nó (docker port {name} mostra {port}/tcp -> 0.0.0.0:80). No "
                  "-p, primeiro vem a porta do nó: -p {port}:80. Remova-o com docker rm -f "
                  "{name} e rode de novo."),
        "en": ("The -p numbers are swapped: {name} publishes the container's port {port} on "
               "the node's port 80 (docker port {name} shows {port}/tcp -> 0.0.0.0:80). In -p "
               "the node's port comes first: -p {port}:80. Remove it with docker rm -f {name} "
               "and run it again."),
    },
    "00.hello.answer.mistake.wrong_binding": {
        "pt-BR": ("{name} publica (porta do contêiner → porta do nó): {bindings}; nenhuma delas "
                  "leva a porta {port} do nó à porta 80 do contêiner, onde o app escuta. Remova-o "
                  "com docker rm -f {name} e rode de novo com -p {port}:80."),
        "en": ("{name} publishes (container port → node port): {bindings}; none of them leads "
               "the node's port {port} to the container's port 80, where the app listens. "
               "Remove it with docker rm -f {name} and run it again with -p {port}:80."),
    },
    "00.hello.answer.mistake.wrong_target": {
        "pt-BR": ("{name} liga a porta {port} do nó à porta {inside} do contêiner, mas o app "
                  "escuta na porta 80. No -p, o segundo número é a porta do contêiner: "
                  "-p {port}:80. Remova-o com docker rm -f {name} e rode de novo."),
        "en": ("{name} links the node's port {port} to the container's port {inside}, but the "
               "app listens on port 80. In -p the second number is the container's port: -p "
               "{port}:80. Remove it with docker rm -f {name} and run it again."),
    },
    "00.hello.answer.mistake.wrong_tag": {
        "pt-BR": ("{name} roda a imagem {image}; a pedida é orquestra-lab/app:{version}. "
                  "Remova-o com docker rm -f {name} e rode de novo com a tag {version}."),
        "en": ("{name} runs the image {image}; orquestra-lab/app:{version} is asked for. "
               "Remove it with docker rm -f {name} and run it again with the {version} tag."),
    },
    "00.1.hint.1": {
        "pt-BR": ("É um docker run no worker1: em segundo plano, com um nome, a imagem e uma "
                  "porta publicada. Use a célula %%docker worker1 do exercício."),
        "en": ("It is a docker run on worker1: in the background, with a name, the image and a "
               "published port. Use the exercise's %%docker worker1 cell."),
    },
    "00.1.hint.2": {
        "pt-BR": ("As opções: -d (segundo plano), --name hello, e -p 8080:80 (porta 8080 do nó "
                  "→ porta 80 do contêiner), antes do nome da imagem."),
        "en": ("The options: -d (background), --name hello, and -p 8080:80 (the node's port "
               "8080 → the container's port 80), before the image name."),
    },
    "00.1.hint.3": {
        "pt-BR": ("docker run -d --name hello -p 8080:80 orquestra-lab/app:v1 (se já existe um "
                  "hello errado, antes: docker rm -f hello)"),
        "en": ("docker run -d --name hello -p 8080:80 orquestra-lab/app:v1 (if a wrong hello "
               "already exists, first: docker rm -f hello)"),
    },
    "00.2.title": {
        "pt-BR": "Outro nó, outra versão: hello v2 em manager1, porta 8081",
        "en": "Another node, another version: hello v2 on manager1, port 8081",
    },
    "00.2.hint.1": {
        "pt-BR": ("O mesmo tipo de comando do 00.1, mudando três coisas: o nó (a célula), a tag "
                  "da imagem e a porta do nó."),
        "en": ("The same kind of command as 00.1, changing three things: the node (the cell), "
               "the image's tag and the node's port."),
    },
    "00.2.hint.2": {
        "pt-BR": ("Na célula %%docker manager1 do exercício: a imagem orquestra-lab/app:v2 (a tag "
                  "vem depois do :) e -p 8081:80 (porta 8081 do nó → porta 80 do contêiner)."),
        "en": ("In the exercise's %%docker manager1 cell: the image orquestra-lab/app:v2 (the "
               "tag comes after the :) and -p 8081:80 (the node's port 8081 → the container's "
               "port 80)."),
    },
    "00.2.hint.3": {
        "pt-BR": ("docker run -d --name hello -p 8081:80 orquestra-lab/app:v2 (se já existe um "
                  "hello errado no manager1, antes: docker rm -f hello)"),
        "en": ("docker run -d --name hello -p 8081:80 orquestra-lab/app:v2 (if a wrong hello "
               "already exists on manager1, first: docker rm -f hello)"),
    },
}

CHECKS = [
    Check("00.1", CLUSTER_NAME, hello_worker1, points=1, window=15,
          hints=("00.1.hint.1", "00.1.hint.2", "00.1.hint.3")),
    Check("00.2", CLUSTER_NAME, hello_manager1, points=1, window=15,
          hints=("00.2.hint.1", "00.2.hint.2", "00.2.hint.3")),
]
