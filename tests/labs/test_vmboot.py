"""Lesson 01's VM boot: measured with the guest image's own kernel, or not measured, saying why."""

from __future__ import annotations

import os
import shutil
import struct
from pathlib import Path

import pytest

from labs import vmboot, vmimage
from labs.spec import GRADING_ENV
from labs.vmsnapshot import QEMU


@pytest.fixture
def empty_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_without_qemu_nothing_is_measured_and_the_text_says_what_to_install(
        empty_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(empty_cache))  # no qemu on it
    found = vmboot.measure(boots=1)
    assert not found.measured and found.series() == {}
    assert "apt-get install qemu-system-x86" in found.summary("en")
    assert "não está instalado" in found.summary("pt-BR")


@pytest.mark.skipif(shutil.which(QEMU) is None, reason=f"{QEMU} is not installed")
def test_without_the_vm_image_nothing_is_measured_and_no_key_is_made(empty_cache: Path) -> None:
    found = vmboot.measure(boots=1)
    assert not found.measured and found.series() == {}
    assert "python -m labs vm build" in found.summary("en")
    assert not empty_cache.exists()  # the VM's CA is not made just to say "no image"


def test_batch_grading_leaves_the_boot_out_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(GRADING_ENV, "1")
    found = vmboot.measure(boots=1)
    assert not found.measured and found.series() == {}
    assert "batch grading" in found.summary("en") and "correção em lote" in found.summary("pt-BR")


def test_a_boot_count_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        vmboot.measure(boots=0)


def _release_of(bzimage: Path) -> str:
    """The release in a bzImage's header (boot protocol: kernel_version at 0x20E, +0x200)."""
    data = bzimage.read_bytes()
    (offset,) = struct.unpack_from("<H", data, 0x20E)
    text = data[offset + 0x200: offset + 0x200 + 128].split(b"\0")[0].decode()
    return text.split()[0]


@pytest.mark.integration
@pytest.mark.vm
@pytest.mark.skipif(shutil.which(QEMU) is None and os.environ.get("CI") != "true",
                    reason=f"{QEMU} is not installed (CI installs it: there, its absence fails)")
@pytest.mark.timeout(1800)
def test_a_real_boot_reaches_init_with_the_guest_images_own_kernel() -> None:
    image = vmimage.build(print)  # cached after the first VM test
    lines: list[str] = []
    found = vmboot.measure(boots=1, progress=lines.append)
    assert found.measured and found.accel is not None
    assert found.kernel == _release_of(image.kernel)
    assert 0 < found.ms[0] < vmboot.BOOT_TIMEOUT[found.accel.name] * 1000
    label, = found.series("en")
    assert label == f"VM boot ({found.accel.name.upper()})"
    assert found.kernel in found.summary("en") and found.accel.name.upper() in found.summary("en")
    assert any("boot 1" in line for line in lines)
