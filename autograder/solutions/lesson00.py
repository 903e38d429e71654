"""Lesson 00 solutions (docker run on a chosen node, as API calls)."""

SOLUTIONS = {
    "00.1": """
        cluster.node("worker1").client.containers.run(
            "orquestra-lab/app:v1", name="hello", detach=True, ports={"80/tcp": 8080})
    """,
    "00.2": """
        cluster.node("manager1").client.containers.run(
            "orquestra-lab/app:v2", name="hello", detach=True, ports={"80/tcp": 8081})
    """,
}
