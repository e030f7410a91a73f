"""Sharded MkDocs build of big atlases (generator/build/shards.py): the same site as one build, errors still fail it.

The mini atlas is built once normally (conftest's mini_site) and once split into shards of 10 pages with
two processes; every file of the two sites must have the same bytes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import MINI, REPO, shared_build
from generator.cli import main


def _build(data: Path, out: Path, *extra: str) -> int:
    return main(["build", "--quiet", "--project", str(REPO), "--data", str(data), "--site", str(out / "site"),
                 "--build-dir", str(out / "build"), *extra])


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _sharded(out: Path) -> Path:
    assert _build(MINI, out, "--pages-per-shard", "10", "--jobs", "2") == 0
    return out / "site"


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once per test run (tests/conftest.py: shared_build); the tests only read it."""
    return shared_build(tmp_path_factory, "sharded", _sharded)


def test_sharded_build_gives_the_same_bytes_as_one_build(sharded_site: Path, mini_site: Path) -> None:
    one, sharded = _files(mini_site), _files(sharded_site)
    pages = [p for p in one if p.endswith(".html")]
    assert len(pages) > 3 * 10  # really more than three shards
    assert sorted(sharded) == sorted(one)
    assert [p for p in one if one[p] != sharded[p]] == []
    assert any(p.startswith("pagefind/fragment/") for p in sharded)  # the search indexes the merged site
    assert not list(sharded_site.parent.glob(".site.shard-*"))  # shard folders removed


@pytest.mark.heavy
def test_sitemap_of_a_sharded_build_lists_every_page_once(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    config = data / "atlas.yaml"
    text = config.read_text(encoding="utf-8")
    assert "site_url:" not in text
    config.write_text(text + "\nsite_url: https://atlas.example.org/kreis/\n", encoding="utf-8")
    assert _build(data, tmp_path / "one", "--pages-per-shard", "0") == 0
    assert _build(data, tmp_path / "sharded", "--pages-per-shard", "10", "--jobs", "2") == 0
    one, sharded = _files(tmp_path / "one" / "site"), _files(tmp_path / "sharded" / "site")
    sitemap = sharded["sitemap.xml"].decode()
    assert sitemap.count("<loc>") > 30 and sitemap.count("<loc>https://atlas.example.org/kreis/sozialraeume/teststadt/</loc>") == 1
    assert sharded["sitemap.xml"] == one["sitemap.xml"] and sharded["sitemap.xml.gz"] == one["sitemap.xml.gz"]
    assert [p for p in one if one[p] != sharded.get(p)] == []


def test_a_broken_link_in_one_shard_fails_the_whole_build_and_keeps_the_old_site(tmp_path: Path, capsys) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    project = tmp_path / "project"
    shutil.copytree(REPO, project, ignore=shutil.ignore_patterns(".git", ".venv", "site", "build", "data", "tests", "benchmarks"))
    (project / "content" / "kaputt.md").write_text("# Kaputt\n\n[Weg](gibt-es-nicht.md)\n", encoding="utf-8")
    out = tmp_path / "out"
    (out / "site").mkdir(parents=True)
    (out / "site" / "alt.html").write_text("alte Seite", encoding="utf-8")
    code = main(["build", "--quiet", "--project", str(project), "--data", str(data), "--site", str(out / "site"),
                 "--build-dir", str(out / "build"), "--pages-per-shard", "10"])
    err = capsys.readouterr().err
    assert code == 1 and "MkDocs-Build fehlgeschlagen" in err and "gibt-es-nicht.md" in err and "Traceback" not in err
    assert _files(out / "site") == {"alt.html": b"alte Seite"}


def test_shard_size_grows_for_very_big_sites() -> None:
    from generator.build.shards import PAGES_PER_SHARD, shard_size

    assert shard_size(724, 2) == PAGES_PER_SHARD  # one district: one build
    assert shard_size(9_103, 2) == PAGES_PER_SHARD  # a Land: 5 shards of ≤ 2.000 pages
    assert shard_size(260_000, 2) == 32_500  # Germany: 8 shards, 4 per process
