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

import docker.errors

from autograder.i18n import language, text
from autograder.result import CheckResult, Part, Status
from labs import Cluster, probe
from labs.errors import ClusterNotFound


class NoSwarm(Exception):
    """The cluster has no swarm (yet), or no leader: a failure, not an error."""

    def __init__(self, message_id: str) -> None:
        super().__init__(message_id)
        self.message_id = message_id


@dataclass
class Context:
    """What a check function may look at: the cluster and its swarm, through labs."""

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
    def api(self) -> Any:
        """Low-level docker-py API of the leader, found once per look at the cluster."""
        leader = self.cluster.leader()
        if leader is None:
            raise NoSwarm("cluster.no_leader" if self._in_swarm() else "swarm.none")
        return leader.client.api

    def _in_swarm(self) -> bool:
        info = self.cluster.managers[0].swarm_info() if self.cluster.managers else {}
        return info.get("LocalNodeState") == "active"

    def nodes(self) -> dict[str, dict[str, Any]]:
        """Swarm nodes by hostname (the live entry when a node rejoined)."""
        found: dict[str, dict[str, Any]] = {}
        for raw in self.api.nodes():
            name = raw["Description"]["Hostname"]
            if name not in found or raw["Status"]["State"] != "down":
                found[name] = raw
        return found

    # -- single engines (lessons before the swarm) -------------------------------
    def node_running(self, node: str) -> bool:
        """Whether ``node``'s container runs (a stopped host answers nothing)."""
        return self.cluster.node(node).state() == "running"

    def engine(self, node: str) -> Any:
        """Low-level docker-py API of ``node``'s own engine (no swarm needed)."""
        return self.cluster.node(node).quick.api

    def container(self, node: str, name: str) -> dict[str, Any] | None:
        """``docker inspect`` of container ``name`` on ``node``; None if absent or node down."""
        if not self.node_running(node):
            return None
        try:
            return dict(self.engine(node).inspect_container(name))
        except docker.errors.NotFound:
            return None

    def containers(self, node: str, label: str) -> list[dict[str, Any]]:
        """``docker inspect`` of every container on ``node`` carrying ``label`` (k or k=v)."""
        if not self.node_running(node):
            return []
        api = self.engine(node)
        found = api.containers(all=True, filters={"label": label})
        return [dict(api.inspect_container(c["Id"])) for c in found]

    def fetch(self, node: str, port: int, path: str = "/") -> tuple[int | None, str]:
        """GET a lab port of ``node`` from this host: (status or None, body)."""
        return probe.get(self.cluster.node(node).url(port, path), timeout=3.0)

    # -- the swarm -------------------------------------------------------------
    def service(self, name: str) -> dict[str, Any] | None:
        try:
            return dict(self.api.inspect_service(name))
        except docker.errors.NotFound:
            return None

    def running_tasks(self, service_id: str) -> list[dict[str, Any]]:
        """Tasks of a service that run and are meant to run."""
        return [t for t in self.api.tasks(filters={"service": service_id})
                if t["Status"]["State"] == "running" and t["DesiredState"] == "running"]


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
        while True:
            try:
                parts = self.fn(Context(target, lang))  # a fresh look each time
            except NoSwarm as exc:  # no swarm: final; no leader: maybe an election
                parts = [Part(False, text(exc.message_id, lang),
                              waiting=exc.message_id == "cluster.no_leader")]
            except ClusterNotFound:
                parts = [Part(False, text("cluster.missing", lang, name=self.cluster),
                              waiting=False)]
            except Exception as exc:
                if not _exists(target):  # removed under our feet: the student's doing
                    return self._result(Status.FAILED, [Part(False, text(
                        "cluster.missing", lang, name=self.cluster))], hints_shown, lang, started)
                return self._result(Status.ERROR, [Part(False, text(
                    "error.check", lang, error=f"{type(exc).__name__}: {exc}"))],
                    hints_shown, lang, started)
            if parts and all(p.ok for p in parts):
                return self._result(Status.PASSED, parts, 0, lang, started)
            settled = not any(p.waiting for p in parts if not p.ok)
            waited = time.monotonic() - started
            if settled or waited >= limit:
                return self._result(Status.FAILED, parts, hints_shown, lang, started)
            if on_wait is not None:
                on_wait(parts, waited, limit)
            time.sleep(0.5)

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
