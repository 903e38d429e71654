"""``python -m labs bench``: cluster provisioning measured against its floor.

The floor is the same node containers started until their daemons answer,
with no swarm formed and no image loaded: what any cluster must pay. Full
``up`` and ``down`` are timed in the same run, medians over ``runs``.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from typing import Any

from labs import engine, images, provision, spec
from labs.cluster import Cluster

Progress = Callable[[str], None]
# The floor's clock runs over these; images, runtime and certificates are set-up.
TIMED = ("create the network", "start the nodes", "wait for the daemons")


def _floor(name: str, managers: int, workers: int) -> float:
    """Seconds to start bare nodes until their daemons answer (the floor actions)."""
    shape = spec.Shape(managers, workers, bare=True)
    ctx = provision.ActionContext(engine.host(), name, spec.full_name(name), shape,
                                  lambda _: None)
    try:
        provision.run([a for a in provision.actions(shape) if a.floor], ctx)
        return sum(ctx.timings[title] for title in TIMED)
    finally:
        provision.remove_made(ctx)


def _up_down(name: str, managers: int, workers: int) -> tuple[float, float, float]:
    cluster = Cluster(name, managers, workers)
    try:
        started = time.perf_counter()
        cluster.up()
        up = time.perf_counter() - started
        memory = _idle_memory_mb(cluster)
    finally:
        started = time.perf_counter()
        cluster.down()
        down = time.perf_counter() - started
    return up, down, memory


def _idle_memory_mb(cluster: Cluster) -> float:
    """Median memory of the cluster's nodes (usage less page cache), in MB."""
    values = []
    for node in cluster.nodes:
        stats = cluster.host.stats(node.container_name)["memory_stats"]
        cache = stats.get("stats", {}).get("inactive_file", stats.get("stats", {}).get("cache", 0))
        values.append((stats.get("usage", 0) - cache) / 1e6)
    return statistics.median(values) if values else 0.0


def run(*, runs: int = 3, progress: Progress = print) -> dict[str, Any]:
    """Measure and return the numbers (seconds, medians over ``runs``)."""
    started = time.perf_counter()
    images.ensure(engine.host())
    images_s = time.perf_counter() - started
    tag = f"bench{os.getpid()}"
    result: dict[str, Any] = {"runs": runs, "images_s": round(images_s, 2)}
    downs: list[float] = []
    for total, (managers, workers) in ((3, (1, 2)), (7, (5, 2))):
        floors, ups, memories = [], [], []
        for i in range(runs):
            floors.append(_floor(f"{tag}-f{total}-{i}", managers, workers))
            up, down, memory = _up_down(f"{tag}-u{total}-{i}", managers, workers)
            ups.append(up)
            memories.append(memory)
            if total == 3:
                downs.append(down)
            progress(f"{managers}+{workers} nodes, run {i + 1}/{runs}: floor {floors[-1]:.2f} s, "
                     f"up {up:.2f} s, down {down:.2f} s, node memory {memory:.0f} MB")
        floor, up = statistics.median(floors), statistics.median(ups)
        result[f"floor_{total}_s"] = round(floor, 2)
        result[f"up_{total}_s"] = round(up, 2)
        result[f"ratio_{total}"] = round(up / floor, 2)
        result[f"node_mem_{total}_mb"] = round(statistics.median(memories), 1)
    result["down_3_s"] = round(statistics.median(downs), 2)
    return result


def table(result: dict[str, Any]) -> str:
    """Side-by-side text for terminals."""
    lines = [f"{'nodes':<6}{'floor s':>9}{'up s':>8}{'up/floor':>10}{'node MB':>9}"]
    for total in (3, 7):
        lines.append(f"{total:<6}{result[f'floor_{total}_s']:>9.2f}{result[f'up_{total}_s']:>8.2f}"
                     f"{result[f'ratio_{total}']:>10.2f}{result[f'node_mem_{total}_mb']:>9.0f}")
    lines.append(f"down (3 nodes): {result['down_3_s']:.2f} s; images with nothing changed: "
                 f"{result['images_s']:.2f} s; medians of {result['runs']} runs")
    return "\n".join(lines)
