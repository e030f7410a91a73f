"""Core: small helpers every stage uses, with no knowledge of the pipeline.

German number and date formatting, safe Markdown from untrusted text, names made into ids, the folders
of an atlas project, and `Problem`, the one shape every stage reports bad input in.
May import: nothing from the generator (only the standard library and third-party packages).
"""
