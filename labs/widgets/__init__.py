"""See the cluster: diagrams, a live visualizer, the quorum explorer and plots."""

from labs.widgets.diagram import diagram
from labs.widgets.live import live
from labs.widgets.quorum import quorum_explorer

__all__ = ["diagram", "live", "quorum_explorer"]
