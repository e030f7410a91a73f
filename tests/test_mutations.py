"""Mutation test (issue 23, point 7): random single mutations of a copy of the example's data folder, each
checked with `atlas check`. Every answer must come within TIMEOUT (tests/mutations.py), without a traceback,
with exit code 1 and a message that names the changed file (`data/…:line:` or `data/…:`), or with exit code 0
where the change is legitimate (Windows line endings, a byte order mark, a comment; kinds marked VALID).

The kinds and what each expects are in tests/mutation_kinds.py, planning and judging in tests/mutations.py.
A normal run draws NORMAL_COUNT mutations of as many kinds (ATLAS_MUTATIONS sets another number), `-m slow`
(the second step of .ci/run) draws SLOW_COUNT; the seed is ATLAS_MUTATION_SEED (default 23; the slow run
uses the next one). Mutations that could hang or exhaust memory (deep nesting, alias bombs) run `atlas check`
in a subprocess with a timeout and a memory limit, all others in this process. Kinds that are not handled yet
are in KNOWN_FAILURES (xfail, strict).
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from mutations import DATA, EITHER, ERROR, KINDS, VALID, Mutation, Outcome, apply, copy_data, judge, plan, run

SEED = int(os.environ.get("ATLAS_MUTATION_SEED", "23"))
NORMAL_COUNT = 40  # of one shuffled round of the kinds: most kinds, other ones with another seed
SLOW_COUNT = 300

# Mutations that `atlas check` does not handle yet: kind → (does it fail for this outcome (changed file, what was
# changed)?, reason). Their tests are xfail(strict=True): when the check learns to handle one, the test fails until
# the entry goes.
KNOWN_FAILURES: dict[str, tuple[Callable[[Outcome], bool], str]] = {}


def count(default: int) -> int:
    return int(os.environ.get("ATLAS_MUTATIONS", default))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "mutation" not in metafunc.fixturenames:
        return
    if metafunc.definition.get_closest_marker("slow") is None:
        mutations = plan(SEED, count(NORMAL_COUNT))
    elif "slow" in (metafunc.config.getoption("markexpr") or ""):
        mutations = plan(SEED + 1, count(SLOW_COUNT))  # another seed: other files and places than the normal run
    else:  # not drawn at all unless selected: the README's `python -m pytest -q` leaves the slow run out
        metafunc.parametrize("mutation", [pytest.param(None, marks=pytest.mark.skip(reason="few hundred mutations: python -m pytest -m slow tests/test_mutations.py"))], ids=["slow"])
        return
    metafunc.parametrize("mutation", mutations, ids=[m.id for m in mutations])


RESULTS: dict[str, Counter] = {"normal": Counter(), "slow": Counter()}  # run → (kind, result) → number, for test_summary


def check_mutation(which: str, mutation: Mutation, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    outcome = run(mutation, tmp_path)
    known = KNOWN_FAILURES.get(mutation.kind.name)
    expected_failure = known is not None and known[0](outcome)
    RESULTS[which][(mutation.kind.name, outcome.result + (" (known)" if expected_failure else ""))] += 1
    if expected_failure:
        request.applymarker(pytest.mark.xfail(strict=True, reason=known[1]))
    if outcome.failure is not None:
        pytest.fail(f"{mutation.id} ({mutation.kind.expect}): {outcome.target}: {outcome.detail}: {outcome.failure}\n"
                    f"exit code {outcome.code}, output:\n{outcome.output[-4000:]}", pytrace=False)


def test_mutation(mutation: Mutation, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    check_mutation("normal", mutation, tmp_path, request)


@pytest.mark.slow
def test_mutation_slow(mutation: Mutation, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    check_mutation("slow", mutation, tmp_path, request)


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_every_kind_changes_its_file_and_only_the_copy(tmp_path: Path) -> None:
    """Each kind really changes the file it names (else the test would check the unchanged example), and the
    example's data folder stays as it was (the copies share its files as hard links)."""
    before = tree_digest(DATA)
    for index, name in enumerate(sorted(KINDS)):
        work = tmp_path / str(index)
        data = copy_data(work / "data")
        path, detail = apply(Mutation(index, KINDS[name], SEED + index), data)
        original = DATA / path.relative_to(data)
        assert detail
        if path.is_file() and not path.is_symlink() and original.is_file():
            assert path.read_bytes() != original.read_bytes(), f"{name}: {path} unchanged"
        else:
            assert path.is_symlink() or path.is_dir() or not path.exists() or not original.exists(), f"{name}: {path} unchanged"
    assert tree_digest(DATA) == before


def test_judge_fails_wrong_answers() -> None:
    """The judgement itself: a traceback, a hang, a wrong exit code and a message about another file all fail."""
    error = Mutation(0, KINDS["duplicate-key"], 1)
    valid = Mutation(0, KINDS["crlf-line-endings"], 1)
    target = "data/offers/a.yaml"
    assert judge(error, target, 1, "data/offers/a.yaml:3: Feld „name“ steht doppelt\n1 Problem gefunden.") is None
    assert judge(error, target, 1, "data/offers/a.yaml: Datei ist leer") is None
    assert judge(error, target, 1, "Traceback (most recent call last):\n  File …\nRecursionError: maximum recursion depth exceeded").startswith("traceback: RecursionError")
    assert judge(error, target, None, "") == "no answer within 30 s"
    assert judge(error, target, 0, "Keine Probleme gefunden.") == "exit code 0, expected 1"
    assert judge(error, target, 1, "data/offers/ab.yaml:3: Feld „name“ steht doppelt") == "no message names data/offers/a.yaml"
    assert judge(valid, target, 1, "data/offers/a.yaml:3: Unbekanntes Feld") == "exit code 1, expected 0"
    assert judge(valid, target, 0, "Keine Probleme gefunden.") is None


def test_in_process_check_reports_hangs_and_exceptions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A check that does not answer in time gives no exit code; an escaping exception is a traceback in the output."""
    import time

    import generator.cli
    import mutations

    monkeypatch.setattr(mutations, "TIMEOUT", 1)
    monkeypatch.setattr(generator.cli, "main", lambda argv: time.sleep(5))
    assert mutations.check_in_process(tmp_path)[0] is None

    def crash(argv: list[str]) -> int:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(generator.cli, "main", crash)
    code, output = mutations.check_in_process(tmp_path)
    assert code == 1 and "Traceback" in output and mutations.first_traceback_line(output) == "RecursionError: maximum recursion depth exceeded"


@pytest.mark.parametrize("which", ["normal", pytest.param("slow", marks=pytest.mark.slow)])
def test_summary(which: str, capsys: pytest.CaptureFixture, pytestconfig: pytest.Config) -> None:
    """Prints how many mutations of how many kinds the run checks (last in this file: with `-n 0` also how each
    kind came out); the kinds come in rounds, none twice before every one has come."""
    if which == "slow" and "slow" not in (pytestconfig.getoption("markexpr") or ""):
        pytest.skip("the slow run: python -m pytest -m slow tests/test_mutations.py")
    seed, wanted = (SEED, count(NORMAL_COUNT)) if which == "normal" else (SEED + 1, count(SLOW_COUNT))
    mutations = plan(seed, wanted)
    kinds = {m.kind.name for m in mutations}
    assert len(mutations) == wanted
    assert len(kinds) == min(wanted, len(KINDS))  # rounds of all kinds: none twice before every one has come
    assert {k.expect for k in KINDS.values()} == {ERROR, EITHER, VALID}
    results = RESULTS[which]
    text = (f"\nmutation test ({which} run): {len(mutations)} mutations of {len(kinds)} kinds (of {len(KINDS)}), seed {seed}, "
            f"{sum(m.kind.isolate for m in mutations)} of them in a subprocess")
    if sum(results.values()) == len(mutations):  # all of them ran in this process (not spread over pytest-xdist's workers)
        handled = sum(n for (_, result), n in results.items() if result == "ok")
        text += f": {handled} handled, {len(mutations) - handled} not"
        for name in sorted(kinds):
            text += f"\n  {name:28} " + ", ".join(f"{result} {n}" for (k, result), n in sorted(results.items()) if k == name)
    with capsys.disabled():
        print(text)
