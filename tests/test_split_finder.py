"""Angebotsfinder and „In meiner Nähe“ per planning region above lists.split_by_region_above
(issue 7, generator/pages/finder_regions.py), on the rendered Markdown of small synthetic atlases."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCH))

import synth  # noqa: E402
from generator.core.markup import root_prefix, served_dir  # noqa: E402
from generator.core.names import fold  # noqa: E402
from generator.pages.render import render_site  # noqa: E402
from generator.pages.finder import unit_place_names  # noqa: E402
from generator.check.validate import validate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TOPS = ("angebote/finder.md", "angebote/naehe.md")


def _validate(data: Path):
    atlas, problems = validate(data)
    assert atlas is not None, problems
    return atlas


def _write_setting(data: Path, setting: str) -> None:
    config = data / "atlas.yaml"
    config.write_text(config.read_text(encoding="utf-8") + f"\nlists:\n  {setting}\n", encoding="utf-8")


def mobile_offer(data: Path) -> tuple[str, str, str]:
    """Let one offer of the first region serve a village of another region (a mobile offer across the border).
    Returns (offer id, village, region of the village)."""
    atlas = _validate(data)
    regions = sorted(atlas.regions)
    village, region = next((v, u.region) for u in atlas.municipalities.values() if u.region == regions[-1] for v in u.villages)
    home = {u.id for u in atlas.municipalities.values() if u.region == regions[0]}
    offer = next(o for o in sorted(atlas.offers.values(), key=lambda o: o.id) if o.municipality in home and o.status != "beendet")
    path = next(p for p in (data / "offers").rglob("*.yaml") if yaml.safe_load(p.read_text(encoding="utf-8"))["id"] == offer.id)
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    record["villages_served"] = [village]
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return offer.id, village, region


def split_atlas(data: Path, districts: int, mobile: bool = True):
    synth.generate(data, districts, seed=11, units_per_district=2, offers_per_centre=(2, 3))
    _write_setting(data, "split_by_region_above: 3")
    moved = mobile_offer(data) if mobile else None
    return _validate(data), moved


def _links(text: str, css: str) -> set[str]:
    """Record pages linked from the items of a finder or nearby list: {'angebote/<id>', 'familienzentren/<id>'}."""
    return set(re.findall(rf'<li class="{css}"[^>]*>(?:<span[^>]*>[^<]*</span> <span[^>]*>[^<]*</span> )?<a href="(?:\.\./)+([a-z]+/[a-z0-9-]+)/"', text))


def _index(text: str) -> dict[str, set[str]]:
    """The place index of a short page: name → region ids."""
    return {html_name: set(regions.split()) for html_name, regions in
            re.findall(r'<option value="([^"]*)" data-regions="([^"]*)"></option>', text)}


def test_region_pages_hold_exactly_their_regions_offers_places_and_centres(tmp_path):
    atlas, (moved, village, village_region) = split_atlas(tmp_path / "d", 3)
    current = [o for o in atlas.offers.values() if o.status != "beendet"]
    centres = [c for c in atlas.family_centres.values() if c.status != "beendet"]
    files = render_site(atlas)
    home = atlas.municipalities[atlas.offers[moved].municipality].region
    assert home != village_region
    for region in atlas.regions.values():
        units = {u.id for u in atlas.municipalities_of_region(region.id)}
        own = {o.id for o in current if o.municipality in units} | ({moved} if region.id == village_region else set())
        finder = files[f"angebote/regionen/{region.id}/finder.md"]
        assert _links(finder, "atlas-finder__item") == {f"angebote/{i}" for i in own}, region.id
        assert f'id="atlas-finder-anzahl" role="status" aria-live="polite">{len(own)} Angebote</p>' in finder
        assert 'id="atlas-finder" method="get" role="search"' in finder  # the same form and script hooks as the whole page
        assert 'id="atlas-finder-leer"' in finder and 'id="atlas-finder-ohne-js"' in finder
        own_centres = {c.id for c in centres if c.municipality in units}
        nearby = files[f"angebote/regionen/{region.id}/naehe.md"]
        assert _links(nearby, "atlas-naehe__item") == {f"angebote/{i}" for i in own} | {f"familienzentren/{i}" for i in own_centres}
        select = re.findall(r'<option value="(sr-[a-z0-9-]+)"', nearby)
        assert select == sorted(f"sr-{u}" for u in units) or set(select) == {f"sr-{u}" for u in units}
        for other in atlas.municipalities.values():
            if other.id not in units:
                assert f'value="sr-{other.id}"' not in nearby
    # the mobile offer is found by the village it serves on the page of the village's region
    finder = files[f"angebote/regionen/{village_region}/finder.md"]
    item = next(li for li in finder.split("\n") if f"/angebote/{moved}/" in li)
    assert fold(village) in item.split('data-places="')[1].split('"')[0].split("|")


def test_top_pages_are_a_region_table_and_a_place_index(tmp_path):
    atlas, (moved, village, village_region) = split_atlas(tmp_path / "d", 3)
    files = render_site(atlas)
    current = [o for o in atlas.offers.values() if o.status != "beendet"]
    for top in TOPS:
        text = files[top]
        assert "atlas-finder__item" not in text and "atlas-naehe__item" not in text  # no offers on the short page
        assert atlas.offers[moved].title not in text
        assert '<th scope="col">Planungsregion</th>' in text
        assert 'id="atlas-region-ohne-js"' in text  # without JavaScript: the table
        nearby = top.endswith("naehe.md")
        for region in atlas.regions.values():
            target = f"angebote/regionen/{region.id}/{'naehe' if nearby else 'finder'}.md"
            assert target in files
            served = root_prefix(top) + served_dir(target)
            units = {u.id for u in atlas.municipalities_of_region(region.id)}
            count = sum(1 for o in current if o.municipality in units) + (region.id == village_region)
            if nearby:
                count += sum(1 for c in atlas.family_centres.values() if c.municipality in units and c.status != "beendet")
            assert f'<tr><th scope="row"><a href="{served}">{region.name}</a></th><td>{count}</td>' in text, (top, region.id)
        pattern = re.search(r'data-region-url="([^"]+)"', text).group(1)
        some = next(iter(atlas.regions))
        assert pattern.replace("{region}", some) == root_prefix(top) + served_dir(f"angebote/regionen/{some}/{'naehe' if nearby else 'finder'}.md")
        index = _index(text)
        for unit in atlas.municipalities.values():
            for name in unit_place_names(unit):
                assert unit.region in index[name], (name, unit.id)
        expected = {n: {u.region for u in atlas.municipalities.values() if n in unit_place_names(u)}
                    for u in atlas.municipalities.values() for n in unit_place_names(u)}
        if nearby:
            for centre in atlas.family_centres.values():
                if centre.status != "beendet":
                    expected.setdefault(centre.name, set()).add(atlas.municipalities[centre.municipality].region)
        assert index == expected


@pytest.mark.heavy
def test_top_pages_do_not_grow_with_the_number_of_regions_except_table_and_index(tmp_path):
    sizes = {}
    for districts in (2, 4):
        atlas, _ = split_atlas(tmp_path / f"d{districts}", districts, mobile=False)
        files = render_site(atlas)
        for top in TOPS:
            text = files[top]
            index = re.search(r"<datalist.*?</datalist>", text).group(0)
            rows = text.count('<tr><th scope="row">')
            assert rows == districts
            # the index: one short option per place name, nothing else
            assert len(index) < 100 * (len(_index(text)) + 1)
            sizes[(districts, top)] = len(text) - len(index)
        region_pages = [p for p in files if p.startswith("angebote/regionen/") and p.endswith(("/finder.md", "/naehe.md"))]
        assert len(region_pages) == 2 * districts
    for top in TOPS:
        # without the index only the table grows, by one row (~250 characters) per region
        assert sizes[(4, top)] - sizes[(2, top)] < 2 * 400, (top, sizes)


def test_below_the_threshold_finder_and_nearby_are_unchanged(example_pages, example_pages_unsplit):
    default, huge = example_pages, example_pages_unsplit  # tests/conftest.py: threshold 1.000.000, never reached
    for top in TOPS:
        assert default[top] == huge[top]
        assert "atlas-region-wahl" not in default[top]
    assert "atlas-finder__item" in default["angebote/finder.md"] and "atlas-naehe__item" in default["angebote/naehe.md"]
    assert not any(p.startswith("angebote/regionen/") for p in huge)
