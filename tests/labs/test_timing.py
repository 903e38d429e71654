"""Waiting is polling with a deadline, and a timeout says what it saw."""

from __future__ import annotations

import itertools

import pytest

from labs.errors import LabError, WaitTimeout
from labs.timing import ns_to_seconds, seconds_to_ns, wait_until


def test_returns_the_first_truthy_value() -> None:
    counter = itertools.count()
    assert wait_until(lambda: next(counter) >= 3 and "done", timeout=5, interval=0,
                      what="x") == "done"


def test_timeout_says_what_was_awaited_seen_and_what_to_do() -> None:
    def probe() -> None:
        raise ConnectionError("refused")

    with pytest.raises(WaitTimeout) as info:
        wait_until(probe, timeout=0.05, interval=0.01, what="the daemon", hint="Run doctor.")
    text = str(info.value)
    assert "the daemon" in text and "refused" in text and text.endswith("Run doctor.")
    assert isinstance(info.value, LabError)


def test_abort_ends_a_hopeless_wait_early_with_its_own_error() -> None:
    calls = itertools.count()

    def stopped() -> None:
        if next(calls) >= 2:
            raise LabError("the container stopped")

    with pytest.raises(LabError, match="container stopped") as info:
        wait_until(lambda: None, timeout=30, interval=0.001, what="x",
                   abort=stopped, abort_every=0.01)
    assert not isinstance(info.value, WaitTimeout)  # not a timeout: it ended long before
    healthy: list[int] = []
    assert wait_until(lambda: len(healthy) > 3 and "ok", timeout=5, interval=0.001, what="y",
                      abort=lambda: healthy.append(1), abort_every=0.005) == "ok"


def test_durations_convert_to_and_from_nanoseconds() -> None:
    assert seconds_to_ns(1.5) == 1_500_000_000
    assert ns_to_seconds(2_000_000_000) == 2.0
