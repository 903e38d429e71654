"""Lesson 03's texts, by message id, in both languages."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "03.1.title": {
        "pt-BR": "Forme um swarm à mão: 1 manager e 2 workers",
        "en": "Form a swarm by hand: 1 manager and 2 workers",
    },
    "03.1.init.ok": {
        "pt-BR": "manager1 criou o swarm e é o líder.",
        "en": "manager1 created the swarm and is its leader.",
    },
    "03.1.init.no": {
        "pt-BR": "manager1 ainda não lidera um swarm: esperado um swarm criado nele com "
                 "docker swarm init.",
        "en": "manager1 does not lead a swarm yet: expected a swarm created on it with "
              "docker swarm init.",
    },
    "03.1.join.ok": {
        "pt-BR": "{node} entrou no swarm de manager1 como worker e está pronto (Ready).",
        "en": "{node} joined manager1's swarm as a worker and is Ready.",
    },
    "03.1.join.no": {
        "pt-BR": "{node} ainda não é um worker pronto no swarm de manager1: agora ele está "
                 "{seen}.",
        "en": "{node} is not a ready worker in manager1's swarm yet: right now it is {seen}.",
    },
    "03.1.seen.manager": {
        "pt-BR": "no swarm, mas como manager",
        "en": "in the swarm, but as a manager",
    },
    "03.1.seen.down": {
        "pt-BR": "na lista de nós, mas Down",
        "en": "in the node list, but Down",
    },
    "03.1.seen.joining": {
        "pt-BR": "entrando no swarm (ainda não Ready)",
        "en": "joining the swarm (not Ready yet)",
    },
    "03.1.seen.stopped": {
        "pt-BR": "com o contêiner do nó parado",
        "en": "a stopped node container",
    },
    "03.1.seen.own": {
        "pt-BR": "num swarm só dele, como manager",
        "en": "in a swarm of its own, as its manager",
    },
    "03.1.seen.other": {
        "pt-BR": "num swarm que não é o de manager1",
        "en": "in a swarm that is not manager1's",
    },
    "03.1.seen.outside": {
        "pt-BR": "fora de qualquer swarm",
        "en": "outside any swarm",
    },
    "03.1.seen.no_swarm": {
        "pt-BR": "fora de qualquer swarm, e manager1 ainda não criou o dele",
        "en": "outside any swarm, and manager1 has not created its swarm yet",
    },
    "03.1.join.mistake.manager_token": {
        "pt-BR": "{node} entrou com o token de manager. Em manager1, rebaixe-o a worker: "
                 "docker node demote {node}. Não tire {node} do swarm antes de rebaixá-lo: "
                 "com dois managers, a saída de um deixa o outro sem maioria (quórum). "
                 "Depois de rebaixado, também dá para sair (docker swarm leave) e entrar de "
                 "novo com o token de worker. E deixe a célula de {node} com o token de "
                 "worker: na correção, o notebook roda de novo do começo.",
        "en": "{node} joined with the manager token. On manager1, demote it to a worker: "
              "docker node demote {node}. Don't take {node} out of the swarm before demoting "
              "it: with two managers, one leaving leaves the other without a majority "
              "(quorum). Once demoted, you may also leave (docker swarm leave) and join "
              "again with the worker token. And leave {node}'s cell with the worker token: "
              "grading runs the notebook again from the top.",
    },
    "03.1.join.mistake.down": {
        "pt-BR": "{node} entrou, mas está Down: saiu do swarm (docker swarm leave) ou o "
                 "Docker dele parou de falar com manager1. Em manager1, apague a linha "
                 "antiga (docker node rm {node}; com ela lá, o nome {node} fica ambíguo) e "
                 "rode de novo, em {node}, o join com o token de worker.",
        "en": "{node} joined but is Down: it left the swarm (docker swarm leave) or its "
              "Docker stopped talking to manager1. On manager1, delete the old line "
              "(docker node rm {node}; while it is there, the name {node} is ambiguous), "
              "then run the join with the worker token on {node} again.",
    },
    "03.1.join.mistake.own_swarm": {
        "pt-BR": "{node} rodou docker swarm init e criou um swarm só dele. Em {node}, saia "
                 "dele com docker swarm leave --force e entre no swarm de manager1 com o "
                 "token de worker.",
        "en": "{node} ran docker swarm init and created a swarm of its own. On {node}, leave "
              "it with docker swarm leave --force, then join manager1's swarm with the "
              "worker token.",
    },
    "03.1.join.mistake.other_swarm": {
        "pt-BR": "{node} entrou num swarm que não é o de manager1 (token e endereço de outro "
                 "nó). Em {node}, rode docker swarm leave e entre de novo com o token e o IP "
                 "de manager1.",
        "en": "{node} joined a swarm that is not manager1's (another node's token and "
              "address). On {node}, run docker swarm leave, then join again with manager1's "
              "token and IP.",
    },
    "03.1.hint.1": {
        "pt-BR": "São dois passos: criar o swarm em manager1 e depois colocar cada worker "
                 "nele com o token de worker. Leia o IP e o token de manager1 em variáveis "
                 "Python, em vez de colar texto copiado.",
        "en": "Two steps: create the swarm on manager1, then put each worker in it with the "
              "worker token. Read manager1's IP and token into Python variables instead of "
              "pasting copied text.",
    },
    "03.1.hint.2": {
        "pt-BR": "manager_ip = cluster.node(\"manager1\").ip; em manager1, docker swarm init "
                 "com --advertise-addr $manager_ip. O token: token = "
                 "cluster.node(\"manager1\").docker(\"swarm join-token -q worker\").",
        "en": "manager_ip = cluster.node(\"manager1\").ip; on manager1, docker swarm init "
              "with --advertise-addr $manager_ip. The token: token = "
              "cluster.node(\"manager1\").docker(\"swarm join-token -q worker\").",
    },
    "03.1.hint.3": {
        "pt-BR": "Numa célula %%docker worker1 e noutra %%docker worker2: "
                 "docker swarm join --token $token $manager_ip:2377",
        "en": "In a %%docker worker1 cell and in a %%docker worker2 cell: "
              "docker swarm join --token $token $manager_ip:2377",
    },
    "03.2.title": {
        "pt-BR": "Coloque worker2 em modo drain",
        "en": "Drain worker2",
    },
    "03.2.absent": {
        "pt-BR": "fora do swarm",
        "en": "not in the swarm",
    },
    "03.2.drain.ok": {
        "pt-BR": "worker2 está em drain.",
        "en": "worker2 is drained.",
    },
    "03.2.drain.no": {
        "pt-BR": "A disponibilidade de worker2 é {availability}; esperado: drain.",
        "en": "worker2's availability is {availability}; expected: drain.",
    },
    "03.2.drain.mistake.pause": {
        "pt-BR": "pause só impede tarefas novas: as que já estão em worker2 continuam lá. "
                 "Para tirá-las, a disponibilidade é drain.",
        "en": "pause only keeps new tasks away: the ones already on worker2 stay there. To "
              "move them off, the availability is drain.",
    },
    "03.2.drain.mistake.other_node": {
        "pt-BR": "Quem está em drain é {other}, não worker2. Volte {other} para active "
                 "(docker node update --availability active {other}) e drene worker2.",
        "en": "The drained node is {other}, not worker2. Set {other} back to active "
              "(docker node update --availability active {other}) and drain worker2.",
    },
    "03.2.tasks.ok": {
        "pt-BR": "Nenhuma tarefa roda em worker2.",
        "en": "No task runs on worker2.",
    },
    "03.2.tasks.no": {
        "pt-BR": "Ainda roda(m) {count} tarefa(s) em worker2; esperado: nenhuma. Depois do "
                 "drain, cada tarefa antiga pode levar até o stop grace period (10 s por "
                 "padrão) para parar.",
        "en": "{count} task(s) still run on worker2; expected: none. After a drain, each old "
              "task may take up to its stop grace period (10 s by default) to stop.",
    },
    "03.2.undrained.ok": {
        "pt-BR": "worker2 está em drain.",
        "en": "worker2 is drained.",
    },
    "03.2.undrained.no": {
        "pt-BR": "Sem tarefas em worker2 depois do drain: só conta quando worker2 estiver em "
                 "drain.",
        "en": "No task on worker2 after the drain: counts only once worker2 is drained.",
    },
    "03.2.hint.1": {
        "pt-BR": "A disponibilidade de um nó se muda num manager. Das três (active, pause, "
                 "drain), só uma tira do nó as tarefas que já estão lá.",
        "en": "A node's availability is changed on a manager. Of the three (active, pause, "
              "drain), only one moves the tasks already there off the node.",
    },
    "03.2.hint.2": {
        "pt-BR": "O comando é docker node update, com a opção --availability e o nome do nó "
                 "no fim.",
        "en": "The command is docker node update, with the --availability option and the "
              "node's name at the end.",
    },
    "03.2.hint.3": {
        "pt-BR": "Em manager1: docker node update --availability drain worker2",
        "en": "On manager1: docker node update --availability drain worker2",
    },
    "03.3.title": {
        "pt-BR": "Rotule o nó com SSD e coloque o serviço db só nele",
        "en": "Label the SSD node and place service db on it only",
    },
    "03.3.nobody": {
        "pt-BR": "nenhum",
        "en": "none",
    },
    "03.3.label.ok": {
        "pt-BR": "worker1 tem o rótulo disk=ssd.",
        "en": "worker1 has the label disk=ssd.",
    },
    "03.3.label.no": {
        "pt-BR": "Os rótulos de worker1 são {labels}; esperado: disk=ssd.",
        "en": "worker1's labels are {labels}; expected: disk=ssd.",
    },
    "03.3.label.mistake.other_node": {
        "pt-BR": "O rótulo disk=ssd está em {others}, não em worker1 (o nó que tem SSD). "
                 "Tire-o de lá com --label-rm disk e ponha em worker1.",
        "en": "The label disk=ssd is on {others}, not on worker1 (the node with the SSD). "
              "Remove it there with --label-rm disk and put it on worker1.",
    },
    "03.3.label.mistake.value": {
        "pt-BR": "worker1 tem a chave disk com o valor {value}; o valor combinado é ssd, em "
                 "minúsculas. --label-add disk=ssd troca o valor.",
        "en": "worker1 has the key disk with the value {value}; the agreed value is ssd, in "
              "lower case. --label-add disk=ssd replaces it.",
    },
    "03.3.label.mistake.key": {
        "pt-BR": "worker1 tem o valor ssd, mas numa chave que não é disk. O rótulo é "
                 "chave=valor: disk=ssd.",
        "en": "worker1 has the value ssd, but under a key that is not disk. A label is "
              "key=value: disk=ssd.",
    },
    "03.3.service.no": {
        "pt-BR": "Não há serviço db: crie-o com uma restrição de posicionamento que use o "
                 "rótulo.",
        "en": "There is no service db: create it with a placement constraint that uses the "
              "label.",
    },
    "03.3.constraint.ok": {
        "pt-BR": "db só pode rodar nos nós com disk=ssd ({labelled}), pela restrição "
                 "{constraints}.",
        "en": "db may only run on the nodes with disk=ssd ({labelled}), by the constraint "
              "{constraints}.",
    },
    "03.3.constraint.no": {
        "pt-BR": "Pelas restrições de db ({constraints}), ele pode rodar em: {allowed}; "
                 "esperado: só nos nós com disk=ssd ({labelled}), por uma restrição de rótulo.",
        "en": "By db's constraints ({constraints}) it may run on: {allowed}; expected: only "
              "the nodes with disk=ssd ({labelled}), by a label constraint.",
    },
    "03.3.constraint.mistake.none": {
        "pt-BR": "db não tem restrição nenhuma, então pode ir para qualquer nó. A opção de "
                 "docker service create é --constraint; num db que já existe, docker "
                 "service update --constraint-add.",
        "en": "db has no constraint at all, so it may go to any node. The docker service "
              "create option is --constraint; on an existing db, docker service update "
              "--constraint-add.",
    },
    "03.3.constraint.mistake.no_label": {
        "pt-BR": "A restrição escolhe o nó pelo nome ou pelo papel, não pelo rótulo. Use "
                 "node.labels.CHAVE==VALOR: assim, se outro nó ganhar SSD, basta rotulá-lo. "
                 "Num db que já existe: docker service update --constraint-rm ANTIGA "
                 "--constraint-add NOVA db.",
        "en": "The constraint picks the node by name or role, not by its label. Use "
              "node.labels.KEY==VALUE: then, if another node gets an SSD, labelling it is "
              "enough. On an existing db: docker service update --constraint-rm OLD "
              "--constraint-add NEW db.",
    },
    "03.3.constraint.mistake.nothing": {
        "pt-BR": "Nenhum nó satisfaz a restrição, e as tarefas ficam pending. Confira a "
                 "chave e o valor: eles têm de ser os do rótulo de worker1.",
        "en": "No node meets the constraint, so the tasks stay pending. Check the key and "
              "the value: they must be those of worker1's label.",
    },
    "03.3.constraint.mistake.wide": {
        "pt-BR": "A restrição deixa db ir para nós sem disk=ssd. Ela tem de exigir o rótulo: "
                 "node.labels.disk==ssd.",
        "en": "The constraint lets db go to nodes without disk=ssd. It must require the "
              "label: node.labels.disk==ssd.",
    },
    "03.3.tasks.ok": {
        "pt-BR": "As {running} tarefa(s) de db rodam só em nós com disk=ssd ({labelled}).",
        "en": "db's {running} task(s) run only on nodes with disk=ssd ({labelled}).",
    },
    "03.3.tasks.no": {
        "pt-BR": "db tem {running} de {wanted} tarefa(s) rodando; esperado: todas rodando, "
                 "só em {labelled}.",
        "en": "db has {running} of {wanted} task(s) running; expected: all running, only on "
              "{labelled}.",
    },
    "03.3.tasks.mistake.zero": {
        "pt-BR": "db pede 0 réplicas, então nada roda. O exercício pede 2: "
                 "docker service scale db=2.",
        "en": "db asks for 0 replicas, so nothing runs. The exercise asks for 2: "
              "docker service scale db=2.",
    },
    "03.3.luck.no": {
        "pt-BR": "As tarefas de db rodam em {nodes}, mas por acaso: a restrição não exige o "
                 "rótulo, e uma tarefa nova pode ir para um nó sem SSD.",
        "en": "db's tasks run on {nodes}, but by chance: the constraint does not require the "
              "label, and a new task may go to a node without an SSD.",
    },
    "03.3.outside.no": {
        "pt-BR": "Tarefas de db rodam fora dos nós com disk=ssd, em: {outside}; esperado: "
                 "só em {labelled}.",
        "en": "db's tasks run outside the nodes with disk=ssd, on: {outside}; expected: "
              "only on {labelled}.",
    },
    "03.3.tasks.mistake.inactive": {
        "pt-BR": "Nenhum nó com disk=ssd está active (drain ou pause), então as tarefas de "
                 "db ficam pending. Volte worker1 para active.",
        "en": "No node with disk=ssd is active (drain or pause), so db's tasks stay "
              "pending. Set worker1 back to active.",
    },
    "03.3.hint.1": {
        "pt-BR": "Duas partes: o rótulo descreve o nó (disk=ssd em worker1); a restrição de "
                 "posicionamento do serviço exige esse rótulo. Nenhuma das duas cita o nome "
                 "do nó no serviço.",
        "en": "Two parts: the label describes the node (disk=ssd on worker1); the service's "
              "placement constraint requires that label. Neither names the node in the "
              "service.",
    },
    "03.3.hint.2": {
        "pt-BR": "O rótulo: docker node update --label-add. O serviço: docker service create "
                 "-d --name db com --constraint node.labels.CHAVE==VALOR.",
        "en": "The label: docker node update --label-add. The service: docker service "
              "create -d --name db with --constraint node.labels.KEY==VALUE.",
    },
    "03.3.hint.3": {
        "pt-BR": "docker node update --label-add disk=ssd worker1, e depois docker service "
                 "create -d --name db --replicas 2 --constraint node.labels.disk==ssd "
                 "orquestra-lab/app:v1",
        "en": "docker node update --label-add disk=ssd worker1, then docker service create "
              "-d --name db --replicas 2 --constraint node.labels.disk==ssd "
              "orquestra-lab/app:v1",
    },
}
