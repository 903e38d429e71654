"""Lesson 00, Setting up the lab: a first container on a chosen node, reached from here."""

from __future__ import annotations

from autograder.check import Check, Context
from autograder.result import Part
from labs import probe

CLUSTER_NAME = "lesson-00"
CLUSTER = {"name": CLUSTER_NAME, "managers": 1, "workers": 1}


def _web_container(ctx: Context, node: str, name: str, port: int, version: str
                   ) -> list[Part]:
    """Container ``name`` runs on ``node`` and answers as app ``version`` on lab ``port``."""
    raw = ctx.container(node, name)
    running = bool(raw and raw["State"]["Running"])
    parts = [ctx.part(running, "00.hello.running", waiting=raw is not None and not running,
                      node=node, name=name)]
    status, body = ctx.fetch(node, port) if running else (None, "")
    answered = probe.field(body, "version") if status == 200 else None
    parts.append(ctx.part(answered == version, "00.hello.answer", waiting=running,
                          node=node, port=port, version=version,
                          seen=answered or (str(status) if status else "-")))
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
    "00.hello.answer.ok": {
        "pt-BR": "A porta {port} de {node} responde: app {version}.",
        "en": "Port {port} of {node} answers: app {version}.",
    },
    "00.hello.answer.no": {
        "pt-BR": "A porta {port} de {node} deveria responder app {version}; resposta: {seen}.",
        "en": "Port {port} of {node} should answer app {version}; answer: {seen}.",
    },
    "00.1.hint.1": {
        "pt-BR": "Numa célula %%docker worker1: docker run -d --name hello ...",
        "en": "In a %%docker worker1 cell: docker run -d --name hello ...",
    },
    "00.1.hint.2": {
        "pt-BR": "Publique a porta 80 do app na porta 8080 do nó: -p 8080:80 orquestra-lab/app:v1",
        "en": "Publish the app's port 80 on the node's port 8080: -p 8080:80 orquestra-lab/app:v1",
    },
    "00.2.title": {
        "pt-BR": "Outro nó, outra versão: hello v2 em manager1, porta 8081",
        "en": "Another node, another version: hello v2 on manager1, port 8081",
    },
    "00.2.hint.1": {
        "pt-BR": "Numa célula %%docker manager1, com a tag v2 da imagem e -p 8081:80.",
        "en": "In a %%docker manager1 cell, with the image's v2 tag and -p 8081:80.",
    },
}

CHECKS = [
    Check("00.1", CLUSTER_NAME, hello_worker1, points=1, window=15,
          hints=("00.1.hint.1", "00.1.hint.2")),
    Check("00.2", CLUSTER_NAME, hello_manager1, points=1, window=15,
          hints=("00.2.hint.1",)),
]
