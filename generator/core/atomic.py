"""Writing a data file atomically with the permissions a plain `open()` would give it.

`tempfile.mkstemp` creates files readable by their owner only (0600); renamed into place such a file
would lock out the web server, the CI runner or colleagues who read the data folder. `write_atomic`
writes a temporary file beside the target, gives it the target's current mode (or, for a new file,
0666 minus the umask, usually 0644) and renames it over the target, so readers see the old or the new
file, never half of one.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def current_umask() -> int:
    """The process' umask (read by setting it and restoring it at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def normal_mode(target: Path) -> int:
    """The mode `open(target, "w")` would leave: that of an existing file, else 0666 without the umask bits."""
    try:
        return stat.S_IMODE(Path(target).stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~current_umask()


def write_atomic(target: Path, content: bytes) -> None:
    """Write `content` to `target` via a temporary file in the same folder and os.replace."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = normal_mode(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
