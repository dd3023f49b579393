"""The transfer handover letter to the receiving force."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.errors import DocgenError
from docgen.model import to_text
from tests.management.conftest import render_edited, sample_data
from tests.management.test_ladder import issued_letter


def transfer(data=None, **options):
    return render_edited("transfer-letter", "exampleton-fraud", data, event="EV-005", **options)


def test_the_receiving_force_is_named_from_the_forces_reference_data():
    text = to_text(transfer().document)
    assert "| Receiving force | Greater Manchester Police (North West; North West Regional Organised Crime Unit (Titan))" in text


def test_an_unknown_force_code_is_refused_by_field():
    data = sample_data("exampleton-fraud")
    data["transfers"][0]["to_force"] = "XYZ"
    with pytest.raises(DocgenError, match="not a known police force code") as info:
        transfer(data)
    assert info.value.problems[0].field == "transfers.0.to_force"


def test_the_letter_gives_the_terms_notifications_risk_actions_and_contacts():
    text = to_text(transfer().document)
    assert "#### Term 1: Notify financial accounts" in text
    assert "| 13 October 2027 | 1 | Written notification received of the account opened" in text
    assert "Assessed as **medium** by DS Inventedname on 12 January 2028." in text
    assert "| 04/03/2028 | Confirm the new address" in text
    assert "| Receiving contact | DS Taylor Imaginary" in text


def test_a_term_that_ended_before_the_move_is_not_handed_over():
    data = sample_data("exampleton-fraud")
    data["terms"][1]["ends_on"] = "2028-01-31"
    text = to_text(transfer(data).document)
    assert "Term 2: Cash limit" not in text
    assert "Term 3: Notify communication devices" in text


def enclosed_and_not(text: str) -> tuple[str, str]:
    enclosed = text.split("## Enclosures", 1)[1].split("## Not enclosed", 1)
    return enclosed[0], (enclosed[1] if len(enclosed) > 1 else "")


def test_enclosures_list_issued_documents_and_evidence_the_pack_holds():
    issued = (
        issued_letter("EV-002", "first", "LAN/SCPO/2027/0001/WL-01", dt.date(2027, 10, 11)),
        issued_letter("EV-002", "first", "LAN/SCPO/2027/0001/WL-01/v2", dt.date(2027, 10, 12), version=2),
    )
    enclosed, missing = enclosed_and_not(to_text(transfer(extra={"issued": issued}).document))
    assert "reference LAN/SCPO/2027/0001/WL-01/v2, dated 12 October 2027" in enclosed
    assert "WL-01, dated 11 October" not in enclosed  # only the newest version goes in the pack
    assert "Subject profile with photograph and known associates" in enclosed
    assert "Warning letter" not in missing  # its letter is enclosed


def test_what_the_register_never_issued_is_named_as_not_enclosed_never_as_enclosed():
    enclosed, missing = enclosed_and_not(to_text(transfer().document))
    for absent in ("Certified copy of the order", "The application for the order", "Warning letter (first warning, term 1)"):
        assert absent not in enclosed
        assert absent in missing
    assert "1 sensitive evidence file: kept by Lancashire Constabulary" in missing
    assert "Intelligence report" not in enclosed + missing


def test_a_named_enclosure_with_no_evidence_file_is_refused_by_field():
    data = sample_data("exampleton-fraud")
    data["transfers"][0]["enclosures"].append("Custody photograph")
    with pytest.raises(DocgenError) as info:
        transfer(data)
    assert info.value.problems[0].field == "transfers.0.enclosures.2"


def test_a_transfer_needs_the_current_risk():
    data = sample_data("exampleton-fraud")
    del data["risk"]
    with pytest.raises(DocgenError) as info:
        transfer(data)
    assert "risk" in {p.field for p in info.value.problems}


def test_a_transfer_event_must_be_described_in_transfers():
    data = sample_data("exampleton-fraud")
    data["transfers"] = []
    with pytest.raises(DocgenError) as info:
        transfer(data)
    assert "transfers" in {p.field for p in info.value.problems}
