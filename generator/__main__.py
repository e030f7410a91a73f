"""`python -m generator` does the same as the `atlas` command."""

import sys

from .cli import main

sys.exit(main())
