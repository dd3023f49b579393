"""Transfer: the letter says what the order says about when the duty to notify moves, the
pack carries the proof of notice and the application, and the receiving force's
acceptance tells the subject where to send notices from now on."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.kinds.transfer_letter import described_kinds
from docgen.kinds.transfer_letter.pack import plan
from docgen.case import case_from_data
from docgen.errors import DocgenError
from docgen.housestyle import load_house_style
from docgen.model import to_text
from docgen.pipeline import render
from docgen.render import Options
from tests.conftest import SAMPLES
from tests.management.conftest import render_edited, sample_data, sample_path

GMP = SAMPLES / "house-style" / "GMP.yaml"


def letter_text(data=None) -> str:
    return to_text(render_edited("transfer-letter", "exampleton-fraud", data, event="EV-005").document)


def received_data() -> dict:
    """The fraud sample as the receiving force holds it after the move."""
    data = sample_data("exampleton-fraud")
    data["managing_force"] = "GMP"
    data["transfers"][0]["from_force"] = "LAN"
    data["subject"]["address"] = data["transfers"][0]["new_address"]
    data["offender_manager"] = {
        "name": "Taylor Imaginary", "rank": "DS", "role": "SOC Offender Manager",
        "phone": "0161 496 0001", "email": "soc.lom@example.police.uk",
    }  # fmt: skip
    data["document_date"] = "2028-03-03"
    return data


def acceptance(data=None, **options):
    case = case_from_data(data or received_data(), file=sample_path("exampleton-fraud"))
    return render(case, load_house_style(GMP), "transfer-acceptance", event_id="EV-005", options=Options(**options))


def test_the_letter_quotes_the_orders_definition_of_the_notification_address():
    text = letter_text()
    assert "\u201cnotification address\u201d means the postal address given in this order" in text
    assert "replacement address that the police have given the subject by letter or email" in text


def test_the_duty_moves_when_the_receiving_force_tells_the_subject_not_on_the_handover():
    text = letter_text()
    assert "from the day you confirm the handover" not in text
    assert (
        "moves to Greater Manchester Police only when Greater Manchester Police tells the subject in writing "
        "that it now manages the order and gives its own address for notices"
    ) in text
    assert "\u201cthe police\u201d means the police force that manages this order" in text
    assert "transfer acceptance letter" in text


def test_the_enclosures_carry_the_signed_acknowledgement_its_video_and_the_application():
    text = letter_text()
    assert "Signed acknowledgement of the terms, exhibit LAN/RA/1, with the body-worn video reference BWV-0000-0201" in text
    assert "The application for the order" in text


def test_a_handover_without_proof_that_the_subject_knew_the_terms_is_refused():
    data = sample_data("exampleton-fraud")
    del data["order"]["notice"]
    with pytest.raises(DocgenError) as info:
        letter_text(data)
    assert info.value.problems[0].field == "order.notice"


def test_the_pack_plan_names_a_missing_application_and_proof_of_notice():
    data = sample_data("exampleton-fraud")
    data["evidence_files"] = [f for f in data["evidence_files"] if f.get("exhibit") != "LAN/RA/1"]
    case = case_from_data(data, file=sample_path("exampleton-fraud"))
    contents = plan(case, case.transfers[0], (), dt.date(2028, 2, 7), described_kinds())
    omitted = [o.what for o in contents.omitted]
    assert "The application for the order" in omitted
    assert any("exhibit LAN/RA/1" in what for what in omitted)
    assert not any("LAN/RA/1" in (e.reference or "") for e in contents.enclosed)


def test_the_acceptance_tells_the_subject_the_receiving_force_now_manages_the_order():
    text = to_text(acceptance().document)
    assert "Until now Lancashire Constabulary managed the order." in text
    assert "Greater Manchester Police now manages it." in text


def test_the_acceptance_gives_the_receiving_forces_notification_address_from_its_house_style():
    text = to_text(acceptance().document)
    assert "From the day you receive this letter, send every notice the order requires" in text
    assert "PO Box 0005" in text and "or by email to scpo.notices@example.police.uk." in text
    assert "PO Box 0001" not in text  # the sending force's address


def test_the_acceptance_is_written_to_the_subject_and_never_dated_before_the_move():
    rendered = acceptance()
    assert rendered.kind.audience == "subject"
    assert rendered.meta.date == dt.date(2028, 3, 3)
    with pytest.raises(DocgenError, match="cannot be dated before what it reports"):
        acceptance(date=dt.date(2028, 2, 20))  # the move is on 1 March 2028


def test_the_acceptance_is_refused_for_a_case_the_sending_force_still_manages():
    with pytest.raises(DocgenError) as info:
        render_edited("transfer-acceptance", "exampleton-fraud", event="EV-005")
    assert info.value.problems[0].field == "transfers.0.to_force"


def test_a_transfer_to_the_managing_force_must_name_the_force_it_came_from():
    data = received_data()
    del data["transfers"][0]["from_force"]
    with pytest.raises(DocgenError) as info:
        case_from_data(data, file="case.yaml")
    assert any(p.field == "transfers.0.to_force" for p in info.value.problems)


def test_the_sending_force_writes_no_handover_letter_for_a_case_it_received():
    case = case_from_data(received_data(), file=sample_path("exampleton-fraud"))
    with pytest.raises(DocgenError) as info:
        render(case, load_house_style(GMP), "transfer-letter", event_id="EV-005", options=Options())
    assert info.value.problems[0].field == "transfers.0.to_force"


def test_the_acceptance_letter_model(snapshot):
    assert to_text(acceptance().document) == snapshot


def test_the_acceptance_letter_pdf_and_word_text(snapshot):
    from tests.conftest import docx_text, pdf_text

    files = acceptance().files
    assert (pdf_text(files["pdf"]), docx_text(files["docx"])) == snapshot
