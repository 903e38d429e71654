"""Waiting for things that converge, and the one place durations are converted."""

from __future__ import annotations

import time
from collections.abc import Callable
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
) -> T:
    """Call ``probe`` until it returns something truthy, and return that.

    Exceptions from ``probe`` count as "not yet"; the last one is reported.
    Raises :class:`WaitTimeout` saying what was awaited, what was last seen
    (``describe()`` or the last exception) and ``hint``.
    """
    deadline = time.monotonic() + timeout
    last_error: BaseException | None = None
    while True:
        try:
            value = probe()
            if value:
                return value
        except Exception as exc:  # the probe's failure is "not yet"
            last_error = exc
        if time.monotonic() >= deadline:
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
