"""vCards: one electronic business card (RFC 2426, vCard 3.0) per published contact.

vCard 3.0 rather than 4.0 because it is the version every address book imports (Outlook, Android, Apple,
Thunderbird); 4.0 is still refused or half-read by some of them.

The file is built from the contact and its organisation only:

  N, FN     the name, when the person agreed to publish it; otherwise the role (a role mailbox)
  ORG       the organisation's name
  TITLE     the role (only beside a name; without a name FN already is the role)
  EMAIL, TEL, ADR (the organisation's postal address), URL (the contact's page when `site_url` is
            known, else the organisation's website), CATEGORIES (topics), NOTE (responsibility)

Format: UTF-8, CRLF line ends, text values escaped (`\\` `,` `;` and line breaks), lines folded after at most
75 octets without splitting a character (RFC 2426 section 2.6 / RFC 6350 section 3.2). No REV or UID with
a time: the same contact gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..core.markup import clean_text  # control characters and bidi overrides never reach a card

CRLF = "\r\n"
MAX_OCTETS = 75


def escape(value: object) -> str:
    """A text value: backslash, comma and semicolon escaped, line breaks as `\\n` (RFC 2426 5.)."""
    text = clean_text(str(value or "")).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return text.replace("\n", "\\n").replace("\t", " ").strip()


def structured(parts: Iterable[object]) -> str:
    """A structured value (N, ADR, ORG): components escaped, separated by `;`."""
    return ";".join(escape(p) for p in parts)


def fold(line: str) -> str:
    """Fold one content line into lines of at most 75 octets (continuations start with a space)."""
    out: list[str] = []
    current, size, limit = [], 0, MAX_OCTETS
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            out.append("".join(current))
            current, size, limit = [], 0, MAX_OCTETS - 1  # the leading space counts
        current.append(ch)
        size += width
    out.append("".join(current))
    return (CRLF + " ").join(out)


def split_name(name: str) -> tuple[str, str]:
    """(family, given) for N: the last word is taken as the family name (FN keeps the name as written)."""
    words = name.split()
    if len(words) < 2:
        return name.strip(), ""
    return words[-1], " ".join(words[:-1])


def vcard(
    *,
    role: str,
    name: str | None = None,
    organisation: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    address: tuple[str, str, str, str] | None = None,
    url: str | None = None,
    categories: Iterable[str] = (),
    note: str | None = None,
) -> str:
    """The vCard text (CRLF line ends, ends with CRLF). `address` is (street, locality, city, postal code)."""
    lines = ["BEGIN:VCARD", "VERSION:3.0"]
    if name:
        family, given = split_name(name)
        lines += [f"N:{structured([family, given, '', '', ''])}", f"FN:{escape(name)}"]
    else:
        lines += [f"N:{structured([role, '', '', '', ''])}", f"FN:{escape(role)}"]
    if organisation:
        lines.append(f"ORG:{escape(organisation)}")
    if name:
        lines.append(f"TITLE:{escape(role)}")
    if email:
        lines.append(f"EMAIL;TYPE=INTERNET,WORK:{escape(email)}")
    if phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{escape(phone)}")
    if address:
        street, locality, city, postal_code = address
        # ADR: post office box; extended address; street; locality (city); region; postal code; country
        lines.append(f"ADR;TYPE=WORK:{structured(['', locality, street, city, '', postal_code, ''])}")
    if url:
        lines.append("URL:" + "".join(clean_text(url).split()))  # a URI, not text: no escaping, no spaces
    cats = [escape(c) for c in categories if c]
    if cats:
        lines.append("CATEGORIES:" + ",".join(cats))
    if note:
        lines.append(f"NOTE:{escape(note)}")
    lines.append("END:VCARD")
    return "".join(fold(line) + CRLF for line in lines)


__all__ = ["escape", "fold", "structured", "vcard"]
