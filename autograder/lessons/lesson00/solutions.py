"""Lesson 00 solutions: docker run on a chosen node, typed in that node's %%docker cell."""

from __future__ import annotations

from autograder.lesson import Solution

SOLUTIONS: dict[str, Solution] = {
    "00.1": """
        %%docker worker1
        docker run -d --name hello -p 8080:80 orquestra-lab/app:v1
    """,
    "00.2": """
        %%docker manager1
        docker run -d --name hello -p 8081:80 orquestra-lab/app:v2
    """,
}
