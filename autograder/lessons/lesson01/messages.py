"""Lesson 01's texts, by message id, in both languages."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
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
    "01.1.running.mistake.exited": {
        "pt-BR": ("limited existe, mas terminou (estado {status}, código {code}): ele precisa "
                  "ficar rodando, com -d e sem --entrypoint (o app é um servidor). Remova-o "
                  "com docker rm -f limited e rode de novo."),
        "en": ("limited exists but has ended (state {status}, code {code}): it must keep "
               "running, with -d and no --entrypoint (the app is a server). Remove it with "
               "docker rm -f limited and run it again."),
    },
    "01.1.running.mistake.absent": {
        "pt-BR": ("Não existe contêiner limited em manager1 (docker ps -a não o mostra): se o "
                  "docker run deu erro, a mensagem dele, na célula, diz por quê."),
        "en": ("There is no container limited on manager1 (docker ps -a does not list it): if "
               "docker run failed, its message, in the cell, says why."),
    },
    "01.1.limit.ok": {
        "pt-BR": "O Docker registrou o limite de 64 MiB.",
        "en": "Docker recorded the 64 MiB limit.",
    },
    "01.1.limit.no": {
        "pt-BR": "O limite de memória registrado no limited deveria ser 64 MiB.",
        "en": "The memory limit recorded on limited should be 64 MiB.",
    },
    "01.1.limit.mistake.no_limit": {
        "pt-BR": ("limited não tem limite de memória (0 quer dizer sem limite): faltou "
                  "--memory 64m. Remova-o com docker rm -f limited e rode de novo."),
        "en": ("limited has no memory limit (0 means none): --memory 64m is missing. Remove it "
               "with docker rm -f limited and run it again."),
    },
    "01.1.limit.mistake.other_limit": {
        "pt-BR": ("O limite registrado é {mib:.1f} MiB ({bytes} bytes). O Docker conta em "
                  "unidades binárias: 64m = 64 · 1024 · 1024 = 67108864 bytes. Remova-o com "
                  "docker rm -f limited e rode de novo com --memory 64m."),
        "en": ("The recorded limit is {mib:.1f} MiB ({bytes} bytes). Docker counts in binary "
               "units: 64m = 64 · 1024 · 1024 = 67108864 bytes. Remove it with docker rm -f "
               "limited and run it again with --memory 64m."),
    },
    "01.1.cgroup.ok": {
        "pt-BR": "O kernel aplica o limite: o cgroup do contêiner diz 67108864 bytes.",
        "en": "The kernel enforces it: the container's cgroup says 67108864 bytes.",
    },
    "01.1.cgroup.no": {
        "pt-BR": "O cgroup do limited deveria mostrar 67108864 bytes; {seen}.",
        "en": "limited's cgroup should show 67108864 bytes; {seen}.",
    },
    "01.1.cgroup.read": {
        "pt-BR": "ele mostra {bytes} bytes",
        "en": "it shows {bytes} bytes",
    },
    "01.1.cgroup.unread": {
        "pt-BR": "não dá para lê-lo sem um limited rodando com limite",
        "en": "it cannot be read without a limited running with a limit",
    },
    "01.1.hint.1": {
        "pt-BR": ("É o mesmo docker run -d do app da aula 00, com um nome e uma opção a mais: "
                  "a que pede ao kernel um limite de memória."),
        "en": ("It is the same docker run -d of the app as in lesson 00, with a name and one "
               "more option: the one that asks the kernel for a memory limit."),
    },
    "01.1.hint.2": {
        "pt-BR": ("A opção é --memory 64m, como no demo-capped. O m importa: --memory 64 quer "
                  "dizer 64 bytes, e o Docker recusa (\"Minimum memory limit allowed is 6MB\")."),
        "en": ("The option is --memory 64m, as for demo-capped. The m matters: --memory 64 "
               "means 64 bytes, which Docker refuses (\"Minimum memory limit allowed is 6MB\")."),
    },
    "01.1.hint.3": {
        "pt-BR": ("docker run -d --name limited --memory 64m orquestra-lab/app:v1 (se já existe "
                  "um limited errado, antes: docker rm -f limited)"),
        "en": ("docker run -d --name limited --memory 64m orquestra-lab/app:v1 (if a wrong "
               "limited already exists, first: docker rm -f limited)"),
    },
    "01.2.title": {
        "pt-BR": "Onde fica a fronteira: tight e roomy",
        "en": "Where the line is: tight and roomy",
    },
    "01.2.tight.ok": {
        "pt-BR": "Com {mib:.0f} MiB de limite, o kernel matou tight (OOMKilled, código 137).",
        "en": "With a {mib:.0f} MiB limit, the kernel killed tight (OOMKilled, code 137).",
    },
    "01.2.tight.no": {
        "pt-BR": ("tight deveria rodar o dd de {need:.0f} MiB com um limite de memória que o "
                  "faça ser morto por falta de memória (OOMKilled)."),
        "en": ("tight should run the {need:.0f} MiB dd with a memory limit that gets it killed "
               "for running out of memory (OOMKilled)."),
    },
    "01.2.roomy.ok": {
        "pt-BR": "Com {mib:.0f} MiB de limite, roomy terminou o dd inteiro (código 0).",
        "en": "With a {mib:.0f} MiB limit, roomy finished the dd (code 0).",
    },
    "01.2.roomy.no": {
        "pt-BR": ("roomy deveria rodar o mesmo dd de {need:.0f} MiB com um limite de memória e "
                  "terminar com código 0, sem ser morto."),
        "en": ("roomy should run the same {need:.0f} MiB dd with a memory limit and end with "
               "code 0, without being killed."),
    },
    "01.2.tight.mistake.absent": {
        "pt-BR": "Não há contêiner {name} em manager1.",
        "en": "There is no container {name} on manager1.",
    },
    "01.2.tight.mistake.command": {
        "pt-BR": ("{name} não roda o comando pedido: --entrypoint dd orquestra-lab/app:v1 "
                  "if=/dev/zero of=/dev/null bs=80M count=1. Remova-o (docker rm -f {name}) e "
                  "rode de novo."),
        "en": ("{name} does not run the given command: --entrypoint dd orquestra-lab/app:v1 "
               "if=/dev/zero of=/dev/null bs=80M count=1. Remove it (docker rm -f {name}) and "
               "run it again."),
    },
    "01.2.tight.mistake.no_limit": {
        "pt-BR": ("{name} não tem limite de memória: sem limite, o kernel não tem o que "
                  "impor. Remova-o (docker rm -f {name}) e rode de novo com --memory."),
        "en": ("{name} has no memory limit: without one, the kernel has nothing to enforce. "
               "Remove it (docker rm -f {name}) and run it again with --memory."),
    },
    "01.2.tight.mistake.running": {
        "pt-BR": "{name} ainda está rodando; o dd leva menos de um segundo: esperando o fim.",
        "en": "{name} is still running; the dd takes under a second: waiting for it to end.",
    },
    "01.2.tight.mistake.swap": {
        "pt-BR": ("tight terminou com código {code}, sem ser morto: com --memory e sem "
                  "--memory-swap, o Docker dá outro tanto de swap, e o que passa do limite vai "
                  "para o swap. Ponha --memory-swap igual a --memory. Remova-o (docker rm -f "
                  "tight) e rode de novo."),
        "en": ("tight ended with code {code}, not killed: with --memory and no --memory-swap, "
               "Docker grants as much again in swap, and what goes over the limit goes to "
               "swap. Set --memory-swap equal to --memory. Remove it (docker rm -f tight) and "
               "run it again."),
    },
    "01.2.tight.mistake.fits": {
        "pt-BR": ("tight terminou o dd (código 0): com {mib:.0f} MiB de limite, os {need:.0f} "
                  "MiB couberam. Escolha um limite menor, remova-o (docker rm -f tight) e rode "
                  "de novo."),
        "en": ("tight finished the dd (code 0): with a {mib:.0f} MiB limit, the {need:.0f} MiB "
               "fitted. Choose a smaller limit, remove it (docker rm -f tight) and run it "
               "again."),
    },
    "01.2.tight.mistake.other": {
        "pt-BR": ("tight terminou com estado {status} e código {code}, sem OOMKilled: leia "
                  "docker logs tight para ver o que o dd disse."),
        "en": ("tight ended in state {status} with code {code}, not OOMKilled: read docker "
               "logs tight to see what dd said."),
    },
    "01.2.roomy.mistake.absent": {
        "pt-BR": "Não há contêiner {name} em manager1.",
        "en": "There is no container {name} on manager1.",
    },
    "01.2.roomy.mistake.command": {
        "pt-BR": ("{name} não roda o comando pedido: --entrypoint dd orquestra-lab/app:v1 "
                  "if=/dev/zero of=/dev/null bs=80M count=1. Remova-o (docker rm -f {name}) e "
                  "rode de novo."),
        "en": ("{name} does not run the given command: --entrypoint dd orquestra-lab/app:v1 "
               "if=/dev/zero of=/dev/null bs=80M count=1. Remove it (docker rm -f {name}) and "
               "run it again."),
    },
    "01.2.roomy.mistake.no_limit": {
        "pt-BR": ("roomy não tem limite de memória: sem limite tudo cabe, e a pergunta é "
                  "qual limite basta. Remova-o (docker rm -f roomy) e rode de novo com --memory."),
        "en": ("roomy has no memory limit: without one anything fits, and the question is "
               "which limit is enough. Remove it (docker rm -f roomy) and run it again with "
               "--memory."),
    },
    "01.2.roomy.mistake.running": {
        "pt-BR": "{name} ainda está rodando; o dd leva menos de um segundo: esperando o fim.",
        "en": "{name} is still running; the dd takes under a second: waiting for it to end.",
    },
    "01.2.roomy.mistake.killed": {
        "pt-BR": ("roomy foi morto (OOMKilled): {mib:.0f} MiB não bastam para os {need:.0f} MiB "
                  "do dd mais o próprio programa. Escolha um limite maior, remova-o (docker rm "
                  "-f roomy) e rode de novo."),
        "en": ("roomy was killed (OOMKilled): {mib:.0f} MiB is not enough for dd's {need:.0f} "
               "MiB plus the program itself. Choose a larger limit, remove it (docker rm -f "
               "roomy) and run it again."),
    },
    "01.2.roomy.mistake.other": {
        "pt-BR": ("roomy terminou com estado {status} e código {code}: leia docker logs roomy "
                  "para ver o que o dd disse."),
        "en": ("roomy ended in state {status} with code {code}: read docker logs roomy to see "
               "what dd said."),
    },
    "01.2.hint.1": {
        "pt-BR": ("O dd guarda na memória um bloco de 80 MiB de uma vez. Um limite abaixo "
                  "disso mata o processo; um limite com folga deixa o dd terminar."),
        "en": ("dd keeps one 80 MiB block in memory at once. A limit below that kills the "
               "process; a limit with some room lets dd finish."),
    },
    "01.2.hint.2": {
        "pt-BR": ("Dois docker run -d, um para cada nome, com o mesmo programa (--entrypoint dd "
                  "e os argumentos depois da imagem) e limites diferentes: --memory com o "
                  "limite escolhido e --memory-swap igual a ele (sem swap)."),
        "en": ("Two docker run -d, one per name, with the same program (--entrypoint dd and "
               "the arguments after the image) and different limits: --memory with the chosen "
               "limit and --memory-swap equal to it (no swap)."),
    },
    "01.2.hint.3": {
        "pt-BR": ("Por exemplo: docker run -d --name tight --memory 64m --memory-swap 64m "
                  "--entrypoint dd orquestra-lab/app:v1 if=/dev/zero of=/dev/null bs=80M count=1"
                  " — e a mesma linha com --name roomy e 96m nos dois limites."),
        "en": ("For example: docker run -d --name tight --memory 64m --memory-swap 64m "
               "--entrypoint dd orquestra-lab/app:v1 if=/dev/zero of=/dev/null bs=80M count=1 "
               "— and the same line with --name roomy and 96m for both limits."),
    },
    "01.3.title": {
        "pt-BR": "Meça a inicialização: 5 contêineres com o rótulo lab=start",
        "en": "Measure start-up: 5 containers labelled lab=start",
    },
    "01.3.runs.ok": {
        "pt-BR": ("{count} inicializações medidas pelo Docker; mediana de {median:.0f} ms entre "
                  "criar e iniciar."),
        "en": "{count} starts timed by Docker; median of {median:.0f} ms from create to start.",
    },
    "01.3.runs.no": {
        "pt-BR": ("Encontrei {count} contêiner(es) com lab=start que terminaram com código 0; "
                  "são precisos {wanted}."),
        "en": ("Found {count} container(s) labelled lab=start that exited with code 0; {wanted} "
               "are needed."),
    },
    "01.3.runs.mistake.not_zero": {
        "pt-BR": ("{failed} contêiner(es) com lab=start não terminaram com código 0 (ainda "
                  "rodam, ou o programa falhou): use --entrypoint true, um programa que só "
                  "termina com sucesso."),
        "en": ("{failed} container(s) labelled lab=start did not exit with code 0 (still "
               "running, or the program failed): use --entrypoint true, a program that just "
               "exits successfully."),
    },
    "01.3.runs.mistake.removed": {
        "pt-BR": ("{removed} contêiner(es) com lab=start já foram removidos: com --rm, o Docker "
                  "apaga o contêiner assim que ele termina, e com ele os carimbos Created e "
                  "StartedAt. Rode de novo sem --rm."),
        "en": ("{removed} container(s) labelled lab=start were already removed: with --rm "
               "Docker deletes the container as soon as it ends, and its Created and StartedAt "
               "stamps with it. Run them again without --rm."),
    },
    "01.3.hint.1": {
        "pt-BR": ("Cada contêiner roda um programa que termina na hora, leva o rótulo e não é "
                  "removido ao terminar: um docker run por linha, cinco linhas."),
        "en": ("Each container runs a program that ends at once, carries the label and is not "
               "removed when it ends: one docker run per line, five lines."),
    },
    "01.3.hint.2": {
        "pt-BR": "As opções: --label lab=start e --entrypoint true (e nada de --rm).",
        "en": "The options: --label lab=start and --entrypoint true (and no --rm).",
    },
    "01.3.hint.3": {
        "pt-BR": ("Cinco vezes esta linha: docker run --label lab=start --entrypoint true "
                  "orquestra-lab/app:v1"),
        "en": ("Five times this line: docker run --label lab=start --entrypoint true "
               "orquestra-lab/app:v1"),
    },
}
