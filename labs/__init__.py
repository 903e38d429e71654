"""Orquestra Lab runtime: real Docker Swarm clusters made of Docker-in-Docker nodes.

>>> from labs import Cluster
>>> with Cluster("demo", managers=1, workers=2) as cluster:
...     cluster.status().leader
'manager1'
"""

from labs.cluster import Cluster
from labs.errors import LabError
from labs.node import Node
from labs.status import ClusterStatus

__all__ = ["Cluster", "ClusterStatus", "LabError", "Node"]


def load_ipython_extension(ipython: object) -> None:
    """``%load_ext labs`` registers the ``%%docker`` cell magic."""
    from labs.magics import load_ipython_extension as load

    load(ipython)
