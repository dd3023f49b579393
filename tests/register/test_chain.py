"""The hash chain: every issued row and log entry sealed, old registers back-filled, heads checked."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from docgen.errors import DocgenError
from docgen.issuing import issue
from docgen.register import Register, require_verified
from docgen.register import chain
from docgen.register.db import expected_triggers, migrations, schema_version, statements
from docgen.register.verify import verify_register
from docgen.render import Options

WHEN = dt.datetime(2027, 2, 3, 10, 30, tzinfo=dt.timezone.utc)


def issue_two(drugs):
    out = drugs.parent / "out"
    issue(drugs, "warning-letter", event_id="EV-002", reason="advisory", out_dir=out, now=WHEN, formats=("pdf",),
          options=Options(date=dt.date(2027, 2, 3)))  # fmt: skip
    issue(drugs, "warning-letter", event_id="EV-004", reason="first warning", out_dir=out, now=WHEN, formats=("pdf",),
          options=Options(date=dt.date(2027, 3, 10)))  # fmt: skip
    return drugs.parent / "docgen.db"


def test_every_issued_row_and_log_entry_carries_a_hash_sealing_the_one_before(drugs):
    path = issue_two(drugs)
    with Register.open(path) as reg:
        docs = reg.conn.execute("SELECT id, chain FROM documents ORDER BY id").fetchall()
        log = reg.conn.execute("SELECT id, chain FROM log ORDER BY id").fetchall()
        report = verify_register(reg)
    assert len(docs) == 2 and len(log) == 2
    assert all(len(r["chain"]) == 64 for r in [*docs, *log]) and docs[0]["chain"] != docs[1]["chain"]
    assert report.findings == () and report.ok
    assert report.head.startswith("2.2.") and len(report.head.split(".")[2]) == 64


def test_a_row_that_arrives_unsealed_is_refused_by_the_schema(drugs):
    path = issue_two(drugs)
    with Register.open(path) as reg, pytest.raises(sqlite3.DatabaseError, match="chain hash"):
        reg.conn.execute("INSERT INTO log (at, user, action, reason) VALUES ('2027-01-01T00:00:00Z', 'x', 'sync', 'y')")


def test_the_head_is_the_same_for_the_same_rows_and_moves_with_each_append(drugs):
    path = issue_two(drugs)
    with Register.open(path) as reg:
        first = verify_register(reg).head
        assert verify_register(reg).head == first
        reg.note(user="Officer Example", action="export", case_id=None, reason="calendar", now=WHEN)
        after = verify_register(reg, since=first)
    assert after.head != first and after.head.startswith("2.3.") and after.findings == ()


def test_a_head_written_down_earlier_catches_a_chain_rebuilt_after_an_edit(drugs):
    path = issue_two(drugs)
    with Register.open(path) as reg:
        head = verify_register(reg).head
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER documents_never_change")
    conn.execute("DROP TRIGGER log_never_changes")
    conn.execute("UPDATE documents SET generated_by='Someone Else' WHERE id=1")
    chain.backfill(conn)  # an administrator who knows the scheme re-seals every row
    conn.execute(expected_triggers()["documents_never_change"])
    conn.execute(expected_triggers()["log_never_changes"])
    conn.commit()
    conn.close()
    with Register.open(path) as reg:
        rebuilt = verify_register(reg, since=head)
    assert [f.field for f in rebuilt.findings] == ["WYP/SCPO/2027/0001/WL-01", "head"]  # log still names the issuer
    assert "not the ones head" in rebuilt.findings[1].message


def test_a_head_that_is_not_one_is_a_user_error(drugs):
    path = issue_two(drugs)
    with Register.open(path) as reg, pytest.raises(DocgenError, match="--since"):
        verify_register(reg, since="not-a-head")


def test_the_head_is_signed_with_a_key_only_its_holder_can_use(tmp_path):
    key = tmp_path / "register.key"
    key.write_bytes(b"0123456789abcdef-fictional-key\n")
    signed = chain.sign("2.2." + "a" * 64, chain.read_key(key))
    assert signed == chain.sign("2.2." + "a" * 64, b"0123456789abcdef-fictional-key")
    assert signed != chain.sign("2.2." + "b" * 64, b"0123456789abcdef-fictional-key")
    (tmp_path / "short.key").write_bytes(b"short")
    with pytest.raises(DocgenError, match="fewer than 16 bytes"):
        chain.read_key(tmp_path / "short.key")


def _register_of_schema_1(path):
    """A register as the first schema wrote it, with an issued document and its log lines."""
    conn = sqlite3.connect(path)
    number, name, sql = migrations()[0]
    assert (number, name) == (1, "0001_register.sql")
    for statement in statements(sql):
        conn.execute(statement)
    conn.execute(
        "INSERT INTO cases (case_id, force, case_no, status, stamp_date, source, source_sha256, synced_at) "
        "VALUES ('WYP-SCPO-0001', 'WYP', 1, 'made', '2027-01-01', 'c.yaml', 'aa', '2027-01-01T00:00:00Z')"
    )
    conn.execute(
        "INSERT INTO documents (reference, case_id, kind, seq, version, document_date, template, template_sha256, "
        "clauses, law_version, docgen_version, record, generated_by, generated_at, reason) VALUES "
        "('WYP/SCPO/2027/0001/WL-01', 'WYP-SCPO-0001', 'warning-letter', 1, 1, '2027-02-01', 'w.j2', 'bb', '[]', "
        "'1', '0.1', '{\"level\": \"advisory\"}', 'Officer Example', '2027-02-01T09:00:00Z', 'advisory')"
    )
    conn.execute("INSERT INTO files VALUES (1, 'pdf', 'out/WYP_SCPO_2027_0001_WL-01.pdf', 'cc', 10)")
    conn.execute("INSERT INTO log (at, user, action, case_id, reason) VALUES ('2027-01-01T00:00:00Z', 'Officer Example', 'sync', 'WYP-SCPO-0001', 'synced')")
    conn.execute(
        "INSERT INTO log (at, user, action, case_id, reference, reason) VALUES ('2027-02-01T09:00:00Z', "
        "'Officer Example', 'issue', 'WYP-SCPO-0001', 'WYP/SCPO/2027/0001/WL-01', 'advisory')"
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


def test_an_older_register_is_back_filled_and_verifies_and_its_guards_stay(tmp_path):
    path = tmp_path / "docgen.db"
    _register_of_schema_1(path)
    with Register.open(path) as reg:
        assert reg.conn.execute("PRAGMA user_version").fetchone()[0] == schema_version()
        sealed = [r[0] for r in reg.conn.execute("SELECT chain FROM documents UNION ALL SELECT chain FROM log")]
        assert len(sealed) == 3 and all(s and len(s) == 64 for s in sealed)
        require_verified(reg)  # the rows verify (the file itself is absent: that is a file check)
        with pytest.raises(sqlite3.DatabaseError, match="never changed"):
            reg.conn.execute("UPDATE documents SET chain = 'x'")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            reg.conn.execute("UPDATE log SET chain = 'x'")
        report = verify_register(reg)
    assert report.findings == () and [c.status for c in report.files] == ["missing"]


def test_a_register_whose_rows_do_not_verify_is_refused_by_name(drugs):
    path = issue_two(drugs)
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER log_never_changes")
    conn.execute("UPDATE log SET reason='edited' WHERE id=2")
    conn.commit()
    conn.close()
    with Register.open(path) as reg, pytest.raises(DocgenError) as caught:
        require_verified(reg)
    text = str(caught.value)
    assert "trigger log_never_changes: missing" in text
    assert "log entry 2 (issue WYP/SCPO/2027/0001/WL-02)" in text and "does not verify" in text
