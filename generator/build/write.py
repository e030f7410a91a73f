"""Write stage: generated pages + hand-written content + assets → the docs dir MkDocs reads.

`write_docs(pages, content_dir, docs_dir)` makes the docs dir hold exactly
* the hand-written pages and files of `content/` (copied),
* the generated pages and map documents (`pages` from the render stage),
* Leaflet (`assets/leaflet/leaflet.js`, `leaflet.css`, `images/`) from the `django-js-lib-leaflet`
  package, and the site's own files from `generator/pages/assets/` (→ `assets/`).

A file is written only when its bytes changed, so unchanged files keep their modification time
(`atlas serve` then rebuilds only what changed). Files of earlier runs that are no longer generated
or copied are removed, and empty folders with them. `sync_docs` does the same and returns a
`WriteReport` (which files were written, added, removed) – serve.py decides from it whether a quick
("dirty") MkDocs rebuild is enough. `rewrite` lets the caller change a hand-written file's bytes before
the comparison (the Datenschutz section from atlas.yaml), so that such a file, too, is only rewritten
when its final bytes changed.

Collisions: a hand-written file in `content/` with the same path as a generated page or asset is
*not* copied; the generated file wins, and the colliding paths are returned (sorted) so that the
caller can fail with a clear message (pipeline.py does). An empty list means no collision.

Safety: every target must resolve inside the docs dir (no `..`, no absolute paths, no symlinks
leading out), otherwise `UnsafePathError` is raised before anything is written. The docs dir is
owned by the generator: a marker file `.atlas-docs` is kept in it, and a non-empty folder without
the marker is refused (`ForeignDocsDirError`), so that pointing the build folder at a folder with
other files never deletes them.
"""

from __future__ import annotations

import importlib.resources
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..core.paths import BuildError
from ..pages import ASSETS_DIR

MARKER = ".atlas-docs"
MARKER_TEXT = b"Dieser Ordner wird von `atlas build` erzeugt und bei jedem Lauf neu geschrieben.\n"
LEAFLET_TARGET = "assets/leaflet"
OWN_ASSETS = ASSETS_DIR


class UnsafePathError(BuildError):
    """A path would end up outside the docs dir."""


class ForeignDocsDirError(BuildError):
    """The docs dir holds files this generator did not write."""


def leaflet_files() -> dict[str, bytes]:
    """Leaflet's JS, CSS and marker images, keyed by their path in the docs dir."""
    root = importlib.resources.files("js_lib_leaflet").joinpath("static/js_lib_leaflet")
    files = {
        f"{LEAFLET_TARGET}/leaflet.js": root.joinpath("leaflet.js").read_bytes(),
        f"{LEAFLET_TARGET}/leaflet.css": root.joinpath("leaflet.css").read_bytes(),
    }
    images = root.joinpath("images")
    for item in sorted(images.iterdir(), key=lambda i: i.name):
        if item.is_file():
            files[f"{LEAFLET_TARGET}/images/{item.name}"] = item.read_bytes()
    return files


def own_assets() -> dict[str, bytes]:
    """`generator/pages/assets/*` → `assets/*` (atlas.css, atlas-map.js)."""
    if not OWN_ASSETS.is_dir():
        return {}
    return {
        f"assets/{path.relative_to(OWN_ASSETS).as_posix()}": path.read_bytes()
        for path in sorted(OWN_ASSETS.rglob("*"))
        if path.is_file() and not _hidden(path.relative_to(OWN_ASSETS))
    }


def content_files(content_dir: Path) -> dict[str, bytes]:
    """Hand-written files below `content_dir` (hidden files and folders are skipped)."""
    content_dir = Path(content_dir)
    if not content_dir.is_dir():
        return {}
    return {
        path.relative_to(content_dir).as_posix(): path.read_bytes()
        for path in sorted(content_dir.rglob("*"))
        if path.is_file() and not _hidden(path.relative_to(content_dir))
    }


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def docs_path(docs_dir: Path, relative: str) -> Path:
    """Resolved path of `relative` inside `docs_dir`, or UnsafePathError."""
    if not relative or relative.startswith(("/", "\\")) or Path(relative).is_absolute() or "\\" in relative:
        raise UnsafePathError(f"Unzulässiger Pfad für eine Seite: „{relative}“")
    target = (docs_dir / relative).resolve()
    if not target.is_relative_to(docs_dir) or target == docs_dir:
        raise UnsafePathError(f"Der Pfad „{relative}“ führt aus dem Ordner {docs_dir} hinaus")
    return target


def _check_ownership(docs_dir: Path) -> None:
    if not docs_dir.exists():
        return
    if not docs_dir.is_dir():
        raise ForeignDocsDirError(f"{docs_dir} ist kein Ordner")
    if (docs_dir / MARKER).is_file():
        return
    if any(docs_dir.iterdir()):
        raise ForeignDocsDirError(
            f"Der Ordner {docs_dir} enthält Dateien, die nicht von `atlas build` stammen. "
            "Bitte einen leeren oder neuen Zwischenordner angeben (--build-dir); der Ordner wird bei jedem Lauf überschrieben."
        )


def write_if_changed(path: Path, data: bytes) -> bool:
    if path.is_file() and not path.is_symlink():
        try:
            if path.stat().st_size == len(data) and path.read_bytes() == data:
                return False
        except OSError:
            pass
    elif path.is_dir() and not path.is_symlink():
        _remove_tree(path)  # a folder where a file belongs now
    elif path.is_symlink():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True


def _remove_tree(folder: Path) -> None:
    for child in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if child.is_dir() and not child.is_symlink():
            child.rmdir()
        else:
            child.unlink()
    folder.rmdir()


@dataclass
class WriteReport:
    """What one run of `sync_docs` did; paths relative to the docs dir, sorted."""

    total: int = 0  # files the docs dir holds now (marker not counted)
    written: list[str] = field(default_factory=list)  # new or changed bytes (includes `added`)
    added: list[str] = field(default_factory=list)  # did not exist before
    removed: list[str] = field(default_factory=list)  # stale files deleted
    collisions: list[str] = field(default_factory=list)  # hand-written paths a generated file replaced

    @property
    def files_changed(self) -> bool:
        """True when files were added or removed (MkDocs then needs a full build: file list, links)."""
        return bool(self.added or self.removed)


class DocsSync:
    """Writes the docs dir file by file, as the render stage produces them (nothing held in memory).

    `write(path, text)` for every generated file, then `finish()`: Leaflet and the site's assets (unless
    generated), the hand-written files of content/ (a generated file with the same path wins: collision),
    removal of files of earlier runs, and the `WriteReport`. Each path is checked (UnsafePathError) before
    its file is written; the ownership check (ForeignDocsDirError) runs before the first write.
    """

    def __init__(self, content_dir: Path, docs_dir: Path, *, rewrite: Callable[[str, bytes], bytes] | None = None,
                 on_file: Callable[[int, int | None], None] | None = None) -> None:
        self.content_dir = Path(content_dir)
        self.docs_dir = Path(docs_dir).resolve()
        self.rewrite = rewrite
        self.on_file = on_file
        _check_ownership(self.docs_dir)
        self.docs_dir.mkdir(parents=True, exist_ok=True)
        write_if_changed(self.docs_dir / MARKER, MARKER_TEXT)
        self.keep: set[Path] = {self.docs_dir / MARKER}
        self.generated: set[str] = set()
        self.report = WriteReport()

    def write(self, relative: str, content: str | bytes, target: Path | None = None) -> None:
        target = target or docs_path(self.docs_dir, relative)
        data = content.encode("utf-8") if isinstance(content, str) else content
        existed = target.is_file() and not target.is_symlink()
        if write_if_changed(target, data):
            self.report.written.append(relative)
            if not existed:
                self.report.added.append(relative)
        self.generated.add(relative)
        self.keep.add(target)
        if self.on_file is not None:
            self.on_file(len(self.generated), None)

    def absorb(self, written: list[str], added: list[str], generated: list[str]) -> None:
        """Take over what a copy of this object wrote in another process (parallel.py)."""
        self.report.written += written
        self.report.added += added
        self.generated.update(generated)
        self.keep.update(docs_path(self.docs_dir, path) for path in generated)

    def finish(self) -> WriteReport:
        extra = {path: data for path, data in {**leaflet_files(), **own_assets()}.items() if path not in self.generated}
        handwritten = content_files(self.content_dir)
        if self.rewrite is not None:
            handwritten = {path: self.rewrite(path, data) for path, data in handwritten.items()}
        self.report.collisions = sorted(path for path in handwritten if path in self.generated or path in extra)
        rest = {**{p: d for p, d in handwritten.items() if p not in self.generated}, **extra}
        targets = {path: docs_path(self.docs_dir, path) for path in sorted(rest)}
        for path, target in targets.items():
            self.write(path, rest[path], target)
        docs_dir = self.docs_dir
        for path in sorted(docs_dir.rglob("*"), key=lambda p: (len(p.parts), str(p)), reverse=True):
            if path.is_symlink() or path.is_file():
                if path not in self.keep:
                    path.unlink()
                    self.report.removed.append(path.relative_to(docs_dir).as_posix())
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
        self.report.total = len(self.generated)
        self.report.written.sort()
        self.report.added.sort()
        self.report.removed.sort()
        return self.report


def sync_docs(
    pages: dict[str, str],
    content_dir: Path,
    docs_dir: Path,
    *,
    rewrite: Callable[[str, bytes], bytes] | None = None,
    on_file: Callable[[int, int], None] | None = None,
) -> WriteReport:
    """Make `docs_dir` hold content/, the generated pages and the assets; report what changed.

    `rewrite(path, data)` may change a hand-written file before it is compared and written;
    `on_file(done, total)` is called after each file (progress display). Raises UnsafePathError for
    a path outside `docs_dir` (before anything is written) and ForeignDocsDirError for a non-empty
    folder it did not create.
    """
    docs_dir = Path(docs_dir).resolve()
    targets = {path: docs_path(docs_dir, path) for path in sorted(pages)}  # all checked before writing
    total = len(targets)
    sync = DocsSync(content_dir, docs_dir, rewrite=rewrite,
                    on_file=(lambda done, _t: on_file(min(done, total), total)) if on_file is not None else None)
    for path, target in targets.items():
        sync.write(path, pages[path], target)
    return sync.finish()


def write_docs(pages: dict[str, str], content_dir: Path, docs_dir: Path) -> list[str]:
    """Make `docs_dir` hold content/, the generated pages and the assets. Returns colliding paths.

    See the module docstring: generated files win over hand-written ones with the same path; the
    returned list names those paths (empty: no collision). Raises UnsafePathError for a path outside
    `docs_dir` and ForeignDocsDirError for a non-empty folder this function did not create.
    """
    return sync_docs(pages, content_dir, docs_dir).collisions
