"""Progress of long operations (cluster up, image builds): one code path, two screens.

A :class:`Bar` is called with lines, like ``print``: a line that ends with
"..." starts the next step, any other line is shown as detail. It draws an
ipywidgets progress bar in a notebook and a rich bar in a terminal (plain
lines when the output is not a terminal).
"""

from __future__ import annotations

import sys
from typing import Any


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

    def __init__(self, total: int, title: str, *, mode: str | None = None) -> None:
        self.total = max(1, total)
        self.title = title
        self.done = 0
        self.lines: list[str] = []
        self.mode = mode or ("notebook" if in_notebook()
                             else "terminal" if sys.stderr.isatty() else "plain")
        self._widget: Any = None
        self._rich: Any = None
        if self.mode == "notebook":
            import ipywidgets as w
            from IPython.display import display

            self._bar = w.IntProgress(value=0, min=0, max=self.total, description=title)
            self._label = w.Label()
            self._widget = w.HBox([self._bar, self._label])
            display(self._widget)  # type: ignore[no-untyped-call]
        elif self.mode == "terminal":
            from rich.progress import Progress

            self._rich = Progress(transient=False)
            self._rich.start()
            self._task = self._rich.add_task(title, total=self.total)

    def __call__(self, line: str) -> None:
        self.lines.append(line)
        step = line.endswith("...")
        if step and self.lines.count(line) == 1 and self.done < self.total:
            self.done += 1
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
        if ok:
            self.done = self.total
        if self.mode == "notebook":
            self._bar.value = self.done
            self._bar.bar_style = "success" if ok else "danger"
        elif self.mode == "terminal":
            self._rich.update(self._task, completed=self.done)
            self._rich.stop()
