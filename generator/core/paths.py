"""The folders of one atlas project, and the error raised when its site cannot be built."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Paths:
    """The folders of one atlas project."""

    project: Path  # holds mkdocs.yml, content/ and overrides/
    data: Path
    site: Path
    build: Path  # staging folder for generated Markdown (docs/)

    @classmethod
    def create(cls, project: Path | None = None, data: Path | None = None, site: Path | None = None, build: Path | None = None) -> "Paths":
        project = Path(project or Path.cwd()).resolve()
        return cls(
            project=project,
            data=Path(data).resolve() if data else project / "data",
            site=Path(site).resolve() if site else project / "site",
            build=Path(build).resolve() if build else project / "build",
        )

    @property
    def config_file(self) -> Path:
        return self.project / "mkdocs.yml"

    @property
    def content(self) -> Path:
        return self.project / "content"

    @property
    def docs(self) -> Path:
        return self.build / "docs"


class BuildError(Exception):
    """The site could not be built; the message is German and says why."""
