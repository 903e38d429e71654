"""Lesson 04, Services, tasks and scaling. The cluster: 1 manager, 2 workers.

One unit: the cluster's shape, the checks (``checks.py``), their texts in both
languages (``messages.py``) and the reference solutions (``solutions.py``).
"""

from autograder.lesson import Lesson
from autograder.lessons.lesson04.checks import CHECKS, CLUSTER_NAME
from autograder.lessons.lesson04.messages import MESSAGES
from autograder.lessons.lesson04.solutions import SOLUTIONS
from labs.spec import Shape

LESSON = Lesson("04", cluster=CLUSTER_NAME, shape=Shape(1, 2), checks=tuple(CHECKS),
                messages=MESSAGES, solutions=SOLUTIONS)
