"""Images are rebuilt only when their build context changes."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from labs import engine, images


def test_context_hash_follows_files_arguments_and_base(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text("FROM x\n")
    spec = images.ImageSpec("t:1", tmp_path, {"VERSION": "v1"})
    first = spec.context_hash("base1")
    assert spec.context_hash("base1") == first
    assert spec.context_hash("base2") != first
    assert images.ImageSpec("t:1", tmp_path, {"VERSION": "v2"}).context_hash("base1") != first
    (tmp_path / "entry.sh").write_text("#!/bin/sh\n")
    second = spec.context_hash("base1")
    assert second != first
    (tmp_path / "entry.sh").chmod(0o755)
    assert spec.context_hash("base1") != second


def test_app_tags_are_v1_v2_and_broken() -> None:
    tags = [s.tag for s in images.specs()]
    assert tags[0] == images.NODE_IMAGE
    assert {t.split(":")[1] for t in tags[1:]} == {"v1", "v2", "broken"}


@pytest.mark.integration
def test_ensure_builds_nothing_when_nothing_changed(lab_engine: object) -> None:
    started = time.perf_counter()
    assert images.ensure(engine.host()) == []
    print(f"images with nothing changed: {time.perf_counter() - started:.2f} s")
    assert images.missing(engine.host()) == []
    app = lab_engine.images.get(images.APP_IMAGE)  # type: ignore[attr-defined]
    assert app.attrs["Size"] <= 20_000_000
