"""``python -m labs``: a thin command line over the runtime's functions."""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections.abc import Sequence

from labs import bench, doctor, engine, images, lessons, spec
from labs.cluster import Cluster, list_clusters, remove, remove_all
from labs.errors import ClusterNotFound, LabError
from labs.progress import Bar


def _err(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def cmd_doctor(_: argparse.Namespace) -> int:
    findings = doctor.diagnose()
    for finding in findings:
        print(finding.line())
    ready = doctor.ok(findings)
    print("labs can run here" if ready else "labs cannot run here yet: fix the FAIL lines above")
    return 0 if ready else 1


def cmd_engine(args: argparse.Namespace) -> int:
    if args.install:
        print(engine.install_and_start())
        return 0
    if engine.answers():
        print("a Docker engine answers")
        return 0
    engine.client()  # raises with the install hint
    return 1


def cmd_images(_: argparse.Namespace) -> int:
    bar = Bar(len(images.specs()), "images")
    try:
        built = images.ensure(engine.client(), progress=bar)
    finally:
        bar.close()
    print(f"built: {', '.join(built)}" if built else "all images up to date")
    return 0


def cmd_up(args: argparse.Namespace) -> int:
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = lambda m, *a, **k: _err(f"warning: {m}")
        cluster = Cluster(args.name, args.managers, args.workers, bare=args.bare,
                          retain=args.retain, progress=True)
    cluster.up()
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
    result = bench.run(runs=args.runs, progress=(lambda _: None) if args.json else print)
    print(json.dumps(result) if args.json else bench.table(result))
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


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m labs", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True)
    sub.add_parser("doctor", help="can labs run here? what to fix").set_defaults(fn=cmd_doctor)
    p = sub.add_parser("engine", help="check for a Docker engine, or install and start one")
    p.add_argument("--install", action="store_true",
                   help="as root on Debian/Ubuntu: install docker.io and start dockerd")
    p.set_defaults(fn=cmd_engine)
    sub.add_parser("images", help="build the lab images if needed").set_defaults(fn=cmd_images)
    p = sub.add_parser("up", help="create (or re-attach to) a cluster")
    p.add_argument("name")
    p.add_argument("--managers", type=int, default=1)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--bare", action="store_true", help="engines only, no swarm")
    p.add_argument("--retain", action="store_true", help="keep a half-made cluster on failure")
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
    p = sub.add_parser("bench", help="time up/down against the floor")
    p.add_argument("--json", action="store_true")
    p.add_argument("--runs", type=int, default=3)
    p.set_defaults(fn=cmd_bench)
    p = sub.add_parser("lessons", help="check lesson names; print or --write the contents")
    p.add_argument("--write", action="store_true",
                   help="regenerate the tables of contents and lessons/index.ipynb")
    p.set_defaults(fn=cmd_lessons)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.fn(args))
    except LabError as exc:
        _err(f"{type(exc).__name__}: {exc}")
        return 1
    except KeyboardInterrupt:
        _err("interrupted: run `python -m labs down --all` if a cluster was half made")
        return 130
