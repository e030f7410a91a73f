"""German one-line messages for builds that fail for other reasons than bad data.

* `disk_error(exc)`: a file could not be written or read (disk full, no permission, read-only).
* `internal_error(exc, report_dir)`: a bug in the generator, a template or a plugin. Editors see one
  line and where the technical report (with the traceback) was saved for the maintainers.

Both return a `BuildError`; the command line prints it and exits with 1. The site is not touched.
"""

from __future__ import annotations

import errno
import traceback
from pathlib import Path

from ..core.paths import BuildError

REPORT_NAME = "fehlerbericht.txt"


def _where(exc: OSError) -> str:
    return f" ({exc.filename})" if exc.filename else ""


def disk_error(exc: OSError) -> BuildError:
    """The message for an OSError while writing pages or the site."""
    where = _where(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        text = f"Kein Speicherplatz mehr auf dem Datenträger{where}. Bitte Platz schaffen und erneut bauen."
    elif exc.errno in (errno.EACCES, errno.EPERM):
        text = f"Keine Berechtigung zum Schreiben oder Lesen{where}."
    elif exc.errno == errno.EROFS:
        text = f"Der Datenträger ist schreibgeschützt{where}."
    else:
        text = f"Eine Datei konnte nicht geschrieben oder gelesen werden{where}: {exc.strerror or exc}."
    return BuildError(text)


def internal_error(exc: BaseException, report_dir: Path) -> BuildError:
    """The message for an unexpected exception; the traceback goes to `report_dir/fehlerbericht.txt`."""
    summary = f"{type(exc).__name__}: {exc}".strip().splitlines()[0] if str(exc) else type(exc).__name__
    details = "".join(traceback.format_exception(exc))
    report = Path(report_dir) / REPORT_NAME
    try:
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text(details, encoding="utf-8")
        where = f" Technische Einzelheiten stehen in {report}; bitte an die Betreuung des Atlas weitergeben."
    except OSError:
        where = " Bitte an die Betreuung des Atlas weitergeben."
    return BuildError(f"Interner Fehler beim Bauen der Website ({summary}).{where}")
