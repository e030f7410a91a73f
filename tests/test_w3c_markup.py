"""Every built page, map document, own stylesheet and SVG drawing passes the W3C Nu Html Checker (issue 25, point 1).

The checker is `vnu.jar` of the npm package `vnu-jar` (26.9.27, MIT licence), run with the system's Java; .ci/run
installs both and sets VNU_JAR. On a developer's machine: `npm install --no-save vnu-jar@26.9.27` in the repository
(node_modules/ is ignored by Git) or VNU_JAR=/path/to/vnu.jar. Without Java or the jar the tests are skipped,
with CI=true they fail.

One checker run (one Java start, about 15 s of CPU) reads the whole example site: every HTML page (the theme's
templates included, overrides/), every map document (karten/*.html), every SVG file (charts and static maps) and
the atlas' own stylesheets (assets/atlas*.css). The same run reads `broken/`: a real page with the markup errors
the generator and the theme used to write put back, so a test shows that the checker still finds them.

The checker's CSS profile predates two W3C drafts that atlas.css uses on purpose (table scroll hints without
JavaScript, issue 17): CSS Conditional Rules 5 (`container-type: scroll-state`, `@container scroll-state(…)`) and
Scroll-driven Animations (`animation-timeline`). Exactly these messages are allowed; any other is an error.
Leaflet's stylesheet is not ours (its IE-only `behavior` and newer blend modes fail the same profile) and is left out.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import shared_value

REPO = Path(__file__).resolve().parent.parent
VNU_VERSION = "26.9.27"
# The two W3C drafts the checker's CSS profile does not know (see the module docstring), by message.
NEWER_CSS = re.compile(
    r"^CSS: (“container-type”: Property “container-type” doesn't exist"
    r"|Unrecognized at-rule “@container”"
    r"|“animation-timeline”: Property “animation-timeline” doesn't exist)\.?$"
)
# Markup that once failed the checker, each put back into a copy of a real page: (what, old, new, expected message).
REGRESSIONS = [
    ("leere tabindex", '<label class="md-nav__link" for="', '<label class="md-nav__link" tabindex="" for="', "tabindex"),
    ("autocomplete an einer Checkbox", 'id="__drawer">', 'id="__drawer" autocomplete="off">', "autocomplete"),
    ("role an einer Tabellenzelle", "<td", '<td role="cell"', "role"),
    ("leeres form action", "<form ", '<form action="" ', "action"),
]


def vnu_jar() -> Path | None:
    for candidate in (os.environ.get("VNU_JAR"), REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def skip_or_fail(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: .ci/run installiert Java und vnu-jar, der Test muss dort laufen)", pytrace=False)
    pytest.skip(reason)


def checked_files(site: Path) -> list[Path]:
    files = sorted(site.rglob("*.html")) + sorted(site.rglob("*.svg"))
    files = [f for f in files if "assets" not in f.relative_to(site).parts[:1]]  # the theme's icon files
    return files + sorted((site / "assets").glob("atlas*.css"))


def broken_page(site: Path, folder: Path) -> Path:
    """A copy of the family-centre list with the old errors put back (each replacement must find its place)."""
    text = (site / "familienzentren" / "index.html").read_text(encoding="utf-8")
    for what, old, new, _message in REGRESSIONS:
        assert old in text, f"Fehlerbeispiel „{what}“ findet keine Stelle in der Seite"
        text = text.replace(old, new, 1)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "kaputt.html"
    target.write_text(text, encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def report(example_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict]]:
    """{file: [messages]} of one checker run over the example site and the broken page, once per test run: the
    tests of this module run in different xdist workers, which read the first one's result (shared_value)."""
    return shared_value(tmp_path_factory, "vnu-report", lambda: check_site(example_site, tmp_path_factory))


def check_site(example_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict]]:
    jar, java = vnu_jar(), shutil.which("java")
    if not java:
        skip_or_fail("Java fehlt (Debian: default-jre-headless)")
    if not jar:
        skip_or_fail(f"vnu.jar fehlt (npm install --no-save vnu-jar@{VNU_VERSION} oder VNU_JAR)")
    broken = broken_page(example_site, tmp_path_factory.mktemp("vnu-broken"))
    files = checked_files(example_site) + [broken]
    # C1 compiler only and the serial collector: a short run, less than half the CPU of the default JVM settings.
    command = [java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss2m", "-jar", str(jar),
               "--errors-only", "--also-check-css", "--also-check-svg", "--format", "json", *map(str, files)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    messages = json.loads(done.stderr)["messages"]
    by_file: dict[str, list[dict]] = {str(f): [] for f in files}
    for message in messages:
        url = message.get("url", "")
        name = url.removeprefix("file:")
        by_file.setdefault(name, []).append(message)
    by_file["__broken__"] = by_file.pop(str(broken))
    by_file["__site__"] = [{"url": str(example_site)}]
    return by_file


def describe(site: str, name: str, message: dict) -> str:
    where = name.removeprefix(site + "/")
    return f"{where}:{message.get('lastLine', '?')}: {message.get('message', '')}"


def test_the_checker_reads_every_page_map_drawing_and_stylesheet(report: dict[str, list[dict]], example_site: Path):
    names = [n for n in report if not n.startswith("__")]
    pages = [n for n in names if n.endswith(".html")]
    assert len(pages) == len(list(example_site.rglob("*.html"))) >= 300, len(pages)
    assert sum("/karten/" in n for n in pages) >= 19, "Kartendokumente fehlen"
    assert sum(n.endswith(".svg") for n in names) >= 1000 and sum(n.endswith(".css") for n in names) >= 4


# heavy: started with the long tests, so that the one checker run (about 12 s) for all three tests is not the last thing
# the suite waits for (it was: two workers waited at the end while the others had finished)
@pytest.mark.heavy
def test_no_page_map_document_drawing_or_own_stylesheet_has_an_error(report: dict[str, list[dict]]):
    site = report["__site__"][0]["url"]
    errors = [describe(site, name, m) for name, found in report.items() if not name.startswith("__")
              for m in found if m.get("type") in ("error", "non-document-error")
              and not (name.endswith(".css") and NEWER_CSS.match(m.get("message", "")))]
    assert not errors, f"{len(errors)} Fehler des W3C-Prüfprogramms:\n" + "\n".join(errors[:60])


def test_the_checker_finds_each_old_error_in_a_broken_copy(report: dict[str, list[dict]]):
    found = " | ".join(m.get("message", "") for m in report["__broken__"])
    for what, _old, _new, expected in REGRESSIONS:
        assert f"“{expected}”" in found, f"„{what}“ nicht gemeldet: {found[:800]}"
