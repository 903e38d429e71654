"""Lesson 03 solutions (docker swarm init / join / node update, as API calls)."""

SOLUTIONS = {
    "03.1": """
        manager = cluster.node("manager1")
        manager.client.swarm.init(advertise_addr=manager.ip)
        manager.client.swarm.reload()
        token = manager.client.swarm.attrs["JoinTokens"]["Worker"]
        for name in ("worker1", "worker2"):
            node = cluster.node(name)
            node.client.swarm.join([f"{manager.ip}:2377"], token, advertise_addr=node.ip)
    """,
    "03.2": """
        api = cluster.node("manager1").client.api
        node = api.inspect_node("worker2")
        spec = dict(node["Spec"], Availability="drain")
        api.update_node("worker2", node["Version"]["Index"], spec)
    """,
    "03.3": """
        api = cluster.node("manager1").client.api
        node = api.inspect_node("worker1")
        spec = node["Spec"]
        spec["Labels"] = dict(spec.get("Labels") or {}, disk="ssd")
        api.update_node("worker1", node["Version"]["Index"], spec)
    """,
}
