"""How node containers may run on this engine, and what its kernel can do.

A node needs a privileged container. Some engines refuse ``--privileged``
(this project's machines: root lacks CAP_SYS_RESOURCE); there the nodes run
with an explicit capability set instead. One short probe container finds
out, and also reads the kernel features the lessons depend on: IPVS (the
routing mesh), VXLAN (overlay networks) and ESP (encrypted overlays). The
answer is cached per engine, kernel and node image.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from labs import images, tls
from labs.engine import Host
from labs.errors import DockerError, ImageError, LabError, Unreachable

PROBE_LABEL = "org.orquestra-lab.probe"
PRIVILEGED = "privileged"
CAPABILITIES = "capabilities"

# Printed by the probe, one "name=yes|no" a line.
_PROBE = r"""
yn() { if "$@" >/dev/null 2>&1; then echo yes; else echo no; fi; }
echo "ipvs=$(yn test -e /proc/net/ip_vs)"
echo "vxlan=$(yn sh -c 'ip link add orqvx type vxlan id 42 dstport 4789 && ip link del orqvx')"
echo "esp=$(yn ip xfrm state add src 10.254.0.1 dst 10.254.0.2 proto esp spi 0x100 \
  enc 'cbc(aes)' 0x00112233445566778899aabbccddeeff \
  auth 'hmac(sha256)' 0x00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff)"
"""


@dataclass(frozen=True)
class Runtime:
    """What the probe found."""

    profile: str
    """``privileged`` or ``capabilities`` (the fallback)."""
    ipvs: bool
    """The kernel has IPVS: the routing mesh (ingress publishing) works."""
    vxlan: bool
    """Overlay networks can be created."""
    esp: bool
    """Encrypted overlays (IPsec ESP) can carry traffic."""
    refusal: str = ""
    """Why ``--privileged`` was refused, when it was."""

    def host_config(self) -> dict[str, Any]:
        """Host-config settings of a node container (``Host.create_container(settings=)``).

        :meth:`raw_host_config` holds the rest.
        """
        common: dict[str, Any] = {"tmpfs": {"/run": "", "/tmp": ""}}
        if self.profile == PRIVILEGED:
            return {"privileged": True, **common}
        return {
            "cap_add": ["ALL"],
            "cap_drop": ["SYS_RESOURCE"],
            "security_opt": ["seccomp=unconfined", "apparmor=unconfined"],
            "device_cgroup_rules": ["a *:* rwm"],
            **common,
        }
    def raw_host_config(self) -> dict[str, Any]:
        """Host-config keys with no keyword (the CLI's ``systempaths=unconfined``)."""
        if self.profile == PRIVILEGED:
            return {}
        return {"MaskedPaths": [], "ReadonlyPaths": []}


def _cache_file(host: Host) -> Any:
    info = host.info()
    node_id = host.image_id(images.NODE_IMAGE) or "none"
    key = f"{info.get('ID', 'engine')}-{info.get('KernelVersion', '')}-{node_id}"
    safe = "".join(c if c.isalnum() or c in "-._" else "_" for c in key)[:200]
    return tls.cache_root().parent / f"runtime-{safe}.json"


def _run_probe(host: Host, rt: Runtime) -> dict[str, bool]:
    container = host.create_container(
        images.NODE_IMAGE, command=["sh", "-c", _PROBE], labels={PROBE_LABEL: "1"},
        settings=rt.host_config(), raw_settings=rt.raw_host_config(),
    )
    try:
        host.start(container)
        host.wait(container, timeout=60)
        out = host.logs(container, stderr=False)
    finally:
        host.remove_container(container)
    found = dict(line.split("=", 1) for line in out.split() if "=" in line)
    return {k: v == "yes" for k, v in found.items()}


def detect(host: Host, *, refresh: bool = False) -> Runtime:
    """Find the runtime profile and kernel features of the ``host`` engine (cached)."""
    if host.image_id(images.NODE_IMAGE) is None:
        raise ImageError(
            f"the node image {images.NODE_IMAGE} is missing. Run: python -m labs images"
        )
    path = _cache_file(host)
    if not refresh and path.is_file():
        try:
            return Runtime(**json.loads(path.read_text()))
        except (ValueError, TypeError):
            pass
    refusal = ""
    candidate = Runtime(PRIVILEGED, False, False, False)
    try:
        found = _run_probe(host, candidate)
    except Unreachable:
        raise
    except DockerError as exc:
        refusal = exc.explanation
        candidate = Runtime(CAPABILITIES, False, False, False, refusal)
        try:
            found = _run_probe(host, candidate)
        except DockerError as exc2:
            raise LabError(
                f"this engine runs neither privileged containers ({refusal}) nor the "
                f"capability fallback ({exc2.explanation}). Nodes need one of them; on "
                "Docker Desktop and Docker Engine --privileged is allowed by default."
            ) from exc2
    result = Runtime(
        candidate.profile,
        ipvs=found.get("ipvs", False),
        vxlan=found.get("vxlan", False),
        esp=found.get("esp", False),
        refusal=refusal,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(asdict(result)))
    return result
