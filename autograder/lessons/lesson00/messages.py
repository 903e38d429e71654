"""Lesson 00's texts, by message id, in both languages."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
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
