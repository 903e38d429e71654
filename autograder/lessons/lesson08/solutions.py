"""Lesson 08 solutions, as the lesson teaches them: %%docker cells."""

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
