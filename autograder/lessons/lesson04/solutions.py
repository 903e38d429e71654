"""Lesson 04 solutions, as the lesson teaches them: %%docker cells on manager1, Python for
reading a node's memory and for switching a node off."""

from __future__ import annotations

from autograder.lesson import Solution

SOLUTIONS: dict[str, Solution] = {
    "04.1": r"""
        %%docker manager1
        docker service create --name web --replicas 4 --constraint node.role!=manager \
            --detach orquestra-lab/app:v1
    """,
    "04.2": """
        %%docker manager1
        docker service create --name agent --mode global --detach orquestra-lab/app:v1
    """,
    "04.3": (
        """
        memory = int(cluster.node("manager1").docker(
            "node inspect --format '{{.Description.Resources.MemoryBytes}}' worker1"))
        reserve = memory * 3 // 4
        """,
        r"""
        %%docker manager1
        docker service create --name solo --replicas 4 --reserve-memory $reserve \
            --detach orquestra-lab/app:v1
        """,
    ),
    "04.4": (
        r"""
        %%docker manager1
        docker service create --name api --replicas 4 --constraint node.role==worker \
            --replicas-max-per-node 2 --quiet orquestra-lab/app:v1
        """,
        """
        cluster.node("worker1").stop()
        """,
    ),
}
