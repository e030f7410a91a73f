"""`atlas diff`: records, fields and pages that change for the public, as German Markdown; unpublished
contacts only counted; values escaped; against two folders and against a git ref."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from generator.cli import main

MINI = Path(__file__).parent / "fixtures" / "mini"

NEW_OFFER = """id: babymassage
title: Babymassage
description: Für Eltern mit Babys.
provider: traeger-a
municipality: teststadt
topics: [fruehe-hilfen]
target_groups: [eltern]
example: true
"""


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def change(data: Path) -> None:
    """The editor's changes: one field changed (with Markdown in it), a list item added, one offer added,
    one removed, and an unpublished contact changed."""
    offer = data / "offers" / "krabbelgruppe.yaml"
    edit(offer, "title: Krabbelgruppe", "title: Krabbelgruppe | *neu* @team")
    edit(offer, "target_groups: [eltern]", "target_groups: [eltern, senioren]")
    (data / "offers" / "seniorentreff.yaml").unlink()
    (data / "offers" / "babymassage.yaml").write_text(NEW_OFFER, encoding="utf-8")
    edit(data / "contacts" / "geheim.yaml", "geheim-intern@example.org", "streng-geheim@example.org")


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    shutil.copytree(MINI, tmp_path / "old")
    shutil.copytree(MINI, tmp_path / "new")
    change(tmp_path / "new")
    return tmp_path / "old", tmp_path / "new"


RECORD_LINES = [
    "### Datensätze",
    "",
    "**Kontakt** (`contacts/`)",
    "",
    "- 1 nicht veröffentlichter Kontakt geändert (Inhalt wird hier nicht gezeigt)",
    "",
    "**Angebot** (`offers/`)",
    "",
    "- neu: Babymassage (`babymassage`)",
    "- geändert: Krabbelgruppe \\| \\*neu\\* \\@team (`krabbelgruppe`)",
    "  - Titel (title): „Krabbelgruppe“ → „Krabbelgruppe \\| \\*neu\\* \\@team“",
    "  - Zielgruppen (target_groups): + „senioren“",
    "- entfernt: Seniorentreff (`seniorentreff`)",
    "",
    "### Seiten",
]


def test_diff_of_two_folders(folders: tuple[Path, Path], capsys: pytest.CaptureFixture) -> None:
    old, new = folders
    assert main(["diff", "--data-old", str(old), "--data-new", str(new)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "## Was sich für die Öffentlichkeit ändert"
    assert lines[2].startswith("1 Seite neu, 1 entfernt, ")
    assert lines[2].endswith(" geändert; 1 Datensatz neu, 1 entfernt, 1 geändert (dazu 1 nicht öffentlich)")
    start = lines.index("### Datensätze")
    assert lines[start : start + len(RECORD_LINES)] == RECORD_LINES
    pages = lines[start + len(RECORD_LINES) :]
    assert pages[:4] == ["", "**Neue Seiten** (1)", "", "- `/angebote/babymassage/`"]
    assert pages[4:8] == ["", "**Entfernte Seiten** (1)", "", "- `/angebote/seniorentreff/`"]
    assert "- `/angebote/krabbelgruppe/`" in pages and "- `/sozialraeume/teststadt/`" in pages
    # privacy: nothing of the unpublished contact reaches the (public) comment
    assert "geheim" not in out.lower() and "Geheimrolle" not in out


def test_unchanged_folders(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["diff", "--data-old", str(MINI), "--data-new", str(MINI)]) == 0
    assert capsys.readouterr().out == "## Was sich für die Öffentlichkeit ändert\n\nKeine Änderungen für die Öffentlichkeit.\n"


def test_rename_and_broken_new_state(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    new = tmp_path / "new"
    shutil.copytree(MINI, new)
    old_file = new / "offers" / "seniorentreff.yaml"
    text = old_file.read_text(encoding="utf-8").replace("id: seniorentreff", "id: seniorentreff-unterheide\nformer_ids: [seniorentreff]")
    old_file.unlink()
    (new / "offers" / "seniorentreff-unterheide.yaml").write_text(text.replace("Kaffee und Gespräch.", "Kaffee, Kuchen und Gespräch."), encoding="utf-8")
    edit(new / "offers" / "krabbelgruppe.yaml", "provider: traeger-a", "provider: traeger-x")  # a mistake
    assert main(["diff", "--data-old", str(MINI), "--data-new", str(new)]) == 0
    out = capsys.readouterr().out
    assert "- umbenannt: `seniorentreff` → Seniorentreff (`seniorentreff-unterheide`)\n" in out
    assert "  - Beschreibung (description): „Kaffee und Gespräch.“ → „Kaffee, Kuchen und Gespräch.“\n" in out
    assert "  - Anbieter (provider): „traeger-a“ → „traeger-x“\n" in out
    assert "⚠️ Der neue Stand hat " in out and "; `atlas check` zeigt sie mit Datei und Zeile." in out  # former_ids: known or not
    assert "Seiten nicht verglichen: der neue Stand hat Fehler" in out


def test_long_values_are_shortened(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    new = tmp_path / "new"
    shutil.copytree(MINI, new)
    edit(new / "offers" / "seniorentreff.yaml", "description: Kaffee und Gespräch.", "description: " + "Sehr langer Text " * 10)
    assert main(["diff", "--data-old", str(MINI), "--data-new", str(new)]) == 0
    line = next(l for l in capsys.readouterr().out.splitlines() if "Beschreibung" in l)
    assert line.endswith("„Sehr langer Text Sehr langer Text Sehr langer Text Sehr langer Text Sehr langer…“")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=repo, check=True, capture_output=True)


def test_diff_against_git_ref(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo / "atlas" / "data")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Stand vorher")
    change(repo / "atlas" / "data")
    monkeypatch.chdir(repo / "atlas")
    target = tmp_path / "diff.md"
    assert main(["diff", "HEAD", "--output", str(target)]) == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    start = lines.index("### Datensätze")
    assert lines[start : start + len(RECORD_LINES)] == RECORD_LINES
    # the work tree is untouched: the change is still there, no worktree was left behind
    assert (repo / "atlas" / "data" / "offers" / "babymassage.yaml").exists()
    assert not (repo / "atlas" / "data" / "offers" / "seniorentreff.yaml").exists()
    status = subprocess.run(["git", "status", "--porcelain"], cwd=repo, capture_output=True, text=True, check=True).stdout
    assert "babymassage.yaml" in status and "diff" not in status


def test_unknown_ref_is_one_german_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo / "data")
    git(repo, "init", "-q")
    monkeypatch.chdir(repo)
    assert main(["diff", "gibtsnicht"]) == 1
    err = capsys.readouterr().err
    assert err == "Fehler: Stand „gibtsnicht“ gibt es in diesem git-Repository nicht (erwartet: Zweig, Tag oder Commit, z. B. origin/main)\n"
