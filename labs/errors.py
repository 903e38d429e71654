"""Every failure the lab runtime raises is a :class:`LabError`.

Catch ``LabError`` to catch everything. Each message says what happened and
ends with what to do next.
"""

from __future__ import annotations


class LabError(Exception):
    """Root of all lab runtime errors."""


class EngineUnavailable(LabError):
    """No Docker engine answers, or it is too old."""


class ImageError(LabError):
    """A lab image is missing or could not be built."""


class InvalidSpec(LabError, ValueError):
    """A cluster name, node count or option is not acceptable."""


class ClusterNotFound(LabError):
    """No cluster of that name exists."""


class ClusterConflict(LabError):
    """A cluster of that name exists with a different shape."""


class ProvisionError(LabError):
    """Creating a cluster failed at one of its steps."""


class NodeError(LabError):
    """A node's container or daemon did not behave."""


class WaitTimeout(LabError, TimeoutError):
    """A condition did not hold within its time limit."""


class DockerError(LabError):
    """The host engine or a node's daemon refused or failed a call.

    Made only by :mod:`labs.apierror`, out of docker-py exceptions; the
    original is the ``__cause__``. ``explanation`` is the engine's own words.
    """

    def __init__(self, message: str, *, explanation: str = "", status: int | None = None):
        super().__init__(message)
        self.explanation = explanation or message
        self.status = status


class NotFound(DockerError):
    """The container, image, network, volume, service or task does not exist."""


class Conflict(DockerError):
    """The object exists already, or is in a state that refuses the call."""


class AddressInUse(Conflict):
    """A host port or address was taken (e.g. between choosing a port and binding it)."""


class PoolOverlap(Conflict):
    """A network's subnet overlaps one that exists (taken meanwhile by a parallel run)."""


class NotSwarmManager(DockerError):
    """The daemon is not a swarm manager (a worker, or not in a swarm at all)."""


class NoLeader(DockerError):
    """The swarm has no leader: too few managers answer for a quorum."""


class Unreachable(DockerError):
    """The daemon did not answer (refused, reset, timed out, TLS failed)."""
