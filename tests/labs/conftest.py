"""Fixtures of the lab runtime's tests."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest


@pytest.fixture
def hidden_dot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """PATH as it is, but without Graphviz's ``dot``: one folder of links to every other
    program on PATH. Set for this process (and its children); returned for ``env=``."""
    folder = tmp_path / "bin-without-dot"
    folder.mkdir()
    for entry in os.environ.get("PATH", "").split(os.pathsep):
        if not entry or not Path(entry).is_dir():
            continue
        for program in Path(entry).iterdir():
            link = folder / program.name
            if program.name != "dot" and not link.exists() and os.access(program, os.X_OK):
                link.symlink_to(program)
    monkeypatch.setenv("PATH", str(folder))
    assert shutil.which("dot") is None
    return str(folder)
