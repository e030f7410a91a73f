"""Publish stage: put a freshly built site in place of site/ so that site/ is always the old or the new build.

Two folders live beside site/ while a build runs (hidden, in the same parent folder, so renames stay on
one file system):

* `.site.new` – MkDocs builds into it; removed when the build fails or is interrupted.
* `.site.old` – holds the previous site for a moment after the swap and is then removed.

On Linux the swap is a single `renameat2(RENAME_EXCHANGE)` system call: at every instant `site/` is a
complete build. Where that call is missing (other systems, file systems without support), two renames
are used (site/ → .site.old, .site.new → site/); if the second fails, the first is undone. A process
killed between the two leaves `.site.old` and no site/; `recover()` at the start of the next build puts
it back. Leftovers of killed builds are removed by `recover()` too.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
from pathlib import Path

RENAME_EXCHANGE = 2  # from <linux/fs.h>
AT_FDCWD = -100
_UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV}


def staging_dir(site: Path) -> Path:
    """The folder MkDocs builds into: `.site.new` beside `site`."""
    return site.with_name(f".{site.name}.new")


def old_dir(site: Path) -> Path:
    """Where the previous site waits for removal during a swap: `.site.old` beside `site`."""
    return site.with_name(f".{site.name}.old")


def remove(path: Path) -> None:
    """Remove a folder tree, a file or a symlink; nothing if it does not exist."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


def recover(site: Path) -> None:
    """Undo what a killed build left behind: restore the previous site, drop half-built folders."""
    old = old_dir(site)
    if not site.exists() and not site.is_symlink() and old.is_dir():
        old.rename(site)  # killed between the two renames of the fallback swap
    remove(staging_dir(site))
    remove(old)


def _libc_renameat2():  # pragma: no cover - depends on the C library
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_renameat2 = _libc_renameat2()


def exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2). False when the system cannot; OSError on a real failure."""
    if _renameat2 is None:
        return False
    if _renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(b))


def publish(built: Path, site: Path) -> None:
    """Swap the complete build `built` in place of `site` (which may not exist yet); remove the old site."""
    old = old_dir(site)
    remove(old)
    if not site.exists() and not site.is_symlink():
        built.rename(site)
        return
    if exchange(built, site):
        remove(built)  # now holds the previous site
        return
    site.rename(old)
    try:
        built.rename(site)
    except BaseException:
        old.rename(site)
        raise
    remove(old)
