"""The register file: its schema version, its migrations and the rows that never change."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from docgen.case import load_case
from docgen.errors import DocgenError
from docgen.issuing import issue
from docgen.register import Register
from docgen.register.db import migrations, schema_version, statements
from docgen.render import Options

LETTER = Options(date=dt.date(2027, 2, 3))  # dated on the day of the failure EV-002 reports


def test_a_new_register_carries_the_schema_version_of_the_code(tmp_path):
    with Register.open(tmp_path / "r.db", create=True) as reg:
        assert reg.conn.execute("PRAGMA user_version").fetchone()[0] == schema_version() == len(migrations())


def test_opening_an_existing_register_does_not_apply_migrations_again(tmp_path):
    Register.open(tmp_path / "r.db", create=True).close()
    with Register.open(tmp_path / "r.db") as reg:
        tables = {r[0] for r in reg.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"cases", "key_dates", "documents", "files", "log"} <= tables


def test_a_register_from_a_newer_docgen_is_refused(tmp_path):
    Register.open(tmp_path / "r.db", create=True).close()
    conn = sqlite3.connect(tmp_path / "r.db")
    conn.execute(f"PRAGMA user_version = {schema_version() + 1}")
    conn.close()
    with pytest.raises(DocgenError, match="newer than this docgen knows"):
        Register.open(tmp_path / "r.db")


def test_a_missing_register_is_not_created_by_reading_it(tmp_path):
    with pytest.raises(DocgenError, match="no register here"):
        Register.open(tmp_path / "absent.db")
    assert not (tmp_path / "absent.db").exists()


def test_a_file_that_is_not_a_register_is_reported(tmp_path):
    (tmp_path / "r.db").write_bytes(b"this is not a database" * 100)
    with pytest.raises(DocgenError, match="register file is damaged"):
        Register.open(tmp_path / "r.db")


def test_trigger_bodies_stay_whole_when_a_migration_is_split():
    sql = "CREATE TABLE t (a);\nCREATE TRIGGER x BEFORE DELETE ON t\nBEGIN SELECT RAISE(ABORT, 'no'); END;\n"
    assert len(statements(sql)) == 2


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE documents SET reason = 'changed'",
        "DELETE FROM documents",
        "UPDATE files SET sha256 = 'x'",
        "DELETE FROM files",
        "UPDATE log SET user = 'someone else'",
        "DELETE FROM log",
    ],
)
def test_issued_rows_and_the_log_can_never_be_changed(drugs, sql):
    issue(drugs, "warning-letter", event_id="EV-002", reason="advisory letter", out_dir=drugs.parent / "out", options=LETTER)
    with Register.open(drugs.parent / "docgen.db") as reg:
        with pytest.raises(sqlite3.DatabaseError, match="never|append-only"):
            reg.conn.execute(sql)


def test_the_register_holds_no_personal_data_of_the_subject(drugs):
    issue(drugs, "warning-letter", event_id="EV-002", reason="advisory letter", out_dir=drugs.parent / "out", options=LETTER)
    case = load_case(drugs)
    with Register.open(drugs.parent / "docgen.db") as reg:
        dump = "\n".join(reg.conn.iterdump())
    subject = case.subject
    for value in (subject.given_names, subject.family_name, *subject.aliases, subject.pnc,
                  subject.date_of_birth.isoformat(), subject.address.postcode, *subject.address.lines):
        assert value not in dump
    assert case.case_id in dump
