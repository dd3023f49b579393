"""Issuing: a reference from the register, stamped on the document, recorded once."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from docgen.case import load_case
from docgen.conditions import shipped_library
from docgen.errors import DocgenError
from docgen.issuing import issue
from docgen.register import Register
from docgen.register.where import current_user, register_path
from docgen.render import Options
from tests.conftest import docx_text, pdf_text

WHEN = dt.datetime(2027, 2, 3, 10, 30, tzinfo=dt.timezone.utc)


# each letter is dated on the day of the failure it reports (the case's own date is earlier)
LETTER_DATES = {"EV-002": dt.date(2027, 2, 3), "EV-004": dt.date(2027, 3, 10), "EV-006": dt.date(2027, 4, 22)}


def issue_letter(drugs, event="EV-002", **kw):
    kw.setdefault("reason", "advisory letter after the home visit")
    kw.setdefault("options", Options(date=LETTER_DATES.get(event)))
    return issue(drugs, "warning-letter", event_id=event, out_dir=drugs.parent / "out", now=WHEN, **kw)


def test_an_issued_document_carries_its_reference_and_no_preview_mark(drugs):
    issued = issue_letter(drugs)
    assert issued.document.reference == "WYP/SCPO/2027/0001/WL-01"
    pdf = pdf_text(issued.paths[1].read_bytes())
    assert "Reference: WYP/SCPO/2027/0001/WL-01" in pdf and "PREVIEW" not in pdf
    assert "| Our reference | WYP/SCPO/2027/0001/WL-01" in docx_text(issued.paths[0].read_bytes())


def test_the_files_are_named_by_the_reference(drugs):
    names = [p.name for p in issue_letter(drugs).paths]
    assert names == ["WYP_SCPO_2027_0001_WL-01.docx", "WYP_SCPO_2027_0001_WL-01.pdf"]


def test_the_register_records_what_who_when_why_and_each_file_hash(drugs):
    issued = issue_letter(drugs, by="DC Example")
    doc = issued.document
    assert (doc.kind, doc.case_id, doc.event_id, doc.version) == ("warning-letter", "WYP-SCPO-0001", "EV-002", 1)
    assert (doc.generated_by, doc.generated_at, doc.reason) == ("DC Example", "2027-02-03T10:30:00Z", "advisory letter after the home visit")
    library = shipped_library()
    # the versions the order was made on, which it names, not the newest in the library
    assert doc.clauses == tuple(library.find_for_term(t).ref for t in load_case(drugs).terms)
    assert doc.clauses[:3] == ("COM-001@2.0.0", "COM-002@2.0.0", "FIN-001@2.0.0")
    assert doc.template == "warning-letter.xml.j2" and len(doc.template_sha256) == 64
    assert doc.law_version and doc.record == {"level": "advisory"}
    for f, path in zip(doc.files, issued.paths):
        assert f.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        assert f.path == f"out/{path.name}"  # relative to the register's folder


def test_reissuing_the_same_document_makes_a_new_version_with_a_new_reference(drugs):
    first = issue_letter(drugs)
    second = issue_letter(drugs, reason="re-sent: first copy returned undelivered")
    assert second.document.reference == "WYP/SCPO/2027/0001/WL-01/v2"
    assert second.document.version == 2 and second.document.seq == first.document.seq
    assert "Version 2" in pdf_text(second.paths[1].read_bytes())
    assert all(p.exists() for p in first.paths + second.paths)


def test_a_second_letter_about_another_event_takes_the_next_number(drugs):
    issue_letter(drugs)
    assert issue_letter(drugs, event="EV-004").document.reference == "WYP/SCPO/2027/0001/WL-02"


def test_the_ladder_learns_the_level_from_letters_the_register_issued(drugs):
    text = drugs.read_text(encoding="utf-8").replace("    level: advisory\n", "").replace("    level: first\n", "")
    drugs.write_text(text, encoding="utf-8")
    levels = [issue_letter(drugs, event=e).document.level for e in ("EV-002", "EV-004", "EV-006")]
    assert levels == ["advisory", "first", "final"]


def test_each_case_gets_its_own_number_within_its_force(workspace):
    cases = workspace / "cases"
    first = issue(cases / "specimen-drugs.yaml", "warning-letter", event_id="EV-002", reason="r", out_dir=workspace / "out",
                  options=Options(date=dt.date(2027, 2, 3)))  # fmt: skip
    second = issue(cases / "pastdate-expired.yaml", "expiry-confirmation", reason="order expired", out_dir=workspace / "out")
    third = issue(cases / "exampleton-fraud.yaml", "warning-letter", event_id="EV-002", reason="r", out_dir=workspace / "out",
                  options=Options(date=dt.date(2027, 10, 11)))  # fmt: skip
    assert first.document.reference.startswith("WYP/SCPO/2027/0001/")
    assert second.document.reference == "WYP/SCPO/2024/0002/EC-01"
    assert third.document.reference.startswith("LAN/SCPO/2027/0001/")


def test_issuing_needs_a_reason_and_writes_nothing_without_one(drugs):
    with pytest.raises(DocgenError, match="needs a reason"):
        issue_letter(drugs, reason="  ")
    assert not (drugs.parent / "out").exists() and not (drugs.parent / "docgen.db").exists()


@pytest.mark.parametrize(("option", "value"), [("draft", True), ("reference", "MY/REF")])
def test_a_draft_or_a_hand_typed_reference_cannot_be_issued(drugs, option, value):
    from docgen.render import Options

    with pytest.raises(DocgenError, match=f"--{option}"):
        issue_letter(drugs, options=Options(**{option: value}))


def test_a_failed_render_records_nothing_and_leaves_no_file(drugs):
    with pytest.raises(DocgenError):
        issue_letter(drugs, event="EV-001")  # a release is not a failure to comply
    with Register.open(drugs.parent / "docgen.db") as reg:
        assert reg.issued() == [] and [e.action for e in reg.log()] == []
    assert not list((drugs.parent).glob("out/*"))


def test_a_file_in_the_way_stops_the_issue_and_nothing_is_recorded(drugs):
    out = drugs.parent / "out"
    out.mkdir()
    (out / "WYP_SCPO_2027_0001_WL-01.pdf").write_bytes(b"someone else's file")
    with pytest.raises(DocgenError, match="already here, but the register never recorded"):
        issue_letter(drugs)
    with Register.open(drugs.parent / "docgen.db") as reg:
        assert reg.issued() == []
    assert (out / "WYP_SCPO_2027_0001_WL-01.pdf").read_bytes() == b"someone else's file"
    assert not (out / "WYP_SCPO_2027_0001_WL-01.docx").exists()


def test_who_comes_from_the_option_then_the_environment(monkeypatch):
    monkeypatch.setenv("DOCGEN_USER", "DS Environment")
    assert current_user("DC Option") == "DC Option"
    assert current_user(None) == "DS Environment"
    monkeypatch.delenv("DOCGEN_USER")
    assert current_user(None)  # the login name


def test_the_register_lives_beside_the_cases_unless_told_otherwise(tmp_path, monkeypatch):
    monkeypatch.delenv("DOCGEN_REGISTER", raising=False)
    assert register_path(None, [tmp_path / "cases" / "a.yaml"]) == tmp_path / "cases" / "docgen.db"
    monkeypatch.setenv("DOCGEN_REGISTER", str(tmp_path / "env.db"))
    assert register_path(None, [tmp_path / "a.yaml"]) == tmp_path / "env.db"
    assert register_path(tmp_path / "opt.db", [tmp_path / "a.yaml"]) == tmp_path / "opt.db"
