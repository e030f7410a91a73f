"""`Site`: the one object every page module renders through, and the Jinja environment of the templates.

A render run makes one `Site`; each page module adds its pages with `site.page(path, template, title,
**context)` (a template from templates/ with `PageTools` as `p`), `site.map(…)` or `site.add(path, text)`.
`Site` checks that no path is made twice, adds the search marks, and hands every
finished file to its `sink` (or keeps it in `files`).

Safety: every value a template prints is escaped for Markdown and HTML by the environment's `finalize`
(core/markup.py `md_text`); only `Markup` built by `PageTools` passes unchanged.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..core import i18n
from ..core.formatting import FILTERS
from ..core.markup import front_matter, html_attr, md_paragraphs, md_text
from . import languages, record_texts
from ..core.paths import BuildError
from ..core.template_cache import cache
from ..exports import jsonld
from ..model import hours, review
from ..model.atlas import Atlas, is_active
from ..model.schema import MEASURE_STATUSES, Indicator, Offer
from ..model.targets import STATUS_LABELS
from ..visuals import basemap, maps, thematic
from . import TEMPLATES_DIR, figures, people, search_marks, searchwords, termine
from .links import record_path
from .tools import PageTools

_BLANK_LINES = re.compile(r"\n{3,}")
DEFAULT_EXAMPLE_NOTICE = "Dieser Atlas enthält Beispieldaten. Erfundene Einträge sind mit „Beispiel“ gekennzeichnet."

DISTRICT_MAP = "landkreis"  # units (by population) and family centres
UNITS_MAP = "sozialraeume"  # units by population
CENTRES_MAP = "familienzentren"  # family centres, unit seats for orientation

# Age bands of the "Angebote nach Alter" page: (label, min, max)
AGE_BANDS = [
    ("Babys und Kleinkinder (unter 3 Jahren)", 0, 2),
    ("Kinder von 3 bis 5 Jahren", 3, 5),
    ("Schulkinder (6 bis 11 Jahre)", 6, 11),
    ("Jugendliche (12 bis 17 Jahre)", 12, 17),
    ("Junge Erwachsene (18 bis 26 Jahre)", 18, 26),
    ("Erwachsene (27 bis 59 Jahre)", 27, 59),
    ("Ältere Menschen (ab 60 Jahren)", 60, 200),
]

@functools.cache
def environment(lang: str = i18n.DEFAULT) -> Environment:
    """The page templates' environment, made once per process and language: it holds no atlas data (that comes with
    each render call), and its compiled templates serve every later build of the process (preview, tests) and,
    from the user's cache folder, the next processes (core/template_cache.py).
    `lang` (issue 22): `_()` from that language's catalogue, numbers and dates in its format (languages.py)."""
    env = Environment(
        extensions=["jinja2.ext.do", "jinja2.ext.i18n"],
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=False,  # escaping for Markdown+HTML happens in finalize (md_text)
        finalize=md_text,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=cache("pages"),
    )
    env.filters.update(FILTERS)
    env.filters["paragraphs"] = md_paragraphs
    env.filters["attr"] = html_attr
    env.filters["to_set"] = set  # for `in` tests against many ids (a list would make them O(n) each)
    env.filters["places"] = searchwords.places  # " (Borkheide, Borkwalde, …)" after a unit name
    env.globals.update(age_bands=AGE_BANDS, measure_status=MEASURE_STATUSES)
    env.filters["cell"] = lambda v, p, ind: p.value(ind, v, unit=False)
    env.filters["count_status"] = lambda status, rows: sum(1 for r in rows if r.status == status)
    env.filters["status_label"] = lambda status: STATUS_LABELS[status]
    env.filters["status_phrase"] = lambda status, rows: (f"{n} {STATUS_LABELS[status]}" if (n := sum(1 for r in rows if r.status == status)) else "")
    env.globals["people"] = people.PeopleTools  # `{% set pp = people(p) %}`: contacts, vCards, matrix
    env.globals["termine"] = termine.TermineTools  # `{% set tt = termine(p) %}`: next dates and calendar feeds (issue 21)
    env.tests["contains"] = lambda seq, item: item in (seq or ())
    env.tests["active"] = is_active  # not „beendet“
    env.globals.update(hours=hours, review=review, jsonld=jsonld.jsonld)  # opening hours, status, last check, structured data
    env.tests["for_ages"] = _for_ages
    languages.install(env, lang)
    record_texts.install(env, lang)  # hours, ages, terms, contacts of record pages in `lang` (issue 22)
    return env


def _for_ages(offer: Offer, low: int, high: int) -> bool:
    """Whether an offer's age range overlaps [low, high] (no range: every age)."""
    if offer.ages is None:
        return True
    return offer.ages.min <= high and (offer.ages.max is None or offer.ages.max >= low)


def duplicate_page_message(path: str) -> str:
    return (f"Die Seite {path} würde zweimal erzeugt; eine Kennung ist vermutlich für eine Übersichtsseite "
            "reserviert (z. B. „index“, „orte“, „zielgruppen“, „alter“). Bitte die Kennung ändern.")


class Site:
    """Collects the files of one render run; every page module renders through it.

    Attributes:
        atlas: the validated `Atlas` being rendered (read only).
        files: docs path → content of every finished file, unless `sink` takes them.
        paths: every docs path added so far (a path added twice raises `BuildError`).
        sink: `sink(path, content)` receives each file as soon as it is final (build/write.py streams
            them to disk; build/parallel.py sends them from worker processes).
        notice: the example-data notice (the theme shows it in its banner, see build/pipeline.py).
        finishers: per-page changes registered with `later`, applied when that page is added.
        cache: work the page modules share within one run (e.g. rankings), keyed by the module.

    Methods for page modules: `page` (a template with `PageTools` as `p`), `map` and `thematic` (map
    documents and their static SVG), `add` (a finished file), `later` (change a page when it is added).
    """

    def __init__(self, atlas: Atlas, sink: Callable[[str, str], None] | None = None) -> None:
        self.atlas = atlas
        self.files: dict[str, str] = {}  # the rendered files, unless a sink takes them
        self.paths: set[str] = set()
        self.sink = sink
        self.notice = atlas.config.example_notice or DEFAULT_EXAMPLE_NOTICE
        # per-page changes registered by the page makers (`later`), applied when a page is added
        self.finishers: dict[str, Callable[[str], str]] = {}
        self.cache: dict[Any, Any] = {}  # work the page makers share within one render (e.g. rankings)

    # made on first use: a Site that only lists the parts (build/parallel.py) or writes redirects needs neither
    @functools.cached_property
    def env(self) -> Environment:
        return environment()

    @functools.cached_property
    def marks(self) -> dict[str, search_marks.Marks]:
        """Search marks of the record pages: filters and searchable metadata for Pagefind (search_marks.py)."""
        return search_marks.page_marks(self.atlas, record_path)

    def later(self, path: str, finish: Callable[[str], str]) -> None:
        """Change the page `path` when it is added (e.g. `search_index: false` in its front matter)."""
        self.finishers[path] = finish

    def add(self, path: str, content: str) -> None:
        if path in self.paths:
            raise BuildError(duplicate_page_message(path))
        self.paths.add(path)
        if path in self.finishers:
            content = self.finishers.pop(path)(content)
        content = search_marks.mark_page(path, content, self.marks)  # search filters and words; lists stay out
        if self.sink is not None:
            self.sink(path, content)
        else:
            self.files[path] = content

    def page(self, path: str, template: str, title: str, lang: str = i18n.DEFAULT, **context: Any) -> None:
        tools = PageTools(self.atlas, path)
        env = self.env if lang == i18n.DEFAULT else environment(lang)
        body = env.get_template(template).render(atlas=self.atlas, p=tools, title=title, figures=figures, lang=lang, **context)
        body = "\n".join(line.rstrip() for line in body.strip().splitlines()) + "\n"
        body = _BLANK_LINES.sub("\n\n", body)
        # The example notice is not repeated in the page: the theme's banner (overrides/main.html) is the one
        # notice of every page, and each invented record carries its badge (issue 17).
        head = front_matter(title)
        if len(self.atlas.config.languages) > 1:  # issue 22: the page's language and the languages it exists in
            head, body = languages.localize(env, head, body, lang, self.atlas.config.languages if context.get("translated") else [])
        self.add(path, head + body)

    def translated(self, path: str, template: str, title: str, **context: Any) -> None:
        """A page in every language of the atlas (issue 22): German at `path`, each other language at `<lang>/path`.
        The template marks its interface texts with `_()` (catalogues: generator/locales/)."""
        for lang in self.atlas.config.languages:
            target = path if lang == i18n.DEFAULT else f"{lang}/{path}"
            self.page(target, template, title, lang=lang, translated=True, **context)

    def map(self, name: str, title: str, points: list[maps.Point], focus: tuple[str, ...] = ()) -> None:
        """Point map `karten/<name>.html` and its static SVG; with boundaries (data/boundaries.geojson) on the units'
        areas and names, the units in `focus` (ids) highlighted and in view."""
        config = self.atlas.config.map
        names = {u.id: u.name for u in self.atlas.municipalities.values()}
        base = basemap.base_layer(self.atlas.boundaries, names, focus)
        self.add(maps.map_path(name), maps.render_map(name, title, points, config.bounds, config.tiles, base))
        self.add(maps.svg_path(name), maps.render_static(title, points, config.bounds, base, self.atlas.area.border))

    def thematic(self, name: str, title: str, ind: Indicator, values: list[figures.MapValue]) -> thematic.ThematicMap:
        """Indicator map: areas by class with boundaries (data/boundaries.geojson), else circles; every unit, also without value."""
        config = self.atlas.config.map
        found = {v.unit.id: v for v in values}
        areas = [
            thematic.AreaValue(u.id, u.name, u.location.lat, u.location.lon, found[u.id].value.value if u.id in found else None,
                               found[u.id].text if u.id in found else "", u.id in found and found[u.id].value.example)
            for u in self.atlas.municipalities.values()
        ]
        result = thematic.render_thematic(name, title, areas, config.bounds, config.tiles, boundaries=self.atlas.boundaries,
                                          unit=ind.unit, decimals=ind.decimals, method=ind.classification, k=ind.classes,
                                          border=self.atlas.area.border)
        self.add(maps.map_path(name), result.html)
        self.add(maps.svg_path(name), result.svg)
        return result
