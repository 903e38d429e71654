"""Waiting for things that converge, and the one place durations are converted."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from labs.errors import WaitTimeout

T = TypeVar("T")

NANOSECONDS = 1_000_000_000


def seconds_to_ns(seconds: float) -> int:
    """Docker's API counts durations in nanoseconds."""
    return round(seconds * NANOSECONDS)


def ns_to_seconds(ns: int) -> float:
    """Inverse of :func:`seconds_to_ns`."""
    return ns / NANOSECONDS


def wait_until(
    probe: Callable[[], T | None],
    *,
    timeout: float,
    interval: float = 0.1,
    what: str,
    hint: str = "",
    describe: Callable[[], str] | None = None,
    abort: Callable[[], None] | None = None,
    abort_every: float = 1.0,
) -> T:
    """Call ``probe`` until it returns something truthy, and return that.

    Exceptions from ``probe`` count as "not yet"; the last one is reported.
    ``abort``, when given, is called at most every ``abort_every`` seconds
    while waiting; it raises to end the wait early when waiting is hopeless
    (e.g. the container stopped), and that exception propagates as it is.
    Raises :class:`WaitTimeout` saying what was awaited, what was last seen
    (``describe()`` or the last exception) and ``hint``.
    """
    started = time.monotonic()
    deadline = started + timeout
    next_abort_check = started + abort_every
    last_error: BaseException | None = None
    while True:
        try:
            value = probe()
            if value:
                return value
        except Exception as exc:  # the probe's failure is "not yet"
            last_error = exc
        now = time.monotonic()
        if abort is not None and now >= next_abort_check:
            abort()
            next_abort_check = now + abort_every
        if now >= deadline:
            break
        time.sleep(interval)
    seen = ""
    if describe is not None:
        try:
            seen = describe()
        except Exception as exc:
            seen = f"(could not describe: {exc})"
    elif last_error is not None:
        seen = f"last error: {last_error}"
    message = f"timed out after {timeout:.0f} s waiting for {what}"
    if seen:
        message += f"; {seen}"
    if hint:
        message += f". {hint}"
    raise WaitTimeout(message)


_NEVER = "0001-01-01T00:00:00Z"


def epoch_seconds(stamp: str) -> float | None:
    """Seconds since the epoch of a Docker timestamp ('2026-11-23T14:35:59.832902943Z').

    None for Docker's "never" (year 1) or an empty string. Nanoseconds are cut
    to microseconds, which is all Python's datetime holds.
    """
    if not stamp or stamp.startswith(_NEVER[:4]):
        return None
    head, dot, rest = stamp.partition(".")
    if dot:
        digits = rest[:len(rest) - len(rest.lstrip("0123456789"))]
        zone = rest[len(digits):]
        stamp = f"{head}.{digits[:6].ljust(6, '0')}{zone}"
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()


docker_time = epoch_seconds
"""The name lessons use for :func:`epoch_seconds`."""
