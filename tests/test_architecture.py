"""The package layout keeps its rules: one subpackage per stage, layers, no import cycles, no private
names across modules (import-linter contracts in pyproject.toml), modules of a readable size.

The contracts are checked on the real package, and each one is shown to fail on a copy of the package
with one violation added (a cycle, a lower stage importing a higher one, a private name imported), so a
contract that silently stopped checking would be noticed.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "generator"
STAGES = ["core", "load", "model", "check", "visuals", "exports", "editing", "pages", "build", "importers", "reports"]
CONTRACTS = [
    "Stages form layers: a stage imports only the stages below it",
    "No import cycle between modules or packages at any level",
    "No module imports another module's private (underscore) name",
]
MAX_LINES = 410  # "no module over ~400 lines" without a sentence at its top that says why
LONG_REASON = "Longer than 400 lines because"


def lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    """import-linter with the project's pyproject.toml on the `generator` package found in `project`."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(project), str(REPO / "tests")])}
    code = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(config_filename='pyproject.toml', no_cache=True, no_logo=True))"
    return subprocess.run([sys.executable, "-c", code], cwd=project, env=env, capture_output=True, text=True, timeout=300)


def test_the_contracts_hold_for_the_package():
    result = lint_imports(REPO)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    for name in CONTRACTS:
        assert f"{name} KEPT" in out, out
    assert "Contracts: 3 kept, 0 broken." in out, out


@pytest.fixture(scope="module")
def package_copy(tmp_path_factory):
    """A pristine copy of the package and pyproject.toml; each case copies it again and adds one violation."""
    base = tmp_path_factory.mktemp("layout")
    shutil.copytree(PACKAGE, base / "generator", ignore=shutil.ignore_patterns("__pycache__", "templates", "assets"))
    shutil.copy(REPO / "pyproject.toml", base / "pyproject.toml")
    return base


VIOLATIONS = {
    # a cycle between two modules of one stage (as annotations ↔ problems once was)
    "cycle": ("core/names.py", "from . import paths as _cycle  # noqa\n", "core/paths.py", "from . import names as _cycle  # noqa\n",
              CONTRACTS[1], "generator.core"),
    # a lower stage importing a higher one
    "layer": ("model/targets.py", "from ..pages import render as _up  # noqa\n", None, None, CONTRACTS[0], "generator.pages"),
    # another module's private name (as render._Site once was)
    "private": ("pages/lists.py", "from .finder import _by_name  # noqa\n", None, None, CONTRACTS[2], "generator.pages.finder._by_name"),
}


@pytest.mark.parametrize("case", sorted(VIOLATIONS))
def test_each_contract_fails_on_its_violation(package_copy, tmp_path, case):
    project = tmp_path / "project"
    shutil.copytree(package_copy, project)
    first, first_line, second, second_line, contract, named = VIOLATIONS[case]
    for rel, line in ((first, first_line), (second, second_line)):
        if rel:
            path = project / "generator" / rel
            text = path.read_text(encoding="utf-8")
            head, sep, rest = text.partition("from __future__ import annotations\n")
            path.write_text(head + sep + line + rest, encoding="utf-8")
    result = lint_imports(project)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert f"{contract} BROKEN" in out, out
    assert named in out, out
    # the other contracts still hold; an upward import also closes a cycle between stages, so there
    # the cycle contract breaks as well
    kept = [c for c in CONTRACTS if c != contract and not (case == "layer" and c == CONTRACTS[1])]
    for name in kept:
        assert f"{name} KEPT" in out, out


def test_one_subpackage_per_stage_each_saying_what_it_may_import():
    found = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    assert found == sorted(STAGES)
    top_level_modules = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert top_level_modules == ["__init__.py", "__main__.py", "cli.py"]
    for stage in STAGES:
        doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "May import" in doc, stage
        assert stage in ast.get_docstring(ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8")))


def test_templates_live_beside_the_page_modules():
    templates = PACKAGE / "pages" / "templates"
    assert sorted(p.name for p in templates.glob("*.md.j2")), "no templates"
    assert not list(PACKAGE.glob("templates")), "templates outside pages/"
    used = set()
    for module in (PACKAGE / "pages").glob("*.py"):
        used.update(part for part in module.read_text(encoding="utf-8").split('"') if part.endswith(".md.j2"))
    assert used <= {p.name for p in templates.glob("*.md.j2")}


def test_no_module_over_400_lines_without_a_reason():
    too_long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        lines = text.count("\n")
        doc = ast.get_docstring(ast.parse(text)) or ""
        if lines > MAX_LINES and LONG_REASON not in doc:
            too_long.append(f"{path.relative_to(REPO)}: {lines}")
    assert not too_long, too_long
