"""The VM engine's guest image: a Debian trixie disk, kernel and initrd, built offline.

:func:`build` bootstraps Debian (``debootstrap --variant=minbase``), installs
a stock kernel and a Docker engine from Debian's packages in a chroot, adds
the PID 1 scripts of ``assets/vm/`` and the server certificate of the VM's
own CA (the guest dockerd listens only with ``--tlsverify``), and packs the
tree into an ext4 disk image with ``mkfs.ext4 -d``. The result is cached in
``<cache>/vm/image/`` with a hash of its inputs beside it and rebuilt only
when that hash changes. The VM's CA and the host's client certificate live
in ``<cache>/vm/tls/`` (key 0600).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from labs import tls
from labs.errors import LabError
from labs.i18n import Catalogue

Progress = Callable[[str], None]

FORMAT = "1"
"""Bump when the build recipe changes in a way the inputs below do not show."""
ASSETS = Path(__file__).resolve().parent.parent / "assets" / "vm"
SUITE = "trixie"
MIRROR = "http://deb.debian.org/debian"
PACKAGES = (
    "linux-image-amd64", "docker.io", "docker-cli", "containerd", "runc", "tini",
    "iptables", "iproute2", "procps", "ca-certificates", "kmod", "busybox-static",
)
DISK_SIZE = "8G"
GUEST_IP = "10.0.2.15"
GUEST_TLS = "etc/orquestra-vm/tls"
# Not needed in the guest; dropped to keep the disk small.
_PRUNE = ("usr/share/doc", "usr/share/man", "usr/share/locale", "var/cache/apt/archives",
          "var/lib/apt/lists")


TEXTS = Catalogue(__name__, {
    "debootstrap": {"pt-BR": "debootstrap --variant=minbase {suite} (uns 30 s)",
                    "en": "debootstrap --variant=minbase {suite} (about 30 s)"},
    "packages": {"pt-BR": "apt-get install de {count} pacotes: kernel, docker (uns 40 s)",
                 "en": "apt-get install {count} packages: kernel, docker (about 40 s)"},
    "up_to_date": {"pt-BR": "imagem da VM: em dia", "en": "VM image: up to date"},
    "kernel": {"pt-BR": "copiando o kernel e o initrd", "en": "copying the kernel and initrd out"},
    "disk": {"pt-BR": "mkfs.ext4 -d: um disco esparso de {size}",
             "en": "mkfs.ext4 -d: a {size} sparse disk"},
})


class VMImageError(LabError):
    """The VM's guest image could not be built."""


def _quiet(_: str) -> None:
    pass


def vm_root() -> Path:
    """Where everything of the VM engine is kept: ``<cache>/orquestra-lab/vm``."""
    return tls.cache_root().parent / "vm"


@dataclass(frozen=True)
class GuestImage:
    """The files qemu boots: a raw ext4 disk, the kernel and its initrd."""

    disk: Path
    kernel: Path
    initrd: Path
    digest: str
    """Hash of the inputs this image was built from (:func:`inputs_hash`)."""


def image_dir() -> Path:
    """The cached image's folder."""
    return vm_root() / "image"


@dataclass(frozen=True)
class VMCredentials:
    """The VM CA's certificate, the host's client pair and the guest's server pair."""

    ca: Path
    cert: Path
    key: Path
    server_cert: Path
    server_key: Path


def credentials() -> VMCredentials:
    """The VM's CA material, made once and kept in ``<cache>/vm/tls`` (0700, keys 0600).

    The guest dockerd trusts only client certificates this CA signed; its
    server certificate is valid for 127.0.0.1 (where qemu forwards it) and
    the guest's address.
    """
    vm_root().mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(vm_root(), 0o700)
    folder = vm_root() / "tls"
    made = VMCredentials(folder / "ca.pem", folder / "cert.pem", folder / "key.pem",
                         folder / "server-cert.pem", folder / "server-key.pem")
    if all(p.is_file() for p in (made.ca, made.cert, made.key, made.server_cert,
                                 made.server_key)):
        return made
    authority = tls.Authority.create("vm")
    tls.write_client_files(folder, authority.cert_pem, authority.client())
    server = authority.server("orquestra-vm", [GUEST_IP])
    for path, data, mode in ((made.server_cert, server.cert, 0o644),
                             (made.server_key, server.key, 0o600)):
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    return made


def inputs_hash(creds: VMCredentials | None = None) -> str:
    """Hash of what the image is made of: assets/vm/, the package list, the format, the CA."""
    creds = creds or credentials()
    digest = hashlib.sha256(f"{FORMAT}\0{SUITE}\0{' '.join(PACKAGES)}\0".encode())
    for path in sorted(p for p in ASSETS.rglob("*") if p.is_file()):
        digest.update(path.relative_to(ASSETS).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    digest.update(creds.ca.read_bytes())
    return digest.hexdigest()[:16]


def cached() -> GuestImage | None:
    """The cached image when it is complete and built from today's inputs."""
    folder = image_dir()
    image = GuestImage(folder / "disk.raw", folder / "vmlinuz", folder / "initrd.img",
                       inputs_hash())
    stamp = folder / "inputs.sha256"
    if not (stamp.is_file() and stamp.read_text().strip() == image.digest):
        return None
    if not all(p.is_file() for p in (image.disk, image.kernel, image.initrd)):
        return None
    return image


def _run(args: list[str], what: str, *, root: Path | None = None) -> None:
    """Run a build command; a failure raises with the command's last lines."""
    command = ["chroot", str(root), *args] if root else args
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive", "LC_ALL": "C.UTF-8"}
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).splitlines()[-8:])
        raise VMImageError(f"{what} failed (exit {done.returncode}):\n{tail}\n"
                           f"Check that Debian's mirror ({MIRROR}) answers, then run "
                           "`python -m labs vm build` again.")


@contextmanager
def _mounted(root: Path) -> Iterator[None]:
    """proc, sys and dev of the host inside ``root`` (for the packages' scripts)."""
    done: list[Path] = []
    try:
        for kind, target in (("proc", "proc"), ("sysfs", "sys")):
            path = root / target
            _run(["mount", "-t", kind, kind, str(path)], f"mount {target}")
            done.append(path)
        _run(["mount", "--bind", "/dev", str(root / "dev")], "mount dev")
        done.append(root / "dev")
        yield
    finally:
        for path in reversed(done):
            subprocess.run(["umount", "-l", str(path)], capture_output=True)


def _check_tools() -> None:
    if os.geteuid() != 0:
        raise VMImageError("building the VM image needs root (debootstrap, chroot): run "
                           "`sudo python -m labs vm build` once.")
    missing = [t for t in ("debootstrap", "chroot", "mkfs.ext4") if shutil.which(t) is None]
    if missing:
        raise VMImageError(f"missing {', '.join(missing)}: install them with "
                           "`apt-get install debootstrap e2fsprogs coreutils`.")


def _rootfs(root: Path, creds: VMCredentials, progress: Progress) -> None:
    progress(TEXTS.text("debootstrap", suite=SUITE))
    _run(["debootstrap", "--variant=minbase", SUITE, str(root), MIRROR], "debootstrap")
    policy = root / "usr/sbin/policy-rc.d"
    policy.write_text("#!/bin/sh\nexit 101\n")
    policy.chmod(0o755)
    with _mounted(root):
        progress(TEXTS.text("packages", count=len(PACKAGES)))
        _run(["apt-get", "install", "-y", "-q", "--no-install-recommends", *PACKAGES],
             "apt-get install", root=root)
        _run(["apt-get", "clean"], "apt-get clean", root=root)
    policy.unlink()
    for sub in _PRUNE:
        shutil.rmtree(root / sub, ignore_errors=True)
    for script in sorted(ASSETS.iterdir()):  # vminit (PID 1), bootmark (labs.vmboot)
        shutil.copy2(script, root / "usr/local/sbin" / script.name)
        (root / "usr/local/sbin" / script.name).chmod(0o755)
    guest_tls = root / GUEST_TLS
    guest_tls.mkdir(parents=True, mode=0o700)
    for src, name, mode in ((creds.ca, "ca.pem", 0o644),
                            (creds.server_cert, "server-cert.pem", 0o644),
                            (creds.server_key, "server-key.pem", 0o600)):
        shutil.copyfile(src, guest_tls / name)
        (guest_tls / name).chmod(mode)
    (root / "etc/hostname").write_text("orquestra-vm\n")


def _newest(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    if not found:
        raise VMImageError(f"the guest has no {pattern} in /boot: the kernel package did not "
                           "install. Run `python -m labs vm build` again.")
    return found[-1]


def build(progress: Progress = _quiet, *, force: bool = False) -> GuestImage:
    """The guest image, built now unless the cached one matches today's inputs.

    Takes about two minutes and needs root and Debian's mirror; a cached
    image is returned at once. Raises :class:`VMImageError` saying what failed.
    """
    creds = credentials()
    if not force and (image := cached()) is not None:
        progress(TEXTS.text("up_to_date"))
        return image
    _check_tools()
    digest = inputs_hash(creds)
    vm_root().mkdir(parents=True, exist_ok=True, mode=0o700)
    with tempfile.TemporaryDirectory(prefix="image-build-", dir=vm_root()) as tmp:
        work = Path(tmp)
        root = work / "rootfs"
        out = work / "image"
        out.mkdir()
        _rootfs(root, creds, progress)
        progress(TEXTS.text("kernel"))
        shutil.copyfile(_newest(root / "boot", "vmlinuz-*"), out / "vmlinuz")
        shutil.copyfile(_newest(root / "boot", "initrd.img-*"), out / "initrd.img")
        progress(TEXTS.text("disk", size=DISK_SIZE))
        _run(["mkfs.ext4", "-q", "-F", "-L", "orquestra-vm", "-d", str(root),
              str(out / "disk.raw"), DISK_SIZE], "mkfs.ext4")
        (out / "inputs.sha256").write_text(digest + "\n")
        final = image_dir()
        shutil.rmtree(final, ignore_errors=True)
        out.rename(final)
        os.chmod(final, 0o700)
    tls.give_back(vm_root())  # built with sudo: the user's sessions boot it
    image = cached()
    if image is None:
        raise VMImageError("the VM image was built but does not read back: run "
                           "`python -m labs vm build` again.")
    return image


def remove() -> None:
    """Forget the cached image (the CA stays; the next build makes a new image)."""
    shutil.rmtree(image_dir(), ignore_errors=True)


def ca_key_pem_is_private(creds: VMCredentials) -> bool:
    """True when the client and server keys are readable by their owner only."""
    return all((p.stat().st_mode & 0o077) == 0 for p in (creds.key, creds.server_key))
