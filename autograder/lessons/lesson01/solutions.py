"""Lesson 01 solutions: docker run with cgroup limits, typed in a %%docker manager1 cell."""

from __future__ import annotations

from autograder.lesson import Solution

SOLUTIONS: dict[str, Solution] = {
    "01.1": """
        %%docker manager1
        docker run -d --name limited --memory 64m orquestra-lab/app:v1
    """,
    "01.2": r"""
        %%docker manager1
        docker run -d --name tight --memory 64m --memory-swap 64m \
            --entrypoint dd orquestra-lab/app:v1 if=/dev/zero of=/dev/null bs=80M count=1
        docker run -d --name roomy --memory 96m --memory-swap 96m \
            --entrypoint dd orquestra-lab/app:v1 if=/dev/zero of=/dev/null bs=80M count=1
    """,
    "01.3": """
        %%docker manager1
        docker run --label lab=start --entrypoint true orquestra-lab/app:v1
        docker run --label lab=start --entrypoint true orquestra-lab/app:v1
        docker run --label lab=start --entrypoint true orquestra-lab/app:v1
        docker run --label lab=start --entrypoint true orquestra-lab/app:v1
        docker run --label lab=start --entrypoint true orquestra-lab/app:v1
    """,
}
