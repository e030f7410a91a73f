"""Templates are compiled once (generator/core/template_cache.py, build/template_cache.py, pages/site.environment):
a second build in the same process – the preview after a saved file, a test that builds again – compiles no
template of the theme or of the generator; a new process finds them compiled in the cache folder; both write the
same bytes as a build that compiled everything. An edited template, a damaged file and a folder that cannot be
made change nothing but the time."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import jinja2
import pytest

from conftest import MINI, build_site


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def counting_compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the templates compiled from files from now on (folium's inline templates have no name)."""
    compiled: list[str] = []
    compile_source = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        if name:
            compiled.append(name)
        return compile_source(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return compiled


@pytest.fixture
def new_process(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Path], None]]:
    """`new_process(folder)`: forget what this process compiled (its page environments and caches), as a new process
    with `folder` as its cache folder would start; afterwards the next tests use the run's cache again."""
    from generator.core import template_cache
    from generator.pages import site

    def forget(folder: Path) -> None:
        monkeypatch.setenv("ATLAS_CACHE_DIR", str(folder))
        monkeypatch.setattr(template_cache, "_CACHES", {})
        site.environment.cache_clear()

    yield forget
    site.environment.cache_clear()  # before monkeypatch puts the run's caches back


def test_a_second_build_in_the_same_process_compiles_no_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = build_site(MINI, tmp_path / "first")
    compiled = counting_compiles(monkeypatch)
    second = build_site(MINI, tmp_path / "second")
    assert compiled == [], f"neu übersetzt: {sorted(set(compiled))}"
    assert tree(first) == tree(second)


def test_a_new_process_reads_the_compiled_templates_from_the_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                         new_process: Callable[[Path], None]) -> None:
    folder = tmp_path / "cache"
    new_process(folder)
    compiled = counting_compiles(monkeypatch)
    cold = build_site(MINI, tmp_path / "cold")
    assert {"base.html", "main.html", "sozialraum.md.j2"} <= set(compiled)  # Material's, the overrides', the pages'
    stored = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.cache"))
    kinds = {name.split("/")[1].split("-")[0] for name in stored}
    assert kinds == {"pages", "mkdocs"} and len(stored) >= len(set(compiled)), stored
    assert not list(folder.rglob("*.tmp"))  # written aside and renamed: nothing half-written stays

    new_process(folder)
    compiled.clear()
    warm = build_site(MINI, tmp_path / "warm")
    assert compiled == [], f"neu übersetzt: {sorted(set(compiled))}"
    assert tree(cold) == tree(warm)


def template_folder(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    (folder / "page.html").write_text(text, encoding="utf-8")
    return folder


def rendered(folder: Path, cache: jinja2.BytecodeCache) -> str:
    """page.html of `folder` rendered by a new environment (as a new build makes one) with `cache`."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(folder), bytecode_cache=cache).get_template("page.html").render(x=1)


def test_a_damaged_cache_file_is_compiled_again(tmp_path: Path) -> None:
    """A half-written or foreign file (a full disk, another Jinja) is never used: compiled again and replaced."""
    from generator.core.template_cache import SharedBytecodeCache

    folder = template_folder(tmp_path, "Seite {{ x }}")
    assert rendered(folder, SharedBytecodeCache(tmp_path / "cache")) == "Seite 1"
    [stored] = (tmp_path / "cache").iterdir()
    good = stored.read_bytes()
    for damage in (b"kaputt", good[: len(good) // 2], b""):
        stored.write_bytes(damage)
        assert rendered(folder, SharedBytecodeCache(tmp_path / "cache")) == "Seite 1"
        assert stored.read_bytes() == good  # stored again, whole


def test_a_cache_folder_that_cannot_be_made_only_costs_time(tmp_path: Path) -> None:
    """As for a read-only home (root may write anywhere, so a file stands where the folder should be): the
    templates are kept in memory for the process, nothing is written, and the pages are the same."""
    from generator.core.template_cache import SharedBytecodeCache

    blocked = tmp_path / "datei"
    blocked.write_text("kein Ordner", encoding="utf-8")
    folder = template_folder(tmp_path, "Seite {{ x }}")
    cache = SharedBytecodeCache(blocked / "cache")
    assert rendered(folder, cache) == "Seite 1"
    assert cache.folder is None and len(cache.code) == 1  # in memory only, from now on
    assert blocked.read_text(encoding="utf-8") == "kein Ordner"
    assert not [p for p in tmp_path.iterdir() if p.name not in ("datei", "templates")]  # no stray temporary file
    assert rendered(folder, cache) == "Seite 1"


def test_an_edited_template_is_compiled_again(tmp_path: Path) -> None:
    """The cache follows the source: a changed template is not served from old code, in this process or the next."""
    from generator.core.template_cache import SharedBytecodeCache

    folder = template_folder(tmp_path, "alt {{ x }}")
    cache = SharedBytecodeCache(tmp_path / "cache")
    assert rendered(folder, cache) == "alt 1" and len(cache.code) == 1 and len(list((tmp_path / "cache").iterdir())) == 1
    (folder / "page.html").write_text("neu {{ x }}", encoding="utf-8")
    assert rendered(folder, cache) == "neu 1"
    assert rendered(folder, SharedBytecodeCache(tmp_path / "cache")) == "neu 1"  # the next process: from the folder, checked


def test_the_cache_folder_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ATLAS_CACHE_DIR, else $XDG_CACHE_HOME/sozialraumatlas, else ~/.cache/sozialraumatlas; without a home folder
    the cache stays in memory (never a folder named „~“ in the working directory)."""
    from generator.core import template_cache
    from generator.core.template_cache import cache, cache_folder

    monkeypatch.setattr(template_cache, "_CACHES", {})
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(tmp_path / "eigen"))
    assert cache_folder() == tmp_path / "eigen"
    monkeypatch.delenv("ATLAS_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder() == tmp_path / "xdg" / "sozialraumatlas"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_folder() == tmp_path / "home" / ".cache" / "sozialraumatlas"
    monkeypatch.setattr("os.path.expanduser", lambda path: path)  # no HOME, no password entry
    assert cache_folder() is None
    assert cache("seiten").folder is None  # kept in memory only
