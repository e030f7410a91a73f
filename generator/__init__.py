"""Sozialraumatlas generator: data/ (YAML, CSV) → validated Atlas → Markdown pages and maps → MkDocs site.

Stages, one module each: load → validate → model → render → write → build; cli wires them together.
"""

__version__ = "0.1.0"
