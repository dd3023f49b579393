"""Rows edited behind the register's back are caught, and bundles refuse such a register.

An administrator with the file can drop the append-only triggers with the sqlite3 module
and change what was recorded. Each edit below was once invisible to ``register verify``
(and a changed letter level reached a breach bundle's titles); now verify exits 1 naming
the document touched, and ``bundle breach`` refuses the register.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from docgen.bundle.from_case import breach_bundle
from docgen.cli_bundle import app as bundle_app
from docgen.cli_register import app as register_app
from docgen.register import Register
from tests.bundle_case.conftest import DRUGS_ISSUES, USER, Workspace
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def issued(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    ws = Workspace(tmp_path_factory.mktemp("tamper"))
    for folder in ("cases", "house-style", "evidence"):
        shutil.copytree(SAMPLES / folder, ws.root / folder, ignore=shutil.ignore_patterns("*.db", "*.py"))
    for kind, event, date in DRUGS_ISSUES:
        ws.issue(ws.drugs, kind, event, date)
    return ws


@pytest.fixture
def ws(issued: Workspace, tmp_path: Path) -> Workspace:
    copy = Workspace(tmp_path / "copy")
    shutil.copytree(issued.root, copy.root)
    return copy


def warning_letters(ws: Workspace) -> list[tuple[str, str]]:
    """(reference, level) of each warning letter, in issue order."""
    with Register.open(ws.register) as reg:
        return [(d.reference, d.level) for d in reg.issued() if d.kind == "warning-letter"]


def tamper(ws: Workspace, edit: Callable[[sqlite3.Connection], None]) -> None:
    conn = sqlite3.connect(ws.register)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'").fetchall():
        conn.execute(f'DROP TRIGGER "{name}"')
    edit(conn)
    conn.commit()
    conn.close()


def change_issuer(conn: sqlite3.Connection, reference: str) -> None:
    conn.execute("UPDATE documents SET generated_by='Someone Else' WHERE reference=?", (reference,))


def lower_level(conn: sqlite3.Connection, reference: str) -> None:
    conn.execute("UPDATE documents SET record=json_set(record, '$.level', 'advisory') WHERE reference=?", (reference,))


def swap_file(conn: sqlite3.Connection, reference: str, folder: Path) -> None:
    """Replace the issued PDF and record the new file's hash, so the file check alone passes."""
    path, document_id = conn.execute(
        "SELECT f.path, d.id FROM files f JOIN documents d ON d.id=f.document_id WHERE d.reference=?", (reference,)
    ).fetchone()
    data = b"%PDF-1.7 a different letter, fictional"
    (folder / path).write_bytes(data)
    conn.execute(
        "UPDATE files SET sha256=?, bytes=? WHERE document_id=?", (hashlib.sha256(data).hexdigest(), len(data), document_id)
    )


def delete_issue_line(conn: sqlite3.Connection, reference: str) -> None:
    conn.execute("DELETE FROM log WHERE action='issue' AND reference=?", (reference,))


def verify(ws: Workspace):
    return CliRunner().invoke(register_app, ["verify", "--register", str(ws.register)])


def breach(ws: Workspace):
    out = ws.root / "breach.pdf"
    result = CliRunner().invoke(
        bundle_app, ["breach", str(ws.drugs), "--event", "EV-007", "--out", str(out)],
        env={"DOCGEN_USER": USER, "DOCGEN_REGISTER": ""},
    )  # fmt: skip
    return result, out


def test_the_untouched_register_verifies_and_its_final_warning_is_not_advisory(ws):
    assert verify(ws).exit_code == 0
    levels = [level for _, level in warning_letters(ws)]
    assert levels[0] == "advisory" and levels[-1] != "advisory"
    assert breach_bundle(ws.drugs, event_id="EV-007", register=ws.register).case_id == "WYP-SCPO-0001"


EDITS = {
    "issuer": lambda conn, ref, ws: change_issuer(conn, ref),
    "letter level": lambda conn, ref, ws: lower_level(conn, ref),
    "file hash": lambda conn, ref, ws: swap_file(conn, ref, ws.register.parent),
    "deleted log row": lambda conn, ref, ws: delete_issue_line(conn, ref),
}


@pytest.mark.parametrize("what", EDITS)
def test_each_edit_is_named_by_verify_and_refused_by_the_breach_bundle(ws, what):
    reference = warning_letters(ws)[-1][0]
    tamper(ws, lambda conn: EDITS[what](conn, reference, ws))
    result = verify(ws)
    assert result.exit_code == 1, result.output
    broken = [line for line in result.output.splitlines() if line.startswith("BROKEN: ")]
    assert f"BROKEN: {reference}: " in result.output or f"({'issue'} {reference})" in result.output
    assert any(reference in line for line in broken)
    assert "BROKEN: trigger documents_never_change: missing" in result.output
    assert "head: " in result.output

    refused, out = breach(ws)
    assert refused.exit_code == 2, refused.output
    assert "does not verify" in refused.output and reference in refused.output
    assert "Traceback" not in refused.output and not out.exists()


def test_all_four_edits_at_once_are_each_named(ws):
    letters = [ref for ref, _ in warning_letters(ws)]
    with Register.open(ws.register) as reg:
        others = [d.reference for d in reg.issued() if d.kind != "warning-letter"]
    targets = {"issuer": others[0], "letter level": letters[-1], "file hash": others[-1], "deleted log row": letters[0]}

    def edit_all(conn: sqlite3.Connection) -> None:
        for what, reference in targets.items():
            EDITS[what](conn, reference, ws)

    tamper(ws, edit_all)
    result = verify(ws)
    assert result.exit_code == 1
    broken = [line for line in result.output.splitlines() if line.startswith("BROKEN: ")]
    for reference in targets.values():
        assert any(reference in line for line in broken), (reference, result.output)
    assert any(line.startswith("BROKEN: log entry ") and "deleted" in line for line in broken)
