"""docker-py's exceptions become typed lab errors in one place, with the cause kept."""

from __future__ import annotations

import docker.errors
import pytest
import requests.exceptions

from labs import apierror
from labs.errors import (
    AddressInUse,
    Conflict,
    DockerError,
    LabError,
    NoLeader,
    NotFound,
    NotSwarmManager,
    PoolOverlap,
    Unreachable,
)

SAID = [
    ("rpc error: code = Unknown desc = The swarm does not have a leader.", NoLeader),
    ("This node is not a swarm manager. Use \"docker swarm init\"", NotSwarmManager),
    ("Pool overlaps with other one on this address space", PoolOverlap),
    ("Bind for 127.0.0.1:41234 failed: port is already allocated", AddressInUse),
    ("listen tcp4 127.0.0.1:41234: bind: address already in use", AddressInUse),
    ("Conflict. The container name \"/x\" is already in use", Conflict),
    ("something else went wrong", DockerError),
]


@pytest.mark.parametrize(("said", "kind"), SAID)
def test_the_engines_words_sort_api_errors_into_types(said: str, kind: type) -> None:
    with pytest.raises(DockerError) as info, apierror.translated():
        raise docker.errors.APIError("500 Server Error", explanation=said)
    assert type(info.value) is kind
    assert info.value.explanation == said and str(info.value) == said
    assert isinstance(info.value.__cause__, docker.errors.APIError)
    assert isinstance(info.value, LabError)


def test_not_found_and_an_unreachable_daemon_have_their_own_types() -> None:
    with pytest.raises(NotFound), apierror.translated():
        raise docker.errors.NotFound("404", explanation="No such container: nope")
    with pytest.raises(NotFound), apierror.translated():
        raise docker.errors.ImageNotFound("404", explanation="No such image: x:1")
    with pytest.raises(Unreachable, match="ReadTimeout"), apierror.translated():
        raise requests.exceptions.ReadTimeout("read timed out")
    assert issubclass(AddressInUse, Conflict) and issubclass(PoolOverlap, Conflict)


def test_other_exceptions_pass_through_untouched() -> None:
    with pytest.raises(KeyError), apierror.translated():
        raise KeyError("not docker's")
