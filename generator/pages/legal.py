"""Legal pages from data/atlas.yaml `legal`: Impressum, Datenschutzerklärung, Erklärung zur Barrierefreiheit.

* `legal_pages(site, common)` adds `impressum.md`, `datenschutz.md` and `barrierefreiheit.md` to a render
  run (`site.Site`); the templates are `generator/pages/templates/{impressum,datenschutz,barrierefreiheit}.md.j2`.
  Without a `legal` section the pages still exist (the footer links to them) and say „Angaben fehlen“.
  With `legal.example: true` each page starts with a „Mustertext“ warning.
* In every language of the atlas (issue 22): headings and the generator's fixed texts are msgids (`_()`); what the
  district wrote (names, addresses, its own texts `legal.texts`) stays German, marked lang="de", with a sentence that
  the German version is the binding one.
* `legal_problems(data_dir)` is the problem `atlas check` reports when the section is missing: legal
  duties (§ 5 DDG, § 18 Abs. 2 MStV, Art. 13 DSGVO, the accessibility statement) are not optional for a
  public site, but a missing section must not stop previews and test builds, so `atlas build` only
  prints it as a note (cli.py).

Nothing here is about one Land: the data protection authority and the enforcement body are data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from ..core.markup import md_text
from ..core.problems import Problem, display_path
from ..load.files import load_yaml
from ..model.schema import CONFIG_FILE, Address
from .lotse_texts import LotseTexts
from .privacy_notice import third_party_section

PAGES = (
    ("impressum.md", "impressum.md.j2", "Impressum"),
    ("datenschutz.md", "datenschutz.md.j2", "Datenschutzerklärung"),
    ("barrierefreiheit.md", "barrierefreiheit.md.j2", "Erklärung zur Barrierefreiheit"),
)
STATUS = {"vollstaendig": "vollständig vereinbar", "teilweise": "teilweise vereinbar", "nicht": "nicht vereinbar"}
MISSING_MESSAGE = (
    "Abschnitt „legal“ (Rechtliche Angaben) fehlt: Impressum (§ 5 DDG, § 18 Abs. 2 MStV), Datenschutzerklärung "
    "und Erklärung zur Barrierefreiheit zeigen nur „Angaben fehlen“. Bitte Anbieter (provider), Verantwortliche "
    "(responsible), Datenschutz (privacy) und Barrierefreiheit (accessibility) eintragen – Muster im README, "
    "Abschnitt „Rechtliche Angaben“."
)


def address_lines(address: Address | None) -> Markup:
    """`Straße<br>` newline `PLZ Ort` (escaped), empty without address."""
    if address is None:
        return Markup("")
    lines = [address.street, " ".join(x for x in (address.postal_code, address.city) if x)]
    if address.locality:
        lines.insert(1, address.locality)
    return Markup("<br>\n".join(md_text(line) for line in lines if line))


def body_block(p: Any, body: Any, lt: Any = None) -> Markup:
    """Name, address and contact channels of an office as one Markdown paragraph with line breaks; on a page in another
    language (`lt`, lotse_texts.LotseTexts) name and address stay German, marked lang="de"."""
    if body is None:
        return Markup("")
    german = lt is None or lt.german
    lines = [Markup(md_text(body.name)) if german else lt.de(body.name)]
    address = address_lines(getattr(body, "address", None))
    if address:
        lines.append(address if german else Markup(f'<span lang="de" dir="ltr">{address}</span>'))
    lines += p.channels(body) if german else lt.channels(p, body)
    return Markup("<br>\n".join(str(line) for line in lines))


def host(url: str | None) -> str:
    """Host name of a tile URL template (`https://tile.example.org/{z}/…` → `tile.example.org`)."""
    return (urlsplit(url).hostname or "") if url else ""


def legal_pages(site: Any, common: dict[str, Any]) -> None:
    """Render the three legal pages into `site` (`site.Site`)."""
    config = site.atlas.config
    legal = getattr(config, "legal", None)
    context = dict(legal=legal, status_text=STATUS, address_lines=address_lines, body_block=body_block,
                   tiles=config.map.tiles, third_party_section=Markup(third_party_section(config.map.tiles)), tiles_host=host(config.map.tiles.url) if config.map.tiles else "", **common)
    for lang in config.languages:  # every language of the atlas (issue 22): German at `path`, the others at `<lang>/path`
        lt = LotseTexts(lang)
        for path, template, title in PAGES:
            site.page(lt.path(path), template, lt._(title), lang=lang, lt=lt, translated=True, **context)


def legal_problems(data_dir: Path) -> list[Problem]:
    """`data/atlas.yaml:1: Abschnitt „legal“ … fehlt` when the section is missing (nothing if the file is unreadable)."""
    path = Path(data_dir) / CONFIG_FILE
    if not path.is_file():
        return []
    doc, problems = load_yaml(path, display_path(path))
    if problems or not isinstance(doc.data, dict) or doc.data.get("legal") is not None:
        return []
    return [Problem(doc.display, 1, MISSING_MESSAGE)]


__all__ = ["legal_pages", "legal_problems", "address_lines", "PAGES"]
