"""Lesson 01 solutions (docker run with cgroup limits, as API calls)."""

SOLUTIONS = {
    "01.1": """
        cluster.node("manager1").client.containers.run(
            "orquestra-lab/app:v1", name="limited", detach=True, mem_limit="64m")
    """,
    "01.2": """
        hog = cluster.node("manager1").client.containers.run(
            "orquestra-lab/app:v1", ["/dev/zero"], name="hog", entrypoint=["tail"],
            detach=True, mem_limit="32m", memswap_limit="32m")
        hog.wait(timeout=60)
    """,
    "01.3": """
        for _ in range(5):
            cluster.node("manager1").client.containers.run(
                "orquestra-lab/app:v1", entrypoint=["true"], labels={"lab": "start"})
    """,
}
