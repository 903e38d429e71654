"""Lesson 04 solutions (docker service create / node stop, as API calls)."""

SOLUTIONS = {
    "04.1": """
        from docker.types import ServiceMode
        cluster.manager().client.services.create(
            "orquestra-lab/app:v1", name="web", mode=ServiceMode("replicated", replicas=4),
            constraints=["node.role==worker"])
    """,
    "04.2": """
        from docker.types import ServiceMode
        cluster.manager().client.services.create(
            "orquestra-lab/app:v1", name="agent", mode=ServiceMode("global"))
    """,
    "04.3": """
        cluster.node("worker1").stop()
    """,
}
