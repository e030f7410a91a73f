"""Offer overview lists split per planning region above lists.split_by_region_above (issue 7, generator/pages/lists.py)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCH))

import synth  # noqa: E402
from generator.core.markup import root_prefix, served_dir  # noqa: E402
from generator.pages.render import render_site  # noqa: E402
from generator.check.validate import validate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TOP = ("angebote/index.md", "angebote/zielgruppen.md", "angebote/orte.md", "angebote/alter.md")
REGION_FILES = {"angebote/index.md": "index.md", "angebote/zielgruppen.md": "zielgruppen.md",
                "angebote/orte.md": "orte.md", "angebote/alter.md": "alter.md"}


def _atlas(data: Path, setting: str | None):
    if setting is not None:
        config = data / "atlas.yaml"
        config.write_text(config.read_text(encoding="utf-8") + f"\nlists:\n  {setting}\n", encoding="utf-8")
    atlas, problems = validate(data)
    assert atlas is not None, problems
    return atlas


def _synthetic(tmp_path: Path, districts: int, setting: str | None = "split_by_region_above: 3"):
    data = tmp_path / f"d{districts}"
    synth.generate(data, districts, seed=11, units_per_district=2, offers_per_centre=(2, 3))
    atlas = _atlas(data, setting)
    return atlas, render_site(atlas)


def _offer_links(text: str) -> set[str]:
    """Offer pages linked from a list page in angebote/regionen/<id>/ (`../../<offer>.md`)."""
    return set(re.findall(r"^- \[[^\]]+\]\(\.\./\.\./([a-z0-9-]+)\.md\)", text, re.M))


def test_top_pages_link_each_region_with_its_count(tmp_path):
    atlas, files = _synthetic(tmp_path, 3)
    listed = [o for o in atlas.offers.values() if o.status != "beendet"]
    assert len(atlas.regions) == 3 and len(listed) > 3
    for top, name in REGION_FILES.items():
        text = files[top]
        assert f"Der Atlas enthält {len(listed)} aktuelle Angebote in 3 Planungsregionen." in text
        assert '<th scope="col">Planungsregion</th>' in text and "<caption>" in text
        assert "- [" not in text  # no offer list on the short page
        for region in atlas.regions.values():
            page = f"angebote/regionen/{region.id}/{name}"
            assert page in files
            units = {u.id for u in atlas.municipalities_of_region(region.id)}
            own = [o for o in listed if o.municipality in units]  # synth offers serve no villages of other regions
            served = root_prefix(top) + served_dir(page)  # raw HTML links as served
            assert f'<tr><th scope="row"><a href="{served}">{region.name}</a></th><td>{len(own)}</td>' in text, (top, region.id)


def test_a_region_page_lists_exactly_its_offers(tmp_path):
    atlas, files = _synthetic(tmp_path, 3)
    listed = [o for o in atlas.offers.values() if o.status != "beendet"]
    regions = list(atlas.regions.values())
    for region in regions:
        units = {u.id for u in atlas.municipalities_of_region(region.id)}
        own = {o.id for o in listed if o.municipality in units}
        text = files[f"angebote/regionen/{region.id}/orte.md"]
        assert _offer_links(text) == own
        assert f"Hier stehen die Angebote der Sozialräume der Planungsregion [{region.name}]" in text
        by_age = files[f"angebote/regionen/{region.id}/alter.md"]
        assert _offer_links(by_age) == own
        assert f"Hier stehen alle {len(own)} Angebote der Planungsregion" in by_age
        topics = files[f"angebote/regionen/{region.id}/index.md"]
        assert _offer_links(topics) <= own and _offer_links(topics)
        other = next(o for o in listed if o.municipality not in units)
        assert f"../../{other.id}.md)" not in topics + by_age + text
        assert "\nsearch_index: false\n" in by_age  # region lists stay out of the site search like the whole lists


@pytest.mark.heavy
def test_split_pages_do_not_grow_with_the_number_of_regions(tmp_path):
    sizes = {}
    for districts in (2, 4):
        atlas, files = _synthetic(tmp_path, districts)
        regions = [f for f in files if f.startswith("angebote/regionen/") and f.rsplit("/", 1)[1] in REGION_FILES.values()]
        assert len(regions) == 4 * districts
        sizes[districts] = (sum(len(files[p]) for p in regions) / len(regions), max(len(files[p]) for p in TOP))
    assert sizes[4][0] < sizes[2][0] * 1.3, sizes  # a region's list: about the same (twice the offers in all)
    assert sizes[4][1] < sizes[2][1] * 1.5, sizes  # the short page: one table row per region more


@pytest.mark.heavy
def test_below_the_threshold_nothing_changes(tmp_path, example_pages, example_pages_unsplit):
    default, huge = example_pages, example_pages_unsplit  # tests/conftest.py: threshold 1.000.000, never reached
    assert default == huge
    assert not any(p.startswith("angebote/regionen/") for p in default)
    assert "Hier stehen alle" in default["angebote/alter.md"] and "<caption>" not in default["angebote/alter.md"]
    _, files = _synthetic(tmp_path, 2, setting=None)  # synthetic atlas with few offers and the default: whole lists
    assert not any(p.startswith("angebote/regionen/") for p in files)


def test_setting_is_checked(tmp_path, capsys):
    from generator.cli import main

    data = tmp_path / "d"
    synth.generate(data, 1, seed=2, units_per_district=2, offers_per_centre=(1, 1))
    config = data / "atlas.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "\nlists:\n  split_by_region_above: -5\n", encoding="utf-8")
    assert main(["check", "--data", str(data)]) == 1
    out = capsys.readouterr()
    assert "atlas.yaml:" in out.out + out.err


def test_contact_lists_split_per_region(tmp_path):
    data = tmp_path / "c"
    synth.generate(data, 3, seed=11, units_per_district=2, offers_per_centre=(1, 1))
    atlas = _atlas(data, "split_contacts_by_region_above: 3")
    files = render_site(atlas)
    contacts = list(atlas.contacts.values())
    top = files["ansprechpersonen/index.md"]
    assert f"Der Atlas nennt {len(contacts)} Ansprechpersonen in 3 Planungsregionen." in top
    assert "## " not in top.split("<table>")[0].split("# Ansprechpersonen", 1)[1]  # no topic lists on the short page
    places = files["ansprechpersonen/orte.md"]
    assert '<h2 id="kreisweit"' in places  # district-wide contacts stay once, other pages link to them (issue 17: a group)
    for region in atlas.regions.values():
        units = {u.id for u in atlas.municipalities_of_region(region.id)}
        own = {c.id for c in contacts if set(c.municipalities) & units}
        page = f"ansprechpersonen/regionen/{region.id}/index.md"
        assert f'<a href="{root_prefix("ansprechpersonen/index.md") + served_dir(page)}">{region.name}</a></th><td>{len(own)}</td>' in top
        listed = set(re.findall(r'<li class="atlas-kontakt" data-contact="([a-z0-9-]+)"', files[page]))
        assert listed == own, region.id
        by_unit = files[f"ansprechpersonen/regionen/{region.id}/orte.md"]
        assert all(f'<h2 id="{u.id}"' in by_unit for u in atlas.municipalities_of_region(region.id))
        assert not any(f'<h2 id="{u.id}"' in by_unit for u in atlas.municipalities.values() if u.id not in units)
    # a contact page links its topics to the list that holds it
    contact = next(c for c in contacts if c.municipalities and c.topics)
    region = atlas.municipalities[contact.municipalities[0]].region
    assert f"(regionen/{region}/index.md#{contact.topics[0]})" in files[f"ansprechpersonen/{contact.id}.md"]
