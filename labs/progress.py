"""Progress of long operations (cluster up, image builds): one code path, two screens.

A :class:`Bar` is called with lines, like ``print``: a line that ends with
"..." starts the next step, any other line is shown as detail. It draws an
ipywidgets progress bar in a notebook and a rich bar in a terminal (plain
lines when the output is not a terminal). Step names and status words are
shown in the learner's language (:func:`labs.language.current`).
"""

from __future__ import annotations

import sys
import time
from typing import Any

from labs import language
from labs.i18n import Catalogue

# What provisioning and image builds report, by the English text they send
# (labs/cluster.py's step names are the keys of Cluster.timings).
TEXTS = Catalogue(__name__, {
    "check the images": {"pt-BR": "conferir as imagens", "en": "check the images"},
    "check the runtime": {"pt-BR": "conferir o que a engine permite", "en": "check the runtime"},
    "create the network": {"pt-BR": "criar a rede", "en": "create the network"},
    "make certificates": {"pt-BR": "gerar os certificados", "en": "make certificates"},
    "start the nodes": {"pt-BR": "iniciar os nós", "en": "start the nodes"},
    "wait for the daemons":
        {"pt-BR": "esperar os daemons responderem",
         "en": "wait for the daemons"},
    "init the swarm": {"pt-BR": "criar o swarm", "en": "init the swarm"},
    "join the managers": {"pt-BR": "adicionar os managers", "en": "join the managers"},
    "join the workers": {"pt-BR": "adicionar os workers", "en": "join the workers"},
    "load the app image": {"pt-BR": "carregar a imagem do app", "en": "load the app image"},
    "wait until ready": {"pt-BR": "esperar o swarm ficar pronto", "en": "wait until ready"},
    "ready": {"pt-BR": "pronto", "en": "ready"},
    "removing an incomplete earlier attempt":
        {"pt-BR": "removendo uma tentativa anterior incompleta",
         "en": "removing an incomplete earlier attempt"},
    "re-attaching to the existing cluster":
        {"pt-BR": "reconectando ao cluster que já existe",
         "en": "re-attaching to the existing cluster"},
    "failed; removing what was created":
        {"pt-BR": "falhou; removendo o que foi criado",
         "en": "failed; removing what was created"},
    "failed; kept for inspection (retain=True)":
        {"pt-BR": "falhou; mantido para inspeção (retain=True)",
         "en": "failed; kept for inspection (retain=True)"},
    "building": {"pt-BR": "construindo", "en": "building"},
    "up to date": {"pt-BR": "atualizada", "en": "up to date"},
    "importing the bootstrapped root file system":
        {"pt-BR": "importando o sistema de arquivos criado",
         "en": "importing the bootstrapped root file system"},
    "done": {"pt-BR": "pronto em {seconds:.1f} s", "en": "ready in {seconds:.1f} s"},
    "images": {"pt-BR": "imagens", "en": "images"},
    "total": {"pt-BR": "total", "en": "total"},
})


def step_title(text: str, lang: str | None = None) -> str:
    """``text`` (a step name such as a key of ``Cluster.timings``, or a status line)
    in the learner's language; text it does not know comes back unchanged."""
    dots = "..." if text.endswith("...") else ""
    bare = text.removesuffix("...")
    return TEXTS.get(bare, lang, default=bare) + dots


def translate(line: str, lang: str | None = None) -> str:
    """A progress line (``"NAME: text"``) with its text in the learner's language."""
    prefix, sep, text = line.partition(": ")
    return prefix + sep + step_title(text, lang) if sep else step_title(line, lang)


def in_notebook() -> bool:
    """True inside a Jupyter kernel."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and hasattr(shell, "kernel")


class Bar:
    """``total`` steps; ``mode`` is 'notebook', 'terminal' or 'plain' (default: detected)."""

    def __init__(self, total: int, title: str, *, mode: str | None = None,
                 lang: str | None = None) -> None:
        self.total = max(1, total)
        self.lang = language.resolve(lang)
        self.title = step_title(title, self.lang)
        self.done = 0
        self.started = time.perf_counter()
        self.lines: list[str] = []
        self.mode = mode or ("notebook" if in_notebook()
                             else "terminal" if sys.stderr.isatty() else "plain")
        self._widget: Any = None
        self._rich: Any = None
        if self.mode == "notebook":
            import ipywidgets as w
            from IPython.display import display

            self._bar = w.IntProgress(value=0, min=0, max=self.total, description=self.title)
            self._label = w.Label()
            self._widget = w.HBox([self._bar, self._label])
            display(self._widget)  # type: ignore[no-untyped-call]
        elif self.mode == "terminal":
            from rich.progress import Progress

            self._rich = Progress(transient=False)
            self._rich.start()
            self._task = self._rich.add_task(self.title, total=self.total)

    def __call__(self, line: str) -> None:
        self.lines.append(line)
        step = line.endswith("...")
        if step and self.lines.count(line) == 1 and self.done < self.total:
            self.done += 1
        line = translate(line, self.lang)
        text = line.split(": ", 1)[-1]
        if self.mode == "notebook":
            self._bar.value = self.done
            self._label.value = text
        elif self.mode == "terminal":
            self._rich.update(self._task, completed=self.done, description=f"{self.title}: {text}")
        else:
            print(line, file=sys.stderr, flush=True)

    def close(self, *, ok: bool = True) -> None:
        """Fill the bar (or leave it where it stopped, on failure)."""
        done = TEXTS.text("done", self.lang, seconds=time.perf_counter() - self.started)
        if ok:
            self.done = self.total
        if self.mode == "notebook":
            self._bar.value = self.done
            self._bar.bar_style = "success" if ok else "danger"
            if ok:
                self._label.value = done
        elif self.mode == "terminal":
            self._rich.update(self._task, completed=self.done,
                              **({"description": f"{self.title}: {done}"} if ok else {}))
            self._rich.stop()
