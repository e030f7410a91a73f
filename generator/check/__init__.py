"""Check stage (validate): loaded files → validated records and one `Atlas`, or every problem with
file, line and a German message; problems as pull-request annotations.
May import: `core`, `load`, `model`.
"""
