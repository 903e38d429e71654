"""Lesson 03, Swarm mode: init and nodes. The cluster starts bare (engines, no swarm).

One unit: the cluster's shape, the checks (``checks.py``), their texts in both
languages (``messages.py``) and the reference solutions (``solutions.py``).
"""

from autograder.lesson import Lesson
from autograder.lessons.lesson03.checks import CHECKS, CLUSTER_NAME
from autograder.lessons.lesson03.messages import MESSAGES
from autograder.lessons.lesson03.solutions import SOLUTIONS
from labs.spec import Shape

LESSON = Lesson("03", cluster=CLUSTER_NAME, shape=Shape(1, 2, bare=True), checks=tuple(CHECKS),
                messages=MESSAGES, solutions=SOLUTIONS)
