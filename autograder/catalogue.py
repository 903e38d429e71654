"""All texts of the autograder, by message id: {"pt-BR": ..., "en": ...}.

Kept in one place so that translations are reviewed together and a test can
prove that every id has both languages and the same placeholders.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- generic -----------------------------------------------------------------
    "status.passed": {"pt-BR": "correto", "en": "passed"},
    "status.failed": {"pt-BR": "ainda não", "en": "not yet"},
    "status.error": {"pt-BR": "erro do corretor", "en": "grader error"},
    "points": {"pt-BR": "{earned:g} de {total:g} pontos", "en": "{earned:g} of {total:g} points"},
    "hint": {"pt-BR": "Dica {n}", "en": "Hint {n}"},
    "all.done": {"pt-BR": "Tudo certo!", "en": "All done!"},
    "error.check": {
        "pt-BR": "A verificação falhou por um erro do corretor, não seu: {error}",
        "en": "The check failed because of a grader error, not yours: {error}",
    },
    "cluster.missing": {
        "pt-BR": "O cluster {name} não existe. Rode a célula do começo da aula que o cria.",
        "en": "Cluster {name} does not exist. Run the cell at the top of the lesson that creates it.",
    },
    "cluster.no_leader": {
        "pt-BR": "O swarm não tem líder agora (managers demais parados?).",
        "en": "The swarm has no leader right now (too many managers stopped?).",
    },
    "summary.title": {"pt-BR": "Aula {lesson}: resumo", "en": "Lesson {lesson}: summary"},
    "unknown.check": {
        "pt-BR": "Não existe a verificação {id}. As desta aula: {known}.",
        "en": "There is no check {id}. This lesson's checks: {known}.",
    },
    # -- lesson 00 -------------------------------------------------------------------
    "00.1.title": {"pt-BR": "Seu primeiro contêiner: hello em worker1, porta 8080",
                   "en": "Your first container: hello on worker1, port 8080"},
    "00.hello.running.ok": {"pt-BR": "O contêiner {name} está rodando em {node}.",
                        "en": "Container {name} is running on {node}."},
    "00.hello.running.no": {"pt-BR": "Não há contêiner {name} rodando em {node}.",
                        "en": "No container {name} is running on {node}."},
    "00.hello.answer.ok": {"pt-BR": "A porta {port} de {node} responde: app {version}.",
                       "en": "Port {port} of {node} answers: app {version}."},
    "00.hello.answer.no": {"pt-BR": "A porta {port} de {node} deveria responder app {version}; "
                                "resposta: {seen}.",
                       "en": "Port {port} of {node} should answer app {version}; "
                             "answer: {seen}."},
    "00.1.hint.1": {"pt-BR": "Numa célula %%docker worker1: docker run -d --name hello ...",
                    "en": "In a %%docker worker1 cell: docker run -d --name hello ..."},
    "00.1.hint.2": {"pt-BR": "Publique a porta 80 do app na porta 8080 do nó: "
                             "-p 8080:80 orquestra-lab/app:v1",
                    "en": "Publish the app's port 80 on the node's port 8080: "
                          "-p 8080:80 orquestra-lab/app:v1"},
    "00.2.title": {"pt-BR": "Outro nó, outra versão: hello v2 em manager1, porta 8081",
                   "en": "Another node, another version: hello v2 on manager1, port 8081"},
    "00.2.hint.1": {"pt-BR": "Numa célula %%docker manager1, com a tag v2 da imagem e "
                             "-p 8081:80.",
                    "en": "In a %%docker manager1 cell, with the image's v2 tag and -p 8081:80."},
    # -- lesson 01 -------------------------------------------------------------------
    "01.1.title": {"pt-BR": "Um contêiner com limite de memória: limited, 64 MiB",
                   "en": "A container with a memory limit: limited, 64 MiB"},
    "01.1.running.ok": {"pt-BR": "O contêiner limited está rodando.",
                        "en": "Container limited is running."},
    "01.1.running.no": {"pt-BR": "Não há contêiner limited rodando em manager1.",
                        "en": "No container limited is running on manager1."},
    "01.1.limit.ok": {"pt-BR": "O Docker registrou o limite de 64 MiB.",
                      "en": "Docker recorded the 64 MiB limit."},
    "01.1.limit.no": {"pt-BR": "O limite de memória registrado é {mib} MiB; o pedido é 64 MiB "
                               "(0 quer dizer sem limite).",
                      "en": "The recorded memory limit is {mib} MiB; 64 MiB is asked "
                            "(0 means no limit)."},
    "01.1.cgroup.ok": {"pt-BR": "O kernel aplica o limite: o cgroup do contêiner diz 67108864 "
                                "bytes.",
                       "en": "The kernel enforces it: the container's cgroup says 67108864 bytes."},
    "01.1.cgroup.no": {"pt-BR": "O cgroup do contêiner não mostra 67108864 bytes (lido: {seen}).",
                       "en": "The container's cgroup does not show 67108864 bytes (read: {seen})."},
    "01.1.hint.1": {"pt-BR": "docker run -d --name limited --memory 64m orquestra-lab/app:v1",
                    "en": "docker run -d --name limited --memory 64m orquestra-lab/app:v1"},
    "01.1.hint.2": {"pt-BR": "Errou o limite? docker rm -f limited e rode de novo.",
                    "en": "Wrong limit? docker rm -f limited and run it again."},
    "01.2.title": {"pt-BR": "Passe do limite: o kernel mata hog (OOM)",
                   "en": "Go over the limit: the kernel kills hog (OOM)"},
    "01.2.exists.ok": {"pt-BR": "O contêiner hog existe.", "en": "Container hog exists."},
    "01.2.exists.no": {"pt-BR": "Não há contêiner hog em manager1.",
                       "en": "There is no container hog on manager1."},
    "01.2.limit.ok": {"pt-BR": "hog tem limite de memória.", "en": "hog has a memory limit."},
    "01.2.limit.no": {"pt-BR": "hog não tem limite de memória: sem limite, o kernel não o mata.",
                      "en": "hog has no memory limit: without one, the kernel does not kill it."},
    "01.2.oom.ok": {"pt-BR": "O kernel matou hog por falta de memória (OOMKilled).",
                    "en": "The kernel killed hog for running out of memory (OOMKilled)."},
    "01.2.oom.no": {"pt-BR": "hog não foi morto por falta de memória (estado {status}, "
                             "código {code}).",
                    "en": "hog was not killed for running out of memory (state {status}, "
                          "code {code})."},
    "01.2.hint.1": {"pt-BR": "tail /dev/zero guarda na memória uma linha que nunca termina: "
                             "--entrypoint tail ... orquestra-lab/app:v1 /dev/zero",
                    "en": "tail /dev/zero keeps a line that never ends in memory: "
                          "--entrypoint tail ... orquestra-lab/app:v1 /dev/zero"},
    "01.2.hint.2": {"pt-BR": "Dê um limite pequeno e sem swap: --memory 32m --memory-swap 32m",
                    "en": "Give it a small limit and no swap: --memory 32m --memory-swap 32m"},
    "01.3.title": {"pt-BR": "Meça a partida: 5 contêineres com o rótulo lab=start",
                   "en": "Measure start-up: 5 containers labelled lab=start"},
    "01.3.runs.ok": {"pt-BR": "{count} partidas medidas pelo Docker; mediana de {median} ms "
                              "entre criar e iniciar.",
                     "en": "{count} starts timed by Docker; median of {median} ms from create "
                           "to start."},
    "01.3.runs.no": {"pt-BR": "Encontrei {count} contêiner(es) com lab=start que terminaram com "
                              "código 0; são precisos {wanted}.",
                     "en": "Found {count} container(s) labelled lab=start that exited with code "
                           "0; {wanted} are needed."},
    "01.3.hint.1": {"pt-BR": "Uma linha por contêiner: docker run --label lab=start "
                             "--entrypoint true orquestra-lab/app:v1",
                    "en": "One line per container: docker run --label lab=start "
                          "--entrypoint true orquestra-lab/app:v1"},
    # -- lesson 02 -------------------------------------------------------------------
    "02.1.title": {"pt-BR": "A loja à mão: shop-1 em worker1, shop-2 em worker2",
                   "en": "The shop by hand: shop-1 on worker1, shop-2 on worker2"},
    "02.1.running.ok": {"pt-BR": "{name} roda em {node} com a política de reinício {policy}.",
                        "en": "{name} runs on {node} with restart policy {policy}."},
    "02.1.running.no": {"pt-BR": "{name} deveria rodar em {node} com --restart always "
                                 "(política vista: {policy}).",
                        "en": "{name} should run on {node} with --restart always "
                              "(policy seen: {policy})."},
    "02.1.answer.ok": {"pt-BR": "{name} responde na porta {port} de {node}.",
                       "en": "{name} answers on port {port} of {node}."},
    "02.1.answer.no": {"pt-BR": "{name} não responde na porta {port} de {node}.",
                       "en": "{name} does not answer on port {port} of {node}."},
    "02.1.hint.1": {"pt-BR": "Uma célula %%docker por nó: docker run -d --name shop-1 "
                             "--restart always -p 8080:80 orquestra-lab/app:v1",
                    "en": "One %%docker cell per node: docker run -d --name shop-1 "
                          "--restart always -p 8080:80 orquestra-lab/app:v1"},
    "02.1.hint.2": {"pt-BR": "Sem política de reinício? docker rm -f o contêiner e crie de "
                             "novo.",
                    "en": "No restart policy? docker rm -f the container and create it again."},
    "02.2.title": {"pt-BR": "O host caiu e voltou: shop-1 voltou sozinho?",
                   "en": "The host went down and came back: did shop-1 return by itself?"},
    "02.2.restarted.ok": {"pt-BR": "worker1 foi parado e iniciado depois que shop-1 foi criado.",
                          "en": "worker1 was stopped and started after shop-1 was created."},
    "02.2.restarted.no": {"pt-BR": "worker1 não foi parado e iniciado de novo desde que shop-1 "
                                   "foi criado (worker1 agora: {state}).",
                          "en": "worker1 has not been stopped and started again since shop-1 "
                                "was created (worker1 now: {state})."},
    "02.2.back.ok": {"pt-BR": "shop-1 voltou sozinho e responde; ficou fora do ar {outage} s "
                              "depois que o host parou (relógios do Docker).",
                     "en": "shop-1 came back by itself and answers; it was down {outage} s "
                           "after the host stopped (Docker's clocks)."},
    "02.2.back.no": {"pt-BR": "shop-1 ainda não voltou a responder em worker1.",
                     "en": "shop-1 does not answer on worker1 yet."},
    "02.2.hint.1": {"pt-BR": "Pare e inicie o host: cluster.node('worker1').stop() e depois "
                             ".start()",
                    "en": "Stop and start the host: cluster.node('worker1').stop(), then "
                          ".start()"},
    "02.2.hint.2": {"pt-BR": "shop-1 só volta sozinho se foi criado com --restart always.",
                    "en": "shop-1 only comes back by itself if it was made with --restart always."},
    # -- lesson 03 -------------------------------------------------------------------
    "03.1.title": {"pt-BR": "Forme um swarm à mão: 1 manager e 2 workers",
                   "en": "Form a swarm by hand: 1 manager and 2 workers"},
    "03.1.init.ok": {"pt-BR": "manager1 iniciou o swarm e é o líder.",
                     "en": "manager1 started the swarm and is the leader."},
    "03.1.init.no": {"pt-BR": "manager1 ainda não é líder de um swarm.",
                     "en": "manager1 does not lead a swarm yet."},
    "03.1.join.ok": {"pt-BR": "{node} entrou como worker e está pronto.",
                     "en": "{node} joined as a worker and is ready."},
    "03.1.join.no": {"pt-BR": "{node} ainda não entrou no swarm como worker.",
                     "en": "{node} has not joined the swarm as a worker yet."},
    "03.1.hint.1": {"pt-BR": "Em manager1: docker swarm init --advertise-addr <IP de manager1>.",
                    "en": "On manager1: docker swarm init --advertise-addr <manager1's IP>."},
    "03.1.hint.2": {
        "pt-BR": "O comando de join com o token aparece no init; também: docker swarm join-token worker.",
        "en": "The join command with its token is printed by init; also: docker swarm join-token worker.",
    },
    "03.2.title": {"pt-BR": "Coloque worker2 em modo drain", "en": "Drain worker2"},
    "03.2.drain.ok": {"pt-BR": "worker2 está em drain.", "en": "worker2 is drained."},
    "03.2.drain.no": {"pt-BR": "worker2 está com disponibilidade '{availability}', não drain.",
                      "en": "worker2's availability is '{availability}', not drain."},
    "03.2.tasks.ok": {"pt-BR": "Nenhuma tarefa roda em worker2.",
                      "en": "No task runs on worker2."},
    "03.2.tasks.no": {"pt-BR": "Drenado, worker2 fica sem tarefas; agora roda {count} "
                               "(só conta depois do drain).",
                      "en": "Once drained, worker2 runs no task; it runs {count} now "
                            "(this counts only after the drain)."},
    "03.2.hint.1": {"pt-BR": "docker node update --availability drain worker2 (num manager).",
                    "en": "docker node update --availability drain worker2 (on a manager)."},
    "03.3.title": {"pt-BR": "Rotule worker1 com disk=ssd", "en": "Label worker1 with disk=ssd"},
    "03.3.label.ok": {"pt-BR": "worker1 tem o rótulo disk=ssd.",
                      "en": "worker1 has the label disk=ssd."},
    "03.3.label.no": {"pt-BR": "Os rótulos de worker1 são {labels}; falta disk=ssd.",
                      "en": "worker1's labels are {labels}; disk=ssd is missing."},
    "03.3.hint.1": {"pt-BR": "docker node update --label-add disk=ssd worker1",
                    "en": "docker node update --label-add disk=ssd worker1"},
    "swarm.none": {"pt-BR": "Ainda não há swarm neste cluster.",
                   "en": "There is no swarm in this cluster yet."},
    # -- lesson 04 -------------------------------------------------------------------
    "04.1.title": {"pt-BR": "Serviço web com 4 réplicas, só nos workers",
                   "en": "Service web with 4 replicas, on workers only"},
    "04.1.exists.ok": {"pt-BR": "O serviço web existe e usa a imagem {image}.",
                       "en": "Service web exists and uses image {image}."},
    "04.1.exists.no": {"pt-BR": "Não há serviço chamado web usando orquestra-lab/app.",
                       "en": "There is no service called web using orquestra-lab/app."},
    "04.1.replicas.ok": {"pt-BR": "4 réplicas pedidas e 4 rodando.",
                         "en": "4 replicas asked for and 4 running."},
    "04.1.replicas.no": {"pt-BR": "Réplicas pedidas: {wanted}; rodando: {running} (esperado: 4 e 4).",
                         "en": "Replicas asked for: {wanted}; running: {running} (expected 4 and 4)."},
    "04.1.placement.ok": {"pt-BR": "Restrição node.role==worker; nenhuma tarefa no manager.",
                          "en": "Constraint node.role==worker; no task on the manager."},
    "04.1.placement.no": {
        "pt-BR": "Falta a restrição node.role==worker, ou há tarefas em managers ({nodes}).",
        "en": "The node.role==worker constraint is missing, or tasks run on managers ({nodes}).",
    },
    "04.1.hint.1": {"pt-BR": "docker service create --name web --replicas 4 ... orquestra-lab/app:v1",
                    "en": "docker service create --name web --replicas 4 ... orquestra-lab/app:v1"},
    "04.1.hint.2": {"pt-BR": "Use --constraint node.role==worker.",
                    "en": "Use --constraint node.role==worker."},
    "04.2.title": {"pt-BR": "Serviço global agent em todos os nós",
                   "en": "Global service agent on every node"},
    "04.2.mode.ok": {"pt-BR": "agent é um serviço global.", "en": "agent is a global service."},
    "04.2.mode.no": {"pt-BR": "Não há serviço global chamado agent.",
                     "en": "There is no global service called agent."},
    "04.2.spread.ok": {"pt-BR": "Uma tarefa de agent roda em cada nó ({count}).",
                       "en": "One agent task runs on every node ({count})."},
    "04.2.spread.no": {"pt-BR": "agent roda em {have}; faltam: {missing}.",
                       "en": "agent runs on {have}; missing: {missing}."},
    "04.2.hint.1": {"pt-BR": "docker service create --mode global --name agent orquestra-lab/app:v1",
                    "en": "docker service create --mode global --name agent orquestra-lab/app:v1"},
    "04.3.title": {"pt-BR": "Sobreviva à falha de um worker",
                   "en": "Survive a worker failure"},
    "04.3.down.ok": {"pt-BR": "worker1 está fora do ar, como pedido.",
                     "en": "worker1 is down, as asked."},
    "04.3.down.no": {"pt-BR": "worker1 ainda está '{state}': pare-o primeiro.",
                     "en": "worker1 is still '{state}': stop it first."},
    "04.3.healed.ok": {"pt-BR": "web tem de novo 4 tarefas rodando, todas em nós prontos.",
                       "en": "web has 4 running tasks again, all on ready nodes."},
    "04.3.healed.no": {"pt-BR": "web tem {running} tarefa(s) rodando em nós prontos (esperado: 4).",
                       "en": "web has {running} task(s) running on ready nodes (expected 4)."},
    "04.3.hint.1": {"pt-BR": "Pare o nó: cluster.node('worker1').stop(); o swarm reage em ~20 s.",
                    "en": "Stop the node: cluster.node('worker1').stop(); the swarm reacts in ~20 s."},
}
