"""The closing lines of `atlas import-indicators`: what was read, taken, not taken and failed (German)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.formatting import fmt_number, plural

if TYPE_CHECKING:
    from .indicators import Collected


def summary(out: Collected, taken: int, not_taken_count: int, errors: int, written: bool) -> str:
    """What was read (rows that add up), then what is taken – or would be (dry run, errors) –, not taken and failed."""
    atlas_rows = out.read - out.other_rows - out.invalid_rows
    rows = [f"{fmt_number(atlas_rows)} zu Gebieten des Atlas", f"{fmt_number(out.other_rows)} übersprungen (andere Gebiete oder Summenzeilen)"]
    if out.invalid_rows:
        rows.append(f"{fmt_number(out.invalid_rows)} mit unlesbarem Schlüssel")
    values = plural(taken, "Wert", "Werte") + (" übernommen" if written else " würde übernommen" if taken == 1 else " würden übernommen")
    parts = [values, f"{plural(not_taken_count, 'Angabe', 'Angaben')} nicht übernommen"]
    if errors:
        parts.append(plural(errors, "Fehler", "Fehler"))
    if out.other_years:
        parts.append(f"{plural(out.other_years, 'Angabe', 'Angaben')} anderer Jahre nicht gewählt (--year)")
    if out.other_dates:
        parts.append(f"{plural(out.other_dates, 'Angabe', 'Angaben')} anderer Stichtage nicht gewählt (--stichtag)")
    return f"{plural(out.read, 'Zeile', 'Zeilen')} gelesen: {', '.join(rows)}. Ergebnis: {', '.join(parts)}."


def nothing_written(errors: int, taken: int) -> str:
    """The closing line after errors: nothing is written, not even the values without errors."""
    text = f"{plural(errors, 'Fehler', 'Fehler')} – es wurde nichts geschrieben"
    if taken == 1:
        text += ", auch nicht der eine fehlerfreie Wert"
    elif taken > 1:
        text += f", auch keiner der {fmt_number(taken)} fehlerfreien Werte"
    return text + "; bitte die Fehler beheben und erneut einlesen."
