"""Open and decode data files so that whatever is on disk becomes a German problem, never a traceback.

Handles what editors and accidents produce: directories, devices and pipes where a file is expected,
symbolic links that point to themselves or nowhere, missing read permission, files above the size cap
(limits.py), files saved as UTF-16 or Latin-1, and control characters pasted into YAML.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import unicodedata
from pathlib import Path
from typing import BinaryIO

from ..core.problems import Problem
from .limits import MB, cap_hint, current_limits, size_text

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

_OS_ERRORS = {
    errno.ENOENT: "Datei nicht gefunden",
    errno.EACCES: "keine Leseberechtigung (Zugriff verweigert); bitte die Dateirechte prüfen",
    errno.EPERM: "keine Leseberechtigung (Zugriff verweigert); bitte die Dateirechte prüfen",
    errno.EISDIR: "das ist ein Ordner, keine Datei",
    errno.ELOOP: "die Datei ist ein symbolischer Link, der (über Umwege) auf sich selbst zeigt; bitte durch die echte Datei ersetzen",
    errno.ENAMETOOLONG: "der Dateiname ist zu lang",
    errno.EIO: "Lesefehler des Datenträgers",
    errno.ENOTDIR: "ein Teil des Pfads ist kein Ordner",
}


def os_error_text(exc: OSError, path: Path) -> str:
    """German reason for an OSError while opening or reading `path`."""
    if exc.errno == errno.ENOENT and os.path.islink(path):
        return "Datei kann nicht gelesen werden: sie ist ein symbolischer Link auf eine Datei, die es nicht gibt"
    reason = _OS_ERRORS.get(exc.errno or 0, f"Betriebssystem-Fehler Nr. {exc.errno}")
    return f"Datei kann nicht gelesen werden: {reason}"


def open_data_file(path: Path, display: str, max_bytes: float, cap: str) -> tuple[BinaryIO | None, Problem | None]:
    """Open a regular file for reading in binary mode; a problem instead when it is none, unreadable or above `max_bytes`."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))  # a pipe must not block
    except OSError as exc:
        return None, Problem(display, 1, os_error_text(exc, path))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            problem = "Datei kann nicht gelesen werden: das ist ein Ordner, keine Datei"
        elif not stat.S_ISREG(info.st_mode):
            problem = "Datei kann nicht gelesen werden: das ist keine gewöhnliche Datei (sondern z. B. ein Gerät oder eine Pipe)"
        elif info.st_size > max_bytes:
            problem = too_big(info.st_size, max_bytes, cap)
        else:
            return os.fdopen(fd, "rb"), None
    except OSError as exc:
        problem = os_error_text(exc, path)
    os.close(fd)
    return None, Problem(display, 1, problem)


def too_big(size: float, max_bytes: float, cap: str) -> str:
    return f"Die Datei ist mit {size_text(size)} größer als erlaubt (höchstens {size_text(max_bytes)}; {cap_hint(cap)})"


def list_folder(folder: Path, display: str, suffix: str = "") -> tuple[list[Path], Problem | None]:
    """The entries of a data folder (those ending in `suffix`), sorted; a problem instead when it cannot be listed."""
    try:
        return sorted(p for p in folder.iterdir() if p.name.endswith(suffix)), None
    except OSError as exc:
        return [], Problem(display, 1, os_error_text(exc, folder).replace("Datei kann", "Ordner kann", 1))


def size_problem(path: Path, display: str, cap: str = "geojson_mb") -> Problem | None:
    """A file that another module reads whole (boundaries.geojson) is first checked against its cap here."""
    max_bytes = getattr(current_limits(), cap) * MB
    handle, problem = open_data_file(path, display, max_bytes, cap)
    if handle is not None:
        handle.close()
    return problem


def read_bytes(path: Path, display: str, max_bytes: float, cap: str) -> tuple[bytes | None, Problem | None]:
    """The whole file, read at most up to the cap (a file that grows while being read is cut off, not loaded)."""
    handle, problem = open_data_file(path, display, max_bytes, cap)
    if handle is None:
        return None, problem
    try:
        with handle:
            data = handle.read(int(max_bytes) + 1)
    except OSError as exc:
        return None, Problem(display, 1, os_error_text(exc, path))
    if len(data) > max_bytes:
        return None, Problem(display, 1, too_big(len(data), max_bytes, cap))
    return data, None


def utf16_problem(head: bytes, display: str, what: str) -> Problem | None:
    if head.startswith(_UTF16_BOMS):
        return Problem(display, 1, f"{what} ist als UTF-16 gespeichert (z. B. von Excel als „Unicode-Text“); bitte als UTF-8 speichern")
    return None


def decode(data: bytes, display: str, what: str) -> tuple[str | None, Problem | None]:
    """UTF-8 text (a BOM is dropped); else a problem with the line of the first byte that is not UTF-8."""
    problem = utf16_problem(data[:2], display, what)
    if problem is not None:
        return None, problem
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return None, not_utf8(display, what, data.count(b"\n", 0, exc.start) + 1, data[exc.start])


def not_utf8(display: str, what: str, line: int, byte: int) -> Problem:
    guess = bytes([byte]).decode("cp1252", errors="replace")
    char = f"„{guess}“ " if guess.isprintable() and guess != "\ufffd" else ""
    return Problem(
        display, line,
        f"{what} ist nicht in UTF-8 gespeichert (Zeichen {char}als Byte 0x{byte:02X}, vermutlich Windows-1252/Latin-1); bitte als UTF-8 speichern",
    )


# what YAML does not allow in a file (the YAML 1.1 printable set, as PyYAML's reader checks it)
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def control_character_problem(text: str, display: str) -> Problem | None:
    """The first control character (ESC, NUL, …) in a YAML text, with its line; None when there is none."""
    found = _NON_PRINTABLE.search(text)
    if found is None:
        return None
    char = found.group()
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    name = unicodedata.name(char, "") or {"\x1b": "ESC", "\x00": "NUL", "\x7f": "DEL"}.get(char, "Steuerzeichen")
    more = len(_NON_PRINTABLE.findall(text)) - 1
    others = f"; dazu {more} weitere in der Datei" if more else ""
    return Problem(
        display, line,
        f"Unsichtbares Steuerzeichen U+{ord(char):04X} ({name}) in Spalte {column}{others}: es ist in YAML nicht erlaubt und stammt meist "
        "aus einem kopierten Text; bitte das Zeichen löschen (im Editor oft als Kästchen oder ^[ zu sehen)",
    )
