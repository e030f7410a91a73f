"""The CI workflows (GitHub, GitLab) and pre-commit hooks: valid YAML, and every `atlas` command in them
is one the command line accepts. (They cannot run here; this catches renamed commands and options.)"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from generator.cli import _parser

REPO = Path(__file__).resolve().parent.parent


def load(name: str):
    return yaml.safe_load((REPO / name).read_text(encoding="utf-8"))


def atlas_commands(script: str) -> list[list[str]]:
    """Every `atlas …` command in a shell script (lines, `&&` chains), variables replaced by a value."""
    found = []
    for line in script.splitlines():
        for part in re.split(r"&&|\|\||;|\|", line.split(" #")[0]):
            words = [re.sub(r"\$\{?[A-Za-z_]+\}?", "VALUE", word) for word in shlex.split(part.strip())]
            if words and words[0] == "atlas":
                found.append(words[1:])
    return found


def assert_valid(args: list[str]) -> None:
    try:
        _parser().parse_args(args)
    except SystemExit:
        pytest.fail(f"atlas {' '.join(args)}: the command line does not accept this")


def test_github_workflow() -> None:
    workflow = load(".github/workflows/atlas.yml")
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    check, deploy = workflow["jobs"]["check"], workflow["jobs"]["deploy"]
    steps = check["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    commands = atlas_commands(runs)
    assert ["check", "--format", "github"] in commands
    assert ["build"] in commands
    assert any(c[0] == "diff" for c in commands) and "$GITHUB_STEP_SUMMARY" in runs
    assert any(step.get("uses", "").startswith("actions/upload-artifact@") for step in steps)
    assert check["strategy"]["matrix"]["python"] == ["3.11", "3.12"]
    assert deploy["permissions"]["pages"] == "write" and deploy["permissions"]["id-token"] == "write"
    assert "group" in deploy["concurrency"]
    uses = [step["uses"] for job in workflow["jobs"].values() for step in job["steps"] if "uses" in step]
    assert "actions/deploy-pages@v4" in uses and "actions/upload-pages-artifact@v3" in uses
    assert all(re.fullmatch(r"[\w-]+/[\w-]+@v\d+", u) for u in uses)  # pinned to major versions
    for job in workflow["jobs"].values():
        for args in atlas_commands("\n".join(step.get("run", "") for step in job["steps"])):
            assert_valid(args)


def test_gitlab_ci() -> None:
    ci = load(".gitlab-ci.yml")
    assert ci["stages"] == ["check", "build", "deploy"]
    assert ci["check"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert atlas_commands("\n".join(ci["check"]["script"])) == [["check", "--format", "gitlab", "--report", "gl-code-quality-report.json"], ["schema", "--check"]]
    pages = ci["pages"]
    assert pages["stage"] == "deploy" and pages["artifacts"]["paths"] == ["public"]
    assert atlas_commands("\n".join(pages["script"])) == [["build", "--site", "public"]]
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    jobs = [job for job in ci.values() if isinstance(job, dict) and "script" in job]
    assert len(jobs) == 4
    for job in jobs:
        for args in atlas_commands("\n".join(job["script"])):
            assert_valid(args)


@pytest.mark.parametrize("name", [".pre-commit-hooks.yaml", ".pre-commit-config.yaml"])
def test_pre_commit_hooks(name: str) -> None:
    data = load(name)
    hooks = data if isinstance(data, list) else [h for repo in data["repos"] for h in repo["hooks"]]
    (hook,) = [h for h in hooks if h["id"] == "atlas-check"]
    assert hook["files"] == "^data/" and hook["pass_filenames"] is False
    assert hook["language"] in ("python", "system")
    words = shlex.split(hook["entry"])
    assert words[:2] == ["atlas", "check"]
    assert_valid(words[1:])


def test_atlas_commands_finds_chained_commands() -> None:
    script = 'atlas diff "origin/$BASE_REF" --output x.md && cat x.md >> "$GITHUB_STEP_SUMMARY"\necho atlas\n  atlas build  # baut'
    assert atlas_commands(script) == [["diff", "origin/VALUE", "--output", "x.md"], ["build"]]


def test_ci_run_runs_the_readme_command_and_the_slow_mutation_test() -> None:
    """.ci/run: the README's test command (which leaves out tests marked `slow`), then the slow run of the mutation
    test; the marker is registered, so `-m slow` selects exactly those tests."""
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    steps = [line.strip() for line in script.splitlines() if line.strip().startswith("python -m pytest")]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    (readme_test,) = re.findall(r"python -m pytest[^\n`]*", readme.split("pip install -e \".[test]\"", 1)[1])[:1]
    assert steps == [readme_test.strip(), "python -m pytest -q -n 0 -m slow tests/test_mutations.py"]
    assert script.splitlines()[1:].count("set -euo pipefail") == 1  # a failing first step fails CI
    import tomllib

    ini = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    assert any(marker.startswith("slow:") for marker in ini["markers"])
    assert "slow" not in ini["addopts"]  # the slow tests leave themselves out unless -m selects them (tests/test_mutations.py)
