"""JupyterLab in a real browser: a notebook makes a cluster and shows the widgets.

JupyterLab runs headless on a free loopback port; Debian's Chromium, driven
by Playwright, opens a small notebook, runs it, waits for the diagram's SVG,
the live visualizer and the quorum explorer to render, and saves a
screenshot under test-output/browser/.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from labs import lessons, workspace
from labs.inventory import remove
from labs.node import free_ports
from labs.spec import full_name
from labs.timing import wait_until

pytestmark = [pytest.mark.integration, pytest.mark.browser]
CHROMIUM = Path("/usr/bin/chromium")
OUTPUT = Path(__file__).resolve().parents[2] / "test-output" / "browser"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOWN = ".jp-NotebookPanel:not(.lm-mod-hidden)"  # the notebook in the front tab
CELLS = [
    "from labs import Cluster\nfrom labs.widgets import live, quorum_explorer\n"
    "cluster = Cluster('browser', managers=1, workers=1).up()",
    "cluster.diagram()",
    "view = live(cluster, interval=0.5)\nview",
    "quorum_explorer(cluster)",
]


def notebook() -> dict[str, object]:
    return {
        "nbformat": 4, "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                    "language": "python"}},
        "cells": [{"cell_type": "code", "id": f"c{i}", "metadata": {}, "outputs": [],
                   "execution_count": None, "source": src} for i, src in enumerate(CELLS)],
    }


@contextlib.contextmanager
def serve(root: Path, tmp_path: Path, *extra: str) -> Iterator[tuple[str, str]]:
    """JupyterLab on ``root`` at a free loopback port: (base URL, token)."""
    port = free_ports(1)[0]
    token = secrets.token_hex(16)
    log = (tmp_path / "jupyter.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1",
         f"--port={port}", f"--ServerApp.token={token}", f"--ServerApp.root_dir={root}",
         "--LabApp.expose_app_in_browser=True", "--allow-root",
         # a fresh workspace: nothing restored from an earlier session
         f"--LabApp.workspaces_dir={tmp_path / 'workspaces'}",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", *extra],
        stdout=log, stderr=log, env=dict(os.environ), start_new_session=True)
    try:
        wait_until(lambda: urllib.request.urlopen(
            f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2).status == 200,
            timeout=90, what="JupyterLab to answer")
        yield f"http://127.0.0.1:{port}", token
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture
def jupyterlab(tmp_path: Path, lab_engine: object) -> Iterator[str]:
    root = tmp_path / "root"  # only the notebook shows in JupyterLab's file browser
    root.mkdir()
    (root / "widgets.ipynb").write_text(json.dumps(notebook()))
    try:
        with serve(root, tmp_path) as (base, token):
            yield f"{base}/lab/tree/widgets.ipynb?token={token}"
    finally:
        remove(full_name("browser"))


def as_make_lab(root: Path) -> tuple[str, ...]:
    """The options the Makefile's lab target adds for a workspace (a unit test holds
    the Makefile to them)."""
    return (f"--LabApp.default_url=/lab/tree/{workspace.INDEX}",
            f"--LabApp.user_settings_dir={root / workspace.SETTINGS}")


def _chromium_or_skip() -> None:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("CI must have Debian's chromium: .ci/run installs it")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")


def _run_all(page: Any) -> None:
    """Accept JupyterLab's kernel question if it asks, wait for the kernel, run every cell."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.wait_for_selector(f"{SHOWN} .jp-Notebook", timeout=90_000)
    page.wait_for_function("() => window.jupyterapp !== undefined", timeout=60_000)
    # JupyterLab may still ask which kernel to use: accept its default
    with contextlib.suppress(PlaywrightTimeout):
        page.click(".jp-Dialog .jp-mod-accept", timeout=15_000)
    page.wait_for_selector(f"{SHOWN} .jp-Notebook-ExecutionIndicator[data-status='idle']",
                           timeout=90_000)
    # not awaited: the command's promise lasts as long as the cells run
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")


def test_widgets_render_in_jupyterlab(jupyterlab: str, tmp_path: Path) -> None:
    _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    OUTPUT.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(tmp_path / "profile", ignore_errors=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=str(CHROMIUM), headless=True,
            args=FLAGS, viewport={"width": 1400, "height": 1000})
        try:
            page = browser.new_page()
            page.goto(jupyterlab)
            _run_all(page)
            try:
                page.wait_for_selector(".jp-RenderedSVG", timeout=120_000)
                page.wait_for_selector(".orquestra-live [data-node='worker1']",
                                       timeout=120_000)
                page.wait_for_selector(".orquestra-quorum", timeout=60_000)
            finally:
                page.screenshot(path=str(OUTPUT / "jupyterlab-widgets.png"), full_page=True)
            text = page.inner_text(".jp-Notebook")
            svg = page.inner_html(".jp-RenderedSVG")
        finally:
            browser.close()
    assert "manager1" in svg and "worker1" in svg  # the diagram
    assert "manager1" in text and "worker1" in text
    assert "Quórum" in text or "Quorum" in text
    assert (OUTPUT / "jupyterlab-widgets.png").stat().st_size > 10_000


@pytest.mark.timeout(900)
def test_a_newcomer_opens_the_index_and_runs_lesson_00(tmp_path: Path,
                                                        lab_engine: object) -> None:
    """From the workspace's index, follow the link to lesson 00 (pt-BR) and run all of it."""
    _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    root = tmp_path / "workspace"  # the student's copy, as `make lab` makes it
    workspace.prepare(root)
    lesson = next(x for x in lessons.find() if x.number == "00" and x.lang == "pt-BR")
    OUTPUT.mkdir(parents=True, exist_ok=True)
    try:
        with serve(root, tmp_path, *as_make_lab(root)) as (base, token), \
                sync_playwright() as pw:
            browser = pw.chromium.launch_persistent_context(
                str(tmp_path / "profile"), executable_path=str(CHROMIUM), headless=True,
                args=FLAGS, viewport={"width": 1400, "height": 1000})
            try:
                page = browser.new_page()
                page.goto(f"{base}/?token={token}")
                # JupyterLab rewrites the link's href; find it by the lesson's title
                page.click(f".jp-RenderedMarkdown a:has-text('{lesson.title}')",
                           timeout=90_000)
                page.wait_for_selector(f".jp-Notebook h1:has-text('Aula 00 · {lesson.title}')",
                                       timeout=60_000)
                _run_all(page)
                try:
                    page.wait_for_selector(".orquestra-summary", timeout=600_000)
                    page.wait_for_selector(".jp-RenderedSVG", timeout=10_000)
                finally:
                    page.screenshot(path=str(OUTPUT / "lesson-00.png"), full_page=True)
                text = page.inner_text(f"{SHOWN} .jp-Notebook")
            finally:
                browser.close()
    finally:
        remove(full_name("lesson-00"))
    assert "Traceback" not in text
    # the summary, in pt-BR, with the undone exercises (JupyterLab keeps only the cells
    # near the view in the page, so the lesson's heading may be gone by now)
    assert "Resumo da aula 00" in text and "ainda não" in text


def _kernels(base: str, token: str) -> list[dict[str, Any]]:
    with urllib.request.urlopen(f"{base}/api/kernels?token={token}", timeout=5) as answer:
        found: list[dict[str, Any]] = json.load(answer)
    return found


def test_make_lab_opens_the_workspace_index_in_pt_br(tmp_path: Path) -> None:
    """JupyterLab as `make lab` starts it: on the workspace's index (no kernel for it),
    in pt-BR, and closing a notebook's tab stops its kernel."""
    _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    root = tmp_path / "workspace"
    workspace.prepare(root)
    lesson = next(x for x in lessons.find() if x.number == "01" and x.lang == "pt-BR")
    copy = root / lesson.path.relative_to(lessons.LESSONS)
    given = copy.read_bytes()
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with serve(root, tmp_path, *as_make_lab(root)) as (base, token), sync_playwright() as pw:
        browser = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=str(CHROMIUM), headless=True,
            args=FLAGS, viewport={"width": 1400, "height": 1000})
        try:
            page = browser.new_page()
            page.goto(f"{base}/?token={token}")  # the default URL leads to the index
            page.wait_for_selector(".jp-MarkdownViewer h1:has-text('Orquestra Lab')",
                                   timeout=90_000)
            page.wait_for_function("() => window.jupyterapp !== undefined", timeout=60_000)
            assert page.evaluate("() => document.documentElement.lang") == "pt-BR"
            header = page.inner_text(".jp-DirListing-header")
            page.click("#jp-menu-panel .lm-MenuBar-item:has-text('Kernel')")
            menu = page.inner_text(".lm-Menu", timeout=10_000)
            page.keyboard.press("Escape")
            page.screenshot(path=str(OUTPUT / "workspace-index.png"))
            # the index's link opens the lesson; its kernel is the only one
            page.click(f".jp-MarkdownViewer a:has-text('{lesson.title}')", timeout=30_000)
            page.wait_for_selector(f".jp-Notebook h1:has-text('Aula 01 · {lesson.title}')",
                                   timeout=60_000)
            wait_until(lambda: len(_kernels(base, token)) == 1, timeout=90,
                       what="the lesson's kernel to start")
            page.wait_for_selector(f"{SHOWN} .jp-Notebook-ExecutionIndicator[data-status='idle']",
                                   timeout=90_000)
            kernels_with_lesson = len(_kernels(base, token))
            page.evaluate("() => { window.jupyterapp.commands.execute('application:close'); }")
            # the kernel wrote its language into the notebook's metadata: discard that
            page.click(".jp-Dialog .jp-mod-warn", timeout=30_000)
            wait_until(lambda: not _kernels(base, token), timeout=60,
                       what="closing the lesson's tab to stop its kernel")
        finally:
            browser.close()
    assert kernels_with_lesson == 1  # the index started none
    assert "Nome" in header and "Name" not in header  # the file browser, in pt-BR
    assert "Interromper o kernel" in menu and "Interrupt Kernel" not in menu
    assert copy.read_bytes() == given  # nothing was saved
