"""The scripts' messages in the page's language (issue 22).

assets/atlas-search.js (the search box on every page), atlas-finder.js (the Angebotsfinder, „In meiner Nähe“, the place
field of a big atlas' short finder pages) and atlas-hours.js (today's opening hours) write texts into the page. Their
German texts are in the scripts; a page in another language carries its own as JSON in `<script type="application/json"
id="atlas-texts">` (`{"search": {…}, "finder": {…}, "nearby": {…}, "region": {…}, "hours": {…}}`, only the groups the
page needs), made from the msgids of templates/_finder_texte.md.j2 with the language's catalogue.
The scripts read it, fill in `%(name)s` and write numbers with `Intl.NumberFormat` in the page's `lang` (Latin digits,
as core/i18n.py). German pages get nothing: they stay byte for byte as before.
"""

from __future__ import annotations

import json

from jinja2 import Environment

PARTIAL = "_finder_texte.md.j2"
ELEMENT_ID = "atlas-texts"


def script_texts(env: Environment, body: str) -> str:
    """The JSON element for a page in another language (`env`: that language's template environment)."""
    part = env.get_template(PARTIAL).make_module({})
    texts = {"search": part.search}
    if 'id="atlas-finder"' in body:
        texts["finder"] = part.finder
    if 'id="atlas-naehe"' in body:
        texts["nearby"] = part.nearby
    if 'id="atlas-region-wahl"' in body:
        texts["region"] = part.region
    if "data-atlas-hours" in body:
        texts["hours"] = part.hours
    data = json.dumps(texts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")  # safe inside <script>
    return f'<script type="application/json" id="{ELEMENT_ID}">{data}</script>'


__all__ = ["ELEMENT_ID", "PARTIAL", "script_texts"]
