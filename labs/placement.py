"""Placement constraints (``--constraint``) evaluated as Swarm's scheduler does.

Mirrors swarmkit's ``manager/constraint`` (``Parse`` and ``NodeMatches``): ``==``
is looked for before ``!=``; keys and values compare without case (label names
keep theirs); a missing attribute or label is the empty string; an unknown key,
or an expression with neither operator, matches no node. Nodes are raw
``docker node inspect`` dicts, so checks and lessons can ask "where may this
service's tasks go?" instead of comparing constraint strings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

_NODE_LABELS = "node.labels."
_ENGINE_LABELS = "engine.labels."


def matches(expression: str, node: Mapping[str, Any]) -> bool:
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


def _attribute(key: str, node: Mapping[str, Any]) -> str | None:
    """The node's value for constraint key ``key``; None when Swarm knows no such key."""
    description = node.get("Description") or {}
    spec = node.get("Spec") or {}
    platform = description.get("Platform") or {}
    lowered = key.lower()
    fixed = {
        "node.id": node.get("ID", ""),
        "node.hostname": description.get("Hostname", ""),
        "node.role": spec.get("Role", ""),
        "node.ip": (node.get("Status") or {}).get("Addr", ""),
        "node.platform.os": platform.get("OS", ""),
        "node.platform.arch": platform.get("Architecture", ""),
    }
    if lowered in fixed:
        return str(fixed[lowered])
    if lowered.startswith(_NODE_LABELS) and len(key) > len(_NODE_LABELS):
        return str((spec.get("Labels") or {}).get(key[len(_NODE_LABELS):], ""))
    if lowered.startswith(_ENGINE_LABELS) and len(key) > len(_ENGINE_LABELS):
        labels = (description.get("Engine") or {}).get("Labels") or {}
        return str(labels.get(key[len(_ENGINE_LABELS):], ""))
    return None


def allowed(constraints: Iterable[str], nodes: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """The names of ``nodes`` (name -> raw node) that satisfy every constraint."""
    wanted = list(constraints)
    return sorted(name for name, raw in nodes.items() if all(matches(c, raw) for c in wanted))
