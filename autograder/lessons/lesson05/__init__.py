"""Lesson 05, Rolling updates and rollback. The cluster: 1 manager, 2 workers, with IPVS
(the load reaches the service through its virtual IP): the VM engine where the host lacks it.

One unit: the cluster's shape, the checks (``checks.py``), their texts in both
languages (``messages.py``) and the reference solutions (``solutions.py``).
"""

from autograder.lesson import Lesson
from autograder.lessons.lesson05.checks import CHECKS, CLUSTER_NAME
from autograder.lessons.lesson05.messages import MESSAGES
from autograder.lessons.lesson05.solutions import SOLUTIONS
from labs.spec import Shape

LESSON = Lesson("05", cluster=CLUSTER_NAME, shape=Shape(1, 2), checks=tuple(CHECKS),
                messages=MESSAGES, solutions=SOLUTIONS, needs=("ipvs",))
