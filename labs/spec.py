"""Cluster names, shapes and the labels that find everything the lab creates.

There are no state files: every container, network and volume carries
``org.orquestra-lab.cluster=<full name>`` and listing or cleanup works from
that. ``ORQUESTRA_LAB_SESSION`` namespaces names so that parallel test runs
and grading jobs never collide.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from labs.errors import InvalidSpec

LABEL_CLUSTER = "org.orquestra-lab.cluster"
LABEL_SESSION = "org.orquestra-lab.session"
LABEL_ROLE = "org.orquestra-lab.role"
LABEL_NODE = "org.orquestra-lab.node"
LABEL_SHAPE = "org.orquestra-lab.shape"
SESSION_ENV = "ORQUESTRA_LAB_SESSION"
GRADING_ENV = "ORQUESTRA_GRADING"
"""Set in the grader's kernel: checks do not wait, ``%%docker`` commands get a time limit."""
MAX_NODES_ENV = "ORQUESTRA_LAB_MAX_NODES"
DEFAULT_MAX_NODES = 9
LAB_PORTS = (8080, 8081, 8082, 8083, 8084)
DAEMON_PORT = 2376
PREFIX = "olab"

_NAME = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$")


def session() -> str:
    """The session namespace from ``ORQUESTRA_LAB_SESSION`` ('' when unset)."""
    value = os.environ.get(SESSION_ENV, "").strip().lower()
    if value and not _NAME.match(value):
        raise InvalidSpec(
            f"{SESSION_ENV}={value!r} is not a valid namespace: use lowercase letters, "
            "digits and dashes (at most 40), e.g. 'grading-3'."
        )
    return value


def validate_name(name: str) -> str:
    """Check a cluster name given by a user and return it."""
    if not isinstance(name, str) or not _NAME.match(name):
        raise InvalidSpec(
            f"cluster name {name!r} is not valid: use 1 to 40 lowercase letters, digits "
            "and dashes, starting and ending with a letter or digit (e.g. 'lesson-04')."
        )
    return name


def full_name(name: str) -> str:
    """The name as stored in labels: the session prefix plus the user's name."""
    validate_name(name)
    prefix = session()
    return f"{prefix}-{name}" if prefix else name


def max_nodes() -> int:
    raw = os.environ.get(MAX_NODES_ENV, str(DEFAULT_MAX_NODES))
    try:
        value = int(raw)
    except ValueError as exc:
        raise InvalidSpec(f"{MAX_NODES_ENV}={raw!r} is not a whole number.") from exc
    if value < 1:
        raise InvalidSpec(f"{MAX_NODES_ENV} must be at least 1.")
    return value


@dataclass(frozen=True)
class Shape:
    """How many managers and workers, and whether a swarm is formed."""

    managers: int
    workers: int
    bare: bool = False

    def validate(self) -> list[str]:
        """Raise :class:`InvalidSpec` for impossible shapes; return warnings."""
        for label, value in (("managers", self.managers), ("workers", self.workers)):
            if not isinstance(value, int) or isinstance(value, bool):
                raise InvalidSpec(f"{label} must be a whole number, got {value!r}.")
        if self.managers < 1:
            raise InvalidSpec(
                f"managers={self.managers}: a swarm needs at least one manager. Use managers=1."
            )
        if self.workers < 0:
            raise InvalidSpec(f"workers={self.workers} cannot be negative.")
        limit = max_nodes()
        if self.managers + self.workers > limit:
            raise InvalidSpec(
                f"{self.managers + self.workers} nodes asked, the limit is {limit} "
                f"(each node uses about 60 MB and a core's share). Ask for fewer, or raise "
                f"{MAX_NODES_ENV}."
            )
        warnings = []
        if self.managers % 2 == 0 and not self.bare:
            quorum = self.managers // 2 + 1
            tolerated = (self.managers - 1) // 2
            warnings.append(
                f"{self.managers} managers need a quorum of {quorum} and tolerate only "
                f"{tolerated} failure(s), the same as {self.managers - 1}: an even count "
                "adds load without adding fault tolerance."
            )
        return warnings

    def node_names(self) -> list[tuple[str, str]]:
        """(name, role) of every node, managers first: manager1.., worker1.."""
        return [(f"manager{i}", "manager") for i in range(1, self.managers + 1)] + [
            (f"worker{i}", "worker") for i in range(1, self.workers + 1)
        ]

    def label(self) -> str:
        return f"managers={self.managers},workers={self.workers},bare={int(self.bare)}"

    @classmethod
    def parse(cls, text: str) -> Shape:
        fields = dict(part.split("=", 1) for part in text.split(",") if "=" in part)
        return cls(int(fields["managers"]), int(fields["workers"]), fields.get("bare") == "1")


def resource_name(cluster: str, node: str | None = None) -> str:
    """Docker object name: ``olab-<cluster>`` or ``olab-<cluster>-<node>``."""
    return f"{PREFIX}-{cluster}" if node is None else f"{PREFIX}-{cluster}-{node}"


def labels(cluster: str, **extra: str) -> dict[str, str]:
    """Labels for an object of ``cluster``."""
    values = {LABEL_CLUSTER: cluster, LABEL_SESSION: session()}
    values.update({f"org.orquestra-lab.{k}": v for k, v in extra.items()})
    return values
