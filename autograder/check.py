"""A check: data about an exercise plus a function that inspects the live cluster.

The function receives a :class:`Context` and returns the exercise's parts
(:class:`~autograder.result.Part`). Swarm converges asynchronously, so the
runner calls it again until every part holds or the check's window ends;
then the last answer counts. Exceptions from the function are grader
errors, never the student's failure; a missing cluster or a swarm without
a leader is a failure with a message saying so.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from autograder.i18n import language, text
from autograder.result import CheckResult, Part, Status
from labs import Cluster, probe
from labs.daemon import Daemon
from labs.errors import ClusterNotFound, WaitTimeout
from labs.status import NO_SWARM, ClusterStatus
from labs.timing import wait_until


class NoSwarm(Exception):
    """The cluster has no swarm (yet), or no leader: a failure, not an error."""

    def __init__(self, message_id: str) -> None:
        super().__init__(message_id)
        self.message_id = message_id


@dataclass
class Context:
    """What a check function may look at: the cluster and its swarm, through labs.

    A context is one look at the cluster: :attr:`status` is read once and every part
    of the check judges that same snapshot.
    """

    cluster: Cluster
    lang: str

    def msg(self, message_id: str, **params: Any) -> str:
        return text(message_id, self.lang, **params)

    def part(self, ok: bool, base: str, weight: float = 1.0, *, waiting: bool = True,
             mistake: str | None = None, **params: Any) -> Part:
        """A part whose message is ``base.ok`` or ``base.no`` from the lesson's texts.

        ``waiting=False`` says that a failure here will not fix itself by waiting.
        ``mistake`` names the text (``base.mistake.NAME``, formatted with ``params``)
        that tells a failed part's author what went wrong when the check recognised
        the mistake; ignored when the part holds.
        """
        message = self.msg(f"{base}.{'ok' if ok else 'no'}", **params)
        hint = self.msg(f"{base}.mistake.{mistake}", **params) if mistake and not ok else ""
        return Part(ok, message, weight, waiting, hint)

    @functools.cached_property
    def status(self) -> ClusterStatus:
        """The cluster now: nodes, services and tasks (read once per look)."""
        return self.cluster.status()

    @property
    def swarm(self) -> ClusterStatus:
        """:attr:`status`, when the swarm has a leader to answer; else the check ends
        with a failure that says so (no swarm yet, or no leader: maybe an election)."""
        snapshot = self.status
        if snapshot.leader is None:
            raise NoSwarm("swarm.none" if snapshot.problem == NO_SWARM else "cluster.no_leader")
        return snapshot

    # -- single engines (lessons before the swarm) -------------------------------
    def node_running(self, node: str) -> bool:
        """Whether ``node``'s container runs (a stopped host answers nothing)."""
        return self.cluster.node(node).state() == "running"

    def engine(self, node: str) -> Daemon:
        """``node``'s own engine (no swarm needed)."""
        return self.cluster.node(node).daemon

    def container(self, node: str, name: str) -> dict[str, Any] | None:
        """``docker inspect`` of container ``name`` on ``node``; None if absent or node down."""
        if not self.node_running(node):
            return None
        return self.engine(node).inspect_container(name)

    def containers(self, node: str, label: str | None = None) -> list[dict[str, Any]]:
        """``docker inspect`` of every container on ``node`` (carrying ``label``: k or k=v)."""
        if not self.node_running(node):
            return []
        daemon = self.engine(node)
        found = (daemon.inspect_container(c["Id"]) for c in daemon.containers(label))
        return [raw for raw in found if raw is not None]

    def fetch(self, node: str, port: int, path: str = "/") -> tuple[int | None, str]:
        """GET a lab port of ``node`` from this host: (status or None, body)."""
        return probe.get(self.cluster.node(node).url(port, path), timeout=3.0)


CheckFn = Callable[[Context], list[Part]]
OnWait = Callable[[list[Part], float, float], None]
"""Told, while a check waits, the parts seen so far, the seconds waited and the limit."""


@dataclass(frozen=True)
class Check:
    """One graded exercise."""

    id: str
    """'NN.k': lesson number and exercise."""
    cluster: str
    """Name of the lesson's cluster (e.g. 'lesson-04')."""
    fn: CheckFn
    points: float = 1.0
    hidden: bool = False
    """Hidden checks run in batch grading only, with no cell of their own."""
    window: float = 20.0
    """Seconds to wait for the cluster to converge before failing."""
    hints: tuple[str, ...] = ()
    """Message ids, unlocked one per failed try."""
    source: str = field(default="", compare=False)

    @property
    def lesson(self) -> str:
        return self.id.split(".")[0]

    def title(self, lang: str | None = None) -> str:
        return text(f"{self.id}.title", lang)

    def run(self, cluster: Cluster | None = None, *, window: float | None = None,
            hints_shown: int = 0, lang: str | None = None,
            on_wait: OnWait | None = None) -> CheckResult:
        """Check the live cluster, polling until it holds or the window ends.

        ``on_wait`` is called before each wait, so a notebook can show what the check
        is waiting for.
        """
        lang = lang or language()
        limit = self.window if window is None else min(window, self.window)
        started = time.monotonic()
        try:
            target = cluster or Cluster.attach(self.cluster)
        except ClusterNotFound:
            return self._result(Status.FAILED, [Part(False, text(
                "cluster.missing", lang, name=self.cluster))], hints_shown, lang, started)
        last: list[Part] = []

        def look() -> CheckResult | None:
            """One look at the cluster: a result when the check is decided, else None."""
            broken, parts = self._look(target, lang)
            if broken is not None:  # the check broke, or the cluster is gone
                return self._result(broken, parts, hints_shown, lang, started)
            last[:] = parts
            if parts and all(p.ok for p in parts):
                return self._result(Status.PASSED, parts, 0, lang, started)
            if not any(p.waiting for p in parts if not p.ok):  # waiting will not help
                return self._result(Status.FAILED, parts, hints_shown, lang, started)
            waited = time.monotonic() - started
            if on_wait is not None and waited < limit:
                on_wait(parts, waited, limit)
            return None

        try:
            return wait_until(look, timeout=limit, interval=0.5, what=f"check {self.id}")
        except WaitTimeout:  # the window ended: the last look counts
            return self._result(Status.FAILED, last, hints_shown, lang, started)

    def _look(self, cluster: Cluster, lang: str) -> tuple[Status | None, list[Part]]:
        """The parts of one fresh look at ``cluster``. The status is None, or what
        ends the check at once: ERROR when the check itself broke, FAILED when the
        cluster was removed under its feet (the student's doing)."""
        try:
            return None, self.fn(Context(cluster, lang))
        except NoSwarm as exc:  # no swarm: final; no leader: maybe an election
            return None, [Part(False, text(exc.message_id, lang),
                               waiting=exc.message_id == "cluster.no_leader")]
        except ClusterNotFound:
            return None, [Part(False, text("cluster.missing", lang, name=self.cluster),
                               waiting=False)]
        except Exception as exc:
            if not _exists(cluster):
                return Status.FAILED, [Part(False, text("cluster.missing", lang,
                                                        name=self.cluster))]
            return Status.ERROR, [Part(False, text(
                "error.check", lang, error=f"{type(exc).__name__}: {exc}"))]

    def _result(self, status: Status, parts: list[Part], hints_shown: int, lang: str,
                started: float) -> CheckResult:
        total = sum(p.weight for p in parts) or 1.0
        earned = 0.0 if status is Status.ERROR else round(
            self.points * sum(p.weight for p in parts if p.ok) / total, 2)
        hints = [text(h, lang) for h in self.hints[:hints_shown]]
        return CheckResult(
            check_id=self.id, title=self.title(lang), status=status, points=earned,
            max_points=self.points, message="\n".join(p.message for p in parts),
            hints=hints, parts=parts, seconds=round(time.monotonic() - started, 2), lang=lang,
        )


def _exists(cluster: Cluster) -> bool:
    try:
        return cluster.exists()
    except Exception:
        return False
