"""The command line: exit codes and messages a user can act on."""

from __future__ import annotations

import subprocess
import sys

import pytest


def labs(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "labs", *args], capture_output=True,
                          text=True, timeout=120)


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
def test_doctor_reports_runtime_and_kernel_features(lab_engine: object) -> None:
    out = labs("doctor")
    assert out.returncode == 0, out.stdout + out.stderr
    for name in ("engine", "images", "runtime", "overlay networks", "routing mesh",
                 "encrypted overlays"):
        assert f"] {name}:" in out.stdout
    assert "labs can run here" in out.stdout


@pytest.mark.integration
def test_status_and_down_of_an_unknown_cluster_say_so(lab_engine: object) -> None:
    for args in (("status", "nosuch"), ("down", "nosuch")):
        out = labs(*args)
        assert out.returncode == 1
        assert "no cluster named 'nosuch'" in out.stderr
