"""The notebook's ``%%docker`` cell magic: Docker CLI commands aimed at one node.

    %load_ext labs
    %%docker manager1
    docker swarm init --advertise-addr 172.29.0.10
    docker node ls

Each line (``docker`` optional, ``\\`` continues a line) runs with the
context of that node of the current cluster (the last one ``up()`` or
``attach()`` made in this kernel; ``--cluster NAME`` picks another). Output
shows as it comes; the first failing command stops the cell.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

from labs import spec
from labs.errors import LabError, NodeError

_current: list[str] = []  # full name of the last cluster brought up or attached


def set_current(full_name: str) -> None:
    """Remember the cluster that ``%%docker`` aims at by default."""
    _current[:] = [full_name]


def commands(cell: str) -> Iterator[list[str]]:
    """The cell's commands as argument lists, without the leading ``docker``."""
    pending = ""
    for raw in cell.splitlines():
        line = raw.rstrip()
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line = (pending + line).strip()
        pending = ""
        if not line or line.startswith("#"):
            continue
        args = shlex.split(line)
        if args and args[0] == "docker":
            args = args[1:]
        if args:
            yield args
    if pending.strip():
        raise LabError("the cell ends with '\\': finish the command on the next line.")


def context_for(node: str, cluster: str | None) -> str:
    """The ``docker context`` name of ``node`` in ``cluster`` (or the current cluster)."""
    full = spec.full_name(cluster) if cluster else (_current[0] if _current else "")
    if not full:
        raise NodeError("no cluster yet in this notebook: run Cluster(...).up() first, "
                        "or say which one: %%docker manager1 --cluster lesson-04")
    return f"{full}-{node}"


def run(node: str, cell: str, *, cluster: str | None = None) -> int:
    """Run the cell's commands against ``node``; return the first failing exit code (or 0)."""
    docker = shutil.which("docker")
    if docker is None:
        raise LabError("the docker command-line client is not installed here; use the "
                       "Python client instead: cluster.node('manager1').client")
    todo = list(commands(cell))
    if not todo:  # an exercise cell not filled in yet
        return 0
    context = context_for(node, cluster)
    for args in todo:
        print(f"$ docker {shlex.join(args)}", flush=True)
        proc = subprocess.run([docker, "--context", context, *args], capture_output=True,
                              text=True, timeout=600)
        sys.stdout.write(proc.stdout)
        sys.stderr.write(proc.stderr)
        if proc.returncode != 0:
            return proc.returncode
    return 0


def docker_magic(line: str, cell: str) -> None:
    """IPython cell magic: ``%%docker NODE [--cluster NAME]``."""
    words = shlex.split(line)
    if not words:
        raise LabError("say which node: %%docker manager1")
    cluster = None
    if "--cluster" in words:
        index = words.index("--cluster")
        if index + 1 >= len(words):
            raise LabError("--cluster needs a name: %%docker manager1 --cluster lesson-04")
        cluster = words[index + 1]
        del words[index:index + 2]
    run(words[0], cell, cluster=cluster)


def keep_empty_cells(lines: list[str]) -> list[str]:
    """IPython input transformer: a ``%%docker NODE`` cell with nothing under it runs
    as a cell with nothing to do, where IPython would refuse an empty cell magic."""
    if lines and lines[0].startswith("%%docker") and not "".join(lines[1:]).strip():
        return [lines[0].rstrip("\n") + "\n", "\n"]
    return lines


def show_figures(ipython: Any) -> None:
    """Display matplotlib figures returned by a cell (the lessons' plots) as PNG."""
    from IPython.core.pylabtools import print_figure
    from matplotlib.figure import Figure

    formatter = ipython.display_formatter.formatters["image/png"]
    formatter.for_type(Figure, lambda figure: print_figure(  # type: ignore[no-untyped-call]
        figure, "png", bbox_inches="tight"))


def load_ipython_extension(ipython: Any) -> None:
    ipython.register_magic_function(docker_magic, magic_kind="cell", magic_name="docker")
    if keep_empty_cells not in ipython.input_transformers_cleanup:
        ipython.input_transformers_cleanup.append(keep_empty_cells)
    show_figures(ipython)
