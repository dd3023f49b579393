"""Issuing survives a crash at every step: no orphan file, no half row, no lost reference.

Each test stops a real ``docgen render --issue`` process at one named point (``os._exit``
through ``DOCGEN_STOP_AT``: no clean-up runs, as in a power cut), then shows what is on
disk and in the register, that ``register verify`` sees any leftover, that ``register
recover`` clears it (logged), and that issuing again succeeds: with the same reference
when the crash came before the commit, with the next version when it came after (the
first version is issued, and recovery put its files in place).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from docgen.cli_register import app as register_app
from docgen.issuing import issue
from docgen.register import Register, require_verified
from docgen.register.faults import ISSUE_POINTS, STOP_ENV, STOP_EXIT
from docgen.register.verify import verify_register
from docgen.render import Options
from tests.childproc import run_docgen
from tests.conftest import SAMPLES

pytestmark = pytest.mark.slow  # each test starts docgen processes (crashes and locks need real ones),
# forked from a server that has imported docgen (tests/childproc.py): the point is a process
# that dies part-way, not a fresh interpreter

REFERENCE = "WYP/SCPO/2027/0001/WL-01"
STEM = "WYP_SCPO_2027_0001_WL-01"
BEFORE_COMMIT = ISSUE_POINTS[: ISSUE_POINTS.index("committed")]
TEMPORARIES_LEFT = {"numbered": 0, "rendered": 0, "first-file-written": 1, "files-written": 2, "recorded": 2}
LETTER_DATE = Options(date=dt.date(2027, 2, 3))  # the day of the failure the letter reports
UNFINISHED_LEFT = {"committed": 2, "first-file-named": 1, "files-named": 0}


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(SAMPLES / "cases", tmp_path / "cases", ignore=shutil.ignore_patterns("*.db"))
    shutil.copytree(SAMPLES / "house-style", tmp_path / "house-style")
    monkeypatch.delenv("DOCGEN_REGISTER", raising=False)
    monkeypatch.delenv(STOP_ENV, raising=False)
    monkeypatch.setenv("DOCGEN_USER", "Officer Example")
    return tmp_path


def crash_at(workspace: Path, point: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, STOP_ENV: point, "DOCGEN_USER": "Officer Example"}
    env.pop("DOCGEN_REGISTER", None)
    return run_docgen("render", "warning-letter", "cases/specimen-drugs.yaml", "--event", "EV-002", "--date",
                      "2027-02-03", "--issue", "--reason", "advisory letter", "--out", "out",
                      cwd=workspace, env=env, timeout=300)  # fmt: skip


def real_files(out: Path) -> set[str]:
    return {p.name for p in out.iterdir() if not p.name.startswith(".")} if out.is_dir() else set()


def temporaries(out: Path) -> set[str]:
    return {p.name for p in out.iterdir() if p.name.startswith(".")} if out.is_dir() else set()


@pytest.mark.parametrize("point", ISSUE_POINTS)
def test_a_crash_at_each_step_leaves_no_orphan_no_half_row_and_no_lost_reference(workspace, point):
    out, db = workspace / "out", workspace / "cases" / "docgen.db"
    crashed = crash_at(workspace, point)
    assert crashed.returncode == STOP_EXIT, crashed.stderr
    assert "Traceback" not in crashed.stderr

    with Register.open(db) as reg:
        require_verified(reg)  # chain, triggers, schema and SQLite's own check all hold
        issued = reg.issued()
        report = verify_register(reg, out=[out])
    if point in BEFORE_COMMIT:
        assert issued == [] and real_files(out) == set()  # no file carries an unrecorded reference
        assert len(temporaries(out)) == TEMPORARIES_LEFT[point]
        assert {item.kind for item in report.leftovers} <= {"temporary"}
    else:
        [doc] = issued  # the whole row, with both files and its log line, or nothing
        assert doc.reference == REFERENCE and {f.format for f in doc.files} == {"docx", "pdf"}
        assert real_files(out) <= {f"{STEM}.docx", f"{STEM}.pdf"}
        assert len(temporaries(out)) == UNFINISHED_LEFT[point]
        assert {item.kind for item in report.leftovers} <= {"unfinished"}
        missing = [c for c in report.files if c.status == "missing"]
        assert len(missing) == UNFINISHED_LEFT[point] and not [c for c in report.files if c.status == "changed"]
    assert len(report.leftovers) == len(temporaries(out))
    assert report.ok == (len(temporaries(out)) == 0)

    # The register noted the output folder before writing into it: no --out is needed.
    verified = CliRunner().invoke(register_app, ["verify", "--register", str(db)])
    assert verified.exit_code == (0 if report.ok else 1), verified.output
    assert verified.output.count("LEFTOVER: ") == len(report.leftovers)
    recovered = CliRunner().invoke(register_app, ["recover", "--register", str(db)])
    assert recovered.exit_code == 0, recovered.output
    assert f"{len(report.leftovers)} leftover files recovered" in recovered.output
    assert temporaries(out) == set()

    with Register.open(db) as reg:
        after = verify_register(reg, out=[out])
        recover_lines = [e for e in reg.log() if e.action == "recover"]
        assert after.ok, after
        assert len(recover_lines) == len(report.leftovers)
        for doc in reg.issued():  # nothing recorded is lost: every file in place, as issued
            for f in doc.files:
                assert hashlib.sha256(reg.resolve(f.path).read_bytes()).hexdigest() == f.sha256

    again = issue(workspace / "cases" / "specimen-drugs.yaml", "warning-letter", event_id="EV-002",
                  reason="advisory letter", out_dir=out, options=LETTER_DATE)  # fmt: skip
    expected = REFERENCE if point in BEFORE_COMMIT else f"{REFERENCE}/v2"
    assert again.document.reference == expected
    with Register.open(db) as reg:
        assert verify_register(reg, out=[out]).ok


@pytest.mark.parametrize("point", ["first-file-written", "recorded"])
def test_issuing_again_after_a_crash_before_the_commit_takes_the_same_reference_without_recovering(workspace, point):
    out = workspace / "out"
    assert crash_at(workspace, point).returncode == STOP_EXIT
    left = temporaries(out)
    assert left
    again = issue(workspace / "cases" / "specimen-drugs.yaml", "warning-letter", event_id="EV-002",
                  reason="advisory letter", out_dir=out, options=LETTER_DATE)  # fmt: skip
    assert again.document.reference == REFERENCE
    assert {item.path.name for item in again.leftovers} == left  # seen at the start, then overwritten
    assert temporaries(out) == set() and real_files(out) == {f"{STEM}.docx", f"{STEM}.pdf"}
    with Register.open(workspace / "cases" / "docgen.db") as reg:
        assert verify_register(reg, out=[out]).ok


def test_a_file_left_by_an_older_docgen_with_an_unrecorded_reference_is_found_and_removed(workspace):
    out = workspace / "out"
    out.mkdir()
    (out / f"{STEM}.pdf").write_bytes(b"%PDF-1.7 written before the crash, never recorded")
    case = workspace / "cases" / "specimen-drugs.yaml"
    runner = CliRunner()
    assert runner.invoke(register_app, ["sync", str(case)]).exit_code == 0
    db = workspace / "cases" / "docgen.db"
    blocked = run_docgen("render", "warning-letter", case, "--event", "EV-002", "--date", "2027-02-03", "--issue",
                         "--reason", "advisory letter", "--out", out, timeout=300)  # fmt: skip
    assert blocked.returncode == 2 and "Traceback" not in blocked.stderr
    assert f"error: {out / STEM}.pdf: reference: a file named for '{REFERENCE}' is already here" in blocked.stderr
    verified = runner.invoke(register_app, ["verify", "--register", str(db), "--out", str(out)])
    assert verified.exit_code == 1 and "named like an issued document, but the register never recorded it" in verified.output
    recovered = runner.invoke(register_app, ["recover", "--register", str(db), "--out", str(out)])
    assert recovered.exit_code == 0 and f"removed {out / STEM}.pdf: named like an issued document" in recovered.output
    assert not (out / f"{STEM}.pdf").exists()
    with Register.open(db) as reg:
        assert [(e.action, e.reason.split(":")[0]) for e in reg.log()][-1] == ("recover", f"removed {out / STEM}.pdf")
    again = issue(case, "warning-letter", event_id="EV-002", reason="advisory letter", out_dir=out, options=LETTER_DATE)
    assert again.document.reference == REFERENCE
