"""The finder and „In meiner Nähe“ of a big atlas, split per planning region (finder_regions.py), in every language of the
atlas (issue 22, pages/finder_regions_texts.py), on the rendered Markdown of a small synthetic atlas: the short pages and
each region's pages in every language, with the region table, place field and results in the page's language and links
to the same language's pages; the German pages are those of a German-only atlas but for the front matter line
`translations:`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCH))

import synth  # noqa: E402
from generator.check.validate import validate  # noqa: E402
from generator.core.i18n import translations  # noqa: E402
from generator.pages.render import render_site  # noqa: E402

EXTRA = ["en", "uk", "ar"]
FINDER_FILES = re.compile(r"(angebote/(finder|naehe)|angebote/regionen/[^/]+/(finder|naehe))\.md")


def split_files(data: Path, languages: list[str]) -> tuple[object, dict[str, str]]:
    synth.generate(data, 2, seed=11, units_per_district=2, offers_per_centre=(2, 3), languages=languages)
    config = data / "atlas.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "\nlists:\n  split_by_region_above: 3\n", encoding="utf-8")
    atlas, problems = validate(data)
    assert atlas is not None, problems
    return atlas, {path: text for path, text in render_site(atlas).items() if FINDER_FILES.fullmatch(path.split("/", 1)[1] if path[:3] in ("en/", "uk/", "ar/") else path)}


def test_split_finder_in_every_language(tmp_path: Path) -> None:
    atlas, four = split_files(tmp_path / "four", ["de", *EXTRA])
    _, alone = split_files(tmp_path / "alone", ["de"])
    regions = sorted(atlas.regions)
    assert len(regions) > 1
    german = sorted(alone)
    assert german and sorted(four) == sorted(german + [f"{lang}/{path}" for lang in EXTRA for path in german])
    for path in german:  # the German pages: those of a German-only atlas and the languages they exist in
        head = alone[path].split("\n", 2)
        assert four[path] == "\n".join([head[0], head[1], 'translations: ["de", "en", "uk", "ar"]', head[2]]), path
    for lang in EXTRA:
        _ = translations(lang).gettext
        short = four[f"{lang}/angebote/naehe.md"]
        assert f"\nlang: {lang}\n" in short and "\nsearch_index: false\n" in short
        assert f"<caption>{_('In meiner Nähe je Planungsregion')}</caption>" in short and "Planungsregion</th>" not in short
        assert f'data-region-url="../../../{lang}/angebote/regionen/{{region}}/naehe/"' in short
        assert f'aria-label="{_("Ort suchen")}"' in short and "Zur Planungsregion" not in short
        for region in regions:  # the table leads to the region's page in the same language
            assert f'<a href="../../../{lang}/angebote/regionen/{region}/naehe/" lang="de" dir="ltr">' in short
        assert '"region":{"not_found":' in short
        for region in regions:
            finder = four[f"{lang}/angebote/regionen/{region}/finder.md"]
            nearby = four[f"{lang}/angebote/regionen/{region}/naehe.md"]
            assert _("Angebote der Planungsregion:") in finder and _("Andere Planungsregionen:") in nearby
            assert f'<form class="atlas-finder" id="atlas-finder" method="get" role="search" aria-label="{_("Angebote filtern")}">' in finder
            hrefs = re.findall(r'<li class="atlas-naehe__item"[^>]*>.*?<a href="([^"]+)"', nearby)
            assert hrefs and all(re.fullmatch(rf"(\.\./)+{lang}/(angebote|familienzentren)/[^/]+/", h) for h in hrefs), hrefs[:3]
            assert f'<span class="atlas-naehe__kind">{_("Angebot")}:</span>' in nearby and ">Noch kein Ort gewählt.<" not in nearby
            assert '"nearby":{' in nearby and '"finder":{' in finder
