"""Lesson 04's texts, by message id, in both languages."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "04.1.title": {
        "pt-BR": "Serviço web com 4 réplicas, fora do manager",
        "en": "Service web with 4 replicas, off the manager",
    },
    "04.1.exists.ok": {
        "pt-BR": "O serviço {name} existe e usa a imagem {image}.",
        "en": "Service {name} exists and uses image {image}.",
    },
    "04.1.exists.no": {
        "pt-BR": "Não há serviço chamado {name} com a imagem orquestra-lab/app.",
        "en": "There is no service called {name} with image orquestra-lab/app.",
    },
    "04.1.exists.mistake.image": {
        "pt-BR": "O serviço usa {image}; troque a imagem com "
                 "docker service update --image orquestra-lab/app:v1 {name}.",
        "en": "The service uses {image}; change the image with "
              "docker service update --image orquestra-lab/app:v1 {name}.",
    },
    "04.1.later": {
        "pt-BR": "Réplicas e posicionamento: verificados quando o serviço web existir.",
        "en": "Replicas and placement: checked once service web exists.",
    },
    "04.1.replicas.ok": {
        "pt-BR": "4 réplicas pedidas e 4 rodando.",
        "en": "4 replicas asked for and 4 running.",
    },
    "04.1.replicas.no": {
        "pt-BR": "Réplicas pedidas: {wanted}; rodando: {running}. Esperado: 4 pedidas e 4 rodando.",
        "en": "Replicas asked for: {wanted}; running: {running}. Expected: 4 asked for and "
              "4 running.",
    },
    "04.1.replicas.mistake.count": {
        "pt-BR": "Você pediu {wanted} réplica(s); ajuste com docker service scale web=4.",
        "en": "You asked for {wanted} replica(s); fix it with docker service scale web=4.",
    },
    "04.1.replicas.mistake.global": {
        "pt-BR": "web está em modo global (uma tarefa por nó), sem número de réplicas. O modo "
                 "não muda depois de criado: docker service rm web e crie de novo, replicado.",
        "en": "web is in global mode (one task per node), with no number of replicas. The mode "
              "cannot change after creation: docker service rm web and create it again, "
              "replicated.",
    },
    "04.1.placement.ok": {
        "pt-BR": "A restrição ({constraints}) só aceita workers ({allowed}); nenhuma tarefa "
                 "no manager.",
        "en": "The constraint ({constraints}) only accepts workers ({allowed}); no task on "
              "the manager.",
    },
    "04.1.placement.no": {
        "pt-BR": "Restrições: {constraints}; nós aceitos: {allowed}; managers aceitos ou com "
                 "tarefas: {managers}. Esperado: só workers.",
        "en": "Constraints: {constraints}; nodes accepted: {allowed}; managers accepted or "
              "running tasks: {managers}. Expected: workers only.",
    },
    "04.1.placement.mistake.none": {
        "pt-BR": "Sem restrição, o escalonador pode pôr tarefas no manager1 (mesmo que agora "
                 "estejam só nos workers). Acrescente uma com docker service update "
                 "--constraint-add ... web.",
        "en": "Without a constraint the scheduler may put tasks on manager1 (even if they "
              "happen to be on the workers now). Add one with docker service update "
              "--constraint-add ... web.",
    },
    "04.1.placement.mistake.allows_manager": {
        "pt-BR": "A restrição ainda aceita {managers}: ela precisa olhar o papel do nó "
                 "(node.role).",
        "en": "The constraint still accepts {managers}: it has to look at the node's role "
              "(node.role).",
    },
    "04.1.placement.mistake.nowhere": {
        "pt-BR": "Nenhum nó satisfaz a restrição: as tarefas ficam pendentes. Confira a grafia "
                 "(node.role, worker, manager).",
        "en": "No node satisfies the constraint: the tasks stay pending. Check the spelling "
              "(node.role, worker, manager).",
    },
    "04.1.hint.1": {
        "pt-BR": "Uma restrição de posicionamento filtra os nós; aqui o filtro é o papel do nó "
                 "no swarm, e o manager tem de ficar de fora.",
        "en": "A placement constraint filters the nodes; here the filter is the node's role in "
              "the swarm, and the manager must be left out.",
    },
    "04.1.hint.2": {
        "pt-BR": "Use --replicas 4 e --constraint node.role==worker (node.role!=manager "
                 "também serve).",
        "en": "Use --replicas 4 and --constraint node.role==worker (node.role!=manager works "
              "too).",
    },
    "04.1.hint.3": {
        "pt-BR": "docker service create --name web --replicas 4 --constraint node.role==worker "
                 "--detach orquestra-lab/app:v1",
        "en": "docker service create --name web --replicas 4 --constraint node.role==worker "
              "--detach orquestra-lab/app:v1",
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
    "04.2.mode.mistake.replicated": {
        "pt-BR": "agent existe, mas é replicado. O modo não muda depois de criado: "
                 "docker service rm agent e crie de novo em modo global.",
        "en": "agent exists but is replicated. The mode cannot change after creation: "
              "docker service rm agent and create it again in global mode.",
    },
    "04.2.later": {
        "pt-BR": "Tarefas em cada nó: verificadas quando agent for global.",
        "en": "Tasks on every node: checked once agent is global.",
    },
    "04.2.spread.ok": {
        "pt-BR": "Uma tarefa de agent roda em cada nó pronto ({count}: {have}).",
        "en": "One agent task runs on every ready node ({count}: {have}).",
    },
    "04.2.spread.no": {
        "pt-BR": "agent roda em {have}; faltam: {missing}.",
        "en": "agent runs on {have}; missing: {missing}.",
    },
    "04.2.hint.1": {
        "pt-BR": "Um serviço global não tem número de réplicas: o Swarm põe uma tarefa em cada "
                 "nó. Reveja a seção Modo global.",
        "en": "A global service has no number of replicas: Swarm puts one task on every node. "
              "Look back at the Global mode section.",
    },
    "04.2.hint.2": {
        "pt-BR": "A opção é --mode global, sem --replicas.",
        "en": "The option is --mode global, with no --replicas.",
    },
    "04.2.hint.3": {
        "pt-BR": "docker service create --name agent --mode global --detach orquestra-lab/app:v1",
        "en": "docker service create --name agent --mode global --detach orquestra-lab/app:v1",
    },
    "04.3.title": {
        "pt-BR": "Uma reserva que deixa uma só tarefa por nó",
        "en": "A reservation that leaves one task per node",
    },
    "04.3.exists.ok": {
        "pt-BR": "O serviço {name} existe, com 4 réplicas da imagem {image}.",
        "en": "Service {name} exists, with 4 replicas of image {image}.",
    },
    "04.3.exists.no": {
        "pt-BR": "Não há serviço chamado {name} com 4 réplicas da imagem orquestra-lab/app.",
        "en": "There is no service called {name} with 4 replicas of image "
              "orquestra-lab/app.",
    },
    "04.3.exists.mistake.image": {
        "pt-BR": "O serviço usa {image}; troque com "
                 "docker service update --image orquestra-lab/app:v1 --detach {name}.",
        "en": "The service uses {image}; change it with "
              "docker service update --image orquestra-lab/app:v1 --detach {name}.",
    },
    "04.3.exists.mistake.count": {
        "pt-BR": "Réplicas pedidas: {wanted}; o exercício pede 4 (uma a mais que os nós). "
                 "Ajuste com docker service scale --detach solo=4.",
        "en": "Replicas asked for: {wanted}; the exercise asks for 4 (one more than the "
              "nodes). Fix it with docker service scale --detach solo=4.",
    },
    "04.3.later": {
        "pt-BR": "Reserva e resultado: verificados quando o serviço solo existir.",
        "en": "Reservation and outcome: checked once service solo exists.",
    },
    "04.3.reservation.ok": {
        "pt-BR": "Reserva de {reserve:.2f} GiB: cabe uma tarefa num nó de {memory:.2f} GiB, "
                 "duas não.",
        "en": "A {reserve:.2f} GiB reservation: one task fits on a {memory:.2f} GiB node, "
              "two do not.",
    },
    "04.3.reservation.no": {
        "pt-BR": "Reserva de {reserve:.2f} GiB; os nós anunciam {memory:.2f} GiB. Esperado: "
                 "mais de {half:.2f} GiB e no máximo {memory:.2f} GiB.",
        "en": "A {reserve:.2f} GiB reservation; the nodes announce {memory:.2f} GiB. "
              "Expected: more than {half:.2f} GiB and at most {memory:.2f} GiB.",
    },
    "04.3.reservation.mistake.none": {
        "pt-BR": "solo não reserva memória: sem reserva, o escalonador põe quantas tarefas "
                 "quiser num nó. Use --reserve-memory (no create ou no update).",
        "en": "solo reserves no memory: with no reservation the scheduler puts as many "
              "tasks as it likes on a node. Use --reserve-memory (on create or update).",
    },
    "04.3.reservation.mistake.too_big": {
        "pt-BR": "Nenhum nó tem tanta memória para reservar: todas as tarefas ficam pendentes. "
                 "Reserve no máximo a memória de um nó.",
        "en": "No node has that much memory to reserve: every task stays pending. Reserve at "
              "most one node's memory.",
    },
    "04.3.reservation.mistake.too_small": {
        "pt-BR": "Com essa reserva cabem {count:.0f} tarefas em cada nó. Reserve mais da "
                 "metade da memória do nó.",
        "en": "With that reservation {count:.0f} tasks fit on each node. Reserve more than "
              "half of a node's memory.",
    },
    "04.3.outcome.ok": {
        "pt-BR": "{running} tarefa(s) rodando, uma por nó ({spread}); {pending} pendente(s) "
                 "por falta de recursos.",
        "en": "{running} task(s) running, one per node ({spread}); {pending} pending for lack "
              "of resources.",
    },
    "04.3.outcome.no": {
        "pt-BR": "Tarefas rodando: {running} ({spread}). Esperado: {expected}, no máximo uma "
                 "por nó.",
        "en": "Tasks running: {running} ({spread}). Expected: {expected}, at most one per node.",
    },
    "04.3.hint.1": {
        "pt-BR": "O escalonador só põe uma tarefa num nó se a reserva dela ainda couber na "
                 "memória livre para reservar. Para caber uma e não caber a segunda, quanto "
                 "reservar, comparado à memória do nó?",
        "en": "The scheduler only puts a task on a node if its reservation still fits in the "
              "memory left to reserve. For one to fit and a second not to, how much should "
              "you reserve, compared with the node's memory?",
    },
    "04.3.hint.2": {
        "pt-BR": "Mais da metade e no máximo toda a memória do nó (por exemplo, 3/4). Leia a "
                 "memória com docker node inspect --format '{{{{.Description.Resources."
                 "MemoryBytes}}}}' worker1, calcule numa célula Python e use --reserve-memory "
                 "$reserve no %%docker (com --detach: uma tarefa fica pendente).",
        "en": "More than half and at most all of the node's memory (for example 3/4). Read "
              "the memory with docker node inspect --format '{{{{.Description.Resources."
              "MemoryBytes}}}}' worker1, compute in a Python cell and use --reserve-memory "
              "$reserve in %%docker (with --detach: one task stays pending).",
    },
    "04.3.hint.3": {
        "pt-BR": "reserve = int(cluster.node(\"manager1\").docker(\"node inspect --format "
                 "'{{{{.Description.Resources.MemoryBytes}}}}' worker1\")) * 3 // 4, e depois "
                 "docker service create --name solo --replicas 4 --reserve-memory $reserve "
                 "--detach orquestra-lab/app:v1",
        "en": "reserve = int(cluster.node(\"manager1\").docker(\"node inspect --format "
              "'{{{{.Description.Resources.MemoryBytes}}}}' worker1\")) * 3 // 4, then "
              "docker service create --name solo --replicas 4 --reserve-memory $reserve "
              "--detach orquestra-lab/app:v1",
    },
    "04.4.title": {
        "pt-BR": "api sobrevive à queda de um worker",
        "en": "api survives a worker going down",
    },
    "04.4.placement.ok": {
        "pt-BR": "api fica fora do manager: a restrição ({constraints}) só aceita {allowed}.",
        "en": "api stays off the manager: the constraint ({constraints}) only accepts "
              "{allowed}.",
    },
    "04.4.placement.no": {
        "pt-BR": "api (imagem {image}): restrições {constraints}; nós aceitos: {allowed}; "
                 "managers aceitos ou com tarefas: {managers}. Esperado: orquestra-lab/app, "
                 "só em workers.",
        "en": "api (image {image}): constraints {constraints}; nodes accepted: {allowed}; "
              "managers accepted or running tasks: {managers}. Expected: orquestra-lab/app, "
              "on workers only.",
    },
    "04.4.missing": {
        "pt-BR": "Ainda não há serviço api: crie-o no manager1.",
        "en": "There is no service api yet: create it on manager1.",
    },
    "04.4.placement.mistake.image": {
        "pt-BR": "api usa a imagem {image}; o exercício pede orquestra-lab/app:v1.",
        "en": "api uses image {image}; the exercise asks for orquestra-lab/app:v1.",
    },
    "04.4.placement.mistake.none": {
        "pt-BR": "Sem restrição, o escalonador pode pôr tarefas de api no manager1.",
        "en": "Without a constraint the scheduler may put api tasks on manager1.",
    },
    "04.4.placement.mistake.allows_manager": {
        "pt-BR": "A restrição ainda aceita {managers}: filtre pelo papel do nó (node.role).",
        "en": "The constraint still accepts {managers}: filter on the node's role (node.role).",
    },
    "04.4.placement.mistake.nowhere": {
        "pt-BR": "Nenhum nó satisfaz a restrição: as tarefas ficam pendentes. Confira a grafia.",
        "en": "No node satisfies the constraint: the tasks stay pending. Check the spelling.",
    },
    "04.4.spare.ok": {
        "pt-BR": "Tarefas antes da queda: {spread}; sem qualquer um dos workers, sobram pelo "
                 "menos {left} (mínimo: {minimum}).",
        "en": "Tasks before the failure: {spread}; without any one worker, at least {left} "
              "are left (minimum: {minimum}).",
    },
    "04.4.spare.no": {
        "pt-BR": "Tarefas antes da queda: {spread}; sem o {worker}, sobrariam {left} "
                 "(mínimo: {minimum}).",
        "en": "Tasks before the failure: {spread}; without {worker}, {left} would be left "
              "(minimum: {minimum}).",
    },
    "04.4.spare.mistake.few": {
        "pt-BR": "Com {wanted} réplica(s) em 2 workers, algum worker fica com menos de "
                 "{minimum}; se o outro cair, ele sobra sozinho e não chega a {minimum}. "
                 "Peça mais réplicas.",
        "en": "With {wanted} replica(s) on 2 workers, some worker gets fewer than {minimum}; "
              "when the other one goes down, it is left alone with fewer than {minimum}. "
              "Ask for more replicas.",
    },
    "04.4.spare.mistake.uneven": {
        "pt-BR": "Há réplicas suficientes, mas mal divididas. Garanta a divisão com "
                 "--replicas-max-per-node, recriando o serviço: num update, ele não tira do "
                 "lugar as tarefas que já rodam.",
        "en": "There are enough replicas, but badly shared out. Guarantee the split with "
              "--replicas-max-per-node, making the service again: in an update it does not "
              "move tasks that already run.",
    },
    "04.4.off.mistake.after": {
        "pt-BR": "api foi criado depois que o worker1 caiu, então não houve queda a "
                 "sobreviver. Religue-o (cluster.node(\"worker1\").start()), espere api ficar "
                 "pronto e desligue-o de novo.",
        "en": "api was created after worker1 went down, so there was no failure to survive. "
              "Switch it back on (cluster.node(\"worker1\").start()), wait for api to be "
              "ready and switch it off again.",
    },
    "04.4.down.ok": {
        "pt-BR": "O worker1 foi desligado e o Swarm percebeu a queda.",
        "en": "worker1 was switched off and Swarm noticed it was down.",
    },
    "04.4.down.no": {
        "pt-BR": "O Swarm ainda não marcou o worker1 como down (estado: {state}).",
        "en": "Swarm has not marked worker1 down yet (state: {state}).",
    },
    "04.4.back.ok": {
        "pt-BR": "O worker1 ficou desligado {seconds:.0f} s e já voltou: o Swarm percebeu a "
                 "queda.",
        "en": "worker1 was off for {seconds:.0f} s and is back: Swarm noticed it was down.",
    },
    "04.4.back.no": {
        "pt-BR": "O worker1 ficou desligado só {seconds:.0f} s e já voltou; nada mostra que o "
                 "Swarm o marcou como down.",
        "en": "worker1 was off for only {seconds:.0f} s and is back; nothing shows Swarm "
              "marked it down.",
    },
    "04.4.back.mistake.too_short": {
        "pt-BR": "O Swarm leva uns 15 s para perceber a queda. Desligue o worker1 de novo e "
                 "espere esta verificação antes de religá-lo.",
        "en": "Swarm takes some 15 s to notice a node is down. Switch worker1 off again and "
              "wait for this check before switching it on.",
    },
    "04.4.off.no": {
        "pt-BR": "O worker1 não foi desligado depois que api foi criado (estado no Swarm: "
                 "{state}).",
        "en": "worker1 has not been switched off since api was created (state in Swarm: "
              "{state}).",
    },
    "04.4.off.mistake.running": {
        "pt-BR": "Quando api estiver pronto, desligue o worker1 numa célula Python com "
                 "cluster.node(\"worker1\").stop().",
        "en": "Once api is ready, switch worker1 off in a Python cell with "
              "cluster.node(\"worker1\").stop().",
    },
    "04.4.later": {
        "pt-BR": "Depois da queda do worker1, a verificação conta as tarefas de api que "
                 "seguiram rodando.",
        "en": "Once worker1 is down, the check counts the api tasks that kept running.",
    },
    "04.4.survived.ok": {
        "pt-BR": "{kept} tarefa(s) de api rodaram sem parar durante a queda ({spread}).",
        "en": "{kept} api task(s) ran without a break through the failure ({spread}).",
    },
    "04.4.survived.no": {
        "pt-BR": "Só {kept} tarefa(s) de api rodaram sem parar durante a queda ({spread}); "
                 "mínimo: {minimum}.",
        "en": "Only {kept} api task(s) ran without a break through the failure ({spread}); "
              "minimum: {minimum}.",
    },
    "04.4.hint.1": {
        "pt-BR": "Conte: se um worker cair, as tarefas dele somem até o Swarm perceber. Cada "
                 "worker sozinho precisa então segurar pelo menos 2 tarefas.",
        "en": "Count: when a worker goes down, its tasks are gone until Swarm notices. Each "
              "worker alone must then hold at least 2 tasks.",
    },
    "04.4.hint.2": {
        "pt-BR": "Pelo menos 4 réplicas, --constraint node.role==worker e "
                 "--replicas-max-per-node 2 para garantir 2 em cada worker; depois, "
                 "cluster.node(\"worker1\").stop().",
        "en": "At least 4 replicas, --constraint node.role==worker and "
              "--replicas-max-per-node 2 to guarantee 2 on each worker; then "
              "cluster.node(\"worker1\").stop().",
    },
    "04.4.hint.3": {
        "pt-BR": "docker service create --name api --replicas 4 --constraint node.role==worker "
                 "--replicas-max-per-node 2 --quiet orquestra-lab/app:v1, e numa célula "
                 "Python: cluster.node(\"worker1\").stop()",
        "en": "docker service create --name api --replicas 4 --constraint node.role==worker "
              "--replicas-max-per-node 2 --quiet orquestra-lab/app:v1, and in a Python "
              "cell: cluster.node(\"worker1\").stop()",
    },
}
