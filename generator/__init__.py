"""Sozialraumatlas generator: data/ (YAML, CSV) → validated Atlas → Markdown pages and maps → MkDocs site.

One subpackage per stage, each importing only those listed before it (import-linter contracts in
pyproject.toml, checked by tests/test_architecture.py):

    core       formatting, safe Markdown, names, project folders, Problem
    load       read YAML/CSV with the line of every value
    model      record kinds (schema), the Atlas, indicators, profiles, targets, hours
    check      validate: loaded files → Atlas, or every problem in German
    visuals    maps, thematic maps, SVG charts          | exports  open data formats | editing  atlas new, JSON Schema
    pages      render: Atlas → Markdown pages, one module per page type, templates and assets beside them
    build      write the docs folder, MkDocs (sharded), publish site/, parallel render, atlas serve
    importers  official boundaries and statistical tables → data files | reports  atlas diff, atlas report
    cli        wires the stages together (`atlas …`, `python -m generator`)
"""

__version__ = "0.1.0"
