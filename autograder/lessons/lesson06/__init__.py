"""Lesson 06, overlay networks and service discovery. The cluster: 1 manager, 2 workers,
with IPVS (service virtual IPs) and ESP (encrypted overlays): on a kernel without them
it runs on the VM engine.

One unit: the cluster's shape, the checks (``checks.py``), their texts in both
languages (``messages.py``) and the reference solutions (``solutions.py``).
"""

from autograder.lesson import Lesson
from autograder.lessons.lesson06.checks import CHECKS, CLUSTER_NAME
from autograder.lessons.lesson06.messages import MESSAGES
from autograder.lessons.lesson06.solutions import SOLUTIONS
from labs.spec import Shape

LESSON = Lesson("06", cluster=CLUSTER_NAME, shape=Shape(1, 2), checks=tuple(CHECKS),
                messages=MESSAGES, solutions=SOLUTIONS, needs=("ipvs", "esp"))
