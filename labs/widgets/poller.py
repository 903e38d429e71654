"""A background refresh loop for widgets that must never block the kernel."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


class Poller:
    """Call ``tick`` every ``interval`` seconds in a daemon thread until stopped.

    ``tick`` exceptions are handed to ``on_error`` and the loop goes on: a
    cluster that loses its quorum or a node must not stop the view. The
    thread dies with the kernel (daemon) and stops when ``alive()`` turns
    False (e.g. the widget was closed).
    """

    def __init__(self, tick: Callable[[], Any], *, interval: float = 1.0,
                 alive: Callable[[], bool] = lambda: True,
                 on_error: Callable[[BaseException], None] = lambda _: None) -> None:
        self.tick = tick
        self.interval = interval
        self.alive = alive
        self.on_error = on_error
        self.ticks = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="orquestra-poller", daemon=True)

    def start(self) -> Poller:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def join(self, timeout: float | None = None) -> None:
        self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set() and self.alive():
            try:
                self.tick()
            except Exception as exc:
                self.on_error(exc)
            self.ticks += 1
            self._stop.wait(self.interval)
