"""The notebook's current cluster: the one ``%%docker`` aims at when none is named.

``Cluster.up()`` and ``Cluster.attach()`` set it; the magic reads it. It lives
on its own so that the runtime below the notebook never imports notebook code.
"""

from __future__ import annotations

_current: list[str] = []  # full name of the last cluster brought up or attached


def set_current(full_name: str) -> None:
    """Remember ``full_name`` as the cluster that ``%%docker`` aims at by default."""
    _current[:] = [full_name]


def get() -> str:
    """The full name of the current cluster, or '' when there is none yet."""
    return _current[0] if _current else ""


def forget() -> None:
    """No current cluster (e.g. after it was removed)."""
    _current.clear()
