"""Templates are compiled once per process (generator/build/template_cache.py, pages/site.environment): a
second build in the same process – the preview after a saved file, a test that builds again – compiles no
template of the theme or of the generator, and writes the same bytes as the first."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from conftest import MINI, build_site


def test_a_second_build_in_the_same_process_compiles_no_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = build_site(MINI, tmp_path / "first")
    compiled: list[str] = []
    compile_source = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        if name:  # templates from files; folium's inline templates have no name
            compiled.append(name)
        return compile_source(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    second = build_site(MINI, tmp_path / "second")
    assert compiled == [], f"neu übersetzt: {sorted(set(compiled))}"
    files = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)


def test_an_edited_template_is_compiled_again(tmp_path: Path) -> None:
    """The cache follows the source: a changed template is not served from old code."""
    from generator.build.template_cache import MemoryBytecodeCache

    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.html").write_text("alt {{ x }}", encoding="utf-8")
    cache = MemoryBytecodeCache()
    render = lambda: jinja2.Environment(loader=jinja2.FileSystemLoader(folder), bytecode_cache=cache).get_template("page.html").render(x=1)
    assert render() == "alt 1" and len(cache.code) == 1
    (folder / "page.html").write_text("neu {{ x }}", encoding="utf-8")
    assert render() == "neu 1"
