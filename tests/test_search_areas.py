"""The site search of a large atlas split by planning region (issue 18, point 4): one Pagefind bundle per region.

The fixture atlas tests/fixtures/profile has two planning regions (Nord: three Sozialräume, Süd: one); with
`search: {split_above: 0}` in its atlas.yaml it counts as large. Checked on the built site: the marks name each
record page's region in the HTML (point 5: engine-independent), every region has its own bundle and the pages
without one are in the common bundle, pagefind/areas.json lists the bundles, and the index is the same byte for
byte when built again. Below the threshold (the same fixture as built for the other tests) nothing changes: one
bundle, no marks. The browser side (a query loads only the page's region): tests/browser/test_search_areas.py.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import PROFILE, build_site, page, shared_build

from generator.build import search_index
from generator.check.validate import validate

SPLIT = "search:\n  split_above: 0\n"


def split_data(folder: Path) -> Path:
    """tests/fixtures/profile with the threshold of the split search at 0 (every atlas with regions is „large“)."""
    shutil.copytree(PROFILE, folder)
    with (folder / "atlas.yaml").open("a", encoding="utf-8") as out:
        out.write(SPLIT)
    return folder


def build_split_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The split fixture atlas, built once per test run (also for tests/browser/test_search_areas.py)."""
    return shared_build(tmp_path_factory, "search-areas", lambda root: build_site(split_data(root / "data"), root))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_split_site(tmp_path_factory)


def areas_of(site: Path) -> dict[str, str]:
    """Path of each page (folder) → area id of its marks."""
    found = {}
    for path in sorted(site.rglob("index.html")):
        mark = re.search(r'data-atlas-area="([^"]+)" data-atlas-area-name="([^"]*)"', path.read_text(encoding="utf-8"))
        if mark:
            found[path.parent.relative_to(site).as_posix() + "/"] = mark.group(1)
    return found


def fragments(bundle: Path) -> set[str]:
    """The URLs of the pages in a Pagefind bundle (from its fragments)."""
    import gzip

    urls = set()
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        urls.add(json.loads(data[data.index(b"{"):])["url"])
    return urls


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_record_pages_name_their_region_in_the_html(site: Path):
    areas = areas_of(site)
    assert areas["sozialraeume/dorf-d/"] == "sued"
    assert areas["sozialraeume/dorf-b/"] == areas["angebote/krabbelgruppe/"] == areas["netzwerke/sozialraumkonferenz-dorf-b/"] == "nord"
    assert "Region Süd" in page(site, "sozialraeume/dorf-d/")  # the name, for the search box
    assert areas["organisationen/traeger-a/"] == "nord"  # all its offers lie in Region Nord
    # the Sozialraum's pages without record marks and the region's own page: only the area, no filters
    for path in ("leichte-sprache/dorf-d/", "ziele/sozialraeume/dorf-d/", "regionen/sued/"):
        assert areas[path] == "sued"
        assert "data-pagefind-filter" not in page(site, path)
    assert "index.html" not in areas and "kennzahlen/" not in areas  # pages of the whole district: common
    assert 'data-areas="' in page(site, "") and "atlas-search__scope" in page(site, "")


def test_each_region_has_its_own_bundle_and_the_rest_is_common(site: Path):
    bundle = site / "pagefind"
    assert not (bundle / "pagefind.js").exists()
    listing = json.loads((bundle / "areas.json").read_text(encoding="utf-8"))
    assert listing == {"common": "common/", "areas": [{"id": "nord", "name": "Region Nord", "bundle": "areas/nord/"},
                                                       {"id": "sued", "name": "Region Süd", "bundle": "areas/sued/"}]}
    areas = areas_of(site)
    nord, sued, common = (fragments(bundle / p) for p in ("areas/nord", "areas/sued", "common"))
    assert {u.strip("/") + "/" for u in sued} == {p for p, a in areas.items() if a == "sued"} == {
        "sozialraeume/dorf-d/", "leichte-sprache/dorf-d/", "ziele/sozialraeume/dorf-d/", "regionen/sued/"}
    assert {u.strip("/") + "/" for u in nord} == {p for p, a in areas.items() if a == "nord"}
    assert common and not common & (nord | sued)
    assert "/" in common and "/kennzahlen/" in common
    for part in ("areas/nord", "areas/sued", "common"):  # complete bundles, without Pagefind's own UIs
        assert (bundle / part / "pagefind.js").is_file() and (bundle / part / "pagefind-entry.json").is_file()
        assert not (bundle / part / "pagefind-ui.js").exists()


def test_split_index_is_the_same_byte_for_byte_when_built_again(site: Path, tmp_path: Path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    result = search_index.build_index(copy)
    assert result.areas == 2 and result.largest == len(fragments(site / "pagefind" / "areas" / "nord"))
    assert digest(copy / "pagefind") == digest(site / "pagefind")
    assert not list(tmp_path.glob(".*search-areas"))  # the folder of hard links is gone


def test_below_the_threshold_one_bundle_and_no_marks(profile_site: Path):
    assert (profile_site / "pagefind" / "pagefind.js").is_file()
    assert not (profile_site / "pagefind" / "areas.json").exists()
    assert not areas_of(profile_site)
    assert "data-areas" not in page(profile_site, "") and "atlas-search__scope" not in page(profile_site, "")


def test_threshold_must_not_be_negative(tmp_path: Path):
    data = shutil.copytree(PROFILE, tmp_path / "data")
    (data / "atlas.yaml").write_text((data / "atlas.yaml").read_text(encoding="utf-8") + "search:\n  split_above: -1\n", encoding="utf-8")
    atlas, problems = validate(data)
    assert atlas is None
    text = "\n".join(map(str, problems))
    assert "atlas.yaml" in text and "split_above" in text, text
