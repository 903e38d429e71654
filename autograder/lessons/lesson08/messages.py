"""Lesson 08's texts, by message id, in both languages."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "08.1.title": {
        "pt-BR": "Um swarm que aguenta duas falhas de manager",
        "en": "A swarm that survives two manager failures",
    },
    "08.1.shape.ok": {
        "pt-BR": "{count} managers, todos alcançáveis: quórum {quorum}, falhas toleradas: "
                 "{tolerates}.",
        "en": "{count} managers, all reachable: quorum {quorum}, failures tolerated: "
              "{tolerates}.",
    },
    "08.1.shape.no": {
        "pt-BR": "{count} managers: quórum {quorum}, falhas toleradas: {tolerates}. Para "
                 "aguentar duas falhas, são precisos pelo menos 5 managers, todos alcançáveis.",
        "en": "{count} managers: quorum {quorum}, failures tolerated: {tolerates}. Surviving "
              "two failures takes at least 5 managers, all reachable.",
    },
    "08.1.shape.mistake.even": {
        "pt-BR": "Um número par de managers não ajuda: com {count}, o quórum é {quorum}, e as "
                 "falhas toleradas ({tolerates}) são as mesmas que com um manager a menos.",
        "en": "An even number of managers does not help: with {count}, the quorum is {quorum}, "
              "and the failures tolerated ({tolerates}) are as many as with one manager less.",
    },
    "08.1.shape.mistake.few": {
        "pt-BR": "Com {count} managers, as falhas toleradas são {tolerates}: faltam managers.",
        "en": "With {count} managers, the failures tolerated are {tolerates}: it needs more "
              "managers.",
    },
    "08.1.shape.mistake.unreachable": {
        "pt-BR": "Ainda há managers fora do Raft ({down}): um nó recém-promovido leva alguns "
                 "segundos para entrar, e um nó parado conta no quórum sem votar.",
        "en": "Some managers are not in Raft yet ({down}): a node just promoted takes a few "
              "seconds to join, and a stopped node counts in the quorum without voting.",
    },
    "08.1.later": {
        "pt-BR": "A prova (o avaliador para dois managers e manda uma mudança): feita quando o "
                 "swarm tiver managers suficientes.",
        "en": "The proof (the grader stops two managers and sends a change): made once the "
              "swarm has enough managers.",
    },
    "08.1.write.ok": {
        "pt-BR": "O avaliador parou {stopped} ao mesmo tempo e o líder {leader} ainda gravou uma "
                 "mudança, em {seconds} s. Os dois já foram religados.",
        "en": "The grader stopped {stopped} at once and the leader {leader} still committed a "
              "change, in {seconds} s. Both are running again.",
    },
    "08.1.write.no": {
        "pt-BR": "O avaliador parou {stopped} e o swarm recusou a mudança enviada ao líder "
                 "{leader}: sem quórum. Os dois já foram religados.",
        "en": "The grader stopped {stopped} and the swarm refused the change sent to the leader "
              "{leader}: no quorum. Both are running again.",
    },
    "08.1.hint.1": {
        "pt-BR": "Depois de f falhas ainda precisa sobrar uma maioria: são 2f + 1 managers. Para "
                 "f = 2, quantos?",
        "en": "After f failures a majority must still be left: that takes 2f + 1 managers. For "
              "f = 2, how many?",
    },
    "08.1.hint.2": {
        "pt-BR": "Não precisa de nós novos: um worker vira manager com docker node promote, "
                 "rodado num manager.",
        "en": "No new nodes are needed: a worker becomes a manager with docker node promote, "
              "run on a manager.",
    },
    "08.1.hint.3": {
        "pt-BR": "%%docker manager1 e, na célula, docker node promote worker1 worker2",
        "en": "%%docker manager1 and, in the cell, docker node promote worker1 worker2",
    },
    "08.2.title": {
        "pt-BR": "Recuperar um swarm que perdeu o quórum",
        "en": "Recover a swarm that lost its quorum",
    },
    "08.2.scenario.ok": {
        "pt-BR": "O cenário do exercício está montado.",
        "en": "The exercise's scenario is in place.",
    },
    "08.2.scenario.no": {
        "pt-BR": "O exercício ainda não começou: rode a célula que cria o serviço catalogo e "
                 "destrói manager1 e manager2.",
        "en": "The exercise has not started: run the cell that creates service catalogo and "
              "destroys manager1 and manager2.",
    },
    "08.2.later": {
        "pt-BR": "Líder, serviço e managers de reserva: verificados quando o swarm voltar a ter "
                 "líder.",
        "en": "Leader, service and spare managers: checked once the swarm has a leader again.",
    },
    "08.2.leader.ok": {
        "pt-BR": "O swarm tem líder.",
        "en": "The swarm has a leader.",
    },
    "08.2.leader.no": {
        "pt-BR": "O swarm está sem líder: não aceita nenhuma mudança.",
        "en": "The swarm has no leader: it accepts no change.",
    },
    "08.2.write.ok": {
        "pt-BR": "O swarm tem líder ({leader}) e gravou uma mudança em {seconds} s.",
        "en": "The swarm has a leader ({leader}) and committed a change in {seconds} s.",
    },
    "08.2.write.no": {
        "pt-BR": "O swarm não gravou a mudança enviada ao líder {leader}.",
        "en": "The swarm did not commit the change sent to the leader {leader}.",
    },
    "08.2.leader.mistake.no_leader": {
        "pt-BR": "O swarm continua sem líder: os managers que sobraram não são maioria, e "
                 "esperar não resolve. Alguém precisa recomeçar o swarm a partir de um manager "
                 "que ainda está de pé.",
        "en": "The swarm still has no leader: the managers left are no majority, and waiting "
              "will not help. Someone must restart the swarm from a manager still standing.",
    },
    "08.2.kept.ok": {
        "pt-BR": "O serviço {name} sobreviveu: {running} de {wanted} réplicas rodando.",
        "en": "Service {name} survived: {running} of {wanted} replicas running.",
    },
    "08.2.kept.no": {
        "pt-BR": "O serviço {name}: {running} de {wanted} réplicas rodando.",
        "en": "Service {name}: {running} of {wanted} replicas running.",
    },
    "08.2.kept.mistake.gone": {
        "pt-BR": "O serviço {name} sumiu: o swarm foi criado do zero e perdeu o estado (um "
                 "docker swarm init sem --force-new-cluster?). Para refazer o exercício, "
                 "recrie o cluster da aula: cluster.down() e a primeira célula de código.",
        "en": "Service {name} is gone: the swarm was made from scratch and lost its state (a "
              "docker swarm init without --force-new-cluster?). To do the exercise again, make "
              "the lesson's cluster again: cluster.down() and the first code cell.",
    },
    "08.2.spare.ok": {
        "pt-BR": "Managers alcançáveis: {count} ({names}); o swarm volta a tolerar falhas "
                 "({tolerates}).",
        "en": "Reachable managers: {count} ({names}); the swarm tolerates failures again "
              "({tolerates}).",
    },
    "08.2.spare.no": {
        "pt-BR": "Managers alcançáveis: {count} ({names}); o swarm ainda não tolera nenhuma "
                 "falha.",
        "en": "Reachable managers: {count} ({names}); the swarm tolerates no failure yet.",
    },
    "08.2.spare.mistake.few": {
        "pt-BR": "Com tão poucos managers, a próxima falha derruba o quórum de novo: faltam "
                 "managers.",
        "en": "With so few managers, the next failure takes the quorum down again: it needs "
              "more managers.",
    },
    "08.2.lost.ok": {
        "pt-BR": "{lost} continuam destruídos: a recuperação veio só de quem sobrou.",
        "en": "{lost} are still destroyed: the recovery came only from the nodes left.",
    },
    "08.2.lost.no": {
        "pt-BR": "{lost} voltaram a rodar, mas no exercício eles foram destruídos: pare-os de "
                 "novo (cluster.node(\"manager1\").kill()) e recupere o swarm com os nós que "
                 "sobraram.",
        "en": "{lost} are running again, but in the exercise they were destroyed: stop them "
              "again (cluster.node(\"manager1\").kill()) and recover the swarm with the nodes "
              "left.",
    },
    "08.2.hint.1": {
        "pt-BR": "Sem maioria nenhum manager vira líder, mas cada manager que sobrou guarda uma "
                 "cópia do estado (o log do Raft) e pode recomeçar o swarm sozinho, com esse "
                 "estado. Depois, o swarm precisa de managers de reserva.",
        "en": "With no majority no manager becomes leader, but each manager left keeps a copy "
              "of the state (the Raft log) and can restart the swarm alone, with that state. "
              "Then the swarm needs spare managers.",
    },
    "08.2.hint.2": {
        "pt-BR": "No manager que sobrou, docker swarm init --force-new-cluster; depois, "
                 "docker node promote nos workers.",
        "en": "On the manager left, docker swarm init --force-new-cluster; then docker node "
              "promote on the workers.",
    },
    "08.2.hint.3": {
        "pt-BR": "%%docker manager3 com docker swarm init --force-new-cluster e, numa segunda "
                 "linha, docker node promote worker1 worker2",
        "en": "%%docker manager3 with docker swarm init --force-new-cluster and, on a second "
              "line, docker node promote worker1 worker2",
    },
}
