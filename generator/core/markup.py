"""Safe Markdown from untrusted text: escaping, links and relative paths for the render stage.

Every text from the data is shown as the characters the editor typed, never interpreted:

* `md_text` escapes for Markdown *and* HTML (the default for every `{{ … }}` in the templates):
  `& < >` become entities, the characters Python-Markdown treats specially are backslash-escaped,
  and a first character that could open a block (`:` definition, `=`/`?` tabs and details of
  pymdown, …) becomes a numeric entity. Line breaks are folded into spaces, so a value can never
  start a new block (heading, list, table row, admonition).
* `md_paragraphs` does the same per paragraph and keeps blank-line paragraph breaks.
* `html_attr` escapes for raw HTML (attribute values, text inside HTML blocks).
* `page_link`, `web_link`, `email_link`, `phone_link` build links as `markupsafe.Markup`, so the
  template environment's `finalize` does not escape them again. Only relative `.md` links between
  generated pages and http(s)/mailto/tel addresses become links; anything else is shown as text.
"""

from __future__ import annotations

import functools
import html
import json
import posixpath
import re
from urllib.parse import urlsplit

from markupsafe import Markup

# Characters Python-Markdown's backslash escape understands (core list plus `|` from the tables extension).
MD_SPECIAL = frozenset("\\`*_{}[]()#+-.!|")
HTML_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
WEB_SCHEMES = ("http", "https")
_URL_ESCAPES = {" ": "%20", '"': "%22", "'": "%27", "<": "%3C", ">": "%3E", "`": "%60", "|": "%7C", "\\": "%5C"}
_WS = re.compile(r"[ \t\n\r\f\v]+")  # ASCII only: a non-breaking space (number and unit) stays
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")


_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Unicode category Cc is exactly U+0000–U+001F and U+007F–U+009F; one regex instead of a loop per character (issue 7)
_DROPPED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f" + "".join(sorted(_BIDI_CONTROLS)) + "]")
_ESCAPES = str.maketrans({**{ch: "\\" + ch for ch in "\\`*_{}[]()#+-.!|"}, **{"&": "&amp;", "<": "&lt;", ">": "&gt;"}})


def clean_text(text: str) -> str:
    """Drop control characters and bidi overrides; Unicode line separators become line breaks."""
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\x85", "\n")
    return _DROPPED.sub("", text)


def md_line(text: object) -> str:
    """Escape one line of text for Markdown and HTML (see module docstring)."""
    if text is None:
        return ""
    return escaped_line(str(text))


@functools.lru_cache(maxsize=1 << 16)
def escaped_line(text: str) -> str:
    """md_line of a string, kept for the next call: a render escapes the same names, labels and numbers over and
    over (the example atlas: 72.056 calls for 8.038 distinct texts)."""
    value = _WS.sub(" ", clean_text(text)).strip()
    if not value:
        return value
    first = value[0]
    if first not in HTML_SPECIAL and first not in MD_SPECIAL and not first.isalnum() and not first.isspace():
        return f"&#{ord(first)};" + value[1:].translate(_ESCAPES)
    return value.translate(_ESCAPES)


def md_text(value: object) -> str:
    """`finalize` of the template environment: Markup passes unchanged, None is empty, all else escaped."""
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return ""
    return md_line(value)


def md_paragraphs(text: object) -> Markup:
    """Multi-line text: each paragraph escaped on one line, paragraphs separated by a blank line."""
    if text is None:
        return Markup("")
    paragraphs = [md_line(p) for p in _PARAGRAPH_BREAK.split(clean_text(str(text)).replace("\r\n", "\n"))]
    return Markup("\n\n".join(p for p in paragraphs if p))


def html_attr(text: object) -> Markup:
    """Escape for raw HTML (attribute values in double quotes, text inside HTML blocks)."""
    return Markup(html.escape(_WS.sub(" ", clean_text(str(text or ""))).strip(), quote=True))


def title_text(text: object) -> str:
    """Page title for front matter: plain text that stays harmless wherever the theme prints it.

    Material prints `page.title` unescaped in the header and `page.title | striptags` (which
    *unescapes* entities) in `<title>`, so no entity survives both; `<` and `>` are replaced by
    look-alike angle quotes and `&` is escaped once.
    """
    value = _WS.sub(" ", clean_text(str(text or ""))).strip()
    return value.replace("&", "&amp;").replace("<", "\u2039").replace(">", "\u203a")


def front_matter(title: str) -> str:
    """YAML front matter with the page title (JSON strings are valid YAML)."""
    return f"---\ntitle: {json.dumps(title_text(title), ensure_ascii=False)}\n---\n\n"


# --------------------------------------------------------------------------------------------- paths


def served_dir(page: str) -> str:
    """Folder in which a page is served with `use_directory_urls`: `a/b.md` → `a/b/`, `a/index.md` → `a/`."""
    page = posixpath.normpath(page)
    folder, name = posixpath.split(page)
    stem = name[:-3] if name.endswith(".md") else name
    if stem in ("index", "README") or not name.endswith(".md"):
        return f"{folder}/" if folder else ""
    return f"{folder}/{stem}/" if folder else f"{stem}/"


def root_prefix(page: str) -> str:
    """Relative way from the served page to the site root: `sozialraeume/teltow.md` → `../../`."""
    folder = served_dir(page) if page.endswith(".md") else posixpath.dirname(posixpath.normpath(page)) + "/"
    depth = len([p for p in folder.split("/") if p])
    return "../" * depth


def asset_url(page: str, target: str) -> str:
    """URL of a static file (map, asset) as seen from a page or from another static file."""
    return root_prefix(page) + target


def md_href(page: str, target: str) -> str:
    """Relative link between two Markdown files (MkDocs checks and rewrites these).

    Plain paths (no empty, `.` or `..` parts; the target a file) take a short way – a big atlas makes
    millions of links, and `posixpath.relpath` (absolute paths, normalising) was a fifth of a list page's
    time; anything else goes through `posixpath`, with the same result."""
    mine = page.split("/")
    folder = mine[:-1]
    parts = target.split("/")
    if not (_plain(mine) and _plain(parts) and "." in parts[-1]):
        start = posixpath.dirname(posixpath.normpath(page)) or "."
        return posixpath.relpath(posixpath.normpath(target), start)
    common = 0
    for here, there in zip(folder, parts[:-1]):
        if here != there:
            break
        common += 1
    return "../" * (len(folder) - common) + "/".join(parts[common:])


def _plain(parts: list[str]) -> bool:
    return all(part and part != "." and part != ".." for part in parts)


def page_link(page: str, target: str, label: object) -> Markup:
    """Markdown link from page `page` to the generated page `target` (both paths in the docs dir)."""
    return Markup(f"[{md_line(label)}]({md_href(page, target)})")


# --------------------------------------------------------------------------------------------- outside links


def safe_url(url: str | None, schemes: tuple[str, ...] = ("http", "https", "mailto", "tel")) -> str | None:
    """The URL, percent-encoded where needed, if its scheme is allowed; otherwise None."""
    if not url:
        return None
    url = clean_text(str(url)).strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in schemes:
        return None
    if scheme in WEB_SCHEMES and not parts.netloc:
        return None
    # encode what must not appear in an HTML attribute or a Markdown table row; keep the rest
    # (also non-ASCII host names) as written
    return "".join(_URL_ESCAPES.get(ch, ch) for ch in url)


def webcal_url(site_url: str | None, path: str) -> str | None:
    """Subscription address (`webcal://host/…`) of a calendar file the site itself serves, or None without `site_url`.

    Deliberately apart from `safe_url`: data never brings a webcal link; the only one is built here from the
    atlas's own https/http address (atlas.yaml `site_url`, checked by the schema) and a generated file path."""
    target = safe_url(f"{site_url.rstrip('/')}/{path}", WEB_SCHEMES) if site_url else None
    if target is None:
        return None
    return "webcal://" + target.split("://", 1)[1]


def web_link(url: str | None, label: object | None = None) -> Markup:
    """Link to a web page (http/https/mailto/tel); an unsafe address is shown as text only. A Markup label (a name
    marked lang="de" on a page in another language) is taken as it is."""
    target = safe_url(url)
    text = md_text(label) if label not in (None, "") else md_line(url)
    if target is None:
        return Markup(text)
    return Markup(f'<a href="{html.escape(target, quote=True)}">{text}</a>')


def email_link(address: str | None, label: object | None = None) -> Markup:
    if not address:
        return Markup("")
    return web_link(f"mailto:{address.strip()}", label or address)


def phone_href(number: str) -> str:
    """`03381 000-24` → `tel:0338100024` (keeps a leading +)."""
    digits = re.sub(r"[^0-9]", "", number)
    return "tel:" + ("+" if number.strip().startswith("+") else "") + digits


def phone_link(number: str | None, label: object | None = None) -> Markup:
    if not number:
        return Markup("")
    return web_link(phone_href(number), label or number)
