"""An editor's day, end to end (issue 5): scaffold a record, make the usual mistakes, read the messages as
text and as GitHub annotations, fix them, build, and read what changes for the public.

Every step goes through `atlas` as an editor would call it (generator.cli.main) on a copy of the mini atlas
in a fresh git repository; the assertions are on the files written, the messages printed and the built site.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.cli import main

ROOT = Path(__file__).parent.parent
MINI = Path(__file__).parent / "fixtures" / "mini"
RECORD = "data/offers/spieltreff-gruenau.yaml"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=repo, check=True, capture_output=True)


def fill(text: str, values: dict[str, str]) -> str:
    """Put a value after each empty required field of the form `atlas new` wrote."""
    for field, value in values.items():
        text, found = re.subn(rf"^{field}:[ ]*$", f"{field}: {value}", text, count=1, flags=re.M)
        assert found, field
    return text


def line_of(text: str, prefix: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if line.startswith(prefix))


@pytest.mark.heavy
def test_an_editors_day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    repo = tmp_path / "atlas"
    shutil.copytree(MINI, repo / "data")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Stand vor der Änderung")
    monkeypatch.chdir(repo)
    site, build = repo / "site", repo / "build"
    common = ["--project", str(ROOT), "--data", str(repo / "data"), "--site", str(site), "--build-dir", str(build)]

    # 1. A new offer from the scaffold: id from the name, required fields with German comments.
    assert main(["new", "angebot", "Spieltreff Grünau", "--municipality", "teststadt"]) == 0
    assert "Neu angelegt: " in capsys.readouterr().out
    path = repo / RECORD
    form = path.read_text(encoding="utf-8")
    assert "# Pflicht" in form and 'title: "Spieltreff Grünau"' in form
    assert main(["new", "angebot", "Spieltreff Grünau"]) == 1  # never overwrites
    assert "nichts überschrieben" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == form

    # 2. Filled in with the usual mistakes: an unknown provider, a topic that is not in the vocabulary,
    #    a typo in a field name, a link that is not a web address and an age range upside down.
    broken = fill(form, {"description": "Offener Treff für Familien mit kleinen Kindern.", "provider": "traeger-b",
                         "topics": "[fruehe-hilfe]", "target_groups": "[eltern]"})
    broken += "webseite: https://example.org/spieltreff\nwebsite: \"javascript:alert(1)\"\nages: {min: 6, max: 3}\n"
    path.write_text(broken, encoding="utf-8")
    assert main(["check"]) == 1
    out = capsys.readouterr()
    problems = [line for line in out.err.splitlines() if line.startswith(RECORD)]
    expected = {
        line_of(broken, "provider:"): "traeger-b",
        line_of(broken, "topics:"): "fruehe-hilfe",
        line_of(broken, "webseite:"): "webseite",
        line_of(broken, "website:"): "javascript",
        line_of(broken, "ages:"): "Höchstalter",
    }
    for number, word in expected.items():
        assert any(p.startswith(f"{RECORD}:{number}: ") and word in p for p in problems), (number, word, problems)
    assert "Traceback" not in out.err + out.out
    # a failed check builds nothing: there is no site yet
    assert main(["build", *common]) == 1
    capsys.readouterr()
    assert not site.exists()

    # 3. The same problems as GitHub annotations on the changed file and line (paths from the repository root).
    monkeypatch.setenv("GITHUB_WORKSPACE", str(repo))
    assert main(["check", "--format", "github"]) == 1
    annotations = [line for line in capsys.readouterr().err.splitlines() if line.startswith("::error ")]
    for number in expected:
        assert any(a.startswith(f"::error file={RECORD},line={number}") for a in annotations), (number, annotations)
    monkeypatch.delenv("GITHUB_WORKSPACE")

    # 4. Fixed: check passes, the build writes the page.
    fixed = fill(form, {"description": "Offener Treff für Familien mit kleinen Kindern.", "provider": "traeger-a",
                        "topics": "[fruehe-hilfen]", "target_groups": "[eltern]"})
    fixed += "website: https://example.org/spieltreff\nages: {min: 0, max: 3}\n"
    path.write_text(fixed, encoding="utf-8")
    assert main(["check"]) == 0
    assert main(["build", *common]) == 0
    capsys.readouterr()
    page = (site / "angebote" / "spieltreff-gruenau" / "index.html").read_text(encoding="utf-8")
    assert "Spieltreff Grünau" in page and "Offener Treff für Familien mit kleinen Kindern." in page
    assert 'href="https://example.org/spieltreff"' in page

    # 5. What changes for the public, against the last commit, as Markdown for the pull request.
    report = tmp_path / "diff.md"
    assert main(["diff", "HEAD", "--output", str(report)]) == 0
    diff = report.read_text(encoding="utf-8")
    assert "spieltreff-gruenau" in diff and "/angebote/spieltreff-gruenau/" in diff
    assert re.search(r"1 Datensatz neu", diff), diff[:400]
