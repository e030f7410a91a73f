"""Charts legible at first sight (issue 17, point 8) in a real browser, on a phone (390×844) and a laptop
(1366×768): on every page type with a chart, every text of every chart is rendered at 11 CSS px or more and
lies inside its chart (nothing clipped).

The charts are SVG files shown with `<img>` (or `<picture>`, one layout for narrow and one for wide screens),
so their text cannot be measured in place. `CHART_TEXTS` takes the file the browser chose (`currentSrc`),
puts its markup into the page in a box of exactly the image's rendered size and measures every `<text>`
there: font size × the scale from the viewBox to the screen, and the text's box against the SVG's box.
Inline chart SVGs (`svg[role=img]` with text) are measured where they are. Collapsed `<details>` are opened
first, so charts behind a click count as well. The same charts as files: tests/test_charts_legible.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from .first_sight import PAGE_TYPES, SIZE_IDS, SIZES, opened

pytestmark = pytest.mark.browser

MIN_FONT = 11.0  # CSS px
# page types with charts; tests/test_charts_legible.py fails when another page type gets a chart image
CHART_PAGES = ["sozialraum", "landkreis", "kennzahl"]

CHART_TEXTS = """async () => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  // charts only: a map's static image (.atlas-map, generator/visuals/maps.py) is a preview whose names the page
  // lists as text and the interactive map shows legibly (tests/browser/test_maps_first_sight.py)
  const images = [...document.querySelectorAll('img')].filter(img => /\\.svg($|[?#])/.test(img.currentSrc || img.src) && !img.closest('.atlas-map'));
  images.forEach(img => { img.loading = 'eager'; });
  await Promise.all(images.map(img => img.decode().catch(() => null)));
  const visible = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const measure = (svg, name) => {
    const box = svg.getBoundingClientRect();
    return [...svg.querySelectorAll('text')].filter(t => t.textContent.trim()).map(t => {
      const m = t.getScreenCTM();
      const r = t.getBoundingClientRect();
      return {chart: name, text: t.textContent.trim().slice(0, 50),
              size: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b),
              inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5};
    });
  };
  const out = [];
  for (const img of images.filter(visible)) {
    const source = img.currentSrc || img.src;
    const markup = await (await fetch(source)).text();
    const r = img.getBoundingClientRect();
    const holder = document.createElement('div');
    holder.style.cssText = `position:absolute;left:0;top:0;width:${r.width}px;height:${r.height}px;overflow:visible`;
    holder.innerHTML = markup;
    const svg = holder.querySelector('svg');
    svg.style.cssText = `display:block;width:${r.width}px;height:${r.height}px`;
    document.body.appendChild(holder);
    out.push(...measure(svg, source.split('/').pop()));
    holder.remove();
  }
  for (const svg of document.querySelectorAll('svg[role=img]')) {
    if (visible(svg) && svg.querySelector('text')) out.push(...measure(svg, svg.getAttribute('aria-labelledby') || 'inline'));
  }
  return out;
}"""


def chart_texts(page: Any) -> list[dict[str, Any]]:
    return page.evaluate(CHART_TEXTS)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("kind", CHART_PAGES)
def test_chart_text_is_large_enough_and_inside_its_chart(browser: Any, example_site_url: str, kind: str, size: tuple[int, int]) -> None:
    with opened(browser, example_site_url + PAGE_TYPES[kind], size) as (page, _visit):
        texts = chart_texts(page)
    charts = {t["chart"] for t in texts}
    if kind != "landkreis":  # the district page may show its figures as tables only
        assert charts, f"{kind}: keine Diagramme gefunden"
    small = [f'{t["chart"]}: „{t["text"]}“ {t["size"]:.1f} px' for t in texts if t["size"] < MIN_FONT - 0.05]
    clipped = [f'{t["chart"]}: „{t["text"]}“' for t in texts if not t["inside"]]
    assert not small, f"{kind} {size}: {len(small)} Texte unter {MIN_FONT:g} px, z. B. " + "; ".join(small[:8])
    assert not clipped, f"{kind} {size}: {len(clipped)} Texte abgeschnitten, z. B. " + "; ".join(clipped[:8])
