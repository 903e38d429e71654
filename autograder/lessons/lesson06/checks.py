"""Lesson 06, overlay networks and service discovery. The cluster: 1 manager, 2 workers.

The checks ask the shop itself, from inside its tasks (``labs.overlay.ask``): the api
answers /stock only when it reached the store by the name in its STORE_URL, and the
web answers / only when it reached the api, which reached the store. What a task can
reach is what its networks give it, so these answers judge the networks the student
chose, whatever they are called. 06.3 also counts, on the api's node, what crosses
the wire while the api calls the store.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from autograder.check import Check, Context
from autograder.result import Part
from labs import overlay
from labs.status import ServiceStatus

CLUSTER_NAME = "lesson-06"
API_REPLICAS = 2
WIRE_REQUESTS = 5
"""Requests the api sends the store while 06.3 counts the packets."""


def _names(items: list[str], lang: str) -> str:
    """'a e b', 'a, b and c' ('-' when empty)."""
    names = sorted(items)
    if len(names) < 2:
        return "".join(names) or "-"
    return f"{', '.join(names[:-1])} {'e' if lang == 'pt-BR' else 'and'} {names[-1]}"


def _shared(one: ServiceStatus | None, other: ServiceStatus | None) -> list[str]:
    """The overlay networks (ingress aside) both services are attached to."""
    if one is None or other is None:
        return []
    return sorted(set(one.networks) & set(other.networks))


def _env(ctx: Context, service: str, name: str) -> str | None:
    """The value of variable ``name`` in ``service``'s spec (None when unset)."""
    found = ctx.cluster.manager().daemon.inspect_service(service) or {}
    spec: dict[str, Any] = found.get("Spec", {}).get("TaskTemplate", {}).get(
        "ContainerSpec", {})
    for item in spec.get("Env") or []:
        key, _, value = str(item).partition("=")
        if key == name:
            return value
    return None


def _by_ip(url: str | None) -> bool:
    """Whether ``url`` names its host by an IP address instead of a name."""
    host = (url or "").removeprefix("http://").split("/")[0].split(":")[0]
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _why(error: str) -> str | None:
    """The mistake a shop's error line points at: the name unknown, or nothing answered."""
    if "bad address" in error:
        return "apart"
    if "did not answer" in error or "refused" in error or "unavailable" in error:
        return "silent"
    return None


def _missing(ctx: Context, names: tuple[str, ...]) -> list[str]:
    return [name for name in names if ctx.swarm.service(name) is None]


# -- 06.1 ------------------------------------------------------------------------------
def private_pair(ctx: Context) -> list[Part]:
    """api (2 replicas) and store on an overlay of the student's; every api task, asked
    for /stock from inside, gets the store's answer, calling it by name."""
    swarm = ctx.swarm
    missing = _missing(ctx, ("store", "api"))
    if missing:
        return [ctx.part(False, "06.1.services", waiting=False, missing=_names(missing, ctx.lang)),
                Part(False, ctx.msg("06.1.later"), weight=2, waiting=False)]
    store, api = swarm.service("store"), swarm.service("api")
    shared = _shared(store, api)
    running = len(swarm.running("api"))
    net = ctx.part(bool(shared), "06.1.network", waiting=False,
                   mistake=None if shared else ("none" if not (api and api.networks)
                                                or not (store and store.networks)
                                                else "apart"),
                   networks=_names(shared, ctx.lang),
                   api=_names(api.networks if api else [], ctx.lang),
                   store=_names(store.networks if store else [], ctx.lang))
    answers = overlay.ask(ctx.cluster, "api", "http://localhost/stock")
    served = [a for a in answers if a.ok and a.served("store")]
    url = _env(ctx, "api", "STORE_URL")
    failed = next((a for a in answers if not (a.ok and a.served("store"))), None)
    mistake = None
    if _by_ip(url):
        mistake = "ip"
    elif failed is not None:
        mistake = _why(failed.error())
    ok = bool(answers) and len(served) == len(answers) == API_REPLICAS and not _by_ip(url)
    # no network in common, the store called by IP, or another replica count: waiting
    # will not help
    hopeless = mistake == "ip" or not shared or (api is not None
                                                 and api.replicas != API_REPLICAS)
    reach = ctx.part(ok, "06.1.reach", weight=2, mistake=mistake, waiting=not hopeless,
                     served=len(served), running=running, replicas=API_REPLICAS,
                     url=url or "http://store",
                     error=failed.error() if failed is not None else "-")
    return [net, reach]


# -- 06.2 ------------------------------------------------------------------------------
def web_apart(ctx: Context) -> list[Part]:
    """web answers / through api and store, and from inside web the store is out of reach:
    no network shared, no port published, the name unknown."""
    swarm = ctx.swarm
    missing = _missing(ctx, ("web", "api", "store"))
    if missing:
        return [ctx.part(False, "06.2.services", waiting=False, missing=_names(missing, ctx.lang)),
                Part(False, ctx.msg("06.2.later"), weight=2, waiting=False)]
    web, api, store = swarm.service("web"), swarm.service("api"), swarm.service("store")
    chain = overlay.ask(ctx.cluster, "web", "http://localhost/")
    whole = bool(chain) and all(a.ok and a.served("store") for a in chain)
    failed = next((a for a in chain if not (a.ok and a.served("store"))), None)
    mistake = None
    if not whole and not _shared(web, api):
        mistake = "api_apart"
    elif failed is not None:
        mistake = _why(failed.error())
    front = ctx.part(whole, "06.2.chain", waiting=mistake != "api_apart", mistake=mistake,
                     error=failed.error() if failed is not None else "-")
    shared = _shared(web, store)
    published = [str(p.published) for p in (store.ports if store else [])]
    tries = overlay.ask(ctx.cluster, "web", "http://store/list")
    reached = [a for a in tries if a.status is not None]
    apart = bool(tries) and not shared and not published and not reached
    if shared:
        why = "shared"
    elif published:
        why = "published"
    elif reached:
        why = "reached"
    else:
        why = None
    isolated = ctx.part(apart, "06.2.isolated", weight=2, waiting=not tries, mistake=why,
                        networks=_names(shared, ctx.lang), ports=", ".join(published) or "-",
                        said=tries[0].body.strip().splitlines()[0] if tries else "-")
    return [front, isolated]


# -- 06.3 ------------------------------------------------------------------------------
def _overlays(ctx: Context) -> dict[str, dict[str, Any]]:
    """The swarm's networks by name, as the API lists them."""
    return {str(n["Name"]): n for n in ctx.cluster.manager().daemon.networks()}


def _encrypted(network: dict[str, Any] | None) -> bool:
    return network is not None and "encrypted" in (network.get("Options") or {})


def sealed(ctx: Context) -> list[Part]:
    """The store only on encrypted overlays, the api sharing one of them; the shop still
    answers through web; and on the wire, the api's calls to the store are ESP only."""
    swarm = ctx.swarm
    missing = _missing(ctx, ("web", "api", "store"))
    if missing:
        return [ctx.part(False, "06.3.services", waiting=False, missing=_names(missing, ctx.lang)),
                Part(False, ctx.msg("06.3.later"), weight=3, waiting=False)]
    store, api = swarm.service("store"), swarm.service("api")
    networks = _overlays(ctx)
    store_nets = store.networks if store else []
    plain = [n for n in store_nets if not _encrypted(networks.get(n))]
    shared = [n for n in _shared(store, api) if _encrypted(networks.get(n))]
    mistake = "plain" if plain else ("apart" if not shared else None)
    options = ctx.part(bool(store_nets) and not plain and bool(shared), "06.3.options",
                       waiting=False, mistake=mistake, plain=_names(plain, ctx.lang),
                       networks=_names(shared, ctx.lang))
    chain = overlay.ask(ctx.cluster, "web", "http://localhost/")
    whole = bool(chain) and all(a.ok and a.served("store") for a in chain)
    failed = next((a for a in chain if not (a.ok and a.served("store"))), None)
    works = ctx.part(whole, "06.3.chain", waiting=options.ok,
                     error=failed.error() if failed is not None else "-")
    if not options.ok or not whole:
        return [options, works, Part(False, ctx.msg("06.3.wire.later"), weight=2,
                                     waiting=options.ok)]
    return [options, works, _wire(ctx)]


def _wire(ctx: Context) -> Part:
    """From an api task on a node without the store, call the store a few times and count,
    on that node, the store's answers arriving in clear and the ESP packets."""
    stores = {t.node.name for t in overlay.tasks(ctx.cluster, "store")}
    apis = overlay.tasks(ctx.cluster, "api")
    callers = [t for t in apis if t.node.name not in stores]
    if not callers:
        # while an update replaces the api's tasks, the ones running may all be beside the
        # store for a moment; settled there, they stay
        api = ctx.swarm.service("api")
        settled = len(apis) >= API_REPLICAS and api is not None and \
            api.update_state not in ("updating", "rollback_started")
        return ctx.part(False, "06.3.wire", weight=2, waiting=not settled, mistake="same_node",
                        clear=0, esp=0, node="-", requests=0)
    caller = callers[0]
    with overlay.watch(caller.node, "store:") as wire:
        answers = [overlay.ask_from(caller, "http://localhost/stock")
                   for _ in range(WIRE_REQUESTS)]
    served = sum(1 for a in answers if a.ok and a.served("store"))
    ok = served > 0 and wire.clear == 0 and wire.esp > 0
    return ctx.part(ok, "06.3.wire", weight=2, mistake="clear" if wire.clear else None,
                    clear=wire.clear, esp=wire.esp, node=caller.node.name, requests=served)


CHECKS = [
    Check("06.1", CLUSTER_NAME, private_pair, points=3, window=480,
          hints=("06.1.hint.1", "06.1.hint.2", "06.1.hint.3")),
    Check("06.2", CLUSTER_NAME, web_apart, points=3, window=480,
          hints=("06.2.hint.1", "06.2.hint.2", "06.2.hint.3")),
    Check("06.3", CLUSTER_NAME, sealed, points=4, window=480,
          hints=("06.3.hint.1", "06.3.hint.2", "06.3.hint.3")),
]
