"""The short Angebotsfinder and „In meiner Nähe“ of a big atlas lead a typed place to its region's page
(issue 7, generator/pages/finder_regions.py), in Debian's Chromium.

The site: a small synthetic atlas (benchmarks/synth.py, 3 districts = 3 planning regions) with
`lists.split_by_region_above: 3`, so finder and nearby page are split per region.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from .conftest import REPO, serve

sys.path.insert(0, str(REPO / "benchmarks"))

import synth  # noqa: E402

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def split_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any]]:
    """(base URL, atlas) of the built synthetic atlas with split finder pages."""
    from conftest import shared_build  # tests/conftest.py
    from generator.cli import main
    from generator.check.validate import validate

    if not any(Path(p).is_file() for p in ("/usr/bin/chromium", "/usr/bin/chromium-headless-shell")):
        pytest.skip("Chromium fehlt")  # the `browser` fixture says why in CI; no build needed without it

    def make(work: Path) -> Path:
        data = work / "data"
        synth.generate(data, 3, seed=11, units_per_district=2, offers_per_centre=(2, 3))
        config = data / "atlas.yaml"
        config.write_text(config.read_text(encoding="utf-8") + "\nlists:\n  split_by_region_above: 3\n", encoding="utf-8")
        atlas, problems = validate(data)
        assert atlas is not None, problems
        code = main(["build", "--project", str(REPO), "--data", str(data), "--site", str(work / "site"), "--build-dir", str(work / "build")])
        assert code == 0, "atlas build (synthetischer Atlas mit Regionenseiten) fehlgeschlagen"
        shutil.rmtree(work / "build", ignore_errors=True)
        return work / "site"

    site = shared_build(tmp_path_factory, "split-finder", make)  # once per test run, read only
    atlas, problems = validate(site.parent / "data")
    assert atlas is not None, problems
    with serve(site) as url:
        yield url, atlas


def _village(atlas: Any) -> tuple[str, str, Any]:
    """A village of the first region whose name no other place has: (village, region id, its unit)."""
    from generator.core.names import fold
    from generator.pages.finder import unit_place_names

    names: dict[str, int] = {}
    for unit in atlas.municipalities.values():
        for name in unit_place_names(unit):
            names[fold(name)] = names.get(fold(name), 0) + 1
    region = sorted(atlas.regions)[0]
    for unit in sorted(atlas.municipalities_of_region(region), key=lambda u: u.id):
        for village in unit.villages:
            if names[fold(village)] == 1:
                return village, region, unit
    raise AssertionError("kein eindeutiger Ortsteil in der ersten Planungsregion")


def test_a_typed_village_opens_its_regions_finder_with_its_offers(page: Any, page_log: Any, split_site: tuple[str, Any]) -> None:
    url, atlas = split_site
    village, region, unit = _village(atlas)
    expected = sorted(o.title for o in atlas.offers.values() if o.municipality == unit.id and o.status != "beendet")
    assert expected
    page.goto(url + "angebote/finder/", wait_until="load")
    assert not page.locator("#atlas-region-ohne-js").is_visible()  # the script shows the place field instead
    field = page.get_by_label("Ort, Gemeinde oder Ortsteil")
    field.fill(village.upper())  # folded like the finder: case does not matter
    field.press("Enter")
    page.wait_for_url(f"**/angebote/regionen/{region}/finder/?*", wait_until="load")
    assert parse_qs(urlsplit(page.url).query) == {"ort": [village.upper()]}
    page.wait_for_function("document.getElementById('atlas-finder-anzahl').textContent.includes('gefunden')")
    shown = page.locator("#atlas-finder-liste > li:not([hidden]) > a").all_inner_texts()
    assert sorted(shown) == expected
    assert page.locator("#atlas-finder-ort").input_value() == village.upper()
    assert page_log.page_errors == [] and page_log.console_errors == []
    assert page_log.foreign_requests() == []


def test_an_old_link_with_a_query_is_forwarded_and_nearby_picks_the_village(page: Any, page_log: Any, split_site: tuple[str, Any]) -> None:
    url, atlas = split_site
    village, region, unit = _village(atlas)
    page.goto(url + f"angebote/finder/?ort={village}&alter=5", wait_until="load")
    page.wait_for_url(f"**/angebote/regionen/{region}/finder/?*", wait_until="load")
    assert parse_qs(urlsplit(page.url).query) == {"ort": [village], "alter": ["5"]}
    page.goto(url + "angebote/naehe/", wait_until="load")
    field = page.get_by_label("Ort, Gemeinde, Ortsteil oder Familienzentrum")
    field.fill(village)
    field.press("Enter")
    page.wait_for_url(f"**/angebote/regionen/{region}/naehe/?*", wait_until="load")
    page.wait_for_function("document.getElementById('atlas-naehe-status').textContent.includes('sortiert')")
    assert page.locator("#atlas-naehe-ort").input_value().startswith(f"ot-{unit.id}-")
    assert village in page.locator("#atlas-naehe-status").inner_text()
    page.goto(url + "angebote/finder/?ort=Nirgendwohausen", wait_until="load")  # unknown: stays, says so
    assert "Kein Ort „Nirgendwohausen“ gefunden" in page.locator("#atlas-region-status").inner_text()
    assert page_log.page_errors == [] and page_log.console_errors == []
    assert page_log.foreign_requests() == []


def test_the_region_pages_in_another_language(page: Any, page_log: Any, split_site: tuple[str, Any], axe_source: str) -> None:
    """Issue 22 (generator/pages/finder_regions_texts.py): a village typed on the Arabic short nearby page opens its region's
    Arabic nearby page with the village chosen and the status in Arabic; an unknown place on the English short finder is
    answered in English. Both pages right to left / left to right, without axe-core violations."""
    from .test_accessibility import describe, run_axe
    from generator.core.i18n import translations

    url, atlas = split_site
    village, region, unit = _village(atlas)
    arabic = translations("ar").gettext
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url + "ar/angebote/naehe/", wait_until="load")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    violations = run_axe(page, axe_source)
    assert violations == [], describe(violations)
    field = page.get_by_label(arabic("Ort, Gemeinde, Ortsteil oder Familienzentrum"))
    field.fill(village)
    field.press("Enter")
    page.wait_for_url(f"**/ar/angebote/regionen/{region}/naehe/?*", wait_until="load")
    assert page.locator("#atlas-naehe-ort").input_value().startswith(f"ot-{unit.id}-")
    status = page.locator("#atlas-naehe-status").inner_text()
    assert "مرتبة حسب المسافة من" in status and village in status and "sortiert" not in status, status
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    page.goto(url + "en/angebote/finder/?ort=Nirgendwohausen", wait_until="load")  # unknown: stays, says so in English
    assert page.locator("#atlas-region-status").inner_text() == "No place “\u2068Nirgendwohausen\u2069” found. Check the spelling or choose the planning region in the table."
    violations = run_axe(page, axe_source)
    assert violations == [], describe(violations)
    assert page_log.page_errors == [] and page_log.console_errors == []
    assert page_log.foreign_requests() == []
