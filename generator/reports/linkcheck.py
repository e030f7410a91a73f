"""Syntax checks of external addresses for `atlas report` – no network access, only the text itself.

The schema already refuses addresses without scheme or host. These checks find what it lets through
and what hides in free text (`sources`):

* `url_findings(url)` → German findings for one address of a link field (website, links[].url, …):
  spaces, unbalanced brackets, punctuation at the end, `http://` (unencrypted), a host that is no
  valid domain name (empty or over-long parts, a leading or trailing hyphen, an ending that is no
  top-level domain), a bad port, e-mail addresses without a domain ending, phone numbers with letters.
* `text_findings(text)` → (address, findings) for every address found in free text: `http(s):`
  addresses (punctuation that ends the sentence is not counted), `www.` without `https://`, e-mail
  addresses.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

_EMAIL = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")
_LABEL = re.compile(r"^[^\W_](?:[\w-]{0,61}[^\W_])?$")  # letters (also umlauts: IDN), digits, inner hyphens
_TLD = re.compile(r"^(?:[^\W\d_]{2,63}|xn--[a-z0-9-]+)$")
_TEXT_URL = re.compile(r"\bhttps?:[^\s<>\"„“”]+|(?<![\w@./])www\.[^\s<>\"„“”]+", re.IGNORECASE)
_TEXT_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*")
_SENTENCE_END = ".,;:!?"
_PAIRS = ("()", "[]", "{}")


def _balanced(text: str) -> bool:
    for opening, closing in _PAIRS:
        depth = 0
        for ch in text:
            depth += (ch == opening) - (ch == closing)
            if depth < 0:
                return False
        if depth:
            return False
    return True


def _host_findings(host: str) -> list[str]:
    if not host:
        return ["kein Rechnername nach „//“"]
    try:
        ipaddress.ip_address(host.strip("[]"))
        return []
    except ValueError:
        pass
    if "." not in host:
        return [f"Rechnername „{host}“ hat keine Domainendung (z. B. „.de“)"]
    labels = host.rstrip(".").split(".")
    if any(not label for label in labels) or any(not _LABEL.match(label) for label in labels):
        return [f"Rechnername „{host}“ ist fehlerhaft (leere Teile, Unterstrich oder Bindestrich am Rand)"]
    if not _TLD.match(labels[-1]):
        return [f"„.{labels[-1]}“ ist keine gültige Domainendung"]
    return []


def email_findings(address: str) -> list[str]:
    return [] if _EMAIL.match(address) else ["E-Mail-Adresse ohne gültige Domainendung oder mit unerlaubten Zeichen"]


def phone_findings(number: str) -> list[str]:
    return ["Telefonnummer enthält Buchstaben"] if re.search(r"[^\W\d_]", number) else []


def url_findings(url: str, in_text: bool = False) -> list[str]:
    """Findings for one address; empty when it looks right. `in_text`: found in free text (already trimmed)."""
    found: list[str] = []
    if any(ch.isspace() for ch in url):
        found.append("enthält Leerzeichen")
    lower = url.lower()
    if lower.startswith("mailto:"):
        return found + email_findings(url[7:].split("?")[0])
    if lower.startswith("tel:"):
        return found + phone_findings(url[4:])
    if lower.startswith("www."):
        found.append("ohne „https://“ am Anfang")
        url = "https://" + url
        lower = url.lower()
    elif not re.match(r"^https?://", lower):
        return found + ["beginnt nicht mit „https://“ (oder ein Schrägstrich fehlt)"]
    if not in_text and url[-1] in _SENTENCE_END:
        found.append(f"endet mit „{url[-1]}“ – gehört das Zeichen wirklich zur Adresse?")
    if not _balanced(url):
        found.append("Klammern sind nicht ausgeglichen")
    if lower.startswith("http://"):
        found.append("unverschlüsselt (http://) – gibt es die Seite unter https://?")
    parts = urlsplit(url)
    found += _host_findings(parts.hostname or "")
    try:
        parts.port
    except ValueError:
        found.append("Portangabe nach dem Doppelpunkt ist ungültig")
    return found


def _trim(candidate: str) -> str:
    """Drop punctuation that ends the sentence, and a closing bracket that opened before the address."""
    while candidate:
        if candidate[-1] in _SENTENCE_END:
            candidate = candidate[:-1]
        elif candidate[-1] in ")]}" and candidate.count(candidate[-1]) > candidate.count({")": "(", "]": "[", "}": "{"}[candidate[-1]]):
            candidate = candidate[:-1]
        else:
            break
    return candidate


def text_findings(text: str) -> list[tuple[str, list[str]]]:
    """(address, findings) for every faulty address in free text, in the order they appear."""
    result: list[tuple[str, list[str]]] = []
    taken: list[tuple[int, int]] = []
    for match in _TEXT_URL.finditer(text):
        address = _trim(match.group())
        taken.append((match.start(), match.end()))
        findings = url_findings(address, in_text=True)
        if findings:
            result.append((address, findings))
    for match in _TEXT_EMAIL.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue  # part of a web address (user@host in a URL)
        address = _trim(match.group())
        findings = email_findings(address)
        if findings:
            result.append((address, findings))
    return result
