"""Images are rebuilt only when their build context changes."""

from __future__ import annotations

import io
import json
import tarfile
import time
from pathlib import Path

import pytest

from labs import Cluster, engine, images, vmsnapshot


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


def test_app_and_shop_tags_are_v1_v2_and_broken() -> None:
    tags = [s.tag for s in images.specs()]
    assert tags[0] == images.NODE_IMAGE
    for repo in images.DEMO_REPOS:
        assert [t for t in tags if t.startswith(f"{repo}:")] == [
            f"{repo}:{version}" for version in ("v1", "v2", "broken")]
    assert tuple(tags) == vmsnapshot.GUEST_IMAGES


@pytest.mark.integration
def test_ensure_builds_nothing_when_nothing_changed(lab_engine: object) -> None:
    started = time.perf_counter()
    assert images.ensure(engine.host()) == []
    print(f"images with nothing changed: {time.perf_counter() - started:.2f} s")
    assert images.missing(engine.host()) == []
    for tag in (images.APP_IMAGE, f"{images.SHOP_REPO}:v1"):
        size = lab_engine.images.get(tag).attrs["Size"]  # type: ignore[attr-defined]
        print(f"{tag}: {size / 1e6:.2f} MB")
        assert size <= 5_000_000


@pytest.mark.integration
def test_every_node_gets_the_app_and_the_shop_from_one_save(lab_engine: object) -> None:
    host = engine.host()
    archive = host.save(*images.DEMO_REPOS)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
    demo = [s.tag for s in images.specs() if s.tag.split(":")[0] in images.DEMO_REPOS]
    assert sorted(tag for entry in manifest for tag in entry["RepoTags"]) == sorted(demo)
    assert len(archive) < 4_000_000  # the busybox layer the images share is in it once
    with Cluster("images", managers=1, workers=1) as cluster:
        for node in cluster.nodes:
            held = {tag: found for repo in images.DEMO_REPOS
                    for tag, found in node.daemon.images(repo).items()}
            assert held == {tag: host.image_id(tag) for tag in demo}, node.name
