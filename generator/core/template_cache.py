"""Compiled Jinja templates kept in memory for the process and on disk for the next process.

Compiling a template costs far more than rendering it: the page templates of an atlas in four languages take
about 2 s in every new process, MkDocs' theme (Material's base and partials, the overrides) about as much
again, and `atlas serve`, a build in shards or the test suite start many processes. `cache(kind)` gives a
Jinja bytecode cache that serves a template already compiled in this process from memory, else from a file
in the user's cache folder, and compiles (and stores) only what neither holds.

* Where: `ATLAS_CACHE_DIR`, else `$XDG_CACHE_HOME/sozialraumatlas`, else `~/.cache/sozialraumatlas`, in a
  folder per `kind` (the page templates and MkDocs' theme are compiled with different settings), Python
  version and Jinja release. A folder that cannot be made or written leaves the cache in memory only; the
  build is the same.
* Safe to share: Jinja stores each template under a hash of its name and file path and checks the source's
  checksum and its bytecode format before it uses stored code, so an edited template is compiled again. A
  file another process is writing is never read half-written (written aside, then renamed); an unreadable
  or damaged file is compiled again.
* The same bytes: stored code is what Jinja would compile; the pages written do not depend on the cache.
"""

from __future__ import annotations

import os
import sys
import tempfile
from importlib import metadata
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

ENV_FOLDER = "ATLAS_CACHE_DIR"


def cache_folder() -> Path | None:
    """The user's cache folder of the atlas (`ATLAS_CACHE_DIR`, `$XDG_CACHE_HOME/sozialraumatlas`, `~/.cache/...`);
    None without a home folder to put it in (the cache then stays in memory)."""
    given = os.environ.get(ENV_FOLDER)
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        home = os.path.expanduser("~")
        if home == "~" or not os.path.isabs(home):  # no HOME and no password entry: never a folder named "~" here
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "sozialraumatlas"


class SharedBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates by Jinja's key: in a dict for this process, in `folder` for every process."""

    def __init__(self, folder: Path | None) -> None:
        self.code: dict[str, bytes] = {}
        self.folder = folder

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is None and self.folder is not None:
            try:
                code = (self.folder / f"{bucket.key}.cache").read_bytes()
            except OSError:
                return
        if code is not None:
            bucket.bytecode_from_string(code)  # Jinja resets the bucket (compiles again) on another source or damage

    def dump_bytecode(self, bucket: Bucket) -> None:
        code = bucket.bytecode_to_string()
        self.code[bucket.key] = code
        if self.folder is None:
            return
        temporary = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(prefix=f".{bucket.key}.", suffix=".tmp", dir=self.folder)
            with os.fdopen(fd, "wb") as handle:
                handle.write(code)
            os.replace(temporary, self.folder / f"{bucket.key}.cache")
        except OSError:  # read-only home, full disk: this process keeps its copies in memory
            self.folder = None
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)


_CACHES: dict[str, SharedBytecodeCache] = {}


def cache(kind: str) -> SharedBytecodeCache:
    """The process's bytecode cache for templates of one `kind` ("pages", "mkdocs"), made on first use."""
    if kind not in _CACHES:
        # Jinja's stored code names its bytecode format, not its release: a folder per release and Python version
        version = f"py{sys.version_info.major}{sys.version_info.minor}-jinja{metadata.version('jinja2')}"
        base = cache_folder()
        _CACHES[kind] = SharedBytecodeCache(base / "jinja" / f"{kind}-{version}" if base else None)
    return _CACHES[kind]
