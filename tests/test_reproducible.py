"""Same data → same bytes: two builds of the example atlas give identical site/ trees, and MkDocs' build
date (sitemap lastmod, the sitemap.xml.gz header) is SOURCE_DATE_EPOCH or else the atlas' data_date."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import os
import shutil
import struct
from pathlib import Path

import pytest
from conftest import MINI, REPO, build_site


def file_hashes(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def gzip_mtime(path: Path) -> int:
    header = path.read_bytes()[:10]
    assert header[:2] == b"\x1f\x8b"
    return struct.unpack("<I", header[4:8])[0]


def epoch(day: dt.date) -> int:
    return int(dt.datetime.combine(day, dt.time(), dt.timezone.utc).timestamp())


@pytest.mark.heavy
def test_two_builds_of_the_example_atlas_are_byte_identical(example_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    # the first build: the example atlas as built once per test run (tests/conftest.py, without SOURCE_DATE_EPOCH,
    # in another folder and maybe in another xdist worker process); the second is built here.
    first = example_site
    second_out = tmp_path / "zwei" / "anderer-ordner"
    build_site(MINI, second_out)  # a different atlas first: the second build also replaces an existing site
    second = build_site(REPO / "data", second_out)
    assert "SOURCE_DATE_EPOCH" not in os.environ  # set only while MkDocs builds
    one, two = file_hashes(first), file_hashes(second)
    assert len(one) > 100
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []
    assert gzip_mtime(first / "sitemap.xml.gz") == epoch(dt.date(2026, 11, 1))  # data_date of data/atlas.yaml


@pytest.mark.heavy
def test_source_date_epoch_sets_the_sitemap_dates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    with (data / "atlas.yaml").open("a", encoding="utf-8") as f:
        f.write("\nsite_url: https://atlas.example.org/\n")  # MkDocs lists pages in the sitemap only with a site_url

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    site = build_site(data, tmp_path / "a")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2026-01-15</lastmod>" in sitemap  # data_date of the mini atlas
    assert gzip_mtime(site / "sitemap.xml.gz") == epoch(dt.date(2026, 1, 15))
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode("utf-8") == sitemap

    given = epoch(dt.date(2030, 5, 6))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(given))
    site = build_site(data, tmp_path / "b")
    assert "<lastmod>2030-05-06</lastmod>" in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "2026-01-15" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert gzip_mtime(site / "sitemap.xml.gz") == given
    assert os.environ["SOURCE_DATE_EPOCH"] == str(given)


def test_a_bad_source_date_epoch_is_a_german_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    from generator.cli import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "gestern")
    code = main(["build", "--project", str(REPO), "--data", str(MINI), "--site", str(tmp_path / "site"), "--build-dir", str(tmp_path / "build")])
    err = capsys.readouterr().err
    assert code == 1
    assert "Fehler: SOURCE_DATE_EPOCH muss eine ganze Zahl (Sekunden seit 1970) sein, nicht „gestern“" in err
    assert not (tmp_path / "site").exists()
