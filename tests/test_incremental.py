"""Incremental work: a rebuild after editing one record rewrites only the affected files (generator/build/pipeline.py, generator/build/serve.py)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.build.pipeline import generate
from generator.core.paths import Paths
from generator.build.serve import Preview
from generator.check.validate import validate

from conftest import MINI, REPO

OLD = 1_000_000_000  # a modification time no file written by the test can have


def _paths(tmp_path: Path) -> Paths:
    shutil.copytree(MINI, tmp_path / "data")
    return Paths.create(REPO, tmp_path / "data", tmp_path / "site", tmp_path / "build")


def _generate(paths: Paths):
    atlas, problems = validate(paths.data)
    assert atlas is not None, problems
    return generate(atlas, paths)


def _age(folder: Path, when: float) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, (when, when))


def _touched(folder: Path, when: float) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and p.stat().st_mtime != when}


def _rename_offer(paths: Paths, old: str, new: str) -> None:
    offer = paths.data / "offers" / "krabbelgruppe.yaml"
    offer.write_text(offer.read_text(encoding="utf-8").replace(f"title: {old}", f"title: {new}"), encoding="utf-8")


def test_a_second_build_writes_nothing_and_an_edit_touches_only_the_affected_files(tmp_path: Path) -> None:
    paths = _paths(tmp_path)
    first = _generate(paths)
    assert first.written and first.added == first.written  # everything new
    _age(paths.docs, OLD)
    again = _generate(paths)
    assert (again.written, again.removed) == ([], [])
    assert _touched(paths.docs, OLD) == set()  # same bytes, also the Datenschutz page with its generated section

    _rename_offer(paths, "Krabbelgruppe", "Krabbelrunde")
    report = _generate(paths)
    touched = _touched(paths.docs, OLD)
    assert touched == set(report.written)
    assert report.added == [] and report.removed == [] and not report.files_changed
    # the offer's page, the lists that show its title, the finder, the exports, the pages that list it
    for expected in ("angebote/krabbelgruppe.md", "angebote/index.md", "angebote/finder.md", "angebote/orte/teststadt.md",
                     "daten/angebote.csv", "familienzentren/fz-teststadt.md", "sozialraeume/teststadt.md"):
        assert expected in touched, expected
        assert "Krabbelrunde" in (paths.docs / expected).read_text(encoding="utf-8"), expected
    # pages that do not show the offer stay as they were
    for unrelated in ("kennzahlen/altenquotient.md", "kennzahlen/index.md", "index.md", "assets/atlas.css", "impressum.md"):
        assert (paths.docs / unrelated).is_file(), unrelated
        assert unrelated not in touched, unrelated
    assert len(touched) < report.total // 4  # 14 of 114 files in the mini atlas


def test_a_removed_record_removes_its_page(tmp_path: Path) -> None:
    paths = _paths(tmp_path)
    _generate(paths)
    (paths.data / "offers" / "seniorentreff.yaml").unlink()
    report = _generate(paths)
    assert "angebote/seniorentreff.md" in report.removed and report.files_changed
    assert not (paths.docs / "angebote" / "seniorentreff.md").exists()


@pytest.mark.heavy
def test_preview_rebuilds_only_changed_pages_and_fully_when_pages_come_or_go(tmp_path: Path) -> None:
    paths = _paths(tmp_path)
    seen: list = []
    preview = Preview(paths, tmp_path / "preview", seen.extend, say=lambda text: None)
    site = tmp_path / "preview"
    try:
        assert preview.rebuild() == "full"
        assert preview.rebuild() == "unchanged"
        _age(paths.docs, OLD)
        _age(site, OLD + 100)  # built after its sources

        _rename_offer(paths, "Krabbelgruppe", "Krabbelrunde")
        assert preview.rebuild() == "dirty"
        rebuilt = _touched(site, OLD + 100)
        assert "Krabbelrunde" in (site / "angebote" / "krabbelgruppe" / "index.html").read_text(encoding="utf-8")
        assert {"angebote/krabbelgruppe/index.html", "angebote/index.html", "daten/angebote.csv"} <= rebuilt
        assert "kennzahlen/altenquotient/index.html" not in rebuilt  # not rendered again
        assert "index.html" not in rebuilt

        new = paths.data / "offers" / "babyschwimmen.yaml"
        text = (paths.data / "offers" / "krabbelgruppe.yaml").read_text(encoding="utf-8")
        new.write_text(text.replace("id: krabbelgruppe", "id: babyschwimmen").replace("title: Krabbelrunde", "title: Babyschwimmen"), encoding="utf-8")
        assert preview.rebuild() == "full"  # a new page: links and lists everywhere
        assert "Babyschwimmen" in (site / "angebote" / "babyschwimmen" / "index.html").read_text(encoding="utf-8")

        new.write_text("id: babyschwimmen\ntitle: [kaputt\n", encoding="utf-8")
        assert preview.rebuild() == "problems"
        assert seen and any("babyschwimmen.yaml" in str(problem) for problem in seen)
        assert "Babyschwimmen" in (site / "angebote" / "babyschwimmen" / "index.html").read_text(encoding="utf-8")  # last good pages stay
    finally:
        preview.close()


@pytest.mark.parametrize("name", ["is_dirty"])
def test_preview_leaves_no_dirty_state_for_later_builds(tmp_path: Path, name: str) -> None:
    from mkdocs.config.defaults import MkDocsConfig

    paths = _paths(tmp_path)
    preview = Preview(paths, tmp_path / "preview", lambda problems: None, say=lambda text: None)
    preview.rebuild()
    preview.close()
    cached = [p for p in MkDocsConfig.plugins.plugin_cache.values() if hasattr(p, name)]
    assert not any(getattr(plugin, name) for plugin in cached)


@pytest.mark.heavy
def test_big_atlas_preview_shows_the_edited_record_first_then_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two steps (serve.py, big atlases): the edited offer's own page at once, lists and exports in a second round."""
    import generator.build.serve as serve_module

    validated: list[Path] = []
    monkeypatch.setattr(serve_module, "validate", lambda data: validated.append(data) or validate(data))
    paths = _paths(tmp_path)
    requests: list[int] = []
    said: list[str] = []
    preview = Preview(paths, tmp_path / "preview", lambda problems: None, say=said.append,
                      request_rebuild=lambda: requests.append(1))
    preview.quick_records = 0  # the mini atlas as if it were a Land
    site = tmp_path / "preview"
    offer_page = site / "angebote" / "krabbelgruppe" / "index.html"
    try:
        assert preview.rebuild() == "full" and requests == []  # the first build is always complete
        _rename_offer(paths, "Krabbelgruppe", "Krabbelrunde")
        preview.builder()
        assert requests == [1]  # the server is asked for a second round
        assert said[-1].startswith("Vorschau: geänderte Einträge in ") and "(angebote/krabbelgruppe.md)" in said[-1]
        assert said[-1].endswith("Listen, Profile und Suche folgen.")
        assert "Krabbelrunde" in offer_page.read_text(encoding="utf-8")
        assert "Krabbelrunde" not in (paths.docs / "angebote" / "index.md").read_text(encoding="utf-8")  # not yet
        assert "Krabbelrunde" not in (paths.docs / "daten" / "angebote.csv").read_text(encoding="utf-8-sig")

        assert len(validated) == 2
        assert preview.rebuild() == "dirty" and requests == [1]  # the second round: everything, no third
        assert len(validated) == 2  # the data had not changed since the first step: its atlas is reused
        assert "Krabbelrunde" in (paths.docs / "angebote" / "index.md").read_text(encoding="utf-8")
        assert "Krabbelrunde" in (site / "angebote" / "index.html").read_text(encoding="utf-8")
        assert "Krabbelrunde" in (site / "daten" / "angebote.csv").read_text(encoding="utf-8-sig")
        assert preview.rebuild() == "unchanged"

        # a unit's profile and map are its own pages too
        unit = paths.data / "municipalities" / "teststadt.yaml"
        unit.write_text(unit.read_text(encoding="utf-8").replace("name: Teststadt", "name: Teststadt an der Havel", 1), encoding="utf-8")
        assert preview.rebuild() == "quick" and len(requests) == 2
        assert {"sozialraeume/teststadt.md", "karten/sozialraum-teststadt.html"} <= set(preview.quick_pages)
        assert "Teststadt an der Havel" in (site / "sozialraeume" / "teststadt" / "index.html").read_text(encoding="utf-8")
        assert preview.rebuild() == "dirty"

        # a new record, or a change without pages of its own (here: a contact), goes the normal way at once
        new = paths.data / "offers" / "babyschwimmen.yaml"
        text = (paths.data / "offers" / "krabbelgruppe.yaml").read_text(encoding="utf-8")
        new.write_text(text.replace("id: krabbelgruppe", "id: babyschwimmen").replace("title: Krabbelrunde", "title: Babyschwimmen"), encoding="utf-8")
        assert preview.rebuild() == "full" and len(requests) == 2
        contact = paths.data / "contacts" / "koordination-fh.yaml"
        contact.write_text(contact.read_text(encoding="utf-8").replace("role: Netzwerkkoordination Frühe Hilfen", "role: Netzwerkkoordination Kinderschutz"),
                           encoding="utf-8")
        assert preview.rebuild() == "dirty" and len(requests) == 2
        assert "Netzwerkkoordination Kinderschutz" in (site / "ansprechpersonen" / "index.html").read_text(encoding="utf-8")
    finally:
        preview.close()


@pytest.mark.heavy
def test_without_a_server_to_ask_the_preview_never_stops_halfway(tmp_path: Path) -> None:
    paths = _paths(tmp_path)
    preview = Preview(paths, tmp_path / "preview", lambda problems: None, say=lambda text: None)
    preview.quick_records = 0
    try:
        preview.rebuild()
        _rename_offer(paths, "Krabbelgruppe", "Krabbelrunde")
        assert preview.rebuild() == "dirty"
        assert "Krabbelrunde" in (tmp_path / "preview" / "angebote" / "index.html").read_text(encoding="utf-8")
    finally:
        preview.close()


def _search_entries(site: Path) -> list[tuple[str, str, str]]:
    from pagefind_index import pages  # the preview's site search (Pagefind, issue 18)

    return sorted((url, f["meta"].get("title", ""), f["content"]) for url, f in pages(site).items())


@pytest.mark.heavy
def test_preview_search_index_lists_every_page_once_after_dirty_rebuilds(tmp_path: Path) -> None:
    """After dirty builds the preview's search index (Pagefind) must equal a complete build's."""
    paths = _paths(tmp_path)
    preview = Preview(paths, tmp_path / "preview", lambda problems: None, say=lambda text: None)
    try:
        preview.rebuild()
        for new in ("Krabbelrunde", "Krabbeltreff"):
            _rename_offer(paths, "Krabbelgruppe" if new == "Krabbelrunde" else "Krabbelrunde", new)
            assert preview.rebuild() == "dirty"
        dirty = _search_entries(tmp_path / "preview")
    finally:
        preview.close()
    locations = [entry[0] for entry in dirty]
    assert len(locations) == len(set(locations)) and len(locations) > 20  # pages in the search (mini atlas: 30)
    assert any("Krabbeltreff" in title for _, title, _ in dirty)
    complete = Preview(Paths.create(REPO, paths.data, tmp_path / "site2", tmp_path / "build2"), tmp_path / "preview2",
                       lambda problems: None, say=lambda text: None)
    try:
        assert complete.rebuild() == "full"
        assert dirty == _search_entries(tmp_path / "preview2")
    finally:
        complete.close()
