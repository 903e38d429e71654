"""The notebook's ``%%docker`` cell magic: Docker CLI commands aimed at one node.

    %load_ext labs
    %%docker manager1
    docker swarm init --advertise-addr $manager_ip
    docker node ls

Each line (``docker`` optional, ``\\`` continues a line) runs with the
context of that node of the current cluster (the last one ``up()`` or
``attach()`` made in this kernel; ``--cluster NAME`` picks another).
``$name`` or ``${name}`` is replaced by the notebook variable ``name`` (left
as is when there is none; never inside single quotes, so Go templates such as
``--format '{{.Status}}'`` keep working).

Output shows line by line as it comes. A command still running after a few
seconds gets a notice saying what to do; an interrupt (the ■ button) stops it.
The first failing command stops the cell and marks it failed with one line,
no traceback, so "Run All" stops at the mistake. In batch grading
(``ORQUESTRA_GRADING`` set) each command has a time limit: 60 s, 100 s for
the ``docker service`` commands that wait until their tasks run, or
``ORQUESTRA_DOCKER_TIMEOUT`` seconds (which also sets one outside grading;
0 means none).

This module is the IPython-facing part (the cell's text, the magic, the
extension); running the CLI is :mod:`labs.dockercli`, whose names it re-exports.
"""

from __future__ import annotations

import re
import shlex
import sys
from collections.abc import Iterator, Mapping
from typing import Any

from labs import current, spec
from labs.dockercli import (  # the runner's names Node.docker() and older code use
    TIMEOUT_ENV,
    CellError,
    DockerCommandError,
    Stopped,
    capture,
    cli,
    container_after,
    context_name,
    execute,
    notice_for,
    parse_run,
    say,
    seconds,
    time_limit,
    waits_for_service,
)
from labs.errors import LabError, NodeError
from labs.spec import GRADING_ENV

__all__ = [
    "GRADING_ENV", "TIMEOUT_ENV", "CellError", "DockerCommandError", "Stopped", "capture",
    "commands", "context_for", "context_name", "docker_magic", "expand", "keep_empty_cells",
    "load_ipython_extension", "run", "say", "seconds", "show_figures",
]


# -- the cell's text ---------------------------------------------------------------
_VARIABLE = re.compile(r"\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))", re.ASCII)


def expand(cell: str, namespace: Mapping[str, object]) -> str:
    """Replace ``$name`` and ``${name}`` by ``str(namespace[name])``, quoted for the shell.

    As in a shell: nothing is replaced inside single quotes or after a
    backslash; inside double quotes the value is escaped for them. Names not
    in ``namespace`` are left as they are. IPython's ``{name}`` is not used,
    so Go templates (``'{{.Status}}'``) pass through untouched.
    """
    out: list[str] = []
    quote = ""  # the open quote: "", "'" or '"'
    i = 0
    while i < len(cell):
        char = cell[i]
        if char == "\\" and quote != "'":
            out.append(cell[i:i + 2])  # an escaped character (or a line continuation)
            i += 2
            continue
        if char == "\n":
            quote = ""  # each command is split on its own line
        elif char in "'\"" and quote in ("", char):
            quote = "" if quote else char
        elif char == "$" and quote != "'":
            match = _VARIABLE.match(cell, i)
            name = (match.group(1) or match.group(2)) if match else ""
            if match and name in namespace:
                value = str(namespace[name])
                if quote == '"':
                    out.append(value.replace("\\", "\\\\").replace('"', '\\"'))
                else:
                    out.append(shlex.quote(value))
                i = match.end()
                continue
        out.append(char)
        i += 1
    return "".join(out)


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
        try:
            args = shlex.split(line)
        except ValueError as exc:  # shlex: "No closing quotation"
            raise CellError(f"cannot read `{line}`: {str(exc).lower()}; close the quote "
                            "on the same line.") from None
        if args and args[0] == "docker":
            args = args[1:]
        if args:
            yield args
    if pending.strip():
        raise CellError("the cell ends with '\\': finish the command on the next line.")


def context_for(node: str, cluster: str | None) -> str:
    """The ``docker context`` name of ``node`` in ``cluster`` (or the current cluster)."""
    full = spec.full_name(cluster) if cluster else current.get()
    if not full:
        raise NodeError("no cluster yet in this notebook: run Cluster(...).up() first, "
                        "or say which one: %%docker manager1 --cluster lesson-04")
    return context_name(full, node)


def _write(name: str, line: str) -> None:
    stream = sys.stdout if name == "stdout" else sys.stderr
    stream.write(line if name != "notice" else line + "\n")
    stream.flush()


def run(node: str, cell: str, *, cluster: str | None = None,
        namespace: Mapping[str, object] | None = None) -> int:
    """Run the cell's commands against ``node``, their output shown as it comes.

    ``namespace`` holds the variables ``$name`` may name (the notebook's own).
    Returns 0 when every command succeeded. Raises :class:`DockerCommandError`
    (one line in a notebook) at the first command that fails, is interrupted
    or outlives :func:`time_limit`; the commands after it do not run.
    """
    if namespace is not None:
        cell = expand(cell, namespace)
    todo = list(commands(cell))
    if not todo:  # an exercise cell not filled in yet
        return 0
    docker = cli()
    context = context_for(node, cluster)
    for index, args in enumerate(todo):
        limit = time_limit(args)
        command = shlex.join(args)
        print(f"$ docker {command}", flush=True)
        rest = say("rest") if index < len(todo) - 1 else ""
        try:
            code = execute([docker, "--context", context, *args], out=_write,
                           notice=notice_for(args), timeout=limit)
        except Stopped as stop:
            started = parse_run(args)
            foreground = started is not None and not started.detached
            if stop.reason == "interrupted":
                message = say("interrupted", command=command)
            else:
                message = say("timeout", command=command, after=seconds(limit or 0))
                message += (say("timeout_run") if foreground else
                            say("timeout_service") if waits_for_service(args) else "")
            if started is not None and foreground:
                message += container_after(context, node, started)
            raise DockerCommandError(message + rest) from None
        if code != 0:
            raise DockerCommandError(say("failed", command=command, code=code) + rest,
                                     code=code)
    return 0


def docker_magic(line: str, cell: str, namespace: Mapping[str, object] | None = None) -> None:
    """IPython cell magic: ``%%docker NODE [--cluster NAME]``. Any lab error
    ends the cell with its message alone (:class:`CellError`)."""
    words = shlex.split(line)
    if not words:
        raise CellError("say which node: %%docker manager1")
    cluster = None
    if "--cluster" in words:
        index = words.index("--cluster")
        if index + 1 >= len(words):
            raise CellError("--cluster needs a name: %%docker manager1 --cluster lesson-04")
        cluster = words[index + 1]
        del words[index:index + 2]
    try:
        run(words[0], cell, cluster=cluster, namespace=namespace)
    except CellError:
        raise
    except LabError as exc:  # e.g. no cluster yet, no docker client
        raise CellError(str(exc)) from None


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
    def docker(line: str, cell: str) -> None:
        docker_magic(line, cell, namespace=ipython.user_ns)

    docker.__doc__ = docker_magic.__doc__
    ipython.register_magic_function(docker, magic_kind="cell", magic_name="docker")
    if keep_empty_cells not in ipython.input_transformers_cleanup:
        ipython.input_transformers_cleanup.append(keep_empty_cells)
    show_figures(ipython)
