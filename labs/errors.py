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
