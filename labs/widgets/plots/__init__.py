"""One-line charts of what the lessons measure on a cluster, one module per lesson topic.

Each function takes plain numbers (lists, tuples, dicts) that a lesson has
already measured and returns a :class:`matplotlib.figure.Figure`; nothing here
knows about Docker or the cluster. Figures are built with matplotlib's
object-oriented API only (no ``pyplot`` state), so they work headless and in
threads, and a lesson can save, show or embed the figure as it likes.

Every function accepts ``title=`` and ``lang=`` ("pt-BR", the default, or
"en"), which chooses the axis and legend texts (each topic module's ``TEXTS``).
Bad input raises :class:`ValueError` saying what is wrong and what to pass instead.

- :mod:`.start`: :func:`start_times` (lesson 01, containers and VMs)
- :mod:`.updates`: :func:`rolling_update`, :func:`update_runs` (lessons 02 and 05, rolling updates)
- :mod:`.rescheduling`: :func:`reschedule_times` (lessons 03 and 04)
- :mod:`.spread`: :func:`answers_per_task` (load spread across tasks)
- :mod:`.raft`: :func:`tolerance`, :func:`elections` (lesson 08, Raft quorum)
- :mod:`.style`: what they share (input checks, decimal marks, the figure's finish)

>>> fig = start_times([412, 398, 455, 430], lang="en")
>>> fig.axes[0].get_xlabel()
'Start time (ms)'
>>> fig.savefig(buffer_or_path, format="png")  # doctest: +SKIP
"""

from labs.widgets.plots.raft import elections, tolerance
from labs.widgets.plots.rescheduling import reschedule_times
from labs.widgets.plots.spread import answers_per_task
from labs.widgets.plots.start import start_times
from labs.widgets.plots.updates import rolling_update, update_runs

__all__ = ["answers_per_task", "elections", "reschedule_times", "rolling_update",
           "start_times", "tolerance", "update_runs"]
