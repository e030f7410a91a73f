"""Importers: official files → the atlas' data files: boundaries (GeoJSON, Shapefile) and
statistical-office tables → indicator CSVs.
May import: `core`, `load`, `model`, `check`. Never `pages`, `build`, `reports` or the CLI.
"""
