"""Languages of the site (issue 22): interface texts from gettext catalogues, numbers and dates per language.

German is the source language: the templates' German texts are the msgids, and a German page never goes
through a catalogue, so the German site stays exactly as it was. Every other language has a catalogue
`generator/locales/<code>/LC_MESSAGES/atlas.po` (interface text belongs to the generator, not to one atlas),
made from the template `generator/locales/atlas.pot` with Babel's `pybabel` (docs/developers.md). The build
reads the .po files and compiles them in memory (no .mo files: nothing generated lives in Git, and the same
.po gives the same bytes). Fuzzy entries are left out, as gettext does: the German text shows instead.

A catalogue whose header comment has no line `# Reviewed: <date or name>` (or says `# Reviewed: no`) is an
unchecked translation; the pages in that language say so (`reviewed`).

Numbers and dates: German through core/formatting.py (unchanged), every other language with Babel's CLDR
data. Digits are always the Latin ones (`latn`), also in Arabic: addresses, phone numbers, postcodes and the
maps of the atlas use them, and one page should not mix two digit systems. Rounding as in formatting.py
(halves away from zero).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

from . import formatting

DEFAULT = "de"
# Each language named in its own script (the language switcher); the order is the switcher's.
NAMES: dict[str, str] = {"de": "Deutsch", "en": "English", "uk": "Українська", "ar": "العربية"}
RTL = frozenset({"ar"})  # written right to left: <html dir="rtl">
LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "atlas"
TEMPLATE = LOCALES_DIR / f"{DOMAIN}.pot"  # every msgid the templates use (pybabel extract)
_REVIEWED = re.compile(r"^#\s*Reviewed:\s*(.*)$", re.MULTILINE | re.IGNORECASE)


def known() -> tuple[str, ...]:
    """The languages the generator can show: German and each language with a catalogue, in switcher order."""
    return _known(LOCALES_DIR)


@functools.cache
def _known(folder: Path) -> tuple[str, ...]:
    # once per process and folder: the theme asks for every page and every text in it (90.000 times in the example)
    return tuple(code for code in NAMES if code == DEFAULT or (folder / code / "LC_MESSAGES" / f"{DOMAIN}.po").is_file())


def catalogue_path(lang: str) -> Path:
    return LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def direction(lang: str) -> str:
    return "rtl" if lang in RTL else "ltr"


def switcher(languages: list[str]) -> list[dict[str, str]]:
    """The entries of the theme's language switcher (code, own name, direction); none for a single language."""
    return [{"code": code, "name": NAMES[code], "dir": direction(code)} for code in languages] if len(languages) > 1 else []


@functools.cache
def catalogue(lang: str) -> Catalog:
    """The language's catalogue as Babel reads it (cached per process)."""
    with catalogue_path(lang).open("rb") as f:
        return read_po(f, locale=lang, domain=DOMAIN)


@functools.cache
def template_ids() -> frozenset[str]:
    """The msgids of atlas.pot: what the templates use."""
    with TEMPLATE.open("rb") as f:
        return frozenset(m.id for m in read_po(f) if m.id and isinstance(m.id, str))


def reviewed(lang: str) -> bool:
    """Whether the district has checked the translation (`# Reviewed: …` in the catalogue's header comment)."""
    if lang == DEFAULT:
        return True
    found = _REVIEWED.search(catalogue(lang).header_comment or "")
    return bool(found) and found.group(1).strip().lower() not in ("", "no", "nein")


@functools.cache
def translations(lang: str) -> Translations:
    """The catalogue compiled in memory for Jinja's i18n extension (fuzzy entries left out)."""
    if lang == DEFAULT:
        return Translations()  # no catalogue: the msgids are the German texts
    buffer = io.BytesIO()
    write_mo(buffer, catalogue(lang), use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


# --------------------------------------------------------------------------------------------- formatting


def _pattern(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def fmt_number(value: float | int | None, decimals: int = 0, lang: str = DEFAULT) -> str:
    """`formatting.fmt_number` in the language: en `2,592.04`, uk `2 592,04`, ar `2,592.04` (Latin digits)."""
    if lang == DEFAULT or value is None:
        return formatting.fmt_number(value, decimals)
    decimals = max(0, int(decimals))
    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if number == 0:
        number = abs(number)
    return format_decimal(number, format=_pattern(decimals), locale=lang, numbering_system="latn")


def fmt_value(value: float | int | None, decimals: int = 0, unit: str | None = None, lang: str = DEFAULT) -> str:
    """Number and unit joined by a non-breaking space, as in German."""
    if lang == DEFAULT:
        return formatting.fmt_value(value, decimals, unit)
    text = fmt_number(value, decimals, lang)
    return text if value is None or not unit else f"{text}{formatting.NBSP}{unit}"


def fmt_date(value: dt.date | None, lang: str = DEFAULT) -> str:
    """A date in the language's medium form: en `Nov 1, 2026`, uk `1 лист. 2026 р.` (German `01.11.2026`)."""
    if lang == DEFAULT or value is None:
        return formatting.fmt_date(value)
    return format_date(value, "medium", locale=lang)


def fmt_date_long(value: dt.date | None, lang: str = DEFAULT) -> str:
    """en `November 1, 2026`, ar `1 نوفمبر 2026` (German `1. November 2026`)."""
    if lang == DEFAULT or value is None:
        return formatting.fmt_date_long(value)
    return format_date(value, "long", locale=lang)


def filters(lang: str) -> dict[str, object]:
    """The number and date filters of the templates for `lang` (German: formatting.FILTERS unchanged)."""
    if lang == DEFAULT:
        return {}
    return {
        "number": functools.partial(_number, lang=lang),
        "value": functools.partial(_value, lang=lang),
        "date": functools.partial(fmt_date, lang=lang),
        "date_long": functools.partial(fmt_date_long, lang=lang),
    }


def _number(value: float | int | None, decimals: int = 0, *, lang: str) -> str:
    return fmt_number(value, decimals, lang)


def _value(value: float | int | None, decimals: int = 0, unit: str | None = None, *, lang: str) -> str:
    return fmt_value(value, decimals, unit, lang)


__all__ = [
    "DEFAULT", "NAMES", "RTL", "LOCALES_DIR", "TEMPLATE", "known", "catalogue_path", "direction", "switcher", "catalogue", "template_ids",
    "reviewed", "translations", "fmt_number", "fmt_value", "fmt_date", "fmt_date_long", "filters",
]
