"""Lesson 02, Why orchestrate: an app placed by hand on single hosts, and a host restart.

One unit: the cluster's shape, the checks (``checks.py``), their texts in both
languages (``messages.py``) and the reference solutions (``solutions.py``).
"""

from autograder.lesson import Lesson
from autograder.lessons.lesson02.checks import CHECKS, CLUSTER_NAME
from autograder.lessons.lesson02.messages import MESSAGES
from autograder.lessons.lesson02.solutions import SOLUTIONS
from labs.spec import Shape

LESSON = Lesson("02", cluster=CLUSTER_NAME, shape=Shape(1, 2, bare=True), checks=tuple(CHECKS),
                messages=MESSAGES, solutions=SOLUTIONS)
