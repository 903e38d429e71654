"""Lesson 02's texts, by message id, in both languages."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "02.seen.absent": {
        "pt-BR": "não existe",
        "en": "does not exist",
    },
    "02.seen.no_port": {
        "pt-BR": "nenhuma porta",
        "en": "no port",
    },
    "02.seen.container": {
        "pt-BR": "estado {state}, política de reinício {policy}",
        "en": "state {state}, restart policy {policy}",
    },
    "02.1.title": {
        "pt-BR": "A loja à mão: shop-1 em worker1, shop-2 em worker2",
        "en": "The shop by hand: shop-1 on worker1, shop-2 on worker2",
    },
    "02.1.running.ok": {
        "pt-BR": "{name} roda em {node} com a política de reinício {policy}.",
        "en": "{name} runs on {node} with restart policy {policy}.",
    },
    "02.1.running.no": {
        "pt-BR": ("{name} em {node}: {seen}. Esperado: rodando, com a política always (ou "
                  "unless-stopped)."),
        "en": ("{name} on {node}: {seen}. Expected: running, with policy always (or "
               "unless-stopped)."),
    },
    "02.1.running.mistake.wrong_node": {
        "pt-BR": ("{name} foi criado em {other}, não em {node}. Numa célula %%docker {other}, "
                  "remova-o com docker rm -f {name} e crie-o de novo na célula de {node}."),
        "en": ("{name} was made on {other}, not on {node}. In a %%docker {other} cell remove it "
               "with docker rm -f {name}, then make it again in {node}'s cell."),
    },
    "02.1.running.mistake.not_running": {
        "pt-BR": ("{name} existe mas não roda. docker logs {name} mostra o porquê; docker rm -f "
                  "{name} e crie de novo, com -d."),
        "en": ("{name} exists but does not run. docker logs {name} shows why; docker rm -f {name} "
               "and make it again, with -d."),
    },
    "02.1.running.mistake.no_policy": {
        "pt-BR": ("Sem política de reinício, o Docker não traz {name} de volta quando o processo "
                  "cai. Na célula de {node}, ponha docker rm -f {name} antes do docker run e "
                  "acrescente --restart always (rodar só o docker run de novo dá conflito de "
                  "nome). Sem recriar, também dá: docker update --restart always {name}."),
        "en": ("With no restart policy Docker does not bring {name} back when its process dies. "
               "In {node}'s cell put docker rm -f {name} before the docker run and add --restart "
               "always (running the docker run alone again is a name conflict). Without "
               "recreating it also works: docker update --restart always {name}."),
    },
    "02.1.running.mistake.on_failure": {
        "pt-BR": ("on-failure só reinicia quando o processo termina com erro; a loja tem de voltar "
                  "sempre. Na célula de {node}, ponha docker rm -f {name} antes do docker run e "
                  "use --restart always (ou, sem recriar: docker update --restart always {name})."),
        "en": ("on-failure only restarts when the process exits with an error; the shop must "
               "always come back. In {node}'s cell put docker rm -f {name} before the docker "
               "run and use --restart always (or, without recreating: docker update --restart "
               "always {name})."),
    },
    "02.1.answer.ok": {
        "pt-BR": "{name} responde na porta {port} de {node}.",
        "en": "{name} answers on port {port} of {node}.",
    },
    "02.1.answer.no": {
        "pt-BR": "A porta {port} de {node} não responde com {name}.",
        "en": "Port {port} of {node} does not answer with {name}.",
    },
    "02.1.answer.mistake.wrong_port": {
        "pt-BR": ("{name} publica: {published}. O esperado é 8080:80 (-p 8080:80: a porta 8080 do "
                  "nó leva à porta 80 do contêiner). As portas não mudam depois de criado: "
                  "docker rm -f {name} e crie de novo."),
        "en": ("{name} publishes: {published}. Expected 8080:80 (-p 8080:80: the node's port 8080 "
               "leads to the container's port 80). Ports cannot change once it is made: "
               "docker rm -f {name} and make it again."),
    },
    "02.1.hint.1": {
        "pt-BR": ("Um docker run em cada nó, cada um na célula %%docker do seu nó, como o demo. "
                  "Entre as duas lojas só mudam o nó e o nome."),
        "en": ("One docker run on each node, each in that node's %%docker cell, as in the demo. "
               "Only the node and the name change between the two shops."),
    },
    "02.1.hint.2": {
        "pt-BR": ("As opções: -d (segundo plano), --name, --restart always e -p 8080:80 (porta "
                  "8080 do nó, porta 80 do contêiner), antes do nome da imagem."),
        "en": ("The options: -d (background), --name, --restart always and -p 8080:80 (node's "
               "port 8080, container's port 80), before the image name."),
    },
    "02.1.hint.3": {
        "pt-BR": ("Em worker1: docker run -d --name shop-1 --restart always -p 8080:80 "
                  "orquestra-lab/app:v1 (em worker2, o mesmo com shop-2). Errou um contêiner? "
                  "docker rm -f NOME e crie de novo."),
        "en": ("On worker1: docker run -d --name shop-1 --restart always -p 8080:80 "
               "orquestra-lab/app:v1 (on worker2 the same with shop-2). Got one wrong? "
               "docker rm -f NAME and make it again."),
    },
    "02.2.title": {
        "pt-BR": "O servidor reiniciou: a loja volta, a promoção não",
        "en": "The server restarted: the shop comes back, the promotion does not",
    },
    "02.2.promo.ok": {
        "pt-BR": ("promo existe em worker1 com a política {policy}, que o traz de volta se o "
                  "processo cair ou se worker1 reiniciar."),
        "en": ("promo exists on worker1 with policy {policy}, which brings it back if its "
               "process dies or worker1 restarts."),
    },
    "02.2.promo.no": {
        "pt-BR": ("promo em worker1: {seen}. Esperado: criado com docker run e com uma política "
                  "que o traga de volta se o processo cair ou se worker1 reiniciar."),
        "en": ("promo on worker1: {seen}. Expected: made with docker run, with a policy that "
               "brings it back if its process dies or worker1 restarts."),
    },
    "02.2.promo.mistake.on_failure": {
        "pt-BR": ("on-failure só traz promo de volta quando ele sai com erro. Se worker1 "
                  "reiniciar durante a promoção, o desligamento limpo encerra promo com código "
                  "0 (ele sai de forma limpa com o SIGTERM), e a promoção fica fora do ar. Veja "
                  "na tabela qual política resolve."),
        "en": ("on-failure brings promo back only when it exits with an error. If worker1 "
               "restarts during the sale, its clean shutdown ends promo with code 0 (it exits "
               "cleanly on SIGTERM), and the sale stays down. See in the table which policy "
               "does it."),
    },
    "02.2.promo.mistake.wrong_node": {
        "pt-BR": "promo foi criado em {other}; a promoção roda em worker1, ao lado de shop-1.",
        "en": "promo was made on {other}; the promotion runs on worker1, next to shop-1.",
    },
    "02.2.promo.mistake.never_started": {
        "pt-BR": "promo foi criado mas nunca rodou: crie-o com docker run -d, não docker create.",
        "en": "promo was made but never ran: make it with docker run -d, not docker create.",
    },
    "02.2.promo.mistake.no_policy": {
        "pt-BR": ("Com a política {policy}, um crash durante a promoção a derrubaria de vez. "
                  "Veja na tabela quais políticas reiniciam um processo que cai."),
        "en": ("With policy {policy}, a crash during the promotion would take it down for good. "
               "See in the table which policies restart a process that dies."),
    },
    "02.2.restarted.ok": {
        "pt-BR": "worker1 foi desligado e religado depois que shop-1 e promo foram criados.",
        "en": "worker1 was stopped and started again after shop-1 and promo were made.",
    },
    "02.2.restarted.no": {
        "pt-BR": ("Esperado: worker1 desligado e religado depois que shop-1 e promo foram "
                  "criados (worker1 agora: {state})."),
        "en": ("Expected: worker1 stopped and started again after shop-1 and promo were made "
               "(worker1 now: {state})."),
    },
    "02.2.restarted.mistake.not_started": {
        "pt-BR": "worker1 está desligado: religue-o com cluster.node(\"worker1\").start().",
        "en": "worker1 is off: start it again with cluster.node(\"worker1\").start().",
    },
    "02.2.restarted.mistake.never_stopped": {
        "pt-BR": ("worker1 não foi desligado desde que os contêineres foram criados: rode "
                  "cluster.node(\"worker1\").stop() e depois .start()."),
        "en": ("worker1 has not been stopped since the containers were made: run "
               "cluster.node(\"worker1\").stop(), then .start()."),
    },
    "02.2.restarted.mistake.made_after": {
        "pt-BR": ("{names} foi criado depois do último reinício de worker1; reinicie worker1 de "
                  "novo para ver o que acontece com ele."),
        "en": ("{names} was made after worker1's last restart; restart worker1 again to see "
               "what happens to it."),
    },
    "02.2.restarted.mistake.missing": {
        "pt-BR": "Falta {names} em worker1: crie-o antes de reiniciar o servidor.",
        "en": "{names} is missing on worker1: make it before restarting the server.",
    },
    "02.2.back.ok": {
        "pt-BR": ("shop-1 voltou sozinho e responde na porta {port}; ficou fora do ar "
                  "{outage:.1f} s, do host parar até ele reiniciar (relógios do Docker)."),
        "en": ("shop-1 came back by itself and answers on port {port}; it was down {outage:.1f} s, "
               "from the host stopping to its restart (Docker's clocks)."),
    },
    "02.2.back.no": {
        "pt-BR": ("shop-1 em worker1: {seen}. Esperado: de volta sozinho depois do reinício de "
                  "worker1, respondendo na porta {port}."),
        "en": ("shop-1 on worker1: {seen}. Expected: back by itself after worker1's restart, "
               "answering on port {port}."),
    },
    "02.2.back.mistake.missing": {
        "pt-BR": "shop-1 não existe em worker1: faça o exercício 02.1 primeiro.",
        "en": "shop-1 does not exist on worker1: do exercise 02.1 first.",
    },
    "02.2.back.mistake.stopped": {
        "pt-BR": ("Com a política {policy}, o Docker de worker1 não iniciou shop-1 de novo. "
                  "docker update --restart always shop-1, docker start shop-1, e reinicie "
                  "worker1 outra vez."),
        "en": ("With policy {policy}, worker1's Docker engine did not start shop-1 again. "
               "docker update --restart always shop-1, docker start shop-1, and restart worker1 "
               "once more."),
    },
    "02.2.back.mistake.by_hand": {
        "pt-BR": ("shop-1 roda, mas com a política {policy} ele não volta sozinho: foi iniciado à "
                  "mão. docker update --restart always shop-1 e reinicie worker1 outra vez."),
        "en": ("shop-1 runs, but with policy {policy} it cannot come back by itself: it was "
               "started by hand. docker update --restart always shop-1 and restart worker1 "
               "once more."),
    },
    "02.2.back.mistake.not_answering": {
        "pt-BR": "shop-1 roda, mas a porta {port} de worker1 não responde: confira o 02.1.",
        "en": "shop-1 runs, but port {port} of worker1 does not answer: check 02.1.",
    },
    "02.2.stayed.ok": {
        "pt-BR": "promo continua parado depois do reinício, à espera da próxima promoção.",
        "en": "promo is still stopped after the restart, waiting for the next promotion.",
    },
    "02.2.stayed.no": {
        "pt-BR": ("promo em worker1: {seen}. Esperado: ainda parado depois do reinício de "
                  "worker1 (parado à mão antes dele)."),
        "en": ("promo on worker1: {seen}. Expected: still stopped after worker1's restart "
               "(stopped by hand before it)."),
    },
    "02.2.stayed.mistake.always": {
        "pt-BR": ("always inicia de novo, quando o Docker sobe, até um contêiner parado com "
                  "docker stop. Escolha outra política (docker update --restart ... promo), "
                  "pare promo e reinicie worker1 outra vez."),
        "en": ("always starts even a container stopped with docker stop again when the engine "
               "starts. Choose another policy (docker update --restart ... promo), stop promo "
               "and restart worker1 once more."),
    },
    "02.2.stayed.mistake.on_failure": {
        "pt-BR": ("on-failure olha o código de saída: promo tinha terminado com erro (um docker "
                  "kill deixa 137, o SIGKILL), então o Docker o iniciou de novo ao subir. "
                  "Escolha outra política, pare promo com docker stop e reinicie worker1 outra "
                  "vez."),
        "en": ("on-failure looks at the exit code: promo had ended with an error (a docker kill "
               "leaves 137, SIGKILL), so the engine started it again when it came up. Choose "
               "another policy, stop promo with docker stop and restart worker1 once more."),
    },
    "02.2.stayed.mistake.not_stopped": {
        "pt-BR": ("A política unless-stopped está certa, mas promo ainda rodava quando worker1 "
                  "caiu, então voltou. Pare-o com docker stop promo e reinicie worker1 outra vez."),
        "en": ("Policy unless-stopped is right, but promo was still running when worker1 went "
               "down, so it came back. Stop it with docker stop promo and restart worker1 once "
               "more."),
    },
    "02.2.stayed.mistake.by_hand": {
        "pt-BR": ("promo roda, e com a política {policy} só pode ter sido iniciado à mão. Pare-o "
                  "com docker stop promo."),
        "en": ("promo runs, and with policy {policy} it can only have been started by hand. Stop "
               "it with docker stop promo."),
    },
    "02.2.unseen.no": {
        "pt-BR": "worker1 está desligado: não dá para ver {name}.",
        "en": "worker1 is off: {name} cannot be seen.",
    },
    "02.2.hint.1": {
        "pt-BR": ("Compare as linhas da tabela de políticas: qual reinicia um processo que cai, "
                  "mas respeita um docker stop mesmo quando o Docker do host sobe de novo?"),
        "en": ("Compare the rows of the policy table: which one restarts a process that dies, "
               "yet respects a docker stop even when the host's engine comes up again?"),
    },
    "02.2.hint.2": {
        "pt-BR": ("A política é --restart unless-stopped. A ordem importa: criar promo, pará-lo "
                  "com docker stop e só então reiniciar worker1."),
        "en": ("The policy is --restart unless-stopped. Order matters: make promo, stop it with "
               "docker stop, and only then restart worker1."),
    },
    "02.2.hint.3": {
        "pt-BR": ("%%docker worker1: docker run -d --name promo --restart unless-stopped -p "
                  "8081:80 orquestra-lab/app:v1 e docker stop promo. Depois, em Python: "
                  "cluster.node(\"worker1\").stop() e cluster.node(\"worker1\").start()."),
        "en": ("%%docker worker1: docker run -d --name promo --restart unless-stopped -p "
               "8081:80 orquestra-lab/app:v1 and docker stop promo. Then, in Python: "
               "cluster.node(\"worker1\").stop() and cluster.node(\"worker1\").start()."),
    },
}
