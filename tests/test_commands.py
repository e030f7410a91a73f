"""The commands as a user runs them: the example atlas, `python -m generator`, `atlas serve`."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO, page


def test_example_data_has_no_problems() -> None:
    from generator.check.validate import validate

    atlas, problems = validate(REPO / "data")
    assert problems == []
    assert len(atlas.municipalities) == 19
    assert {m.type for m in atlas.municipalities.values()} == {"stadt", "amtsfreie-gemeinde", "amt"}
    covered = {c.municipality for c in atlas.family_centres.values()}
    assert covered == set(atlas.municipalities), "every unit has a family centre"
    assert len(atlas.offers) >= 60 and len(atlas.networks) >= 12 and len(atlas.contacts) >= 25


def test_example_atlas_builds_strict(example_site: Path) -> None:
    """The example data build without a single MkDocs warning (the build runs in strict mode).

    `example_site` (tests/conftest.py) is that build, made once per test run by build_site, which asserts exit code 0.
    """
    site = example_site
    profiles = [p for p in (site / "sozialraeume").iterdir() if (p / "index.html").is_file()]
    assert len(profiles) == 19
    from generator.check.validate import validate

    atlas, _ = validate(REPO / "data")
    for centre in atlas.family_centres:
        assert (site / "familienzentren" / centre / "index.html").is_file()
    for network in atlas.networks:
        assert (site / "netzwerke" / network / "index.html").is_file()
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    # the site search (Pagefind): one index per language of the atlas (data/atlas.yaml `languages`), German first
    assert list(entry["languages"]) == ["de", *sorted(atlas.config.languages[1:])] and "de" in atlas.config.languages
    district = page(site, "landkreis/")
    for figure in ("2.592", "211.000", "29,1", "31,7", "33,7", "79,2", "4,6", "2,9", "1,7", "29.905", "53.795", "31.028", "5.706"):
        assert figure in district, figure
    ziesar = page(site, "sozialraeume/amt-ziesar/")
    assert "5.977" in ziesar and "120695918" in ziesar


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, text: str, seconds: float = 90) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = fetch(url)
        if body is not None and text in body:
            return True
        time.sleep(0.5)
    return False


def stop_server(process: subprocess.Popen) -> None:
    """End an `atlas serve` subprocess (started with start_new_session) and its children."""
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def test_python_m_generator_is_the_atlas_command(mini_data: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--data", str(mini_data)], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert "Keine Probleme gefunden." in result.stdout


@pytest.mark.heavy
def test_serve_rebuilds_when_data_change(mini_data: Path, tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--project", str(REPO), "--data", str(mini_data),
         "--build-dir", str(tmp_path / "build"), "--dev-addr", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/familienzentren/fz-teststadt/"
    try:
        assert wait_for(url, "Familienzentrum Teststadt"), "preview did not start"
        fc = mini_data / "family_centres" / "fz-teststadt.yaml"
        fc.write_text(fc.read_text(encoding="utf-8").replace("name: Familienzentrum Teststadt", "name: Familienzentrum Neuname"), encoding="utf-8")
        assert wait_for(url, "Familienzentrum Neuname"), "preview did not rebuild after a YAML change"
        csv = mini_data / "indicators" / "values.csv"
        csv.write_text(csv.read_text(encoding="utf-8").replace("amt-testheide,altenquotient,2013,41.2", "amt-testheide,altenquotient,2013,47.9"), encoding="utf-8")
        assert wait_for(f"http://127.0.0.1:{port}/sozialraeume/amt-testheide/", "47,9"), "preview did not rebuild after a CSV change"
    finally:
        stop_server(process)


@pytest.mark.heavy
def test_serve_shows_an_edited_record_first_and_then_everything(mini_data: Path, tmp_path: Path) -> None:
    """--quick-first always (a Land-size atlas does it by itself): the offer's page, then lists and exports."""
    port = free_port()
    log = tmp_path / "serve.log"
    with open(log, "w", encoding="utf-8") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--project", str(REPO), "--data", str(mini_data), "--quick-first", "always",
             "--build-dir", str(tmp_path / "build"), "--dev-addr", f"127.0.0.1:{port}"],
            stdout=output, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"}, start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            assert wait_for(f"{base}/angebote/krabbelgruppe/", "Krabbelgruppe"), "preview did not start"
            offer = mini_data / "offers" / "krabbelgruppe.yaml"
            offer.write_text(offer.read_text(encoding="utf-8").replace("title: Krabbelgruppe", "title: Krabbelrunde"), encoding="utf-8")
            assert wait_for(f"{base}/angebote/krabbelgruppe/", "Krabbelrunde"), "the edited page did not come"
            assert wait_for(f"{base}/daten/angebote.csv", "Krabbelrunde"), "the second round did not follow"
            assert wait_for(f"{base}/angebote/", "Krabbelrunde")
            text = log.read_text(encoding="utf-8")
            assert "(angebote/krabbelgruppe.md); Listen, Profile und Suche folgen." in text
            assert "Vorschau neu gebaut (geänderte Seiten)" in text.split("Listen, Profile und Suche folgen.", 1)[1]
        finally:
            stop_server(process)
