"""README.md and the guides in docs/: the front door stays small, links work, documented commands work.

* README.md is at most 10 KB, keeps the two quick-start commands, shows its screenshot and links each guide;
  each guide opens with a table of contents that lists its sections.
* Every relative link and image in README.md and docs/*.md points at an existing file (and heading), and
  every path under generator/, tests/, benchmarks/ … named in them exists; the module table of the
  developers' guide names every module of the package.
* Every `atlas` subcommand and `--option` named in the docs is one the CLI parser knows.
* Every command in a ```sh block is run – each block in a fresh temporary copy of the project (data/,
  content/, overrides/, mkdocs.yml, .vscode/, benchmarks/), its lines in order, with the input files an
  example names made by the test – or is listed in NOT_RUN with the reason it cannot run here. A documented command that is neither fails the test, and so does an entry
  here that the docs no longer name. Synopses with placeholders and output belong in ```text blocks.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from generator.cli import _parser, main

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
GUIDES = [REPO / "docs" / name for name in ("editors.md", "operators.md", "developers.md")]
DOCS = [README, *sorted((REPO / "docs").glob("*.md"))]

README_COMMANDS = [
    "python3 -m venv .venv && . .venv/bin/activate && pip install -e . && atlas build",
    'python3 -m venv .venv && . .venv/bin/activate && pip install -e ".[test]" && python -m pytest -q',
]

# Documented commands that this test does not run, each with the reason.
NOT_RUN: dict[str, str] = {
    README_COMMANDS[0]: "creates a virtual environment and installs from PyPI; .ci/run installs the same way in CI, "
                        "and tests/test_commands.py builds the example atlas",
    README_COMMANDS[1]: "installs from PyPI and runs this whole suite; .ci/run runs exactly this command in CI",
    "pip install pre-commit && pre-commit install": "installs a tool and a git hook; tests/test_ci_config.py checks the hook's command",
    "atlas serve": "a server that runs until it is stopped; tests/test_commands.py starts it and edits data under it",
    "python3 -m http.server --bind 127.0.0.1 -d site": "a web server that runs until it is stopped",
    "python -m pytest -q": "this test suite itself",
    'python -m pytest -q -m "not browser"': "this test suite itself",
    "python -m pytest -q -m browser": "this test suite itself (the browser tests)",
    "python -m pytest -q tests/test_docs.py": "this file",
    "python -m pytest -q -k finder": "this test suite itself",
    "nice python benchmarks/run.py --sizes de": "builds a Germany-sized atlas for hours; its options are checked by "
                                                "test_documented_subcommands_and_options_exist",
}

# Documented commands other than `atlas …` that this test runs (command → run in the repository itself,
# read-only, instead of the temporary copy).
OTHER_COMMANDS: dict[str, bool] = {
    "PYTHONPATH=tests lint-imports": True,
    "python benchmarks/synth.py --districts 1 --out build/synth": False,
}

# Options of programs other than `atlas` and the benchmarks that the docs name on their own.
OTHER_OPTIONS = {"--bind": "python3 -m http.server"}


# --------------------------------------------------------------------------------------------- reading the docs


@dataclass
class Block:
    doc: Path
    line: int  # 1-based line of the opening fence
    lang: str
    lines: list[tuple[int, str]]  # (line number, text without the fence's indentation)


FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)((?:(?!\n\s*\n).)+?)(?<!`)\1(?!`)", re.S)  # may wrap, not across paragraphs
LINK = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
SHELL = {"sh", "bash", "shell", "console"}


def read(doc: Path) -> str:
    return doc.read_text(encoding="utf-8")


def split(doc: Path) -> tuple[list[Block], list[tuple[int, str]]]:
    """The fenced code blocks of a Markdown file, and its other lines (prose, headings, tables)."""
    blocks: list[Block] = []
    prose: list[tuple[int, str]] = []
    current: Block | None = None
    fence = indent = ""
    for number, line in enumerate(read(doc).splitlines(), 1):
        if current is None:
            match = FENCE.match(line)
            if match:
                fence, indent = match["fence"], match["indent"]
                current = Block(doc, number, match["info"].strip().split(" ")[0], [])
            else:
                prose.append((number, line))
        elif line.strip().startswith(fence[0] * len(fence)) and not line.strip().strip(fence[0]):
            blocks.append(current)
            current = None
        else:
            current.lines.append((number, line[len(indent):] if line.startswith(indent) else line.lstrip()))
    assert current is None, f"{doc.name}:{current.line}: code block without end"
    return blocks, prose


def prose_matches(doc: Path, pattern: re.Pattern[str]) -> list[tuple[int, re.Match[str]]]:
    """Matches in the text outside code blocks (lines joined, so that a link or code span may wrap), with their line."""
    text: list[str] = []
    numbers: list[int] = []
    for number, line in split(doc)[1]:
        if numbers and number != numbers[-1] + 1:  # a code block was here: nothing spans it
            text.append("")
            numbers.append(numbers[-1] + 1)
        text.append(line)
        numbers.append(number)
    joined = "\n".join(text)
    return [(numbers[joined.count("\n", 0, match.start())], match) for match in pattern.finditer(joined)]


def block_commands(block: Block) -> list[tuple[int, str]]:
    """The commands of a shell block: every line (`\\` continues a line; `#` comments skipped); `$ ` lines in console blocks."""
    commands: list[tuple[int, str]] = []
    pending = ""
    start = 0
    for number, line in block.lines:
        if block.lang == "console":
            if line.startswith("$ "):
                commands.append((number, line[2:].strip()))
            continue
        text = line.strip()
        if not pending and (not text or text.startswith("#")):
            continue
        start = start if pending else number
        if text.endswith("\\"):
            pending += text[:-1] + " "
            continue
        commands.append((start, (pending + text).strip()))
        pending = ""
    return commands


def documented_commands() -> list[tuple[Path, int, str]]:
    found = []
    for doc in DOCS:
        blocks, _ = split(doc)
        for block in blocks:
            if block.lang in SHELL:
                found += [(doc, number, command) for number, command in block_commands(block)]
    return found


def code_fragments(doc: Path, whole_blocks: bool = False) -> list[tuple[int, str]]:
    """Inline code spans, shell commands and command lines of text blocks: where commands and options are named."""
    blocks = split(doc)[0]
    fragments = [(number, " ".join(match[2].split())) for number, match in prose_matches(doc, CODE_SPAN)]
    for block in blocks:
        if block.lang in SHELL:
            fragments += block_commands(block)
        elif whole_blocks:
            fragments += block.lines
        elif block.lang in ("text", ""):  # synopses such as `atlas import-indicators FILE [--year JAHR]`; not diagrams
            fragments += [(n, line) for n, line in block.lines if re.match(r"(atlas|python3?|nice) ", line)]
    return fragments


def slug(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped (letters with umlauts stay), spaces → -."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(doc: Path) -> list[str]:
    seen: dict[str, int] = {}
    result = []
    for _, line in split(doc)[1]:
        match = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if match:
            base = slug(match[1])
            result.append(base if base not in seen else f"{base}-{seen[base]}")
            seen[base] = seen.get(base, 0) + 1
    return result


def links(doc: Path) -> list[tuple[int, str]]:
    return [(number, match["target"]) for number, match in prose_matches(doc, LINK)]


# --------------------------------------------------------------------------------------------- README and guides


def test_readme_is_a_small_front_door() -> None:
    text = read(README)
    size = len(text.encode("utf-8"))
    assert size <= 10240, f"README.md has {size} bytes; at most 10 KB (10240 bytes): move details into docs/"
    commands = [command for doc, _, command in documented_commands() if doc == README]
    for command in README_COMMANDS:
        assert command in commands, f"README.md: the quick-start command is gone or changed: {command}"
    targets = {target for _, target in links(README)}
    for guide in GUIDES:
        assert guide.is_file(), f"{guide.relative_to(REPO)} is missing"
        assert any(t.split("#")[0] == f"docs/{guide.name}" for t in targets), f"README.md does not link docs/{guide.name}"
    images = [target for _, target in links(README) if target.endswith((".png", ".jpg", ".jpeg", ".webp"))]
    assert len(images) == 1, f"README.md should show one screenshot, found {images}"
    image = REPO / images[0]
    assert image.is_file() and image.stat().st_size < 300_000, f"{images[0]}: missing or not below 300 KB"
    head = image.read_bytes()[:8]
    assert head == b"\x89PNG\r\n\x1a\n" or head[:3] == b"\xff\xd8\xff", f"{images[0]}: neither PNG nor JPEG"


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_guide_opens_with_a_complete_table_of_contents(guide: Path) -> None:
    headings = [line[3:].strip() for _, line in split(guide)[1] if line.startswith("## ")]
    assert headings and headings[0] in ("Contents", "Inhalt"), f"{guide.name}: the first section should be the contents"
    text = read(guide)
    contents = text.split(f"## {headings[0]}\n", 1)[1].split("\n## ", 1)[0]
    listed = [target[1:] for target in re.findall(r"\]\((#[^)]+)\)", contents)]
    assert listed == [slug(h) for h in headings[1:]], f"{guide.name}: the contents do not list the sections in order"


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(REPO)))
def test_links_and_images_point_at_existing_files(doc: Path) -> None:
    broken = []
    for number, target in links(doc):
        if re.match(r"^[a-z][a-z+.-]*:", target):  # https:, mailto: – not checked here (no network)
            continue
        path, _, anchor = target.partition("#")
        file = (doc.parent / path).resolve() if path else doc
        if not file.exists():
            broken.append(f"{doc.name}:{number}: {target} – no such file")
        elif anchor and file.suffix == ".md" and anchor not in anchors(file):
            broken.append(f"{doc.name}:{number}: {target} – no heading with this anchor in {file.name}")
    assert not broken, "\n".join(broken)


REPO_PATH = re.compile(r"^(?:generator|tests|benchmarks|content|overrides|docs|\.github|\.ci|\.vscode)/[\w./-]*$")


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(REPO)))
def test_named_repository_paths_exist(doc: Path) -> None:
    """`generator/pages/finder.py`, `tests/browser/` …: a moved module must not leave the docs behind."""
    missing = []
    for number, fragment in code_fragments(doc, whole_blocks=True):
        for word in fragment.split():
            word = word.strip("`,;:()")
            if REPO_PATH.match(word):
                path = REPO / word
                # `generator/model/schema` may be a module or a package
                if not (path.exists() or path.with_name(path.name + ".py").exists()):
                    missing.append(f"{doc.name}:{number}: {word}")
    assert not missing, "paths named in the docs that do not exist:\n" + "\n".join(missing)


def test_module_table_names_every_module() -> None:
    """developers.md, „Modules by stage“: one row per subpackage, naming each of its modules and no other."""
    rows = {}
    for _, line in split(REPO / "docs" / "developers.md")[1]:
        match = re.match(r"^\| `generator/(\w+)/` \| (.*) \|$", line)
        if match:
            rows[match[1]] = match[2]
    packages = sorted(p.name for p in (REPO / "generator").iterdir() if (p / "__init__.py").is_file())
    assert sorted(rows) == packages, "developers.md should have one row per subpackage of generator/"
    for package, row in rows.items():
        folder = REPO / "generator" / package
        modules = {p.stem for p in folder.glob("*.py") if p.stem != "__init__"}
        modules |= {p.name for p in folder.iterdir() if (p / "__init__.py").is_file()}  # e.g. model/schema/
        files = set(re.findall(r"`(\w+)\.py`", row))
        names = set(re.findall(r"`(\w+)`", row))
        assert not modules - files - names, f"generator/{package}/: modules missing from the table: {sorted(modules - files - names)}"
        assert not files - modules, f"generator/{package}/: the table names modules that do not exist: {sorted(files - modules)}"


# --------------------------------------------------------------------------------------------- commands and options


def cli_options() -> tuple[set[str], dict[str, set[str]]]:
    """The options of `atlas` itself and of each subcommand, from the parser the CLI uses."""
    parser = _parser()
    commands = next(action for action in parser._actions if action.dest == "command")
    return set(parser._option_string_actions), {name: set(sub._option_string_actions) for name, sub in commands.choices.items()}


def benchmark_options() -> dict[str, set[str]]:
    return {
        path.name: set(re.findall(r"add_argument\(\s*\"(--[\w-]+)\"", path.read_text(encoding="utf-8")))
        for path in (REPO / "benchmarks").glob("*.py")
    }


COMMAND = re.compile(r"(?:^|(?<=[\s(`\[]))(?:atlas|python3? -m generator)\s+(?P<sub>[a-z][a-z-]*)")
SCRIPT = re.compile(r"python3? benchmarks/(?P<script>\w+\.py)")
OPTION = re.compile(r"(?<![\w-])--[a-z][a-z-]*")


def test_documented_subcommands_and_options_exist(capsys: pytest.CaptureFixture) -> None:
    main_options, subcommands = cli_options()
    scripts = benchmark_options()
    every_option = main_options.union(*subcommands.values(), *scripts.values())
    named: set[str] = set()
    wrong = []
    for doc in DOCS:
        for number, fragment in code_fragments(doc):
            where = f"{doc.name}:{number}: {fragment}"
            for part in re.split(r"&&|\|\||;", fragment):
                starts = [(m.start(), "atlas", m["sub"]) for m in COMMAND.finditer(part)]
                starts += [(m.start(), "script", m["script"]) for m in SCRIPT.finditer(part)]
                starts.sort()
                for i, (start, kind, name) in enumerate(starts):
                    end = starts[i + 1][0] if i + 1 < len(starts) else len(part)
                    options = set(OPTION.findall(part[start:end]))
                    if kind == "atlas":
                        if name not in subcommands:
                            wrong.append(f"{where} – no subcommand „{name}“")
                            continue
                        named.add(name)
                        known = subcommands[name]
                    else:
                        if name not in scripts:
                            wrong.append(f"{where} – no script benchmarks/{name}")
                            continue
                        known = scripts[name] | {"-h", "--help"}
                    wrong += [f"{where} – {name} has no option {o}" for o in sorted(options - known)]
                if not starts and part.strip().startswith("--"):  # an option named on its own: `--replace`
                    for option in OPTION.findall(part):
                        if option not in every_option and option not in OTHER_OPTIONS:
                            wrong.append(f"{where} – no command knows {option}")
    assert not wrong, "\n".join(wrong)
    # and each named subcommand answers --help
    for name in sorted(named):
        with pytest.raises(SystemExit) as exit_info:
            main([name, "--help"])
        assert exit_info.value.code == 0
        assert f"usage: atlas {name}" in capsys.readouterr().out
    assert {"check", "build", "serve", "new", "schema", "diff", "report", "import-indicators", "import-boundaries"} <= named


def test_every_documented_command_is_run_or_allow_listed() -> None:
    commands = documented_commands()
    unknown = [
        f"{doc.relative_to(REPO)}:{number}: {command}"
        for doc, number, command in commands
        if command not in NOT_RUN and command not in OTHER_COMMANDS and not is_atlas(command)
    ]
    assert not unknown, "documented commands that are neither run here nor in NOT_RUN (with a reason):\n" + "\n".join(unknown)
    documented = {command for _, _, command in commands}
    for table in (NOT_RUN, OTHER_COMMANDS, CHECKS, SETUP):
        stale = sorted(set(table) - documented)
        assert not stale, f"entries for commands the docs no longer show: {stale}"
    assert all(reason.strip() for reason in NOT_RUN.values())


def is_atlas(command: str) -> bool:
    words = shlex.split(command)
    return bool(words) and (words[0] == "atlas" or words[:3] in (["python", "-m", "generator"], ["python3", "-m", "generator"]))


# --------------------------------------------------------------------------------------------- inputs the examples name


def write_population_table(target: Path) -> None:
    """A population table as a statistical office publishes it: Latin-1, title lines, German numbers, markers."""
    rows = [
        "Bevölkerung am 31.12.2023 nach Gemeinden;;",
        ";;",
        "Schlüssel;Gemeinde;Bevölkerung insgesamt",
        "12069;Landkreis Potsdam-Mittelmark;221.345",
        "12069020;Bad Belzig, Stadt;11.012",
        "12069017;Beelitz, Stadt;13.104",
        "120695902;Amt Beetzsee;.",
        "12069656;Werder (Havel), Stadt;27.345 p",
        "12054000;Potsdam;187.119",
        ";;",
        "Quelle: Amt für Statistik Berlin-Brandenburg;;",
    ]
    target.write_bytes(("\r\n".join(rows) + "\r\n").encode("latin-1"))


def write_vg250_zip(target: Path) -> None:
    """A ZIP shaped like the BKG's VG250 download: two layers in ETRS89/UTM 32N, the VWG layer with one
    square around each unit's seat of the example atlas (9-digit ARS)."""
    import shapefile
    from pyproj import CRS, Transformer

    utm = CRS.from_epsg(25832)
    to_utm = Transformer.from_crs(4326, utm, always_xy=True)
    layers: dict[str, list[tuple[str, str, tuple[float, float, float, float]]]] = {"VG250_VWG": [], "VG250_KRS": []}
    for path in sorted((target.parent / "data" / "municipalities").glob("*.yaml")):
        unit = yaml.safe_load(path.read_text(encoding="utf-8"))
        key = str(unit["key"])
        ars = key if len(key) == 9 else key[:5] + "0" + key[5:]  # amtsfreie: AGS 12069020 → ARS 120690020
        lat, lon = float(unit["location"]["lat"]), float(unit["location"]["lon"])
        layers["VG250_VWG"].append((ars, unit["name"], (lon - 0.01, lat - 0.01, lon + 0.01, lat + 0.01)))
    layers["VG250_KRS"].append(("12069", "Potsdam-Mittelmark", (12.2, 52.0, 13.3, 52.6)))
    folder = "vg250_01-01.utm32s.shape.ebenen/vg250_ebenen_0101"
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(target, "w") as archive:
        for layer, rows in layers.items():
            base = Path(tmp) / layer
            with shapefile.Writer(str(base), shapeType=shapefile.POLYGON, encoding="utf-8") as writer:
                writer.field("ARS", "C", size=12)
                writer.field("GEN", "C", size=50)
                for ars, name, (west, south, east, north) in rows:
                    ring = [(west, south), (west, north), (east, north), (east, south), (west, south)]  # clockwise
                    writer.poly([[list(to_utm.transform(x, y)) for x, y in ring]])
                    writer.record(ars, name)
            base.with_suffix(".prj").write_text(utm.to_wkt("WKT1_ESRI"), encoding="ascii")
            base.with_suffix(".cpg").write_text("UTF-8", encoding="ascii")
            for suffix in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
                archive.write(base.with_suffix(suffix), f"{folder}/{layer}{suffix}")


INPUTS: dict[str, Callable[[Path], None]] = {  # file named in an example → how the test makes it
    "bevoelkerung-2023.csv": write_population_table,
    "vg250_01-01.utm32s.shape.ebenen.zip": write_vg250_zip,
}


def git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=project, check=True, capture_output=True)


def history_with_one_change(project: Path) -> None:
    """`atlas diff origin/main`: the copy as a git repository whose origin/main is before one edited offer."""
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "Stand vorher")
    git(project, "update-ref", "refs/remotes/origin/main", "HEAD")
    offer = project / "data" / "offers" / "krabbelgruppe-beelitz.yaml"
    offer.write_text(offer.read_text(encoding="utf-8").replace("title: Krabbelgruppe\n", "title: Krabbelgruppe am Morgen\n"), encoding="utf-8")


def without_boundaries(project: Path) -> None:
    """The first import of boundaries: the district has none yet (an existing file needs --replace)."""
    (project / "data" / "boundaries.geojson").unlink()


SETUP: dict[str, Callable[[Path], None]] = {
    "atlas diff origin/main": history_with_one_change,
    'atlas import-boundaries vg250_01-01.utm32s.shape.ebenen.zip --layer VG250_VWG --source "© GeoBasis-DE / BKG (2024)" --licence dl-de/by-2-0': without_boundaries,
}


# --------------------------------------------------------------------------------------------- what each command must do


@dataclass
class Result:
    code: int
    out: str
    err: str


def ok(result: Result, project: Path) -> None:
    assert result.code == 0, f"exit code {result.code}\n{result.out}\n{result.err}"


def check_new(result: Result, project: Path) -> None:
    ok(result, project)
    text = (project / "data" / "offers" / "spielgruppe-ferch.yaml").read_text(encoding="utf-8")
    assert 'id: "spielgruppe-ferch"' in text and 'municipality: "schwielowsee"' in text and "# Pflicht – " in text


def check_dry_run(result: Result, project: Path) -> None:
    ok(result, project)
    assert ("6 Zeilen gelesen: 5 zu Gebieten des Atlas, 1 übersprungen (andere Gebiete oder Summenzeilen). "
            "Ergebnis: 4 Werte würden übernommen, 1 Angabe nicht übernommen.") in result.out
    assert not (project / "data" / "indicators" / "einwohner.csv").exists()


def check_import(result: Result, project: Path) -> None:
    ok(result, project)
    written = (project / "data" / "indicators" / "einwohner.csv").read_text(encoding="utf-8")
    assert "werder-havel,einwohner,2023,27345,,,vorläufige Zahl (p); aus bevoelkerung-2023.csv" in written


def check_boundaries(result: Result, project: Path) -> None:
    ok(result, project)
    assert "19 Sozialräume zugeordnet (Schlüsselspalte ARS)." in result.out
    collection = json.loads((project / "data" / "boundaries.geojson").read_text(encoding="utf-8"))
    units = [f for f in collection["features"] if f["properties"].get("kind") != "district"]
    assert collection["source"] == "© GeoBasis-DE / BKG (2024)" and len(units) == 19
    assert collection["features"][-1]["properties"]["kind"] == "district"  # the outline of the district, from the same command


def expect(predicate: Callable[[Result, Path], bool], what: str) -> Callable[[Result, Path], None]:
    """Exit code 0, and `predicate` holds."""
    def check(result: Result, project: Path) -> None:
        ok(result, project)
        assert predicate(result, project), f"{what}\n{result.out}\n{result.err}"
    return check


def file_text(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.is_file() else ""


CHECKS: dict[str, Callable[[Result, Path], None]] = {  # command → what it must do (default: exit code 0)
    "atlas check": expect(lambda r, p: "Keine Probleme gefunden." in r.out, "should find no problems"),
    'atlas init goettingen --district-key 03159 --district-name "Landkreis Göttingen" --land Niedersachsen': expect(
        lambda r, p: "Landkreis Göttingen" in file_text(p / "goettingen" / "district.yaml"), "should write a data folder"),
    "atlas check --data goettingen": expect(lambda r, p: "Keine Probleme gefunden." in r.out, "should find no problems"),
    'atlas new angebot "Spielgruppe Ferch" --municipality schwielowsee': check_new,
    "atlas schema": expect(lambda r, p: (p / ".vscode" / "settings.json").is_file(), "should write .vscode/settings.json"),
    "atlas report": expect(lambda r, p: r.out.startswith("Pflegebericht: "), "should print the report"),
    "atlas report --output bericht.html": expect(lambda r, p: "noindex" in file_text(p / "bericht.html"), "should write an internal HTML page"),
    "atlas diff origin/main": expect(lambda r, p: "„Krabbelgruppe“ → „Krabbelgruppe am Morgen“" in r.out, "should list the changed title"),
    "atlas check --format gitlab --report gl-code-quality-report.json": expect(
        lambda r, p: json.loads(file_text(p / "gl-code-quality-report.json") or "null") == [], "should write an empty Code Quality report"),
    "atlas import-indicators bevoelkerung-2023.csv --indicator einwohner --year 2023 --dry-run": check_dry_run,
    "atlas import-indicators bevoelkerung-2023.csv --indicator einwohner --year 2023": check_import,
    'atlas import-boundaries vg250_01-01.utm32s.shape.ebenen.zip --layer VG250_VWG --source "© GeoBasis-DE / BKG (2024)" --licence dl-de/by-2-0': check_boundaries,
    "PYTHONPATH=tests lint-imports": expect(lambda r, p: "0 broken" in r.out, "every contract should be kept"),
    "python benchmarks/synth.py --districts 1 --out build/synth": expect(
        lambda r, p: (p / "build" / "synth" / "atlas.yaml").is_file(), "should write a data folder"),
}


# --------------------------------------------------------------------------------------------- running them


PROJECT_PARTS = ["data", "content", "overrides", "mkdocs.yml", ".vscode", "benchmarks"]


def copy_project(target: Path) -> Path:
    for name in PROJECT_PARTS:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


def run_atlas(command: str, project: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> Result:
    words = shlex.split(command)
    args = words[1:] if words[0] == "atlas" else words[3:]
    monkeypatch.chdir(project)
    capsys.readouterr()
    try:
        code = main(args)
    except SystemExit as exc:  # argparse refused the command line
        code = exc.code if isinstance(exc.code, int) else 1
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def run_other(command: str, project: Path) -> Result:
    words = shlex.split(command)
    env = dict(os.environ)
    while words and re.match(r"^[A-Z_]+=", words[0]):
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    if words[0] in ("python", "python3"):
        words[0] = sys.executable
    else:  # a console script of the environment (lint-imports), preferably the one beside this Python
        beside = Path(sys.executable).parent / words[0]
        words[0] = str(beside) if beside.exists() else shutil.which(words[0]) or words[0]
    cwd = REPO if OTHER_COMMANDS[command] else project
    done = subprocess.run(words, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    return Result(done.returncode, done.stdout, done.stderr)


def runnable_blocks() -> list:
    params = []
    for doc in DOCS:
        for block in split(doc)[0]:
            commands = block_commands(block) if block.lang in SHELL else []
            if any(command not in NOT_RUN for _, command in commands):
                params.append(pytest.param(block, id=f"{doc.relative_to(REPO)}:{block.line}"))
    return params


@pytest.mark.heavy
@pytest.mark.parametrize("block", runnable_blocks())
def test_documented_commands_work(block: Block, tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands of one ```sh block, in order, in a fresh copy of the project."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)  # problems as `path:line: message`
    project = copy_project(tmp_path / "project")
    for number, command in block_commands(block):
        if command in NOT_RUN:
            continue
        for word in shlex.split(command):
            if word in INPUTS and not (project / word).exists():
                INPUTS[word](project / word)
        if command in SETUP:
            SETUP[command](project)
        if is_atlas(command):
            result = run_atlas(command, project, capsys, monkeypatch)
        else:
            result = run_other(command, project)
        try:
            CHECKS.get(command, ok)(result, project)
        except AssertionError as exc:
            pytest.fail(f"{block.doc.relative_to(REPO)}:{number}: {command}\n{exc}")
