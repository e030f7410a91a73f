"""Problems as pull-request annotations: GitHub workflow commands and GitLab Code Quality reports.

GitHub shows `::error file=…,line=…::message` lines of a job log on the changed line of a pull request;
the path must be relative to the repository root (GITHUB_WORKSPACE), which need not be the folder the
atlas runs in. GitLab shows the problems of a Code Quality report (JSON, `artifacts: reports:
codequality`) in the merge request. Both are written from the same `Problem` list as `atlas check`'s text.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from ..core.problems import Problem

TITLE = "Datenfehler"
CHECK_NAME = "atlas-check"


def escape_data(text: str) -> str:
    """Escape the message of a GitHub workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (file, title) of a GitHub workflow command."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def repo_path(path: str, root: Path | None, cwd: Path | None = None) -> str:
    """`path` (as shown to editors: relative to the working directory) relative to the repository root.

    Stays as it is when there is no root or the file lies outside it.
    """
    if root is None:
        return path
    absolute = (Path(cwd or Path.cwd()) / path).resolve()
    try:
        return absolute.relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return path


def workspace() -> Path | None:
    """Repository root in GitHub Actions (GITHUB_WORKSPACE) or GitLab CI (CI_PROJECT_DIR)."""
    for name in ("GITHUB_WORKSPACE", "CI_PROJECT_DIR"):
        value = os.environ.get(name)
        if value:
            return Path(value)
    return None


def github_line(problem: Problem, root: Path | None = None) -> str:
    """One GitHub Actions error annotation for the problem."""
    path = repo_path(problem.path, root)
    return f"::error file={escape_property(path)},line={problem.line},title={escape_property(TITLE)}::{escape_data(problem.message)}"


def gitlab_report(problems: list[Problem], root: Path | None = None) -> str:
    """GitLab Code Quality report (JSON array) for the problems; fingerprints are unique and stable."""
    entries = []
    seen: set[str] = set()
    for problem in sorted(set(problems)):
        path = repo_path(problem.path, root)
        key = f"{path}\0{problem.line}\0{problem.message}"
        fingerprint = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
        while fingerprint in seen:  # cannot happen for distinct problems; kept unique regardless
            fingerprint = hashlib.sha256(fingerprint.encode()).hexdigest()[:32]
        seen.add(fingerprint)
        entries.append(
            {
                "description": problem.message,
                "check_name": CHECK_NAME,
                "fingerprint": fingerprint,
                "severity": "major",
                "location": {"path": path, "lines": {"begin": problem.line}},
            }
        )
    return json.dumps(entries, ensure_ascii=False, indent=2) + "\n"
