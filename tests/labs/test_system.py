"""System packages the lab needs: which system this is, the one line to run, CI's list."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from labs import system
from labs.packages import DEBOOTSTRAP, ENGINE, GRAPHVIZ, Platform

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("system_name", "release", "kernel", "expected"), [
    ("Linux", {"ID": "debian"}, "6.1.0-18-amd64", Platform("debian")),
    ("Linux", {"ID": "ubuntu", "ID_LIKE": "debian"}, "6.8.0-45-generic", Platform("debian")),
    ("Linux", {"ID": "linuxmint", "ID_LIKE": "ubuntu debian"}, "6.8.0", Platform("debian")),
    ("Linux", {"ID": "ubuntu", "ID_LIKE": "debian"}, "5.15.153.1-microsoft-standard-WSL2",
     Platform("debian", wsl=True)),
    ("Linux", {"ID": "fedora"}, "6.11.4-301.fc41.x86_64", Platform("fedora")),
    ("Linux", {"ID": "rocky", "ID_LIKE": "rhel centos fedora"}, "5.14.0", Platform("linux")),
    ("Linux", {"ID": "arch"}, "6.11.5-arch1-1", Platform("linux")),
    ("Linux", {}, "6.1.0", Platform("linux")),
    ("Darwin", None, "24.1.0", Platform("macos")),
    ("Windows", None, "10", Platform("windows")),
])
def test_the_system_is_told_apart(system_name: str, release: dict[str, str] | None,
                                  kernel: str, expected: Platform) -> None:
    assert system.detect(system_name, release, kernel) == expected


ALL = [ENGINE, GRAPHVIZ, DEBOOTSTRAP]


@pytest.mark.parametrize(("host", "missing", "installed", "command"), [
    (Platform("debian"), ALL, False, "sudo apt-get install -y docker.io iptables graphviz "
                                 "debootstrap && sudo service docker start"),
    (Platform("debian", wsl=True), [GRAPHVIZ], False, "sudo apt-get install -y graphviz"),
    (Platform("debian"), [ENGINE], True, "Run: sudo service docker start"),
    (Platform("fedora"), ALL, False, "sudo dnf install -y moby-engine graphviz debootstrap "
                                 "&& sudo systemctl start docker"),
    (Platform("macos"), ALL, False, "brew install --cask docker-desktop && brew install graphviz "
                                "&& open -a Docker"),
    (Platform("windows"), [ENGINE, GRAPHVIZ], False, "winget install Docker.DockerDesktop"),
    (Platform("linux"), ALL, False, "https://docs.docker.com/engine/install/"),
])
def test_one_line_says_what_to_run_on_each_system(host: Platform, missing: list[str],
                                                  installed: bool, command: str) -> None:
    line = system.install_line(missing, host, engine_installed=installed, lang="en")
    assert "\n" not in line and command in line, line
    assert line.startswith("Missing: ")
    assert ("LAB_INSTALL_ENGINE=1" in line) == (host.family == "debian")
    assert (DEBOOTSTRAP in line) == (DEBOOTSTRAP in missing and host.family not in
                                      ("macos", "windows"))
    portuguese = system.install_line(missing, host, engine_installed=installed, lang="pt-BR")
    assert portuguese.startswith("Faltando: ") and command.removeprefix("Run: ") in portuguese


def test_a_missing_dot_is_found_and_stops_with_one_line(hidden_dot: str) -> None:
    missing, _ = system.check()
    assert GRAPHVIZ in missing
    with pytest.raises(system.SystemMissing) as info:
        system.ensure(install=False, lang="en")
    message = str(info.value)
    assert "\n" not in message and "Graphviz (the dot program)" in message
    assert system.how_to_install(missing, engine_installed=True, lang="en") in message


def test_make_stops_before_the_images_with_the_line_to_run(hidden_dot: str) -> None:
    """`make lab`'s first step, as a user without LAB_INSTALL_ENGINE and without dot."""
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "LAB_INSTALL_ENGINE")}
    run = subprocess.run(["make", "--no-print-directory", "-o", ".venv/.installed", "engine"],
                         cwd=ROOT, env=dict(env, ORQUESTRA_LANG="pt-BR"),
                         capture_output=True, text=True, timeout=120)
    assert run.returncode != 0
    # make's own "make: ***" (or "make[1]: ***" when make runs inside make) lines aside
    lines = [line for line in run.stderr.splitlines() if not re.match(r"make(\[\d+\])?:", line)]
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("Faltando: ") and "Graphviz (o programa dot)" in lines[0]


def test_the_cli_says_all_is_there_when_it_is() -> None:
    missing, _ = system.check()
    run = subprocess.run([sys.executable, "-m", "labs", "system"], capture_output=True,
                         text=True, timeout=120, env=dict(os.environ, ORQUESTRA_LANG="en"))
    assert (run.returncode == 0) == (not missing), run.stderr
    if not missing:
        assert run.stdout.startswith("all installed: Docker Engine, Graphviz")


def test_ci_installs_every_debian_package_the_lab_needs() -> None:
    script = (ROOT / ".ci" / "run").read_text()
    listed = re.search(r"^packages=\((.*)\)$", script, re.MULTILINE)
    assert listed, "no packages=(...) line in .ci/run"
    wanted = {package for packages in system.APT.values() for package in packages}
    assert wanted <= set(listed.group(1).split())
