"""Editing: help for editors writing records: `atlas new` (a record file with its required fields and
German comments) and the JSON Schema files for completion in VS Code.
May import: `core`, `load`, `model`, `check`. Never `visuals`, `exports` or anything above.
"""
