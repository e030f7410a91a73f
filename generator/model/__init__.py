"""Model: the record kinds (pydantic schema), the `Atlas` object with its references and queries,
and what is computed from records alone: indicators, profiles, targets, opening hours, freshness,
renamed records, boundaries.
May import: `core`. Never `load`, `check` or anything above.
"""
