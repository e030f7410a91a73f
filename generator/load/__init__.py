"""Load stage: read the YAML and CSV files of `data/`, keep the file and line of every value.

Reports what cannot be read as `Problem`s; knows nothing of record kinds.
May import: `core`.
"""
