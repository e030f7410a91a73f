"""Write and build stages: the rendered pages, `content/` and the assets → the docs folder (written
only where bytes changed) → MkDocs (in shards for big atlases) → `site/`, swapped in only when
everything succeeded; rendering in several processes; the `atlas serve` preview; progress display.
May import: every stage below it (`core` … `pages`). Never `importers`, `reports` or the CLI.
"""
