"""Overlay networks seen from inside (lesson 06): who answers a name, and what travels.

Two tools for a lesson on service discovery and encrypted overlays:

- :func:`ask` sends an HTTP GET from inside a running task of a service (``docker
  exec`` into its container, busybox ``nc``, as the shop itself calls its
  neighbours), so that the request leaves from that service's networks: the way
  to learn what a service can reach by name, with no published port and no
  attachable network. :func:`spread` counts which task answered a series of
  requests, from a client container on an attachable network.
- :func:`watch` counts, on one node, the packets that cross its interface: VXLAN
  packets (UDP 4789, the overlays' data) carrying a given text in clear, and ESP
  packets (IP protocol 50, IPsec). It inserts iptables rules with no target, which
  only count, and removes them when it ends.

A packet that arrives encrypted (an overlay created with ``--opt encrypted``) crosses
netfilter's INPUT twice: as ESP, and again once IPsec has decrypted it. The clear-text
counter therefore counts only packets that no IPsec policy took (``-m policy --pol
none``): those that came over the wire as they are; a third counter counts the text
seen after decryption (``--pol ipsec``), which proves the encrypted answers arrived.
"""

from __future__ import annotations

import itertools
import shlex
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from labs import probe
from labs.cluster import Cluster
from labs.errors import DockerError, LabError
from labs.node import Node

SHOP = "orquestra-lab/shop:v1"
VXLAN_PORT = 4789
ASK_TIMEOUT = 5
"""Seconds a request from inside a task may take (the shop's own calls give up after 2 s,
and answer 502 then: a request that lasts longer found nothing at all)."""

_rules = itertools.count(1)


@dataclass(frozen=True)
class Answer:
    """What a GET sent from inside a task got back."""

    status: int | None
    """HTTP status, or None when nothing answered (the name did not resolve, refused...)."""
    body: str
    """The answer's body, or what ``nc`` said when nothing answered."""
    service: str
    task: str
    """The name of the task it was sent from (``api.1``)."""
    node: str

    @property
    def ok(self) -> bool:
        return self.status == 200

    def served(self, role: str) -> bool:
        """Whether a shop server of ``role`` (store, api, web) wrote a line of the answer."""
        return any(line.startswith(f"{role}: ") for line in self.body.splitlines())

    def error(self) -> str:
        """The ``error:`` line of a shop answer, or the whole body of a failed one."""
        return probe.field(self.body, "error") or ("" if self.ok else self.body.strip())


@dataclass(frozen=True)
class Task:
    """A running task's container: where it is, and its name as ``docker service ps`` says."""

    service: str
    name: str
    node: Node
    container: str


def tasks(cluster: Cluster, service: str) -> list[Task]:
    """The running tasks of ``service`` with their containers, by slot (none: empty)."""
    manager = cluster.manager().daemon
    found = manager.inspect_service(service)
    if found is None:
        return []
    hostnames = {n["ID"]: n["Description"]["Hostname"] for n in manager.nodes()}
    running = []
    for raw in manager.tasks({"service": found["ID"], "desired-state": "running"}):
        status = raw.get("Status") or {}
        container = (status.get("ContainerStatus") or {}).get("ContainerID")
        if status.get("State") != "running" or not container:
            continue
        name = f"{service}.{raw.get('Slot') or raw['NodeID']}"
        running.append(Task(service, name, cluster.node(hostnames[raw["NodeID"]]), container))
    return sorted(running, key=lambda t: t.name)


def _http(url: str, timeout: int) -> list[str]:
    """The shell command, for a shop container, that GETs ``url`` and prints the raw answer
    (busybox nc: what the shop's own calls use)."""
    rest = url.removeprefix("http://")
    hostport, _, path = rest.partition("/")
    host, _, port = hostport.partition(":")
    request = f"GET /{path} HTTP/1.0\\r\\nHost: {hostport}\\r\\n\\r\\n"
    return ["sh", "-c", f"printf '{request}' | timeout {timeout} nc -w {timeout} "
                        f"{shlex.quote(host)} {port or 80} 2>&1"]


def _parse(raw: str) -> tuple[int | None, str]:
    if not raw.startswith("HTTP/"):
        return None, raw.strip() or "no answer"
    head, _, body = raw.partition("\r\n\r\n")
    try:
        return int(head.split()[1]), body
    except (IndexError, ValueError):
        return None, raw.strip()


def ask_from(task: Task, url: str, *, timeout: int = ASK_TIMEOUT) -> Answer:
    """GET ``url`` from inside ``task``'s container."""
    try:
        raw = task.node.daemon.exec_in(task.container, _http(url, timeout))
    except DockerError as exc:  # the task stopped meanwhile
        raw = exc.explanation
    status, body = _parse(raw)
    return Answer(status, body, task.service, task.name, task.node.name)


def ask(cluster: Cluster, service: str, url: str = "http://localhost/",
        *, timeout: int = ASK_TIMEOUT) -> list[Answer]:
    """GET ``url`` from inside each running task of ``service``: one answer per task
    (``http://localhost/stock`` asks the task itself; ``http://store/list``, what the
    task's networks call ``store``)."""
    return [ask_from(task, url, timeout=timeout) for task in tasks(cluster, service)]


# -- load spread, from a client container ------------------------------------------------
def spread(node: Node, url: str, count: int = 30, *, network: str | None = None,
           container: str | None = None) -> Counter[str]:
    """Send ``count`` GETs to ``url`` from ``node``: from inside ``container`` (a client
    already running there), or from a throwaway container on ``network`` (an attachable
    overlay). How many each task answered (its ``task=`` field, the container's hostname)."""
    if count < 1:
        raise LabError(f"count={count}: send at least one request, e.g. count=30")
    if (network is None) == (container is None):
        raise LabError("say where the requests leave from: network=NAME (a new container "
                       "on that attachable network) or container=NAME (one running there)")
    loop = (f"i=0; while [ $i -lt {count} ]; do i=$((i+1)); "
            f"wget -qO- -T 3 {shlex.quote(url)} 2>&1 | head -n 1; done")
    if container is not None:
        command = f"exec {shlex.quote(container)} sh -c {shlex.quote(loop)}"
    else:
        command = (f"run --rm --network {shlex.quote(str(network))} --no-healthcheck "
                   f"--entrypoint sh {SHOP} "
                   f"-c {shlex.quote(loop)}")
    seen: Counter[str] = Counter()
    for line in node.docker(command, timeout=600).splitlines():
        fields = dict(part.split("=", 1) for part in line.split()[1:] if "=" in part)
        seen[fields.get("task", "-")] += 1
    return seen


# -- what crosses a node's interface ---------------------------------------------------------
@dataclass
class Wire:
    """Packets counted on one node while :func:`watch` ran."""

    node: str
    text: str
    clear: int = 0
    """VXLAN packets (UDP 4789) that carried ``text`` as it is, unencrypted."""
    esp: int = 0
    """ESP packets (IPsec: an encrypted overlay's traffic)."""
    decrypted: int = 0
    """VXLAN packets with ``text`` that arrived as ESP and were decrypted on the node."""
    _rules: list[list[str]] = field(default_factory=list, repr=False)

    def __str__(self) -> str:
        return f"{self.node}: clear={self.clear} esp={self.esp} decrypted={self.decrypted}"


def _iptables(node: Node, *args: str) -> str:
    code, out = node.exec("iptables", "-w", *args)
    if code != 0:
        raise LabError(f"iptables {' '.join(args)} failed on {node.name}: {out.strip()}")
    return out


def _rule_set(text: str, tag: str) -> list[list[str]]:
    """The counting rules: no target (they only count), each marked by a comment."""

    def vxlan(policy: str, name: str) -> list[str]:
        return ["INPUT", "-p", "udp", "--dport", str(VXLAN_PORT), "-m", "policy", "--dir",
                "in", "--pol", policy, "-m", "string", "--string", text, "--algo", "bm",
                "-m", "comment", "--comment", f"{tag}-{name}"]

    return [vxlan("none", "clear"),
            ["INPUT", "-p", "esp", "-m", "comment", "--comment", f"{tag}-esp"],
            vxlan("ipsec", "decrypted")]


def _count(listing: str, wire: Wire, tag: str) -> None:
    """Set ``wire``'s counters from ``iptables -L INPUT -v -n -x``: each rule's packets."""
    for line in listing.splitlines():
        for name in ("clear", "esp", "decrypted"):
            if f"/* {tag}-{name} */" in line:
                setattr(wire, name, int(line.split()[0]))


@contextmanager
def watch(node: Node, text: str) -> Iterator[Wire]:
    """Count, on ``node``, the packets arriving with ``text`` in clear inside VXLAN, the
    ESP packets, and the packets with ``text`` decrypted from ESP, while the ``with``
    block runs; the counts are in the :class:`Wire` after it (the rules are removed, also
    after an error)."""
    tag = f"lab-wire-{next(_rules)}"
    wire = Wire(node.name, text)
    rules = _rule_set(text, tag)
    inserted: list[list[str]] = []
    try:
        for rule in rules:
            _iptables(node, "-I", *rule)
            inserted.append(rule)
        yield wire
        _count(_iptables(node, "-L", "INPUT", "-v", "-n", "-x"), wire, tag)
    finally:
        for rule in inserted:
            _iptables(node, "-D", *rule)
