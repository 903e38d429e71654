"""The one place that turns docker-py's exceptions into the lab's typed errors.

The adapters (:mod:`labs.engine` for the host, :mod:`labs.daemon` for a
node) run every call inside :func:`translated`; the rest of the project
catches :class:`labs.errors.DockerError` and its children and never reads an
engine's message to decide what happened. The engine says some things only
in words (a subnet overlap, a missing leader), so the words are read here,
once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import docker.errors
import requests.exceptions

from labs.errors import (
    AddressInUse,
    Conflict,
    DockerError,
    NoLeader,
    NotFound,
    NotSwarmManager,
    PoolOverlap,
    Unreachable,
)

# (words in the engine's message, lowercase) -> the error they mean; first match wins
_WORDS: tuple[tuple[tuple[str, ...], type[DockerError]], ...] = (
    (("does not have a leader",), NoLeader),
    (("not a swarm manager",), NotSwarmManager),
    (("overlap",), PoolOverlap),
    (("port is already allocated", "address already in use", "bind for"), AddressInUse),
)


def explanation(exc: BaseException) -> str:
    """What the engine said, without docker-py's HTTP preamble."""
    if isinstance(exc, DockerError):
        return exc.explanation
    if isinstance(exc, docker.errors.APIError):
        return str(exc.explanation or exc)
    return str(exc)


def translate(exc: BaseException) -> DockerError:
    """The typed error for one docker-py (or requests) exception."""
    said = explanation(exc)
    api_error = isinstance(exc, docker.errors.APIError)  # also a requests HTTPError
    if isinstance(exc, requests.exceptions.RequestException) and not api_error:
        return Unreachable(f"{type(exc).__name__}: {said}", explanation=said)
    status = exc.status_code if isinstance(exc, docker.errors.APIError) else None
    lower = said.lower()
    for words, kind in _WORDS:
        if any(w in lower for w in words):
            return kind(said, explanation=said, status=status)
    if isinstance(exc, docker.errors.NotFound) or status == 404:
        return NotFound(said, explanation=said, status=status)
    # a name taken, a container already started or stopped, an object in use
    if status == 409 or "already" in lower or "in use" in lower:
        return Conflict(said, explanation=said, status=status)
    return DockerError(said, explanation=said, status=status)


@contextmanager
def translated() -> Iterator[None]:
    """Run a docker-py call; its failures come out as :class:`DockerError` (``from`` it)."""
    try:
        yield
    except (docker.errors.DockerException, requests.exceptions.RequestException) as exc:
        raise translate(exc) from exc


def inspect_or_none(call: Callable[[], Any]) -> dict[str, Any] | None:
    """``call()``'s inspect dict, or None when the object does not exist."""
    try:
        with translated():
            return dict(call())
    except NotFound:
        return None


def unless_gone(call: Callable[[], Any]) -> None:
    """Run ``call`` (a removal); an object that is gone already is fine."""
    try:
        with translated():
            call()
    except NotFound:
        pass
