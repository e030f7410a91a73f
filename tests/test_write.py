"""Write stage: generated pages, content/ and assets into the docs dir (generator/build/write.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.build.write import MARKER, ForeignDocsDirError, UnsafePathError, write_docs


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    (folder / "recht").mkdir(parents=True)
    (folder / "impressum.md").write_text("# Impressum\n", encoding="utf-8")
    (folder / "recht" / "agb.md").write_text("# AGB\n", encoding="utf-8")
    (folder / ".entwurf.md").write_text("# versteckt\n", encoding="utf-8")
    return folder


def test_writes_pages_content_and_assets(tmp_path: Path, content: Path) -> None:
    docs = tmp_path / "docs"
    collisions = write_docs({"index.md": "# Start\n", "karten/a.html": "<html></html>\n"}, content, docs)
    assert collisions == []
    assert (docs / "index.md").read_text(encoding="utf-8") == "# Start\n"
    assert (docs / "karten" / "a.html").is_file()
    assert (docs / "impressum.md").is_file() and (docs / "recht" / "agb.md").is_file()
    assert not (docs / ".entwurf.md").exists()
    for asset in ("assets/leaflet/leaflet.js", "assets/leaflet/leaflet.css", "assets/leaflet/images/marker-icon.png",
                  "assets/atlas.css", "assets/atlas-map.js"):
        assert (docs / asset).is_file(), asset
    assert (docs / MARKER).is_file()


def test_unchanged_files_keep_their_mtime_and_stale_files_go(tmp_path: Path, content: Path) -> None:
    docs = tmp_path / "docs"
    write_docs({"a.md": "# A\n", "alt/b.md": "# B\n", "c.md": "# C\n"}, content, docs)
    old = 1_000_000_000
    for name in ("a.md", "c.md"):
        os.utime(docs / name, (old, old))
    write_docs({"a.md": "# A\n", "c.md": "# C geändert\n"}, content, docs)
    assert (docs / "a.md").stat().st_mtime == old  # same bytes: not rewritten
    assert (docs / "c.md").stat().st_mtime != old
    assert (docs / "c.md").read_text(encoding="utf-8") == "# C geändert\n"
    assert not (docs / "alt").exists()  # stale page and its empty folder removed
    (content / "impressum.md").unlink()
    write_docs({"a.md": "# A\n"}, content, docs)
    assert not (docs / "impressum.md").exists()


def test_collisions_are_reported_and_the_generated_page_wins(tmp_path: Path, content: Path) -> None:
    (content / "index.md").write_text("# Handgeschrieben\n", encoding="utf-8")
    docs = tmp_path / "docs"
    assert write_docs({"index.md": "# Erzeugt\n"}, content, docs) == ["index.md"]
    assert (docs / "index.md").read_text(encoding="utf-8") == "# Erzeugt\n"


@pytest.mark.parametrize("bad", ["../raus.md", "/etc/x.md", "a/../../raus.md", ""])
def test_paths_outside_the_docs_dir_are_refused(tmp_path: Path, content: Path, bad: str) -> None:
    docs = tmp_path / "docs"
    with pytest.raises(UnsafePathError):
        write_docs({"ok.md": "# ok\n", bad: "x"}, content, docs)
    assert not (tmp_path / "raus.md").exists()
    assert not (docs / "ok.md").exists()  # checked before anything is written


def test_a_folder_with_other_files_is_refused(tmp_path: Path, content: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "wichtig.txt").write_text("nicht löschen", encoding="utf-8")
    with pytest.raises(ForeignDocsDirError):
        write_docs({"index.md": "# Start\n"}, content, docs)
    assert (docs / "wichtig.txt").read_text(encoding="utf-8") == "nicht löschen"


def test_render_streams_every_page_once_to_the_docs_folder(tmp_path: Path) -> None:
    """With a sink, render_site keeps nothing and hands over exactly the files of a normal render, each once;
    DocsSync has the file on disk as soon as it is handed over (memory does not grow with the atlas)."""
    from conftest import MINI
    from generator.pages.render import render_site
    from generator.check.validate import validate
    from generator.build.write import DocsSync

    atlas, problems = validate(MINI)
    assert atlas is not None, problems
    expected = render_site(atlas)
    docs = tmp_path / "docs"
    sync = DocsSync(tmp_path / "no-content", docs)
    seen: list[str] = []

    def sink(path: str, text: str) -> None:
        sync.write(path, text)
        assert (docs / path).read_bytes() == text.encode("utf-8")  # written at once, not at the end
        seen.append(path)

    assert render_site(atlas, sink=sink) == {}
    assert sorted(seen) == sorted(expected) and len(seen) == len(set(seen))
    report = sync.finish()
    assert (docs / "assets" / "leaflet" / "leaflet.js").is_file() and report.collisions == []
    for path, text in expected.items():
        assert (docs / path).read_bytes() == text.encode("utf-8")
