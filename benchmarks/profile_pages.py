"""Benchmark: what the Sozialraumprofile cost (issue 3). Run from the repository root:

    python benchmarks/profile_pages.py [--data DIR] [--repeat N]

Reports, for the given data folder (default: the example atlas in data/):
* validate + indicator engine (load, validate, model incl. indicators.compute),
* rendering all profile pages (contexts, hints, charts) against rendering everything,
* the bytes of profile pages and their charts in the docs folder and in the built site,
* MkDocs' build time for the whole site and the share of profile pages in the output.
Times are wall-clock seconds (best of N); nothing here asserts, the numbers are for the closing note.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.pages import render  # noqa: E402
from generator.pages.links import record_path  # noqa: E402
from generator.pages.site import Site  # noqa: E402

from generator.pages import profiles as render_profiles
from generator.build.pipeline import build  # noqa: E402
from generator.core.paths import Paths  # noqa: E402
from generator.check.validate import validate  # noqa: E402


def best(repeat: int, fn):
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    t_validate, (atlas, problems) = best(args.repeat, lambda: validate(args.data))
    if atlas is None:
        print("\n".join(map(str, problems)))
        return 1
    t_render, files = best(args.repeat, lambda: render.render_site(atlas))

    def profiles_only():
        site = Site(atlas)
        for unit in atlas.municipalities.values():
            site.page(record_path(unit), "sozialraum.md.j2", unit.name, unit=unit,
                      **render_profiles.unit_context(site, unit), district_name="", district_map="", units_map="", centres_map="")
        return site.files

    t_profiles, profile_files = best(args.repeat, profiles_only)
    units = len(atlas.municipalities)
    md = {p: c for p, c in profile_files.items() if p.endswith(".md")}
    svg = {p: c for p, c in profile_files.items() if p.endswith(".svg")}

    with tempfile.TemporaryDirectory() as tmp:
        paths = Paths.create(ROOT, args.data, Path(tmp) / "site", Path(tmp) / "build")
        start = time.perf_counter()
        assert build(paths) == []
        t_build = time.perf_counter() - start
        site = Path(tmp) / "site"
        html = sorted(site.rglob("*.html"))
        profile_html = [site / "sozialraeume" / u / "index.html" for u in atlas.municipalities]
        total_bytes = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        profile_bytes = sum(p.stat().st_size for p in profile_html)

    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"data: {args.data} – {units} units, {len(atlas.indicators)} indicators, {len(atlas.values)} given values")
    print(f"validate + model + indicator engine: {t_validate:.3f} s")
    print(f"render all pages and maps:           {t_render:.3f} s ({len(files)} files)")
    print(f"render the {units} profile pages:       {t_profiles:.3f} s = {t_profiles / units * 1000:.1f} ms per profile "
          f"({len(svg)} charts, {len(svg) / units:.1f} per profile)")
    print(f"profile Markdown: {sum(len(c.encode()) for c in md.values()) / units / 1024:.1f} KiB per page; "
          f"charts: {sum(len(c.encode()) for c in svg.values()) / len(svg) / 1024:.1f} KiB per SVG" if svg else "")
    print(f"full atlas build (validate → MkDocs): {t_build:.2f} s for {len(html)} HTML pages")
    print(f"profile HTML: {profile_bytes / units / 1024:.1f} KiB per page; site total {total_bytes / 1024 / 1024:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
