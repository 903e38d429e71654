"""Lesson 06 solutions, as the lesson teaches them: %%docker cells on the manager."""

from __future__ import annotations

from autograder.lesson import Solution

SOLUTIONS: dict[str, Solution] = {
    "06.1": """
        %%docker manager1
        docker network create --driver overlay loja
        docker service create --name store --network loja --detach orquestra-lab/shop:v1 store
        docker service create --name api --replicas 2 --network loja --detach \\
            orquestra-lab/shop:v1 api
    """,
    "06.2": """
        %%docker manager1
        docker network create --driver overlay frente
        docker service update --network-add frente --detach api
        docker service create --name web --network frente --detach orquestra-lab/shop:v1 web
    """,
    "06.3": """
        %%docker manager1
        docker network create --driver overlay --opt encrypted cofre
        docker service update --network-add cofre --network-rm loja --detach store
        docker service update --network-add cofre --network-rm loja --detach api
    """,
}
