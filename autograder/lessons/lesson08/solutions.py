"""Lesson 08 solutions, as the lesson teaches them: %%docker cells; and the scenario the
lesson itself sets up before exercise 08.2 (its cells, verbatim)."""

from __future__ import annotations

from autograder.lesson import Solution

SOLUTIONS: dict[str, Solution] = {
    "08.1": """
        %%docker manager1
        docker node promote worker1 worker2
    """,
    "08.2": """
        %%docker manager3
        docker swarm init --force-new-cluster
        docker node promote worker1 worker2
    """,
}

SETUPS: dict[str, Solution] = {
    "08.2": (
        """
        %%docker manager1
        docker service create --name catalogo --replicas 2 --detach orquestra-lab/app:v1
        """,
        """
        from labs import raft

        raft.set_managers(cluster, 3, progress=print)
        for name in ("manager1", "manager2"):
            cluster.node(name).kill()
        """,
    ),
}
