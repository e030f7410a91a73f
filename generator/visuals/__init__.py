"""Visuals: maps (folium documents and their static SVG), thematic maps and their classes, SVG charts.
Each takes model objects and returns markup or files; none writes a page.
May import: `core`, `model`. Never `check`'s siblings above it (`exports`, `editing`, `pages`, ...).
"""
