"""`docgen bundle transfer`: the handover pack follows its transfer letter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from docgen.bundle import verify_bundle
from docgen.bundle.from_case import build_case_bundle, transfer_bundle
from docgen.errors import DocgenError
from docgen.register import Register
from tests.bundle_case.conftest import spec_text


def test_the_pack_opens_with_the_letter_then_the_order_then_warnings_then_evidence(transfer_built):
    assert transfer_built.titles() == [
        "Transfer letter to Greater Manchester Police",
        "SCPO application (draft for the CPS)",
        "Draft order and schedule of terms",
        "Enhanced licence request (conditions mirroring the order)",
        "Release-day acknowledgement of the terms",
        "Signed acknowledgement of the terms (Exhibit LAN/RA/1)",
        "Warning letter: first warning",
        "Financial investigator's account schedule (Exhibit MI/4)",
        "Subject profile with photograph and known associates",
    ]


def test_the_pack_is_grouped_in_sections(transfer_built):
    sections = [s.title for s in transfer_built.gathered.spec.sections]
    assert sections == ["Handover", "The order and its service", "Warnings and breaches", "Evidence"]


def test_a_document_issued_twice_goes_in_at_its_newest_version(transfer_built):
    warning = next(d for d in transfer_built.gathered.spec.documents() if d.title.startswith("Warning letter"))
    assert warning.manifest_name == "LAN_SCPO_2027_0001_WL-01_v2.pdf"
    assert "version 2" in warning.description


def test_the_pack_passes_verify(transfer_built):
    report = verify_bundle(transfer_built.path)
    assert report.compliant, report.to_text()


def test_the_only_gap_reported_is_what_the_letter_names_as_not_enclosed(transfer_built):
    assert transfer_built.gathered.warnings == (
        "Certified copy of the order made by the Crown Court at Sampleby, case number T20250000, made on 7 March 2025 "
        "is not in the pack: no copy of the order is held as a file in the case; the court that made it can supply "
        "a certified copy",
    )


def _letter_enclosures(pack: Path) -> list[str]:
    """The numbered enclosures printed in the pack's own transfer letter (its first document)."""
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pack).pages)
    listed = text.split("in this order, after this letter:", 1)[1].split("Not enclosed", 1)[0]
    return re.findall(r"(?:^|\s)(\d+)\. ", listed)


def test_the_letter_lists_exactly_the_documents_the_pack_holds(transfer_built):
    numbers = _letter_enclosures(transfer_built.path)
    in_pack = transfer_built.titles()[1:]  # after the letter itself
    assert numbers == [str(n) for n in range(1, len(in_pack) + 1)]


def test_the_letters_index_entry_repeats_what_is_not_enclosed(transfer_built):
    letter = transfer_built.gathered.spec.documents()[0]
    assert "Not enclosed, as the letter explains: Certified copy of the order" in letter.description
    assert "1 sensitive evidence file" in letter.description


def test_sensitive_evidence_is_left_out_and_named(transfer_built):
    titles = [d.title for d in transfer_built.gathered.spec.documents()]
    assert "Intelligence report" not in titles
    assert transfer_built.gathered.withheld == ("Intelligence report",)


def test_sensitive_evidence_goes_in_only_when_asked(issued_workspace):
    gathered = transfer_bundle(issued_workspace.fraud, register=issued_workspace.register, include_sensitive=True)
    assert "Intelligence report" in [d.title for d in gathered.spec.documents()]
    assert gathered.withheld == ()


def test_building_the_pack_is_logged_with_who_and_why(workspace_copy):
    gathered = transfer_bundle(workspace_copy.fraud, register=workspace_copy.register)
    build_case_bundle(gathered, workspace_copy.root / "pack.pdf", by="DC Logged Example")
    with Register.open(workspace_copy.register) as reg:
        entry = reg.log("LAN-SCPO-0002")[-1]
    assert entry.action == "bundle"
    assert entry.user == "DC Logged Example"
    assert entry.reason == "transfer pack for the move to GMP (transfers.0, EV-005): pack.pdf"


def test_a_document_issued_after_the_letter_is_refused_until_the_letter_is_issued_again(workspace_copy):
    workspace_copy.issue(workspace_copy.fraud, "cps-covering-note")
    with pytest.raises(DocgenError) as refused:
        transfer_bundle(workspace_copy.fraud, register=workspace_copy.register)
    assert "LAN/SCPO/2025/0001/CPS-01 was issued after the transfer letter LAN/SCPO/2028/0001/TL-01" in str(refused.value)
    workspace_copy.issue(workspace_copy.fraud, "transfer-letter", "EV-005")
    gathered = transfer_bundle(workspace_copy.fraud, register=workspace_copy.register)
    assert gathered.spec.documents()[0].manifest_name == "LAN_SCPO_2028_0001_TL-01_v2.pdf"
    assert "Covering note to the CPS" in [d.title for d in gathered.spec.documents()]


def test_a_case_without_an_issued_transfer_letter_is_refused_with_the_command_to_issue_one(issued_workspace):
    case = issued_workspace.variant(issued_workspace.fraud, "unissued.yaml", lambda d: d.update(case_id="LAN-SCPO-0099"))
    with pytest.raises(DocgenError, match="docgen render transfer-letter CASE --event EV-005 --issue"):
        transfer_bundle(case, register=issued_workspace.register)


def test_the_gathered_pack(transfer_built, snapshot):
    assert spec_text(transfer_built.gathered) == snapshot


def test_an_enclosure_the_case_has_no_file_for_is_reported_and_not_packed(issued_workspace):
    case = issued_workspace.variant(
        issued_workspace.fraud, "extra-enclosure.yaml",
        lambda d: d["transfers"][0]["enclosures"].append("Probation risk assessment"),
    )  # fmt: skip
    gathered = transfer_bundle(case, register=issued_workspace.register)
    assert "Probation risk assessment is not in the pack: no file with that title is held in the case" in gathered.warnings[-1]
    assert "Probation risk assessment" in gathered.spec.documents()[0].description  # the letter's index entry


def test_sensitive_evidence_added_on_request_is_marked_in_the_index(issued_workspace):
    gathered = transfer_bundle(issued_workspace.fraud, register=issued_workspace.register, include_sensitive=True)
    added = next(d for d in gathered.spec.documents() if d.title == "Intelligence report")
    assert "the transfer letter counts it as kept back" in added.description


def test_the_log_says_when_sensitive_evidence_was_included(workspace_copy):
    gathered = transfer_bundle(workspace_copy.fraud, register=workspace_copy.register, include_sensitive=True)
    build_case_bundle(gathered, workspace_copy.root / "pack.pdf", by="DC Logged Example")
    with Register.open(workspace_copy.register) as reg:
        entry = reg.log("LAN-SCPO-0002")[-1]
    assert "sensitive evidence included on request" in entry.reason


def test_the_pack_carries_the_signed_acknowledgement_with_its_body_worn_video_reference(transfer_built):
    order = next(s for s in transfer_built.gathered.spec.sections if s.title == "The order and its service")
    signed = next(d for d in order.documents if d.title.startswith("Signed acknowledgement"))
    assert "Body-worn video of the explanation: reference BWV-0000-0201" in signed.description


def test_the_letter_records_its_enclosures_in_the_register(issued_workspace):
    with Register.open(issued_workspace.register) as reg:
        letter = [d for d in reg.issued("LAN-SCPO-0002") if d.kind == "transfer-letter"][-1]
    assert "evidence: Subject profile with photograph and known associates" in letter.record["enclosures"]
    assert "LAN/SCPO/2027/0001/WL-01/v2" in letter.record["enclosures"]


def test_evidence_added_after_the_letter_is_refused_until_the_letter_is_issued_again(workspace_copy):
    def added(data):
        data["evidence_files"].append({**data["evidence_files"][1], "title": "Second subject profile", "date": "2028-02-02"})

    case = workspace_copy.variant(workspace_copy.fraud, "exampleton-fraud.yaml", added)
    with pytest.raises(DocgenError) as refused:
        transfer_bundle(case, register=workspace_copy.register)
    assert "the pack would hold evidence: Second subject profile, which the letter does not list" in str(refused.value)
    workspace_copy.issue(case, "transfer-letter", "EV-005")
    gathered = transfer_bundle(case, register=workspace_copy.register)
    assert "Second subject profile" in [d.title for d in gathered.spec.documents()]
