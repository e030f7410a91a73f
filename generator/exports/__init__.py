"""Exports: the public data in open formats: CSV/JSON tables, GeoJSON, Open Referral HSDS, DCAT-AP.de,
schema.org JSON-LD and vCards.
May import: `core`, `model`. Never `visuals`, `editing` or anything above.
"""
