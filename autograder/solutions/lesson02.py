"""Lesson 02 solutions (docker run with a restart policy; a host stopped and started)."""

SOLUTIONS = {
    "02.1": """
        for node, name in (("worker1", "shop-1"), ("worker2", "shop-2")):
            cluster.node(node).client.containers.run(
                "orquestra-lab/app:v1", name=name, detach=True, ports={"80/tcp": 8080},
                restart_policy={"Name": "always"})
    """,
    "02.2": """
        cluster.node("worker1").stop()
        cluster.node("worker1").start()
    """,
}
