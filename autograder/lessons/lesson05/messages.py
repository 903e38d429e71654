"""Lesson 05's texts, by message id, in both languages."""

from __future__ import annotations

_READY: dict[str, dict[str, str]] = {
    "ok": {
        "pt-BR": "O serviço {name} existe, numa rede overlay, com tarefa rodando.",
        "en": "Service {name} exists, on an overlay network, with a task running.",
    },
    "no": {
        "pt-BR": "O serviço {name} ainda não está pronto para o avaliador agir nele.",
        "en": "Service {name} is not ready yet for the grader to act on it.",
    },
    "mistake.missing": {
        "pt-BR": "Não há serviço {name} no swarm: crie-o com docker service create --name {name}.",
        "en": "There is no service {name} in the swarm: create it with docker service create "
              "--name {name}.",
    },
    "mistake.network": {
        "pt-BR": "O serviço {name} não está em nenhuma rede overlay, então ninguém o chama pelo "
                 "nome. O avaliador manda as requisições de outro serviço: ponha {name} numa "
                 "rede overlay (--network).",
        "en": "Service {name} is on no overlay network, so nobody can call it by its name. The "
              "grader sends its requests from another service: put {name} on an overlay "
              "network (--network).",
    },
    "mistake.down": {
        "pt-BR": "O serviço {name} não tem nenhuma tarefa rodando agora.",
        "en": "Service {name} has no task running now.",
    },
}

MESSAGES: dict[str, dict[str, str]] = {
    "05.1.title": {
        "pt-BR": "Atualizar sem derrubar nenhuma requisição",
        "en": "An update that fails no request",
    },
    **{f"05.1.ready.{key}": text for key, text in _READY.items()},
    "05.1.later": {
        "pt-BR": "A prova (o avaliador atualiza o serviço enquanto manda requisições): feita "
                 "quando o serviço estiver pronto.",
        "en": "The proof (the grader updates the service while it sends requests): made once "
              "the service is ready.",
    },
    "05.1.ended.ok": {
        "pt-BR": "O avaliador atualizou o estoque para {version} e a atualização terminou.",
        "en": "The grader updated estoque to {version} and the update completed.",
    },
    "05.1.ended.no": {
        "pt-BR": "O avaliador mandou atualizar o estoque para {version}, mas a atualização não "
                 "terminou em {seconds} s, ou nenhuma requisição foi respondida.",
        "en": "The grader asked to update estoque to {version}, but the update did not complete "
              "within {seconds} s, or no request was answered.",
    },
    "05.1.zero.ok": {
        "pt-BR": "Durante a atualização para {version} ({took:.1f} s), {answered} requisições "
                 "foram respondidas e nenhuma falhou.",
        "en": "During the update to {version} ({took:.1f} s), {answered} requests were answered "
              "and none failed.",
    },
    "05.1.zero.no": {
        "pt-BR": "Durante a atualização para {version} ({took:.1f} s), {failed} requisições "
                 "falharam (nos segundos {when} depois do início) e {answered} foram respondidas.",
        "en": "During the update to {version} ({took:.1f} s), {failed} requests failed (in seconds "
              "{when} after the start) and {answered} were answered.",
    },
    "05.1.zero.mistake.stop_first": {
        "pt-BR": "Com uma réplica e a ordem stop-first (o padrão), a tarefa antiga sai antes de "
                 "a nova estar pronta: nesse intervalo ninguém responde.",
        "en": "With one replica and the stop-first order (the default), the old task leaves "
              "before the new one is ready: in between nobody answers.",
    },
    "05.1.zero.mistake.failed": {
        "pt-BR": "Houve um momento em que nenhuma tarefa saudável respondia. Veja no gráfico da "
                 "aula o que a ordem da atualização muda.",
        "en": "There was a moment when no healthy task answered. See in the lesson's plot what "
              "the update order changes.",
    },
    "05.1.hint.1": {
        "pt-BR": "Com uma réplica só, a versão nova precisa estar respondendo antes de a antiga "
                 "sair.",
        "en": "With a single replica, the new version must be answering before the old one "
              "leaves.",
    },
    "05.1.hint.2": {
        "pt-BR": "A ordem da atualização se escolhe com --update-order, em docker service create "
                 "ou docker service update.",
        "en": "The update order is chosen with --update-order, in docker service create or "
              "docker service update.",
    },
    "05.1.hint.3": {
        "pt-BR": "docker service update --update-order start-first estoque",
        "en": "docker service update --update-order start-first estoque",
    },
    "05.2.title": {
        "pt-BR": "Uma versão quebrada volta atrás sozinha",
        "en": "A broken version rolls back by itself",
    },
    **{f"05.2.ready.{key}": text for key, text in _READY.items()},
    "05.2.ready.mistake.broken": {
        "pt-BR": "O serviço {name} já está na versão quebrada: volte-o a uma versão boa antes "
                 "(docker service rollback {name}).",
        "en": "Service {name} already runs the broken version: bring it back to a good one first "
              "(docker service rollback {name}).",
    },
    "05.2.later": {
        "pt-BR": "A prova (o avaliador manda a versão quebrada e ninguém mexe): feita quando o "
                 "serviço estiver pronto.",
        "en": "The proof (the grader pushes the broken version and nobody acts): made once the "
              "service is ready.",
    },
    "05.2.back.ok": {
        "pt-BR": "O avaliador mandou a versão quebrada e o swarm voltou sozinho para {version} "
                 "({state}, {took:.1f} s; {failed} requisições falharam no caminho).",
        "en": "The grader pushed the broken version and the swarm went back to {version} by "
              "itself ({state}, {took:.1f} s; {failed} requests failed on the way).",
    },
    "05.2.back.no": {
        "pt-BR": "O avaliador mandou a versão quebrada e o swarm não voltou sozinho para "
                 "{version} (estado: {state}, depois de {took:.1f} s). {restored}",
        "en": "The grader pushed the broken version and the swarm did not go back to {version} "
              "by itself (state: {state}, after {took:.1f} s). {restored}",
    },
    "05.2.back.mistake.paused": {
        "pt-BR": "A atualização parou (paused) na versão quebrada: é o que o swarm faz quando "
                 "uma tarefa nova falha e ninguém disse outra coisa.",
        "en": "The update paused at the broken version: that is what the swarm does when a new "
              "task fails and nobody said otherwise.",
    },
    "05.2.back.mistake.continued": {
        "pt-BR": "A atualização foi até o fim com a versão quebrada: o serviço foi configurado "
                 "para continuar mesmo com falhas.",
        "en": "The update went all the way with the broken version: the service was told to "
              "continue despite failures.",
    },
    "05.2.back.mistake.stuck": {
        "pt-BR": "A atualização não chegou a um fim (nem concluída, nem pausada, nem revertida) "
                 "no tempo do avaliador.",
        "en": "The update reached no end (completed, paused or rolled back) in the grader's "
              "time.",
    },
    "05.2.restored": {
        "pt-BR": "O avaliador pôs {name} de volta em {version} com docker service rollback.",
        "en": "The grader put {name} back on {version} with docker service rollback.",
    },
    "05.2.kept.ok": {
        "pt-BR": "Depois disso, {running} de {wanted} tarefas rodam {version}.",
        "en": "After that, {running} of {wanted} tasks run {version}.",
    },
    "05.2.kept.no": {
        "pt-BR": "Depois disso, só {running} de {wanted} tarefas rodam {version}.",
        "en": "After that, only {running} of {wanted} tasks run {version}.",
    },
    "05.2.hint.1": {
        "pt-BR": "O swarm percebe que a tarefa nova falhou; falta dizer a ele o que fazer "
                 "nesse caso, em vez de pausar.",
        "en": "The swarm notices that the new task failed; tell it what to do then, instead of "
              "pausing.",
    },
    "05.2.hint.2": {
        "pt-BR": "A ação na falha se escolhe com --update-failure-action (pause, continue ou "
                 "rollback).",
        "en": "The action on failure is chosen with --update-failure-action (pause, continue or "
              "rollback).",
    },
    "05.2.hint.3": {
        "pt-BR": "docker service update --update-failure-action rollback estoque",
        "en": "docker service update --update-failure-action rollback estoque",
    },
}
