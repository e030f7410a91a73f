"""HTML rules the W3C Nu checker found broken on the built example (issue 25, point 1), checked on every page the
generator writes: a <figcaption> only as the first or last child of its <figure> (1.158 errors on the profile and
indicator pages), no empty `action` on a form (the finder, „In meiner Nähe“, the contacts' filter), no `markdown`
attribute left over from Python-Markdown's md_in_html („Wer mit wem?“)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def pages(example_site: Path) -> dict[str, str]:
    return {path.relative_to(example_site).as_posix(): path.read_text(encoding="utf-8") for path in sorted(example_site.rglob("index.html"))}


def test_every_figcaption_is_the_first_or_last_child_of_its_figure(pages: dict[str, str]) -> None:
    """Figures are never nested here: each one's markup is read as text, its caption must open or close it."""
    checked, wrong = 0, []
    for path, html in pages.items():
        for inner in re.findall(r"<figure\b[^>]*>(.*?)</figure>", html, re.S):
            if "<figcaption" not in inner:
                continue
            checked += 1
            inner = inner.strip()
            first = inner.startswith("<figcaption") and inner.count("<figcaption") == 1
            last = inner.endswith("</figcaption>") and inner.count("<figcaption") == 1
            if not (first or last):
                wrong.append(f"{path}: {inner[:80]}")
    assert checked > 500 and not wrong, wrong[:5]


def test_no_form_with_an_empty_action_and_no_markdown_attribute(pages: dict[str, str]) -> None:
    forms = [path for path, html in pages.items() if "<form" in html and 'role="search"' in html]
    assert len(forms) >= 4  # finder, nearby, contacts' filter, and the header's search box on every page
    assert [path for path, html in pages.items() if re.search(r'<form\b[^>]*\baction=""', html)] == []
    assert [path for path, html in pages.items() if re.search(r'<[a-z]+\b[^>]*\smarkdown="', html)] == []


def test_map_documents_keep_every_script_inside_the_body(example_site: Path) -> None:
    """folium writes its scripts after </body>, where HTML allows nothing but comments and white space."""
    documents = sorted((example_site / "karten").glob("*.html"))
    assert len(documents) > 50
    for path in documents:
        html = path.read_text(encoding="utf-8")
        assert html.count("</body>") == 1 and re.fullmatch(r"</body>\s*</html>\s*", html[html.index("</body>"):]), path.name
        assert html.index("L.map(") < html.index("</body>"), path.name


def test_chart_images_carry_the_size_of_their_drawing(pages: dict[str, str], example_site: Path) -> None:
    """Every chart image and its phone drawing (<source>) names the drawing's width and height, so the browser lays
    the page out once instead of again for every chart that arrives (no jumping while the page loads)."""
    checked = 0
    for path, html in pages.items():
        for tag, attr in re.findall(r'(<(?:img|source)\b[^>]*\b(src|srcset)="[^"]*diagramme/[^"]+\.svg"[^>]*>)', html):
            url = re.search(rf'\b{attr}="([^"]+)"', tag).group(1)
            svg = (example_site / path).parent.joinpath(url).resolve().read_text(encoding="utf-8")
            width, height = re.match(r'<svg\b[^>]*?\swidth="([0-9.]+)"[^>]*?\sheight="([0-9.]+)"', svg).groups()
            assert f'width="{width}" height="{height}"' in tag, f"{path}: {tag}"
            checked += 1
    assert checked > 1000
