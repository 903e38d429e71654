"""The lab's images: node (Docker-in-Docker), the demo app and the demo shop.

Each image is labelled with a hash of its build context (files, build
arguments and base image) and rebuilt only when that hash changes. The base
is ``debian:trixie-slim`` where it is present or can be pulled; with no
registry it is bootstrapped locally with ``debootstrap`` and imported.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from labs.concurrency import parallel
from labs.daemon import Daemon
from labs.engine import Host
from labs.errors import DockerError, ImageError

ASSETS = Path(__file__).resolve().parent.parent / "assets" / "images"
REGISTRY_BASE = "debian:trixie-slim"
LOCAL_BASE = "orquestra-lab/base:trixie"
NODE_IMAGE = "orquestra-lab/node:latest"
APP_REPO = "orquestra-lab/app"
APP_IMAGE = f"{APP_REPO}:v1"
SHOP_REPO = "orquestra-lab/shop"
"""The multi-service demo (roles web, api, store, loadgen), from lesson 05 on."""
DEMO_REPOS = (APP_REPO, SHOP_REPO)
"""The repositories every node holds (copied in by :func:`load_app_images`)."""
HASH_LABEL = "org.orquestra-lab.context-hash"
DEBIAN_MIRROR = "http://deb.debian.org/debian"

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


@dataclass(frozen=True)
class ImageSpec:
    """One image to build: its tag, its context folder and build arguments."""

    tag: str
    context: Path
    buildargs: dict[str, str] = field(default_factory=dict)

    def context_hash(self, base_id: str) -> str:
        """Hash of every file of the context, the build arguments and the base image."""
        digest = hashlib.sha256()
        for path in sorted(p for p in self.context.rglob("*") if p.is_file()):
            digest.update(path.relative_to(self.context).as_posix().encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
            digest.update(str(path.stat().st_mode & 0o111).encode())
        for key in sorted(self.buildargs):
            digest.update(f"{key}={self.buildargs[key]}\0".encode())
        digest.update(base_id.encode())
        return digest.hexdigest()[:16]


def specs() -> list[ImageSpec]:
    """The images the lab needs, in build order."""
    app, shop = ASSETS / "app", ASSETS / "shop"
    return [
        ImageSpec(NODE_IMAGE, ASSETS / "node"),
        ImageSpec(f"{APP_REPO}:v1", app, {"VERSION": "v1", "COLOR": "blue"}),
        ImageSpec(f"{APP_REPO}:v2", app, {"VERSION": "v2", "COLOR": "green"}),
        ImageSpec(f"{APP_REPO}:broken", app, {"VERSION": "broken", "COLOR": "red"}),
        *(ImageSpec(f"{SHOP_REPO}:{version}", shop, {"VERSION": version})
          for version in ("v1", "v2", "broken")),
    ]


def image_id(host: Host, ref: str) -> str | None:
    """The ID of image ``ref`` on the ``host`` engine, or None when it is not there."""
    return host.image_id(ref)


def base_image(host: Host, progress: Progress = _quiet) -> str:
    """Return the reference of a Debian trixie base image, getting one if needed.

    Order: ``ORQUESTRA_LAB_BASE`` if set; ``debian:trixie-slim`` present or
    pullable; a locally bootstrapped base; ``debootstrap`` now.
    """
    wanted = os.environ.get("ORQUESTRA_LAB_BASE")
    if wanted:
        if host.image_id(wanted) is None:
            raise ImageError(
                f"ORQUESTRA_LAB_BASE={wanted} is not an image on this engine. "
                "Pull or build it, or unset the variable."
            )
        return wanted
    if host.image_id(REGISTRY_BASE):
        return REGISTRY_BASE
    if host.image_id(LOCAL_BASE):
        return LOCAL_BASE
    try:
        progress(f"pulling {REGISTRY_BASE}")
        host.pull(REGISTRY_BASE)
        return REGISTRY_BASE
    except DockerError as exc:
        progress(f"no registry ({exc.explanation[:80]}): bootstrapping Debian locally")
    bootstrap_base(host, progress)
    return LOCAL_BASE


def bootstrap_base(host: Host, progress: Progress = _quiet) -> None:
    """Build the base image with ``debootstrap --variant=minbase trixie`` and import it."""
    if shutil.which("debootstrap") is None:
        raise ImageError(
            f"no registry answers and debootstrap is missing, so there is no base image. "
            f"Install it (`apt-get install debootstrap`) or make {REGISTRY_BASE} "
            "available (`docker pull` on a connected machine, then `docker save`/`load`)."
        )
    if os.geteuid() != 0:
        raise ImageError("debootstrap needs root: run `sudo python -m labs images` once.")
    with tempfile.TemporaryDirectory(prefix="orquestra-base-") as tmp:
        rootfs = Path(tmp) / "rootfs"
        progress("debootstrap --variant=minbase trixie (about 30 s)")
        run = subprocess.run(
            ["debootstrap", "--variant=minbase", "trixie", str(rootfs), DEBIAN_MIRROR],
            capture_output=True,
            text=True,
        )
        if run.returncode != 0:
            tail = "\n".join(run.stdout.splitlines()[-5:] + run.stderr.splitlines()[-5:])
            raise ImageError(f"debootstrap failed:\n{tail}\nCheck that Debian's mirror answers.")
        progress("importing the bootstrapped root file system")
        tar = subprocess.Popen(["tar", "-C", str(rootfs), "-c", "."], stdout=subprocess.PIPE)
        try:
            repo, tag = LOCAL_BASE.split(":")
            if tar.stdout is not None:
                host.import_image(tar.stdout, repository=repo, tag=tag, changes=['CMD ["bash"]'])
        finally:
            tar.wait()


def _stream_build(host: Host, spec: ImageSpec, base: str, label: str,
                  progress: Progress) -> None:
    args = {"BASE": base, **spec.buildargs}
    lines: list[str] = []
    for chunk in host.build(str(spec.context), tag=spec.tag, buildargs=args,
                            labels={HASH_LABEL: label}):
        if "error" in chunk:
            tail = "".join(lines[-8:])
            raise ImageError(f"building {spec.tag} failed: {chunk['error'].strip()}\n{tail}")
        text = chunk.get("stream", "")
        if text.strip():
            lines.append(text)
            if text.startswith("Step "):
                progress(f"{spec.tag}: {text.strip()}")


def _wanted(host: Host, base: str) -> list[tuple[ImageSpec, str, bool]]:
    """(spec, wanted context hash, whether the image already has it) for every image."""
    base_id = host.image_id(base) or base
    plan = []
    for spec in specs():
        want = spec.context_hash(base_id)
        plan.append((spec, want, host.image_label(spec.tag, HASH_LABEL) == want))
    return plan


def stale(host: Host) -> list[str]:
    """Tags of the images whose build context changed since they were built.

    Looks only at what is on the engine (no pull, no bootstrap): with no base
    image present, every image counts as stale.
    """
    bases = [ref for ref in (os.environ.get("ORQUESTRA_LAB_BASE"), REGISTRY_BASE, LOCAL_BASE)
             if ref and host.image_id(ref)]
    if not bases:
        return [spec.tag for spec in specs()]
    return [spec.tag for spec, _, current in _wanted(host, bases[0]) if not current]


def ensure(host: Host, progress: Progress = _quiet) -> list[str]:
    """Build every image that is missing or out of date on the ``host`` engine; return
    the tags built."""
    base = base_image(host, progress)
    built = []
    for spec, want, current in _wanted(host, base):
        if current:
            progress(f"{spec.tag}: up to date...")
            continue
        progress(f"{spec.tag}: building...")
        _stream_build(host, spec, base, want, progress)
        built.append(spec.tag)
    return built


def missing(host: Host) -> list[str]:
    """Tags of lab images that are not on the ``host`` engine at all."""
    return [s.tag for s in specs() if host.image_id(s.tag) is None]


def load_app_images(host: Host, daemons: list[Daemon]) -> None:
    """Copy the demo images (app and shop) into every node daemon that lacks them (one
    save, parallel loads)."""
    wanted = {s.tag: host.image_id(s.tag) for s in specs()
              if s.tag.split(":")[0] in DEMO_REPOS}

    def lacks(daemon: Daemon) -> bool:
        have = {tag: found for repo in DEMO_REPOS for tag, found in daemon.images(repo).items()}
        return any(have.get(tag) != image_id for tag, image_id in wanted.items())

    targets = [d for d, needs in zip(daemons, parallel(lacks, daemons), strict=True) if needs]
    if not targets:
        return
    archive = host.save(*DEMO_REPOS)
    parallel(lambda d: d.load(archive), targets)
