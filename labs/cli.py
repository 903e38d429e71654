"""``python -m labs``: a thin command line over the runtime's functions."""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

from labs import (
    bench,
    doctor,
    engine,
    engines,
    images,
    language,
    lessons,
    spec,
    system,
    vm,
    vmbench,
    vmimage,
    vmprocess,
    workspace,
)
from labs.cluster import Cluster
from labs.errors import ClusterNotFound, LabError
from labs.inventory import list_clusters, remove, remove_all
from labs.progress import Bar


def _err(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def cli_language() -> str:
    """The language of the command line: ``ORQUESTRA_LANG``, else the folder it runs in
    (``lessons/pt-BR``), else the terminal's locale (``pt_*`` gives pt-BR), else English."""
    chosen = os.environ.get(language.LANG_ENV)
    if chosen in language.LANGUAGES:
        return chosen
    try:
        found = language.from_path(Path.cwd())
    except OSError:
        found = None
    locale = next((os.environ[k] for k in ("LC_ALL", "LC_MESSAGES", "LANG") if os.environ.get(k)),
                  "")
    return found or ("pt-BR" if locale.startswith("pt") else "en")


def cmd_doctor(_: argparse.Namespace) -> int:
    findings = doctor.diagnose()
    for finding in findings:
        print(finding.line())
    print(doctor.verdict(findings))
    return 0 if doctor.ok(findings) else 1


def cmd_system(args: argparse.Namespace) -> int:
    try:
        done = system.ensure(install=args.install)
    except system.SystemMissing as exc:
        _err(str(exc))  # the one line to run, nothing else
        return 1
    for line in done:
        print(line)
    return 0


def cmd_images(_: argparse.Namespace) -> int:
    bar = Bar(len(images.specs()), "images")  # the bar says it in the CLI's language
    try:
        built = images.ensure(engine.host(), progress=bar)
    finally:
        bar.close()
    print(f"built: {', '.join(built)}" if built else "all images up to date")
    return 0


def cmd_up(args: argparse.Namespace) -> int:
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = lambda m, *a, **k: _err(f"warning: {m}")
        cluster = Cluster(args.name, args.managers, args.workers, bare=args.bare,
                          retain=args.retain, progress=True, engine=args.engine,
                          needs=[n for n in (args.needs or "").split(",") if n])
    cluster.up()
    if cluster.choice is not None:
        print(f"engine: {cluster.host.kind} ({cluster.choice.reason})")
    print(cluster.status().summary())
    print(f"docker contexts: {', '.join(f'{cluster.full_name}-{n.name}' for n in cluster.nodes)}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    snapshot = Cluster.attach(args.name).status()
    print(json.dumps(snapshot.to_dict(), indent=2) if args.json else snapshot.summary())
    return 0


def cmd_ls(args: argparse.Namespace) -> int:
    found = list_clusters(all_sessions=args.all_sessions)
    if not found:
        print("no clusters")
    for name, containers in sorted(found.items()):
        running = sum(1 for c in containers if c["State"] == "running")
        shape = containers[0]["Labels"].get(spec.LABEL_SHAPE, "")
        print(f"{name:<30} {running}/{len(containers)} nodes running  {shape}")
    return 0


def cmd_down(args: argparse.Namespace) -> int:
    if args.all:
        names = remove_all(all_sessions=args.all_sessions)
        print(f"removed: {', '.join(names)}" if names else "nothing to remove")
        root = vmprocess.runs_root()
        sessions = ([p.name for p in root.iterdir()] if root.is_dir() else []) \
            if args.all_sessions else [vm.VM().session]
        for machine in (vm.VM(name) for name in sorted(sessions)):
            if machine.status().running or machine.run_dir.exists():
                machine.down()
                print(f"stopped the VM of session {machine.session}")
        swept = vmprocess.sweep()
        if swept:
            print(f"removed stale VM runs: {', '.join(swept)}")
        return 0
    if not args.name:
        _err("say which cluster: `python -m labs down NAME`, or `down --all`")
        return 2
    removed = remove(spec.full_name(args.name))
    if not any(removed.values()):
        raise ClusterNotFound(f"no cluster named {args.name!r}: see `python -m labs ls`.")
    print(", ".join(f"{v} {k}" for k, v in removed.items()) + " removed")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    if args.engine == "vm":
        vmbench.bench(progress=print, cold=args.cold)
        return 0
    result = bench.run(runs=args.runs, progress=(lambda _: None) if args.json else print)
    print(json.dumps(result) if args.json else bench.table(result))
    return 0


def cmd_vm(args: argparse.Namespace) -> int:
    machine = vm.VM()
    if args.action == "build":
        built = vmimage.build(print, force=args.force)
        print(f"guest image: {built}")
    elif args.action == "up":
        status = machine.up(print)
        print(f"VM {status.session} up ({status.accel}: {status.accel_reason}); engine on "
              f"127.0.0.1:{status.engine_port} (mutual TLS)")
        print(", ".join(f"{k} {v:.1f} s" for k, v in machine.timings.items()))
    elif args.action == "down":
        machine.down()
        print(f"VM {machine.session} stopped; nothing left")
    else:
        status = machine.status()
        image = vmimage.cached()
        print(f"VM of session {status.session}: "
              + (f"running (pid {status.pid}, {status.accel}), engine "
                 f"{'answering' if status.engine else 'NOT answering'} on 127.0.0.1:"
                 f"{status.engine_port}, forwarded ports {sorted(status.forwards) or '-'}"
                 if status.running else "not running"))
        print(f"guest image: {image if image else 'not built (python -m labs vm build)'}")
    return 0


def cmd_lessons(args: argparse.Namespace) -> int:
    found = lessons.problems()
    for problem in found:
        _err(problem)
    if args.write:
        for path in lessons.write():
            print(f"wrote {path.relative_to(lessons.ROOT)}")
    else:
        print(lessons.table(lessons.find(), lessons.LESSONS))
        for path in lessons.stale():
            _err(f"{path.relative_to(lessons.ROOT)} is out of date: "
                 "run python -m labs lessons --write")
            found.append(str(path))
    return 1 if found else 0


def cmd_workspace(args: argparse.Namespace) -> int:
    lang = cli_language()
    root = workspace.location(args.path, lang=lang)
    if args.action == "prepare":
        lines = workspace.describe_prepared(workspace.prepare(root), lang=lang)
    elif args.action == "fresh":
        if not args.lesson:
            _err(workspace.TEXTS.text("which", lang))
            return 2
        langs = (args.lang,) if args.lang else language.LANGUAGES
        done = workspace.fresh(args.lesson, root, langs=langs, lang=lang)
        lines = workspace.describe_fresh(done, root, lang=lang)
    else:
        entries = workspace.status(root) if root.is_dir() else None
        lines = workspace.describe_status(root, entries, lang=lang)
    print("\n".join(lines))
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m labs", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True)
    sub.add_parser("doctor", help="can labs run here? what to fix").set_defaults(fn=cmd_doctor)
    p = sub.add_parser("system", aliases=["engine"],
                       help="check the system packages the lab needs (Docker Engine, Graphviz, "
                            "debootstrap), or install them")
    p.add_argument("--install", action="store_true",
                   help="as root on Debian/Ubuntu: install what is missing with apt-get and "
                        "start dockerd")
    p.set_defaults(fn=cmd_system)
    sub.add_parser("images", help="build the lab images if needed").set_defaults(fn=cmd_images)
    p = sub.add_parser("up", help="create (or re-attach to) a cluster")
    p.add_argument("name")
    p.add_argument("--managers", type=int, default=1)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--bare", action="store_true", help="engines only, no swarm")
    p.add_argument("--retain", action="store_true", help="keep a half-made cluster on failure")
    p.add_argument("--engine", choices=engines.KINDS,
                   help=f"where the nodes run (default: ${engines.ENGINE_ENV}, else auto)")
    p.add_argument("--needs", help="kernel features the cluster needs, e.g. ipvs,esp: with "
                   "auto, the VM engine is used where the host lacks one")
    p.set_defaults(fn=cmd_up)
    p = sub.add_parser("status", help="nodes, services and tasks of a cluster")
    p.add_argument("name")
    p.add_argument("--json", action="store_true")
    p.set_defaults(fn=cmd_status)
    p = sub.add_parser("ls", help="list clusters")
    p.add_argument("--all-sessions", action="store_true")
    p.set_defaults(fn=cmd_ls)
    p = sub.add_parser("down", help="remove a cluster, or all of them")
    p.add_argument("name", nargs="?")
    p.add_argument("--all", action="store_true", help="every cluster of this session")
    p.add_argument("--all-sessions", action="store_true", help="with --all: of every session")
    p.set_defaults(fn=cmd_down)
    p = sub.add_parser("bench", help="time up/down against the floor, or the VM engine")
    p.add_argument("--json", action="store_true")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--engine", choices=(engines.HOST, engines.VM), default=engines.HOST,
                   help="vm: the VM engine's steps next to the host's")
    p.add_argument("--cold", action="store_true",
                   help="with --engine vm: remove the cached guest image and snapshot first")
    p.set_defaults(fn=cmd_bench)
    p = sub.add_parser("vm", help="the VM engine (a stock kernel under qemu, for IPVS and "
                       "ESP): build its image, start, show, stop")
    p.add_argument("action", nargs="?", choices=("status", "build", "up", "down"),
                   default="status")
    p.add_argument("--force", action="store_true", help="with build: rebuild the image")
    p.set_defaults(fn=cmd_vm)
    p = sub.add_parser("lessons", help="check lesson names; print or --write the contents")
    p.add_argument("--write", action="store_true",
                   help="regenerate the tables of contents and lessons/index.ipynb")
    p.set_defaults(fn=cmd_lessons)
    p = sub.add_parser("workspace", help="your own copy of the lessons: show, prepare, or "
                       "fetch a fresh copy of one lesson")
    p.add_argument("action", nargs="?", choices=("show", "prepare", "fresh"), default="show")
    p.add_argument("lesson", nargs="?", help="with fresh: the lesson's number, e.g. 03")
    p.add_argument("--lang", choices=language.LANGUAGES, help="with fresh: only this language")
    p.add_argument("--path", help=f"the workspace folder (default: ${workspace.ENV}, "
                   "else workspace/ in the clone)")
    p.set_defaults(fn=cmd_workspace)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    language.set_language(cli_language())
    try:
        return int(args.fn(args))
    except LabError as exc:
        _err(f"{type(exc).__name__}: {exc}")
        return 1
    except KeyboardInterrupt:
        _err("interrupted: run `python -m labs down --all` if a cluster was half made")
        return 130
