"""`docgen bundle breach`: the file a court needs for one breach, and nothing sensitive."""

from __future__ import annotations

import pytest

from docgen.bundle import verify_bundle
from docgen.bundle.from_case import breach_bundle
from docgen.errors import DocgenError
from docgen.register import Register
from tests.bundle_case.conftest import spec_text

SENSITIVE_BREACH_EVIDENCE = {
    "file": "../evidence/WYP-SCPO-0001/si-1-source-report.pdf",
    "title": "Source debrief about the search",
    "date": "2027-05-18",
    "events": ["EV-007"],
    "sensitive": True,
}


def event(data, event_id):
    return next(e for e in data["history"] if e["id"] == event_id)


def titles(gathered):
    return [d.title for d in gathered.spec.documents()]


def test_the_file_runs_order_notice_summary_warnings_evidence(breach_built):
    assert breach_built.titles() == [
        "Certified copy of the order",
        "Signed acknowledgement of the terms (scan)",
        "MG5 case summary",
        "Warning letter: advisory letter",
        "Warning letter: first warning",
        "Search record",
        "Handset download summary",
    ]


def test_the_order_entry_names_the_term_breached(breach_built):
    order = breach_built.gathered.spec.documents()[0]
    assert "Term 2 (Limit on the number of communication devices) is the term breached" in order.description


def test_evidence_of_other_events_stays_out(breach_built):
    assert "Compliance check record" not in titles(breach_built.gathered)


def test_the_file_passes_verify(breach_built):
    report = verify_bundle(breach_built.path)
    assert report.compliant, report.to_text()


def test_sensitive_evidence_of_the_breach_is_never_included(issued_workspace):
    case = issued_workspace.variant(
        issued_workspace.drugs, "sensitive-evidence.yaml", lambda d: d["evidence_files"].append(SENSITIVE_BREACH_EVIDENCE)
    )
    gathered = breach_bundle(case, event_id="EV-007", register=issued_workspace.register)
    assert "Source debrief about the search" not in titles(gathered)
    assert gathered.withheld == ("Source debrief about the search",)


def test_evidence_of_a_sensitive_event_counts_as_sensitive(issued_workspace):
    def link_source_report_to_the_breach(data):
        data["evidence_files"][-1]["sensitive"] = False
        data["evidence_files"][-1]["events"] = ["EV-007", "EV-010"]

    case = issued_workspace.variant(issued_workspace.drugs, "sensitive-link.yaml", link_source_report_to_the_breach)
    gathered = breach_bundle(case, event_id="EV-007", register=issued_workspace.register)
    assert "Source report" not in titles(gathered)


def test_a_sensitive_breach_is_refused(issued_workspace):
    case = issued_workspace.variant(
        issued_workspace.drugs, "sensitive-breach.yaml", lambda d: event(d, "EV-007").update(sensitive=True)
    )
    with pytest.raises(DocgenError, match="a sensitive event cannot be the subject of a breach file"):
        breach_bundle(case, event_id="EV-007", register=issued_workspace.register)


def test_without_exhibits_the_issued_draft_order_and_acknowledgement_stand_in(issued_workspace):
    case = issued_workspace.variant(issued_workspace.drugs, "no-exhibits.yaml", lambda d: d.pop("evidence_files"))
    gathered = breach_bundle(case, event_id="EV-007", register=issued_workspace.register)
    assert titles(gathered)[:2] == ["Draft order and schedule of terms", "Release-day acknowledgement of the terms"]
    assert "The certified copy is exhibit AF/29" in gathered.spec.documents()[0].description


def test_a_breach_without_an_issued_mg5_is_refused_with_the_command_to_issue_one(issued_workspace, tmp_path):
    empty = tmp_path / "empty.db"
    Register.open(empty, create=True).close()
    with pytest.raises(DocgenError, match="docgen render mg5 CASE --event EV-007 --issue"):
        breach_bundle(issued_workspace.drugs, event_id="EV-007", register=empty)


def test_an_event_that_is_not_a_breach_is_refused(issued_workspace):
    with pytest.raises(DocgenError, match="history.0.type: is 'release'"):
        breach_bundle(issued_workspace.drugs, event_id="EV-001", register=issued_workspace.register)


def test_the_gathered_file(breach_built, snapshot):
    assert spec_text(breach_built.gathered) == snapshot


def test_a_warning_known_only_from_the_history_is_reported(issued_workspace):
    case = issued_workspace.variant(
        issued_workspace.drugs, "unlettered.yaml", lambda d: event(d, "EV-006").update(level="final")
    )
    gathered = breach_bundle(case, event_id="EV-007", register=issued_workspace.register)
    expected = (
        "the final warning recorded as EV-006 (22 April 2027) has no warning letter in the register, "
        "so it is not in the bundle"
    )
    assert gathered.warnings == (expected,)


def test_every_missing_piece_of_a_breach_file_is_named_with_how_to_fill_it(issued_workspace, tmp_path):
    empty = tmp_path / "empty.db"
    Register.open(empty, create=True).close()
    case = issued_workspace.variant(issued_workspace.drugs, "bare.yaml", lambda d: d.pop("evidence_files"))
    with pytest.raises(DocgenError) as refused:
        breach_bundle(case, event_id="EV-007", register=empty)
    assert [p.field for p in refused.value.problems] == ["mg5", "draft-order", "order.notice.exhibit"]
    assert "docgen render draft-order CASE --issue" in refused.value.problems[1].message
    assert "docgen render release-acknowledgement CASE --issue" in refused.value.problems[2].message
