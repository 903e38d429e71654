"""The command line: exit codes and messages a user can act on."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from labs import cli, system


def labs(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "labs", *args], capture_output=True,
                          text=True, timeout=120, env=env)


def test_bad_cluster_name_is_refused_with_what_to_do() -> None:
    out = labs("up", "Bad_Name")
    assert out.returncode == 1
    assert "InvalidSpec" in out.stderr and "lesson-04" in out.stderr


def test_zero_managers_is_refused() -> None:
    out = labs("up", "x", "--managers", "0")
    assert out.returncode == 1 and "at least one manager" in out.stderr


def test_down_needs_a_name_or_all() -> None:
    out = labs("down")
    assert out.returncode == 2 and "down --all" in out.stderr


@pytest.mark.integration
def test_doctor_reports_runtime_kernel_features_and_graphviz(lab_engine: object) -> None:
    from labs import engine, runtime

    out = labs("doctor", env=dict(os.environ, ORQUESTRA_LANG="en"))
    assert out.returncode == 0, out.stdout + out.stderr
    for name in ("engine", "images", "runtime", "overlay networks",
                 "virtual IPs and routing mesh", "encrypted overlays", "graphviz"):
        assert f"] {name}:" in out.stdout
    ipvs = next(line for line in out.stdout.splitlines() if "] virtual IPs and routing" in line)
    if runtime.detect(engine.host()).ipvs:
        assert ipvs.startswith("[ok  ]")
    else:  # without IPVS a service's name (its VIP) fails too, not only the routing mesh
        assert ipvs.startswith("[warn]") and "calling a service by its name" in ipvs
        assert "tasks.NAME" in ipvs and "--endpoint-mode dnsrr" in ipvs
    assert "[ok  ] graphviz: Graphviz " in out.stdout
    assert out.stdout.rstrip().endswith("labs can run here")


@pytest.mark.integration
def test_doctor_without_dot_fails_in_the_learners_language(lab_engine: object,
                                                           hidden_dot: str) -> None:
    out = labs("doctor", env=dict(os.environ, ORQUESTRA_LANG="pt-BR"))
    assert out.returncode == 1, out.stdout + out.stderr
    assert "[FALHA] graphviz: o programa dot não está instalado" in out.stdout
    fix = system.how_to_install([system.GRAPHVIZ], lang="pt-BR")
    assert f"       como resolver: {fix}\n" in out.stdout
    for name in ("engine", "imagens", "runtime", "redes overlay", "IPs virtuais e routing mesh",
                 "overlays cifradas"):
        assert f"] {name}:" in out.stdout
    assert out.stdout.rstrip().endswith("o laboratório ainda não roda aqui: resolva as linhas "
                                        "FALHA acima")


def test_the_command_line_speaks_the_folder_or_the_terminals_language(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lesson = tmp_path / "lessons" / "pt-BR"
    lesson.mkdir(parents=True)
    cases = [(tmp_path, {}, "en"), (tmp_path, {"LANG": "pt_BR.UTF-8"}, "pt-BR"),
             (tmp_path, {"LANG": "pt_BR.UTF-8", "LC_ALL": "C.UTF-8"}, "en"),
             (lesson, {}, "pt-BR"), (lesson, {"ORQUESTRA_LANG": "en"}, "en")]
    for folder, env, expected in cases:
        for name in ("ORQUESTRA_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        monkeypatch.chdir(folder)
        assert cli.cli_language() == expected, (folder, env)
