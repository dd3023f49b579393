"""A read-only register folder, a damaged register file, ``--force`` with ``--issue``.

Each was once an "internal error" (exit 3) or an error naming no file. Each must be
``error: FILE: FIELD: reason`` on standard error, exit 2, no traceback, and nothing
half-written: no issued file, no temporary file, no row.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from docgen.register import Register
from tests.conftest import SAMPLES
from tests.inprocess import run_docgen

ERROR_LINE = re.compile(r"^error: [^:\s][^:]*: [^:]+: \S.*$")


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLES / "cases", tmp_path / "cases", ignore=shutil.ignore_patterns("*.db"))
    shutil.copytree(SAMPLES / "house-style", tmp_path / "house-style")
    return tmp_path


def docgen(workspace: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command as a user types it in the workspace; in this process, as none of these
    tests is about a crash or a lock (test_register_crash.py starts real processes)."""
    env = {"DOCGEN_USER": "Officer Example", "DOCGEN_REGISTER": None, "DOCGEN_STOP_AT": None}
    return run_docgen(*args, cwd=workspace, env=env)


DATES = {"EV-002": "2027-02-03", "EV-004": "2027-03-10"}  # the days of the failures the letters report


def issue(workspace: Path, event: str = "EV-002", *extra: str) -> subprocess.CompletedProcess[str]:
    return docgen(workspace, "render", "warning-letter", "cases/specimen-drugs.yaml", "--event", event, "--date",
                  DATES[event], "--issue", "--reason", "hostile test", "--format", "pdf", *extra)  # fmt: skip


def assert_clear_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines and all(ERROR_LINE.match(line) for line in lines), result.stderr
    for needle in needles:
        assert needle in result.stderr, result.stderr


def files_under(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")} if folder.exists() else set()


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """A folder no one can write in; as root that takes the immutable attribute."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("this system cannot make a folder read-only for root")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_a_read_only_register_folder_is_a_clear_error_and_nothing_is_written(workspace):
    assert issue(workspace).returncode == 0
    before = files_under(workspace)
    with read_only(workspace / "cases"):
        results = [
            issue(workspace, "EV-004"),
            docgen(workspace, "register", "sync", "cases/specimen-drugs.yaml"),
            docgen(workspace, "register", "close", "WYP-SCPO-0001", "--reason", "test", "--register", "cases/docgen.db"),
        ]
        listed = docgen(workspace, "register", "list", "--register", "cases/docgen.db")
        nothing_to_recover = docgen(workspace, "register", "recover", "--register", "cases/docgen.db", "--out", "out")
    for result in results:
        assert_clear_error(result, "cases/docgen.db: register: cannot write to the register or its folder")
    assert listed.returncode == 0 and nothing_to_recover.returncode == 0  # reading still works
    assert files_under(workspace) == before
    with Register.open(workspace / "cases" / "docgen.db") as reg:
        assert [d.reference for d in reg.issued()] == ["WYP/SCPO/2027/0001/WL-01"]


def test_a_register_that_cannot_be_made_in_a_read_only_folder_is_a_clear_error(workspace):
    (workspace / "locked").mkdir()
    with read_only(workspace / "locked"):
        result = issue(workspace, "EV-002", "--register", "locked/sub/docgen.db")
    assert_clear_error(result, "locked/sub/docgen.db: --register: cannot make the register's folder")
    assert not (workspace / "out").exists()


def damage(path: Path) -> None:
    """Overwrite the page holding issued documents: SQLite then finds the file malformed."""
    conn = sqlite3.connect(path)
    page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='documents'").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(path, "r+b") as fh:
        fh.seek((page - 1) * size)
        fh.write(b"\xff" * size)


@pytest.mark.parametrize(
    "command",
    [
        ("issue",),
        ("render", "warning-letter", "cases/specimen-drugs.yaml", "--event", "EV-004", "--date", "2027-03-10", "--format", "pdf"),
        ("register", "verify", "--register", "cases/docgen.db"),
        ("register", "list", "--register", "cases/docgen.db"),
        ("register", "recover", "--register", "cases/docgen.db"),
        ("bundle", "breach", "cases/specimen-drugs.yaml", "--event", "EV-007", "--out", "breach.pdf"),
    ],
)
def test_a_damaged_register_is_a_clear_error_and_nothing_is_written(workspace, command):
    assert issue(workspace).returncode == 0
    damage(workspace / "cases" / "docgen.db")
    before = files_under(workspace)
    result = issue(workspace, "EV-004") if command == ("issue",) else docgen(workspace, *command)
    assert_clear_error(result, "cases/docgen.db: register: the register file is damaged (database disk image is malformed)")
    assert files_under(workspace) == before


def test_a_file_that_is_no_database_at_all_is_a_clear_error(workspace):
    (workspace / "cases" / "docgen.db").write_bytes(b"not a register, fictional" * 200)
    assert_clear_error(issue(workspace), "cases/docgen.db: register: the register file is damaged")
    assert not (workspace / "out").exists()


def test_a_folder_in_the_register_s_place_is_a_clear_error(workspace):
    (workspace / "cases" / "docgen.db").mkdir()
    assert_clear_error(issue(workspace), "cases/docgen.db: --register: is not a register file")


def test_force_with_issue_names_the_case_file_and_writes_nothing(workspace):
    result = issue(workspace, "EV-002", "--force")
    assert_clear_error(result, "error: cases/specimen-drugs.yaml: --force: an issued document never replaces a file")
    assert not (workspace / "out").exists() and not (workspace / "cases" / "docgen.db").exists()


def test_issuing_again_after_a_crash_needs_no_force(workspace):
    """The old dead end: a crash left a file for an unrecorded reference and --force was refused."""
    out = workspace / "out"
    out.mkdir()
    (out / "WYP_SCPO_2027_0001_WL-01.pdf").write_bytes(b"%PDF-1.7 left by a crash, fictional")
    blocked = issue(workspace)
    assert_clear_error(blocked, "out/WYP_SCPO_2027_0001_WL-01.pdf: reference:", "docgen register recover")
    recovered = docgen(workspace, "register", "recover", "--register", "cases/docgen.db", "--out", "out")
    assert recovered.returncode == 0, recovered.stderr
    again = issue(workspace)
    assert again.returncode == 0 and "issued WYP/SCPO/2027/0001/WL-01 (version 1)" in again.stdout
