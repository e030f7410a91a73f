"""Warnings about the texts in Leichter Sprache of life situations and benefits (field `easy`): `atlas check` prints them.

Nothing here is an error: a situation without a text in Leichter Sprache simply gets no page in Leichter Sprache
(pages/easy_lebenslagen.py), and only people can judge whether a text is easy. The check points at what editors
can fix, each as `path:line: message` in German:

- a situation without `easy` (no page in Leichter Sprache), a benefit without `easy` that a situation with one lists
  (that page then names the benefit only with a link);
- a sentence of more than `MAX_WORDS` words;
- signs and abbreviations the rules of Leichte Sprache (Netzwerk Leichte Sprache) advise against: „§“, percent,
  „SGB“, „z. B.“, „bzw.“, „usw.“, „ggf.“, „ca.“.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..core.problems import Problem, display_path
from ..load.files import Document, load_yaml
from ..model.schema import KINDS

MAX_WORDS = 15
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# (pattern, what to write instead) – the rules of Leichte Sprache: no paragraphs signs, no percent, no abbreviations
_HARD = (
    (re.compile(r"§"), "„§“", "das Gesetz mit Worten nennen oder „Das steht im Gesetz.“ schreiben"),
    (re.compile(r"%|\bProzent\b"), "Prozent", "mit Worten sagen, z. B. „die Hälfte“ oder „viele“"),
    (re.compile(r"\bSGB\b"), "„SGB“", "das Gesetz mit Worten nennen oder „Das steht im Gesetz.“ schreiben"),
    (re.compile(r"\b(z\.\s?B\.|bzw\.|usw\.|ggf\.|ca\.)"), "die Abkürzung „{match}“", "das Wort ausschreiben"),
)


def _documents(data_dir: Path, kind: str) -> list[Document]:
    """The readable record files of a kind (unreadable ones are the validation's business)."""
    folder = Path(data_dir) / KINDS[kind].folder
    docs = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        doc, problems = load_yaml(path, display_path(path))
        if not problems and isinstance(doc.data, dict):
            docs.append(doc)
    return docs


def _easy(doc: Document) -> dict[str, Any] | None:
    easy = doc.data.get("easy")
    return easy if isinstance(easy, dict) else None


def _text_lines(doc: Document, text: str) -> list[tuple[int, str]]:
    """Each line of `easy.text` with its line in the file (the field's line when a line is not found as written)."""
    start = doc.line(("easy", "text"))
    try:
        raw = doc.path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        raw = []
    found, at = [], start - 1
    for line in (part.strip() for part in text.splitlines()):
        if not line:
            continue
        hit = next((i for i in range(at, len(raw)) if line in raw[i]), None)
        if hit is not None:
            at = hit
        found.append((hit + 1 if hit is not None else start, line))
    return found


def text_warnings(doc: Document) -> list[Problem]:
    """Long sentences, „§“, percent and abbreviations in the `easy` block of one record."""
    easy = _easy(doc)
    if easy is None:
        return []
    lines: list[tuple[int, str]] = []
    if isinstance(easy.get("name"), str):
        lines.append((doc.line(("easy", "name")), easy["name"].strip()))
    if isinstance(easy.get("text"), str):
        lines += _text_lines(doc, easy["text"])
    problems = []
    for number, line in lines:
        for sentence in (s for s in _SENTENCE_END.split(line) if s):
            words = len(sentence.split())
            if words > MAX_WORDS:
                problems.append(Problem(doc.display, number, f"Leichte Sprache: Satz mit {words} Wörtern („{_short(sentence)}“) – "
                                                              f"bitte höchstens {MAX_WORDS} Wörter je Satz, lieber zwei Sätze"))
        for pattern, what, instead in _HARD:
            match = pattern.search(line)
            if match:
                problems.append(Problem(doc.display, number, f"Leichte Sprache: {what.format(match=match.group(0))} in „{_short(line)}“ – bitte {instead}"))
    return problems


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def easy_text_warnings(data_dir: Path) -> list[Problem]:
    """Every warning about texts in Leichter Sprache of the atlas in `data_dir`, sorted."""
    situations, benefits = _documents(data_dir, "lebenslagen"), _documents(data_dir, "leistungen")
    by_id = {doc.data.get("id"): doc for doc in benefits}
    problems: list[Problem] = []
    needed: dict[str, list[str]] = {}  # benefit id → names of the situations with a text in Leichter Sprache that list it
    for doc in situations:
        name = doc.data.get("name") or doc.data.get("id")
        if _easy(doc) is None:
            problems.append(Problem(doc.display, 1, f"Lebenslage „{name}“ hat keinen Text in Leichter Sprache (Feld „easy“ mit name und text) "
                                                    "– sie bekommt keine Seite in Leichter Sprache"))
            continue
        for benefit in doc.data.get("benefits") or []:
            if isinstance(benefit, str):
                needed.setdefault(benefit, []).append(str(name))
    for benefit_id, names in needed.items():
        doc = by_id.get(benefit_id)
        if doc is not None and _easy(doc) is None:
            listed = ", ".join(f"„{n}“" for n in names)
            problems.append(Problem(doc.display, 1, f"Leistung „{doc.data.get('name') or benefit_id}“ hat keinen Text in Leichter Sprache "
                                                    f"(Feld „easy“ mit name und text) – die Seiten in Leichter Sprache zu {listed} nennen sie nur mit Link"))
    for doc in situations + benefits:
        problems += text_warnings(doc)
    return sorted(set(problems))


__all__ = ["easy_text_warnings", "text_warnings", "MAX_WORDS"]
