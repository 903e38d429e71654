"""The grader's own texts, by message id: {"pt-BR": ..., "en": ...}.

Each lesson's texts live beside its checks
(``autograder/lessons/lessonNN/messages.py``); :func:`autograder.i18n.text`
looks in both, and ``tests/test_texts.py`` proves that every id has both
languages and the same placeholders.
"""

from __future__ import annotations

from labs.i18n import Catalogue

GROUP = "autograder"
"""The catalogues :func:`autograder.i18n.text` searches: this one and every lesson's."""

MESSAGES = Catalogue(__name__, {
    # -- generic -----------------------------------------------------------------
    "status.passed": {"pt-BR": "correto", "en": "passed"},
    "status.failed": {"pt-BR": "ainda não", "en": "not yet"},
    "status.error": {"pt-BR": "erro do corretor", "en": "grader error"},
    "points": {"pt-BR": "{earned:g} de {total:g} pontos", "en": "{earned:g} of {total:g} points"},
    "points.one": {"pt-BR": "{earned:g} de {total:g} ponto", "en": "{earned:g} of {total:g} point"},
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
    "summary.title": {"pt-BR": "Resumo da aula {lesson}", "en": "Lesson {lesson} summary"},
    "unknown.check": {
        "pt-BR": "Não existe a verificação {id}. As desta aula: {known}.",
        "en": "There is no check {id}. This lesson's checks: {known}.",
    },
    "swarm.none": {"pt-BR": "Ainda não há swarm neste cluster.",
                   "en": "There is no swarm in this cluster yet."},
    "report.head": {
        "pt-BR": "verificação|exercício|resultado|pontos|mensagem",
        "en": "check|exercise|result|points|message",
    },
    "report.status": {"pt-BR": "situação da correção: {status}", "en": "grading status: {status}"},
    "report.notebook": {"pt-BR": "O notebook executado", "en": "The executed notebook"},
    "waiting": {
        "pt-BR": "Verificando {id}: esperando o cluster ({seconds:.0f} s de até {limit:.0f} s)…",
        "en": "Checking {id}: waiting for the cluster ({seconds:.0f} s of up to {limit:.0f} s)…",
    },
    "graded.elsewhere": {
        "pt-BR": "{what}: conferido pelo avaliador, fora do notebook, logo depois desta célula; "
                 "o resultado está no começo desta página.",
        "en": "{what}: checked by the grader, outside the notebook, right after this cell; the "
              "result is at the top of this page.",
    },
}, group=GROUP)
