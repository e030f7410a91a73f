"""Shared helpers: build an atlas from a data folder into a temp dir and read the HTML it wrote."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main

REPO = Path(__file__).resolve().parent.parent
MINI = Path(__file__).parent / "fixtures" / "mini"


def build_site(data: Path, out: Path) -> Path:
    """Run `atlas build` for `data` with the repository's mkdocs.yml, content/ and overrides/."""
    code = main(["build", "--project", str(REPO), "--data", str(data), "--site", str(out / "site"), "--build-dir", str(out / "build")])
    assert code == 0, "atlas build failed"
    return out / "site"


def page(site: Path, path: str) -> str:
    """Text of a built page, e.g. page(site, "sozialraeume/teststadt/")."""
    return (site / path / "index.html").read_text(encoding="utf-8") if not path.endswith(".html") else (site / path).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small test atlas, built once per test session."""
    return build_site(MINI, tmp_path_factory.mktemp("mini"))


@pytest.fixture
def mini_data(tmp_path: Path) -> Path:
    """A writable copy of the small test data."""
    shutil.copytree(MINI, tmp_path / "data")
    return tmp_path / "data"


FINDER_OVERLAY = Path(__file__).parent / "fixtures" / "finder"


@pytest.fixture(scope="session")
def finder_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini atlas plus tests/fixtures/finder (members with coordinates, offers for every finder filter), built once."""
    root = tmp_path_factory.mktemp("finder")
    shutil.copytree(MINI, root / "data")
    shutil.copytree(FINDER_OVERLAY, root / "data", dirs_exist_ok=True, ignore=shutil.ignore_patterns("README.md"))
    # the finder tests count exact result lists; the mini atlas's opening-hours offer (mobile, serving
    # the finder's villages) belongs to the hours tests. Its ended offer stays: the finder must skip it.
    (root / "data" / "offers" / "sprechstunde.yaml").unlink()
    return build_site(root / "data", root)


SEARCH = Path(__file__).parent / "fixtures" / "search"


@pytest.fixture(scope="session")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small atlas with real place names (Amt Brück with Borkheide, Teltow, Schwielowsee with Ferch) for the search tests."""
    return build_site(SEARCH, tmp_path_factory.mktemp("search"))


@pytest.fixture(scope="session")
def compact_search_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The search test atlas with the compact search index of big atlases (search: index: compact, 80 characters)."""
    root = tmp_path_factory.mktemp("compact")
    shutil.copytree(SEARCH, root / "data")
    config = root / "data" / "atlas.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "\nsearch:\n  index: compact\n  text_chars: 80\n", encoding="utf-8")
    return build_site(root / "data", root)


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini atlas with every free-text field hostile (tests/hostile_atlas.py), built once."""
    from hostile_atlas import make_hostile_data

    root = tmp_path_factory.mktemp("hostile")
    make_hostile_data(root / "data")
    return build_site(root / "data", root)
