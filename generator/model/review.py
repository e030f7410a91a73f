"""Freshness of a record („Zuletzt geprüft“) and the prefilled „Fehler melden“ link of its page.

Both depend only on the data (the atlas' `data_date`, `review_months`, `report_url`, `site_url`), never
on the day of the build, so the same data give the same pages.

* `review_state(config, record)` → `Review`: the date of the last check, and whether the page should
  say that the entry is older than `review_months` before the data date or was never checked.
* `page_address(config, page)` → the public address of a generated page when `site_url` is set.
* `report_href(config, title, page, record_id)` → a `mailto:` link with subject and body, or the https
  form address with `{title}`, `{url}`, `{id}` filled in; percent-encoded; None without `report_url`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from ..core.formatting import fmt_date
from ..core.markup import served_dir
from .schema import AtlasConfig


@dataclass(frozen=True)
class Review:
    reviewed: dt.date | None
    due_before: dt.date  # entries checked before this date count as „länger nicht geprüft“
    months: int

    @property
    def date_text(self) -> str:
        return fmt_date(self.reviewed)

    @property
    def never(self) -> bool:
        return self.reviewed is None

    @property
    def stale(self) -> bool:
        return self.reviewed is not None and self.reviewed < self.due_before


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` months earlier (the last day of a shorter month: 31.03. − 1 → 28./29.02.)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    next_month = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = (next_month - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def review_state(config: AtlasConfig, record: Any) -> Review:
    return Review(getattr(record, "reviewed", None), months_before(config.data_date, config.review_months), config.review_months)


def page_address(config: AtlasConfig, page: str) -> str:
    """`https://atlas.example.org/angebote/krabbelgruppe/` for `angebote/krabbelgruppe.md`; empty without site_url."""
    if not config.site_url:
        return ""
    return config.site_url.rstrip("/") + "/" + served_dir(page)


def _encode(text: str) -> str:
    return quote(text, safe="")


def report_href(config: AtlasConfig, title: str, page: str, record_id: str) -> str | None:
    """The „Fehler melden“ address for one page, or None when the atlas has no report_url."""
    url = config.report_url
    if not url:
        return None
    address = page_address(config, page)
    if url.lower().startswith("mailto:"):
        subject = f"Fehler im {config.title}: {title}"
        lines = [f"Seite: {title}"]
        if address:
            lines.append(f"Adresse: {address}")
        lines += [f"Kennung: {record_id}", "", "Was stimmt nicht? Was ist richtig?", ""]
        body = "\r\n".join(lines)
        joiner = "&" if "?" in url else "?"
        return f"{url}{joiner}subject={_encode(subject)}&body={_encode(body)}"
    return url.replace("{title}", _encode(title)).replace("{url}", _encode(address)).replace("{id}", _encode(record_id))
