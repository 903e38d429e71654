"""Measure a web service from the outside: is it answering, and since when not?

The lessons put numbers on availability: a host that stops takes its app
down; a rolling update should fail no request. A :class:`Prober` sends a GET
to a URL every ``interval`` seconds in a background thread and records each
answer, so a notebook can break the app while it watches::

    with Prober(node.url(8080)) as probe:
        node.stop()
        ...
    probe.downtime(), probe.outages(), probe.rates()

Proxy variables are ignored: the lab's URLs are on 127.0.0.1.
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from types import TracebackType

from labs.errors import LabError
from labs.timing import wait_until

_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass(frozen=True)
class Sample:
    """One request: when it was sent (seconds since the prober started) and what came back."""

    at: float
    ok: bool
    status: int | None
    """HTTP status, or None when nothing answered (refused, reset, timed out)."""
    ms: float
    body: str


def get(url: str, *, timeout: float = 2.0) -> tuple[int | None, str]:
    """GET ``url``: (HTTP status, body), or (None, why) when nothing answered."""
    try:
        with _OPENER.open(url, timeout=timeout) as reply:
            return reply.status, reply.read().decode(errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")
    except (OSError, ValueError) as exc:  # refused, reset, timeout, bad URL
        reason = getattr(exc, "reason", exc)
        return None, f"{type(exc).__name__}: {reason}"


def field(body: str, name: str) -> str | None:
    """The value of a ``name: value`` line of the demo app's answer (e.g. 'node')."""
    for line in body.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == name:
            return value.strip()
    return None


class Prober:
    """Requests to ``url`` every ``interval`` seconds, in the background, until stopped."""

    def __init__(self, url: str, *, interval: float = 0.25, timeout: float = 1.0) -> None:
        if interval <= 0 or timeout <= 0:
            raise LabError(f"interval={interval} and timeout={timeout} must be positive "
                           "numbers of seconds, e.g. Prober(url, interval=0.25)")
        self.url = url
        self.interval = interval
        self.timeout = timeout
        self.samples: list[Sample] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._started = 0.0

    def start(self) -> Prober:
        if self._thread is not None:
            raise LabError("this prober already ran; make a new Prober for a new measurement")
        self._started = time.monotonic()
        self._thread = threading.Thread(target=self._run, name="lab-prober", daemon=True)
        self._thread.start()
        return self

    def now(self) -> float:
        """Seconds since the prober started (the time axis of its samples)."""
        return time.monotonic() - self._started

    def _run(self) -> None:
        while not self._stop.is_set():
            sent = self.now()
            status, body = get(self.url, timeout=self.timeout)
            took = (self.now() - sent) * 1000
            self.samples.append(Sample(round(sent, 3), status == 200, status,
                                       round(took, 1), body))
            self._stop.wait(max(0.0, self.interval - took / 1000))

    def stop(self) -> list[Sample]:
        """Stop probing (after the request in flight); return every sample."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self.timeout + 5)
        return list(self.samples)

    def __enter__(self) -> Prober:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.stop()

    def wait_for(self, ok: bool, *, timeout: float = 60.0) -> float:
        """Wait for a new sample answering ``ok`` (True: served, False: failed); its time."""
        seen = len(self.samples)

        def arrived() -> Sample | None:
            return next((s for s in self.samples[seen:] if s.ok is ok), None)

        wanted = "an answer" if ok else "a failure"
        return wait_until(arrived, timeout=timeout, interval=self.interval / 2,
                          what=f"{wanted} from {self.url}").at

    # -- what the samples say --------------------------------------------------
    def outages(self) -> list[tuple[float, float]]:
        """(first failed, next served) times of each run of failures; an open one ends now."""
        found: list[tuple[float, float]] = []
        began: float | None = None
        for sample in self.samples:
            if not sample.ok and began is None:
                began = sample.at
            elif sample.ok and began is not None:
                found.append((began, sample.at))
                began = None
        if began is not None:
            end = self.samples[-1].at if self._stop.is_set() else self.now()
            found.append((began, end))
        return found

    def downtime(self) -> float:
        """Seconds without an answer, summed over every outage."""
        return round(sum(end - begin for begin, end in self.outages()), 2)

    def counts(self) -> tuple[int, int]:
        """(requests served, requests failed)."""
        served = sum(1 for s in self.samples if s.ok)
        return served, len(self.samples) - served

    def rates(self, bucket: float = 1.0) -> tuple[list[float], list[float], list[float]]:
        """Per-``bucket`` times, served and failed requests per second (for plots)."""
        if not self.samples:
            raise LabError("no samples yet: start the prober and let it run for a while")
        count = int(self.samples[-1].at // bucket) + 1
        served = [0.0] * count
        failed = [0.0] * count
        for sample in self.samples:
            index = int(sample.at // bucket)
            (served if sample.ok else failed)[index] += 1 / bucket
        times = [round(i * bucket, 3) for i in range(count)]
        return times, served, failed
