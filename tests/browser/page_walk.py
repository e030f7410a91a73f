"""One walk through every page type of the test atlas with map tiles (`tiles_site`), read once for the checks that
each need every page type as a first visit: the privacy log (test_privacy.py) and axe-core in the light and the
dark colour scheme (test_accessibility.py). `tiles_walk` in tests/browser/conftest.py makes it once per test run.

Each page type is opened as before in its own test: a fresh browser context (German, 1280×900, service workers
blocked, every request recorded, those to other hosts aborted), the page loaded, its lazy map frames loaded too,
then the network left to go quiet. Then, in this order, the same page is read for

* privacy: every URL it asked for and its cookies, before anything else happens on it;
* the light scheme (the visitor's system setting): its colour scheme attribute, the language of the page and of
  each frame, axe-core's WCAG 2.1 A/AA violations of the page and its frames;
* the dark scheme: the system setting switched to dark and the header's toggle clicked, as Material does on a
  load in the dark (it sets the same `data-md-color-*` attributes of the palette's dark entry; the map
  documents have no dark style of their own), without Material's fade, and axe-core's colour rules run again.
"""

from __future__ import annotations

from typing import Any

from .test_accessibility import COLOUR_RULES, PAGE_TYPES, load_frames, run_axe

DARK_TOGGLE = "label[for^='__palette_'][title='Dunkle Darstellung einschalten']"
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; }"


def walk(browser: Any, base_url: str, site: Any, axe_source: str) -> dict[str, dict[str, Any]]:
    """{page type path: what was read}; a page type whose page is missing (a pending one) is left out."""
    found: dict[str, dict[str, Any]] = {}
    for page_type in PAGE_TYPES:
        if not page_type.file(site).is_file():
            continue
        context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900}, service_workers="block")
        requests: list[str] = []
        try:
            page = context.new_page()
            page.on("request", lambda request: requests.append(request.url))
            page.emulate_media(color_scheme="light")
            response = page.goto(base_url + page_type.path, wait_until="load")
            assert response is not None and response.ok, f"{page_type.path}: HTTP {response.status if response else '–'}"
            load_frames(page)
            page.wait_for_load_state("networkidle")
            seen: dict[str, Any] = {"requests": list(requests), "cookie": page.evaluate("document.cookie")}
            seen["scheme"] = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
            seen["langs"] = [frame.evaluate("document.documentElement.lang") for frame in page.frames]
            seen["light"] = run_axe(page, axe_source)
            # Material fades colours (transition: color 125 ms): on a loaded machine axe could read a colour half way
            # between the schemes (dark text on the dark background), and the browser paints the fade frame by frame
            # (a third of the switch's CPU time). The switch shows the dark colours at once; any transition left
            # (none expected) is waited for.
            page.add_style_tag(content=NO_TRANSITIONS)
            page.emulate_media(color_scheme="dark")
            page.locator(DARK_TOGGLE).click()
            page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
            page.evaluate("() => Promise.all(document.getAnimations().filter(a => a instanceof CSSTransition).map(a => a.finished))")
            seen["dark_scheme"] = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
            seen["dark"] = run_axe(page, axe_source, COLOUR_RULES)
            found[page_type.path] = seen
        finally:
            context.close()
    return found
