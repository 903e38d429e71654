"""``python -m labs doctor``: can labs run on this machine, and what to fix if not."""

from __future__ import annotations

from dataclasses import dataclass

from labs import engine, images, runtime
from labs.errors import LabError


@dataclass(frozen=True)
class Finding:
    """One line of the report."""

    name: str
    ok: bool
    detail: str
    fix: str = ""
    required: bool = True
    """A failed required finding means labs cannot run."""

    def line(self) -> str:
        mark = "ok  " if self.ok else ("FAIL" if self.required else "warn")
        text = f"[{mark}] {self.name}: {self.detail}"
        if not self.ok and self.fix:
            text += f"\n       fix: {self.fix}"
        return text


def diagnose() -> list[Finding]:
    """Check engine, images, runtime profile and kernel features, in that order."""
    found: list[Finding] = []
    try:
        client = engine.client()
    except LabError as exc:
        return [Finding("engine", False, str(exc).split(". ")[0], str(exc).split(". ", 1)[-1])]
    version = client.version()
    found.append(Finding(
        "engine", True, f"Docker {version.get('Version')} (API {client.api.api_version}), "
        f"{version.get('Os')}/{version.get('Arch')}, kernel {version.get('KernelVersion')}"))
    missing = images.missing(client)
    if missing:
        found.append(Finding("images", False, f"missing: {', '.join(missing)}",
                             "python -m labs images"))
        return found
    stale = images.stale(client)
    found.append(Finding("images", not stale,
                         "all built and up to date" if not stale
                         else f"out of date: {', '.join(stale)}",
                         "python -m labs images", required=False))
    try:
        rt = runtime.detect(client, refresh=True)
    except LabError as exc:
        found.append(Finding("runtime", False, str(exc)))
        return found
    detail = ("nodes run --privileged" if rt.profile == runtime.PRIVILEGED else
              "--privileged is refused here, nodes run with the explicit capability set "
              f"(the engine said: ...{rt.refusal.strip()[-60:]})")
    found.append(Finding("runtime", True, detail))
    found.append(Finding(
        "overlay networks", rt.vxlan,
        "VXLAN available" if rt.vxlan else "the kernel has no VXLAN: overlay networks fail",
        "use a kernel with the vxlan module (Docker Desktop has it)"))
    found.append(Finding(
        "routing mesh", rt.ipvs,
        "IPVS available: published ports answer on every node" if rt.ipvs else
        "the kernel has no IPVS: ingress-published ports refuse connections here "
        "(lesson 07 skips its live parts; host-mode publishing still works)",
        "load it with `sudo modprobe ip_vs`, or use Docker Desktop / a stock distro kernel",
        required=False))
    found.append(Finding(
        "encrypted overlays", rt.esp,
        "IPsec ESP available" if rt.esp else
        "the kernel has no ESP: `--opt encrypted` overlays cannot carry traffic here",
        "load it with `sudo modprobe esp4`", required=False))
    return found


def ok(findings: list[Finding]) -> bool:
    return all(f.ok or not f.required for f in findings)
