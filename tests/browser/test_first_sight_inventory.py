"""Every page type the first-sight checks (issue 17) visit exists in the built example atlas."""

from __future__ import annotations

from pathlib import Path

import pytest

from .first_sight import PAGE_TYPES


@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_page_type_exists_in_the_example(example_site: Path, kind: str) -> None:
    path = PAGE_TYPES[kind]
    assert (example_site / path / "index.html").is_file(), f"{kind}: {path} fehlt in der Beispiel-Website"
