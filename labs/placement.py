"""Placement constraints (``--constraint``) evaluated as Swarm's scheduler does.

Mirrors swarmkit's ``manager/constraint`` (``Parse`` and ``NodeMatches``): ``==``
is looked for before ``!=``; keys and values compare without case (label names
keep theirs); a missing attribute or label is the empty string; an unknown key,
or an expression with neither operator, matches no node. Nodes are those of
a :class:`~labs.status.ClusterStatus`, so checks and lessons can ask "where
may this service's tasks go?" instead of comparing constraint strings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from labs.status import NodeStatus

_NODE_LABELS = "node.labels."
_ENGINE_LABELS = "engine.labels."


def matches(expression: str, node: NodeStatus) -> bool:
    """Whether ``node`` satisfies one constraint such as ``node.labels.disk==ssd``."""
    for index, operator in enumerate(("==", "!=")):
        if operator in expression:
            key, _, value = (s.strip() for s in expression.partition(operator))
            equal = index == 0
            break
    else:
        return False
    seen = _attribute(key, node)
    if seen is None:
        return False
    return (seen.lower() == value.lower()) is equal


def _attribute(key: str, node: NodeStatus) -> str | None:
    """The node's value for constraint key ``key``; None when Swarm knows no such key."""
    lowered = key.lower()
    fixed = {
        "node.id": node.id,
        "node.hostname": node.hostname,
        "node.role": node.role,
        "node.ip": node.addr,
        "node.platform.os": node.os,
        "node.platform.arch": node.arch,
    }
    if lowered in fixed:
        return fixed[lowered]
    if lowered.startswith(_NODE_LABELS) and len(key) > len(_NODE_LABELS):
        return node.labels.get(key[len(_NODE_LABELS):], "")
    if lowered.startswith(_ENGINE_LABELS) and len(key) > len(_ENGINE_LABELS):
        return node.engine_labels.get(key[len(_ENGINE_LABELS):], "")
    return None


def allowed(constraints: Iterable[str], nodes: Mapping[str, NodeStatus]) -> list[str]:
    """The names of ``nodes`` (hostname -> node) that satisfy every constraint."""
    wanted = list(constraints)
    return sorted(name for name, node in nodes.items() if all(matches(c, node) for c in wanted))
