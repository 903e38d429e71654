"""Lesson 00, Setting up the lab: a first container on a chosen node, reached from here.

One unit: the cluster's shape, the checks (``checks.py``), their texts in both
languages (``messages.py``) and the reference solutions (``solutions.py``).
"""

from autograder.lesson import Lesson
from autograder.lessons.lesson00.checks import CHECKS, CLUSTER_NAME
from autograder.lessons.lesson00.messages import MESSAGES
from autograder.lessons.lesson00.solutions import SOLUTIONS
from labs.spec import Shape

LESSON = Lesson("00", cluster=CLUSTER_NAME, shape=Shape(1, 1), checks=tuple(CHECKS),
                messages=MESSAGES, solutions=SOLUTIONS)
