"""--issue refuses unreviewed Welsh; `docgen welsh review` records reviews in the register."""

from __future__ import annotations


import pytest
from typer.testing import CliRunner

from docgen.cli import app
from docgen.i18n import welsh_sha256, welsh_text
from docgen.register import Register
from docgen.register.welsh import record_reviews, reviews
from tests.inprocess import run_docgen

from .conftest import WELSH_CASE

runner = CliRunner()
LETTER_DATE = "2026-11-10"  # the day of the failure EV-002; the case's date is after its deadline


def run(*args, **env):
    return runner.invoke(app, [str(a) for a in args], env={"DOCGEN_USER": "Nia Adolygydd", **env}, catch_exceptions=False)


@pytest.fixture
def db(tmp_path):
    return tmp_path / "docgen.db"


def issue(db, out):
    """Through the command's entry point: the exit status and messages a user sees."""
    args = ["render", "warning-letter", WELSH_CASE, "--event", "EV-002", "--date", LETTER_DATE, "--issue", "--reason", "advisory letter", "--register", db, "--out", out]
    return run_docgen(*args, env={"DOCGEN_USER": "Officer Example"})


def pending(db):
    result = run("welsh", "pending", "--kind", "warning-letter", "--case", WELSH_CASE, "--event", "EV-002", "--date", LETTER_DATE, "--register", db)
    assert result.exit_code == 0, result.output
    return [line for line in result.stdout.splitlines() if line]


def test_unreviewed_welsh_is_not_issued_and_nothing_is_written(db, tmp_path):
    out = tmp_path / "out"
    result = issue(db, out)
    assert result.returncode == 2
    assert "--issue" in result.stderr and "nobody has reviewed" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists() or not any(out.iterdir())
    with Register.open(db) as reg:
        assert reg.issued() == []


def test_a_recorded_review_lets_the_document_issue_without_its_annex(db, tmp_path):
    keys = pending(db)
    assert "Dear %(name)s," in keys and "RES-001@2.0.0 wording" in keys  # the sample follows the current version
    result = run("welsh", "review", *keys, "--note", "checked against the English", "--register", db)
    assert result.exit_code == 0, result.output
    assert "recorded" in result.stdout and "Nia Adolygydd" in result.stdout
    assert pending(db) == []
    with Register.open(db) as reg:
        recorded = reviews(reg)
        assert {r.key for r in recorded} == set(keys)
        assert {r.reviewed_by for r in recorded} == {"Nia Adolygydd"}
        assert recorded[0].welsh_sha256 == welsh_sha256(welsh_text(recorded[0].key))
        entry = [e for e in reg.log() if e.action == "welsh-review"]
        assert len(entry) == 1 and entry[0].user == "Nia Adolygydd" and "Dear %(name)s," in entry[0].reason
    out = tmp_path / "out"
    result = issue(db, out)
    assert result.returncode == 0, result.stderr
    from pypdf import PdfReader

    pdf = next(out.glob("*.pdf"))
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Atodiad" not in text and "Annwyl Dafydd" in text


def test_a_review_of_other_welsh_does_not_count(db, tmp_path):
    keys = pending(db)
    with Register.open(db, create=True) as reg:  # reviewed once, but the Welsh has changed since
        record_reviews(reg, {key: welsh_sha256("an earlier translation") for key in keys}, by="Nia Adolygydd")
    assert pending(db) == keys
    assert issue(db, tmp_path / "out").returncode == 2


def test_reviewing_a_string_with_no_welsh_is_refused(db):
    result = run("welsh", "review", "No such sentence anywhere", "--register", db)
    assert result.exit_code == 2
    assert "No such sentence anywhere" in result.output
    assert not db.exists()


def test_the_review_table_is_append_only(db):
    with Register.open(db, create=True) as reg:
        record_reviews(reg, {"Dear %(name)s,": welsh_sha256(welsh_text("Dear %(name)s,"))}, by="Nia Adolygydd")
        with pytest.raises(Exception, match="never changed"):
            reg.conn.execute("UPDATE welsh_reviews SET reviewed_by = 'someone else'")


def test_a_clause_version_stands_for_each_of_its_welsh_fields(db):
    result = run("welsh", "review", "RES-001@1.0.0", "--register", db)
    assert result.exit_code == 0, result.output
    with Register.open(db) as reg:
        keys = {r.key for r in reviews(reg)}
    assert {"RES-001@1.0.0 title", "RES-001@1.0.0 wording", "RES-001@1.0.0 plain"} <= keys
    assert "RES-001@1.0.0 wording" not in pending(db)
