"""Problems as pull-request annotations: GitHub workflow commands (escaped, paths relative to the
repository root) and the GitLab Code Quality report."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.check.annotations import github_line, gitlab_report
from generator.cli import main
from generator.core.problems import Problem

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository root (tmp_path) with the atlas in the sub-folder atlas/, two mistakes in the data."""
    project = tmp_path / "atlas"
    shutil.copytree(MINI, project / "data")
    offer = project / "data" / "offers" / "krabbelgruppe.yaml"
    offer.write_text(offer.read_text(encoding="utf-8").replace("provider: traeger-a", "provider: traeger-x"), encoding="utf-8")
    contact = project / "data" / "contacts" / "koordination-fh.yaml"
    contact.write_text(contact.read_text(encoding="utf-8") + "emial: x@example.org\n", encoding="utf-8")
    monkeypatch.chdir(project)
    for name in ("GITHUB_WORKSPACE", "CI_PROJECT_DIR", "GITHUB_ACTIONS"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def test_github_command_escapes_properties_and_message() -> None:
    problem = Problem("data/a,b:c%.yaml", 7, "100 % falsch\r\nzweite Zeile: a, b")
    assert github_line(problem) == (
        "::error file=data/a%2Cb%3Ac%25.yaml,line=7,title=Datenfehler::100 %25 falsch%0D%0Azweite Zeile: a, b"
    )


def test_github_paths_are_relative_to_the_workspace(repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setenv("GITHUB_WORKSPACE", str(repo))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")  # github is then the default format
    assert main(["check", "--data", "data"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert "::error file=atlas/data/offers/krabbelgruppe.yaml,line=4,title=Datenfehler::Feld „provider“ (Anbieter): „traeger-x“ ist unbekannt" in "\n".join(err)
    annotations = [line for line in err if line.startswith("::error ")]
    assert len(annotations) == 2
    assert any(line.startswith("::error file=atlas/data/contacts/koordination-fh.yaml,line=10,") for line in annotations)


def test_text_format_keeps_paths_of_the_working_directory(repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setenv("GITHUB_WORKSPACE", str(repo))
    assert main(["check", "--data", "data", "--format", "text"]) == 1
    assert "data/offers/krabbelgruppe.yaml:4: Feld „provider“" in capsys.readouterr().err


def test_gitlab_report_file(repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setenv("CI_PROJECT_DIR", str(repo))
    target = repo / "gl-code-quality-report.json"
    assert main(["check", "--data", "data", "--format", "gitlab", "--report", str(target)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "data/offers/krabbelgruppe.yaml:4: Feld „provider“" in err  # text for the job log
    entries = json.loads(target.read_text(encoding="utf-8"))
    assert len(entries) == 2
    assert {e["location"]["path"] for e in entries} == {"atlas/data/offers/krabbelgruppe.yaml", "atlas/data/contacts/koordination-fh.yaml"}
    for entry in entries:
        assert set(entry) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert entry["severity"] == "major" and entry["check_name"] == "atlas-check"
        assert isinstance(entry["location"]["lines"]["begin"], int)
    offer = next(e for e in entries if e["location"]["path"].endswith("krabbelgruppe.yaml"))
    assert offer["location"]["lines"]["begin"] == 4 and offer["description"].startswith("Feld „provider“")
    assert len({e["fingerprint"] for e in entries}) == 2


def test_gitlab_report_on_stdout_is_empty_list_for_good_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    shutil.copytree(MINI, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CI_PROJECT_DIR", raising=False)
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    assert main(["check", "--data", "data", "--format", "gitlab"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == []
    assert "Keine Probleme gefunden." in err


def test_gitlab_fingerprints_are_stable_and_unique() -> None:
    problems = [Problem("data/x.yaml", 3, "A"), Problem("data/x.yaml", 4, "A"), Problem("data/x.yaml", 3, "B")]
    first = json.loads(gitlab_report(problems))
    assert len({e["fingerprint"] for e in first}) == 3
    assert gitlab_report(list(reversed(problems))) == gitlab_report(problems)
