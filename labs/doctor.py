"""``python -m labs doctor``: can labs run on this machine, and what to fix if not.

Speaks pt-BR or English (:func:`labs.language.current`, or ``lang``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field

from labs import (
    engine,
    engines,
    images,
    language,
    lessons,
    runtime,
    system,
    vm,
    vmimage,
    vmsnapshot,
)
from labs.errors import LabError
from labs.i18n import Catalogue

# Both languages side by side; the names start each line of the report.
TEXTS = Catalogue(__name__, {
    "ok": {"pt-BR": "ok   ", "en": "ok  "},
    "warn": {"pt-BR": "aviso", "en": "warn"},
    "fail": {"pt-BR": "FALHA", "en": "FAIL"},
    "fix": {"pt-BR": "como resolver", "en": "fix"},
    "engine": {"pt-BR": "engine", "en": "engine"},
    "images": {"pt-BR": "imagens", "en": "images"},
    "runtime": {"pt-BR": "runtime", "en": "runtime"},
    "overlay": {"pt-BR": "redes overlay", "en": "overlay networks"},
    "ipvs": {"pt-BR": "IPs virtuais e routing mesh", "en": "virtual IPs and routing mesh"},
    "esp": {"pt-BR": "overlays cifradas", "en": "encrypted overlays"},
    "graphviz": {"pt-BR": "graphviz", "en": "graphviz"},
    "no_engine": {"pt-BR": "nenhum Docker Engine responde", "en": "no Docker engine answers"},
    "engine_found": {
        "pt-BR": "Docker {version} (API {api}), {os}/{arch}, kernel {kernel}",
        "en": "Docker {version} (API {api}), {os}/{arch}, kernel {kernel}",
    },
    "images_missing": {"pt-BR": "faltam: {tags}", "en": "missing: {tags}"},
    "images_ok": {"pt-BR": "todas construídas e atualizadas", "en": "all built and up to date"},
    "images_stale": {"pt-BR": "desatualizadas: {tags}", "en": "out of date: {tags}"},
    "images_fix": {"pt-BR": "python -m labs images", "en": "python -m labs images"},
    "privileged": {"pt-BR": "os nós rodam com --privileged", "en": "nodes run --privileged"},
    "capabilities": {
        "pt-BR": "esta engine recusa --privileged; os nós rodam com um conjunto explícito de "
                 "capabilities (a engine disse: ...{refusal})",
        "en": "--privileged is refused here, nodes run with the explicit capability set (the "
              "engine said: ...{refusal})",
    },
    "vxlan_ok": {"pt-BR": "VXLAN disponível", "en": "VXLAN available"},
    "vxlan_no": {
        "pt-BR": "o kernel não tem VXLAN: redes overlay falham",
        "en": "the kernel has no VXLAN: overlay networks fail",
    },
    "vxlan_fix": {
        "pt-BR": "use um kernel com o módulo vxlan (o do Docker Desktop tem)",
        "en": "use a kernel with the vxlan module (Docker Desktop has it)",
    },
    "ipvs_ok": {
        "pt-BR": "IPVS disponível: serviços respondem pelo nome (IP virtual) e as portas "
                 "publicadas respondem em todos os nós",
        "en": "IPVS available: services answer by name (virtual IP) and published ports answer "
              "on every node",
    },
    "ipvs_no": {
        "pt-BR": "o kernel não tem IPVS: um serviço chamado pelo nome (o IP virtual do modo "
                 "padrão, --endpoint-mode vip) não responde, e portas publicadas em modo ingress "
                 "recusam conexões. Funcionam aqui: tasks.NOME, --endpoint-mode dnsrr e "
                 "--publish mode=host",
        "en": "the kernel has no IPVS: calling a service by its name (the virtual IP of the "
              "default --endpoint-mode vip) gets no answer, and ingress-published ports refuse "
              "connections. These work here: tasks.NAME, --endpoint-mode dnsrr and --publish "
              "mode=host",
    },
    "ipvs_fix": {
        "pt-BR": "carregue o módulo com `sudo modprobe ip_vs`, ou use o Docker Desktop ou o "
                 "kernel padrão de uma distribuição; sem isso, as aulas que precisam dele rodam "
                 "na engine da VM (abaixo)",
        "en": "load it with `sudo modprobe ip_vs`, or use Docker Desktop or a stock distribution "
              "kernel; until then, the lessons that need it run on the VM engine (below)",
    },
    "esp_ok": {"pt-BR": "IPsec ESP disponível", "en": "IPsec ESP available"},
    "esp_no": {
        "pt-BR": "o kernel não tem ESP: overlays com `--opt encrypted` não transmitem dados aqui",
        "en": "the kernel has no ESP: `--opt encrypted` overlays cannot carry traffic here",
    },
    "esp_fix": {
        "pt-BR": "carregue o módulo com `sudo modprobe esp4`; sem isso, as aulas que precisam "
                 "dele rodam na engine da VM (abaixo)",
        "en": "load it with `sudo modprobe esp4`; until then, the lessons that need it run on "
              "the VM engine (below)",
    },
    "dot_ok": {
        "pt-BR": "{version}: os diagramas são desenhados",
        "en": "{version}: diagrams are drawn",
    },
    "dot_no": {
        "pt-BR": "o programa dot não está instalado: cluster.diagram() não desenha",
        "en": "the dot program is not installed: cluster.diagram() cannot draw",
    },
    "ready": {"pt-BR": "o laboratório pode rodar aqui", "en": "labs can run here"},
    "vm": {"pt-BR": "engine da VM", "en": "VM engine"},
    "vm_no_qemu": {
        "pt-BR": "sem qemu, as aulas que precisam de IPVS ou ESP não têm onde rodar",
        "en": "without qemu, the lessons that need IPVS or ESP have nowhere to run",
    },
    "vm_no_image": {
        "pt-BR": "qemu instalado; a imagem da VM ainda não foi construída (a primeira aula que "
                 "precisar dela constrói, em alguns minutos)",
        "en": "qemu installed; the VM's image is not built yet (the first lesson that needs it "
              "builds it, in a few minutes)",
    },
    "vm_ok": {
        "pt-BR": "pronta, com {accel} ({reason}); {state}",
        "en": "ready, with {accel} ({reason}); {state}",
    },
    "vm_running": {"pt-BR": "rodando (pid {pid})", "en": "running (pid {pid})"},
    "vm_stopped": {"pt-BR": "parada", "en": "stopped"},
    "lessons": {"pt-BR": "aulas", "en": "lessons"},
    "lessons_engine": {
        "pt-BR": "{lessons}: engine {engine} ({reason})",
        "en": "{lessons}: {engine} engine ({reason})",
    },
    "not_ready": {
        "pt-BR": "o laboratório ainda não roda aqui: resolva as linhas FALHA acima",
        "en": "labs cannot run here yet: fix the FAIL lines above",
    },
})


@dataclass(frozen=True)
class Finding:
    """One line of the report."""

    name: str
    ok: bool
    detail: str
    fix: str = ""
    required: bool = True
    """A failed required finding means labs cannot run."""
    runtime: runtime.Runtime | None = field(default=None, compare=False, repr=False)
    """What the runtime probe found (the runtime line only)."""

    def line(self, lang: str | None = None) -> str:
        """The finding as the report prints it (``[ok]``, ``[warn]`` or ``[FAIL]``)."""
        t = TEXTS.table(lang)
        mark = t["ok"] if self.ok else (t["fail"] if self.required else t["warn"])
        text = f"[{mark}] {self.name}: {self.detail}"
        if not self.ok and self.fix:
            text += f"\n       {t['fix']}: {self.fix}"
        return text


def diagnose(lang: str | None = None) -> list[Finding]:
    """Check engine, images, runtime profile, kernel features, the VM engine where the
    kernel lacks some, which engine each lesson will use, then Graphviz."""
    t = TEXTS.table(lang)
    found = _engine_side(t, lang)
    rt = next((f.runtime for f in found if f.runtime is not None), None)
    if rt is not None and not (rt.ipvs and rt.esp):
        found.append(_vm_engine(t, lang))
    if rt is not None:
        found.append(_lesson_engines(t))
    return [*found, _graphviz(t, lang)]


def _vm_engine(t: dict[str, str], lang: str | None) -> Finding:
    """Whether the VM engine can stand in for the missing kernel features, and how."""
    if shutil.which(vmsnapshot.QEMU) is None:
        return Finding(t["vm"], False, t["vm_no_qemu"], system.how_to_install(
            [system.QEMU], lang=lang), required=False)
    image = vmimage.cached()
    if image is None:
        return Finding(t["vm"], False, t["vm_no_image"], "python -m labs vm build",
                       required=False)
    how = vmsnapshot.accel(image, lambda _: None)
    status = vm.VM().status()
    state = t["vm_running"].format(pid=status.pid) if status.running else t["vm_stopped"]
    return Finding(t["vm"], True, t["vm_ok"].format(accel=how.name.upper(), reason=how.reason,
                                                     state=state))


def _lesson_engines(t: dict[str, str]) -> Finding:
    """Which engine each lesson's cluster gets, and why (lessons that need nothing: host)."""
    by_needs: dict[tuple[str, ...], list[str]] = {}
    for lesson in lessons.find():
        if lesson.lang == language.LANGUAGES[0]:
            by_needs.setdefault(lesson.needs, []).append(lesson.number)
    parts = []
    for needs, numbers in sorted(by_needs.items()):
        choice = engines.choose(None, needs)
        parts.append(t["lessons_engine"].format(lessons=", ".join(numbers), engine=choice.kind,
                                                reason=choice.reason))
    return Finding(t["lessons"], True, "; ".join(parts) or "-")


def _engine_side(t: dict[str, str], lang: str | None) -> list[Finding]:
    found: list[Finding] = []
    try:
        host = engine.host()
    except LabError:
        fix = system.how_to_install([system.ENGINE], lang=lang,
                                    engine_installed=shutil.which("dockerd") is not None)
        return [Finding(t["engine"], False, t["no_engine"], fix)]
    version = host.version()
    found.append(Finding(t["engine"], True, t["engine_found"].format(
        version=version.get("Version"), api=host.api_version, os=version.get("Os"),
        arch=version.get("Arch"), kernel=version.get("KernelVersion"))))
    missing = images.missing(host)
    if missing:
        fix = t["images_fix"]
        if shutil.which("debootstrap") is None and system.base_needed(host):
            fix = f"{system.how_to_install([system.DEBOOTSTRAP], lang=lang)}; {fix}"
        found.append(Finding(t["images"], False,
                             t["images_missing"].format(tags=", ".join(missing)), fix))
        return found
    stale = images.stale(host)
    found.append(Finding(t["images"], not stale,
                         t["images_stale"].format(tags=", ".join(stale)) if stale
                         else t["images_ok"], t["images_fix"], required=False))
    try:
        rt = runtime.detect(host, refresh=True)
    except LabError as exc:
        found.append(Finding(t["runtime"], False, str(exc)))
        return found
    detail = (t["privileged"] if rt.profile == runtime.PRIVILEGED
              else t["capabilities"].format(refusal=rt.refusal.strip()[-60:]))
    found.append(Finding(t["runtime"], True, detail, runtime=rt))
    found.append(Finding(t["overlay"], rt.vxlan, t["vxlan_ok"] if rt.vxlan else t["vxlan_no"],
                         t["vxlan_fix"]))
    found.append(Finding(t["ipvs"], rt.ipvs, t["ipvs_ok"] if rt.ipvs else t["ipvs_no"],
                         t["ipvs_fix"], required=False))
    found.append(Finding(t["esp"], rt.esp, t["esp_ok"] if rt.esp else t["esp_no"],
                         t["esp_fix"], required=False))
    return found


def _graphviz(t: dict[str, str], lang: str | None) -> Finding:
    dot = shutil.which("dot")
    if dot is None:
        return Finding(t["graphviz"], False, t["dot_no"],
                       system.how_to_install([system.GRAPHVIZ], lang=lang))
    run = subprocess.run([dot, "-V"], capture_output=True, text=True, timeout=30)
    found = re.search(r"version (\S+)", run.stderr + run.stdout)
    version = f"Graphviz {found.group(1)}" if found else dot
    return Finding(t["graphviz"], True, t["dot_ok"].format(version=version))


def ok(findings: list[Finding]) -> bool:
    """True when no required finding failed."""
    return all(f.ok or not f.required for f in findings)


def verdict(findings: list[Finding], lang: str | None = None) -> str:
    """The report's last line."""
    return TEXTS.text("ready" if ok(findings) else "not_ready", lang)
