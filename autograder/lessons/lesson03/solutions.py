"""Lesson 03 solutions, as the lesson teaches them: the manager's IP and worker token read
into variables, ``$name`` in ``%%docker`` cells, then ``docker node`` and ``docker service``."""

from __future__ import annotations

from autograder.lesson import Solution

SOLUTIONS: dict[str, Solution] = {
    "03.1": (
        'manager_ip = cluster.node("manager1").ip',
        "%%docker manager1\ndocker swarm init --advertise-addr $manager_ip",
        'token = cluster.node("manager1").docker("swarm join-token -q worker")',
        "%%docker worker1\ndocker swarm join --token $token $manager_ip:2377",
        "%%docker worker2\ndocker swarm join --token $token $manager_ip:2377",
    ),
    "03.2": "%%docker manager1\ndocker node update --availability drain worker2",
    "03.3": (
        "%%docker manager1\n"
        "docker node update --label-add disk=ssd worker1\n"
        "docker service create -d --name db --replicas 2 --constraint node.labels.disk==ssd "
        "orquestra-lab/app:v1"
    ),
}
