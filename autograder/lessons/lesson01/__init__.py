"""Lesson 01, Containers vs virtual machines: cgroup limits and start times on one engine.

One unit: the cluster's shape, the checks (``checks.py``), their texts in both
languages (``messages.py``) and the reference solutions (``solutions.py``).
"""

from autograder.lesson import Lesson
from autograder.lessons.lesson01.checks import CHECKS, CLUSTER_NAME
from autograder.lessons.lesson01.messages import MESSAGES
from autograder.lessons.lesson01.solutions import SOLUTIONS
from labs.spec import Shape

LESSON = Lesson("01", cluster=CLUSTER_NAME, shape=Shape(1, 0, bare=True), checks=tuple(CHECKS),
                messages=MESSAGES, solutions=SOLUTIONS)
