"""The project's two dependency lists say the same thing."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# conda-forge names that differ from PyPI's
CONDA_TO_PYPI = {"docker-py": "docker", "python-graphviz": "graphviz"}
CONDA_ONLY = {"python", "pip", "graphviz"}  # graphviz here is the `dot` binary


def _split(requirement: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement)
    assert match, requirement
    return match.group(1).lower(), match.group(2).replace(" ", "")


def pyproject_requirements() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    project = data["project"]
    reqs = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        reqs += extra
    return dict(_split(r) for r in reqs)


def conda_requirements() -> dict[str, str]:
    found = {}
    text = (ROOT / "environment.yml").read_text()
    dependencies = text.split("dependencies:", 1)[1]
    for line in dependencies.splitlines():
        item = re.match(r"^  - ([^:#]+?)\s*$", line)
        if not item:
            continue
        name, version = _split(item.group(1))
        if name in CONDA_ONLY and name not in CONDA_TO_PYPI:
            continue
        found[CONDA_TO_PYPI.get(name, name)] = version
    return found


def test_environment_yml_lists_the_same_dependencies_as_pyproject() -> None:
    assert conda_requirements() == pyproject_requirements()


def test_pyproject_declares_both_packages_and_python_311() -> None:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert data["project"]["name"] == "orquestra-lab"
    assert data["project"]["requires-python"] == ">=3.11"
    assert set(data["tool"]["setuptools"]["packages"]["find"]["include"]) == {
        "labs*", "autograder*"}
