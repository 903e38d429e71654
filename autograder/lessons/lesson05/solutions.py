"""Lesson 05 solutions, as the lesson teaches them: %%docker cells."""

from __future__ import annotations

from autograder.lesson import Solution

SOLUTIONS: dict[str, Solution] = {
    "05.1": """
        %%docker manager1
        docker network create --driver overlay estoque-rede
        docker service create --name estoque --network estoque-rede --replicas 1 \\
            --update-order start-first --detach orquestra-lab/shop:v1 store
    """,
    "05.2": """
        %%docker manager1
        docker service update --update-failure-action rollback --detach estoque
    """,
}
