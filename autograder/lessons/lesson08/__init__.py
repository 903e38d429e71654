"""Lesson 08, Raft consensus and quorum. The cluster: 3 managers, 2 workers.

One unit: the cluster's shape, the checks (``checks.py``), their texts in both
languages (``messages.py``) and the reference solutions (``solutions.py``).
"""

from autograder.lesson import Lesson
from autograder.lessons.lesson08.checks import CHECKS, CLUSTER_NAME
from autograder.lessons.lesson08.messages import MESSAGES
from autograder.lessons.lesson08.solutions import SETUPS, SOLUTIONS
from labs.spec import Shape

LESSON = Lesson("08", cluster=CLUSTER_NAME, shape=Shape(3, 2), checks=tuple(CHECKS),
                messages=MESSAGES, solutions=SOLUTIONS, setups=SETUPS)
