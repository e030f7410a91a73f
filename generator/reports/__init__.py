"""Reports for editors and reviewers: `atlas diff` (what a change to the data changes for the public)
and `atlas report` (data care: stale records, suspicious addresses).
May import: every stage up to `build`. Never `importers` or the CLI.
"""
