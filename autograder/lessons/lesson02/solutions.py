"""Lesson 02 solutions: docker run with a restart policy on chosen nodes; a host restarted."""

from __future__ import annotations

from autograder.lesson import Solution

SOLUTIONS: dict[str, Solution] = {
    "02.1": (
        """
        %%docker worker1
        docker run -d --name shop-1 --restart always -p 8080:80 orquestra-lab/app:v1
        """,
        """
        %%docker worker2
        docker run -d --name shop-2 --restart always -p 8080:80 orquestra-lab/app:v1
        """,
    ),
    "02.2": (
        """
        %%docker worker1
        docker run -d --name promo --restart unless-stopped -p 8081:80 orquestra-lab/app:v1
        docker stop promo
        """,
        """
        cluster.node("worker1").stop()
        cluster.node("worker1").start()
        """,
    ),
}
