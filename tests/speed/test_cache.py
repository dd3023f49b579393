"""The per-user cache: a changed input is never served stale, and outputs do not depend on it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from docgen import cache
from docgen.conditions import LIBRARY_ROOT, load_library
from docgen.errors import DocgenError
from tests.childproc import run_docgen

ROOT = Path(__file__).resolve().parents[2]
CASE = ROOT / "samples" / "cases" / "specimen-drugs.yaml"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    copy = tmp_path / "library"
    shutil.copytree(LIBRARY_ROOT, copy)
    return copy


def _first_clause(root: Path) -> Path:
    return sorted(root.glob("*/*.yaml"))[0]


def test_cache_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DOCGEN_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "docgen"
    monkeypatch.setenv("DOCGEN_CACHE_DIR", str(tmp_path / "mine"))
    assert cache.cache_dir() == tmp_path / "mine"


def test_a_loaded_library_is_stored_and_read_back(cache_dir: Path, library: Path) -> None:
    first = load_library(library)
    stored = list((cache_dir / "conditions-library").glob("*.pickle"))
    assert len(stored) == 1
    again = load_library(library)
    assert again is not first  # read from the cache, not the same object
    assert [c.ref for c in again.clauses] == [c.ref for c in first.clauses]
    assert [c.model_dump() for c in again.clauses] == [c.model_dump() for c in first.clauses]
    assert [c.source for c in again.clauses] == [c.source for c in first.clauses]


def test_a_changed_clause_file_is_loaded_afresh(cache_dir: Path, library: Path) -> None:
    clause_file = _first_clause(library)
    before = load_library(library)
    ref = next(c.ref for c in before.clauses if Path(c.source) == clause_file)
    text = clause_file.read_text(encoding="utf-8")
    old_title = before.find(ref).title
    clause_file.write_text(text.replace(f"title: {old_title}", "title: A title changed since the last run", 1), encoding="utf-8")
    after = load_library(library)
    assert after.find(ref).title == "A title changed since the last run"
    assert len(list((cache_dir / "conditions-library").glob("*.pickle"))) == 2


def test_a_clause_made_invalid_is_reported_not_served_from_the_cache(cache_dir: Path, library: Path) -> None:
    load_library(library)
    clause_file = _first_clause(library)
    clause_file.write_text(clause_file.read_text(encoding="utf-8").replace("version:", "version: not-a-version\nold_version:", 1), encoding="utf-8")
    with pytest.raises(DocgenError):
        load_library(library)


def test_the_cache_can_be_turned_off(cache_dir: Path, library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCGEN_CACHE", "off")
    load_library(library)
    assert not cache_dir.exists()


def test_a_torn_cache_file_is_made_again(cache_dir: Path, library: Path) -> None:
    load_library(library)
    (entry,) = (cache_dir / "conditions-library").glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    assert load_library(library).clauses
    assert entry.read_bytes() != b"not a pickle"


RENDER = ("render", "warning-letter", CASE, "--event", "EV-002", "--date", "2027-02-03", "--force")


def _without_cache(out: Path, entry: str, folder: str) -> dict[str, bytes]:
    """The render with the cache off, in a separate process that has rendered nothing before
    (forked from a server that has imported docgen, tests/childproc.py): with nothing read
    from or written to the cache, a new interpreter would add nothing but its start-up."""
    env = {**os.environ, "DOCGEN_CACHE": "off", "DOCGEN_CACHE_DIR": folder}
    done = run_docgen(*RENDER, "--out", out, env=env, entry=entry, timeout=300)
    assert done.returncode == 0, done.stderr
    assert not Path(folder).exists()  # the cache was not touched
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def _render(out: Path, env: dict[str, str]) -> dict[str, bytes]:
    subprocess.run(
        [sys.executable, "-m", "docgen.cli", "render", "warning-letter", str(CASE), "--event", "EV-002",
         "--date", "2027-02-03", "--out", str(out), "--force"],
        check=True, capture_output=True, env={**os.environ, **env},
    )  # fmt: skip
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


@pytest.mark.slow  # two new docgen processes and one forked
def test_outputs_are_byte_identical_with_and_without_the_cache(tmp_path: Path) -> None:
    """New processes where the cache is used, because the cache is what one run leaves for the next."""
    folder = str(tmp_path / "cache")
    without = _without_cache(tmp_path / "off", "docgen.cli:main", folder)
    filling = _render(tmp_path / "cold", {"DOCGEN_CACHE": "on", "DOCGEN_CACHE_DIR": folder})
    assert any((tmp_path / "cache").rglob("*.pickle"))
    assert any((tmp_path / "cache" / "jinja2").rglob("*.cache"))
    reading = _render(tmp_path / "warm", {"DOCGEN_CACHE": "on", "DOCGEN_CACHE_DIR": folder})
    assert len(without) == 2
    assert without == filling == reading


def _launch(out: Path, env: dict[str, str]) -> dict[str, bytes]:
    """The console entry, whose plain render keeps compiled regular expressions."""
    subprocess.run(
        [sys.executable, "-c", "from docgen.launch import main; main()", "render", "warning-letter", str(CASE),
         "--event", "EV-002", "--date", "2027-02-03", "--out", str(out), "--force"],
        check=True, capture_output=True, env={**os.environ, **env},
    )  # fmt: skip
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_the_plain_render_keeps_its_patterns_and_writes_the_same_bytes(tmp_path: Path) -> None:
    folder = str(tmp_path / "cache")
    without = _without_cache(tmp_path / "off", "docgen.launch:main", folder)
    filling = _launch(tmp_path / "cold", {"DOCGEN_CACHE": "on", "DOCGEN_CACHE_DIR": folder})
    assert len(list((tmp_path / "cache" / "regex").glob("*.pickle"))) == 1
    reading = _launch(tmp_path / "warm", {"DOCGEN_CACHE": "on", "DOCGEN_CACHE_DIR": folder})
    assert len(without) == 2
    assert without == filling == reading


def test_a_kept_pattern_is_the_pattern_re_compiles(cache_dir: Path) -> None:
    import re

    pattern = r"(?P<year>\d{4})-(?P<month>\d\d)-(\d\d)|[\u00c0-\u024f]+ [a-z]{2,}"
    cache.store_patterns("test", [(pattern, re.IGNORECASE)])
    re.purge()
    assert cache.seed_patterns("test")
    seeded = re.compile(pattern, re.IGNORECASE)
    re.purge()
    fresh = re.compile(pattern, re.IGNORECASE)
    assert seeded is not fresh and seeded == fresh
    assert seeded.groupindex == fresh.groupindex and seeded.groups == fresh.groups
    assert seeded.match("2027-02-03").group("month") == "02"
    assert seeded.search("x éÀ AB").group() == fresh.search("x éÀ AB").group() == "éÀ AB"


def test_the_recorder_notes_only_patterns_it_compiled(monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    monkeypatch.setattr(cache, "_SLOW_PATTERN_S", 0.0)
    re.compile("already-known")
    with cache.PatternRecorder() as recorder:
        re.compile("already-known")
        re.compile("new-one[0-9]+", re.MULTILINE)
    assert recorder.slow == [("new-one[0-9]+", re.MULTILINE.value)]
    assert re._compile is not None and re.compile("x") == re.compile("x")  # type: ignore[attr-defined]


def test_a_torn_pattern_entry_is_not_read(cache_dir: Path) -> None:
    cache.store_patterns("test", [("ab+c", 0)])
    (entry,) = (cache_dir / "regex").glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    assert not cache.seed_patterns("test")
    assert not cache.seed_patterns("other")
