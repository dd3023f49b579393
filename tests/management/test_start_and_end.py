"""The start-of-order checklist and the closure checklist record the same systems and
agencies, each line with who and when."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.case import case_from_data
from docgen.errors import DocgenError
from docgen.housestyle import load_house_style
from docgen.model import to_text
from docgen.pipeline import render
from docgen.register.store import IssuedDocument
from docgen.render import Options
from tests.conftest import SAMPLES
from tests.management.conftest import render_edited, sample_data, sample_path

SYSTEMS = ("Police National Computer (PNC)", "the force records system", "ViSOR", "HM Prison and Probation Service", "Probation")


def start_text(stem: str, data=None, **options) -> str:
    return to_text(render_edited("start-of-order-checklist", stem, data, **options).document)


def closure_text(data=None, **options) -> str:
    return to_text(render_edited("closure-checklist", "pastdate-expired", data, **options).document)


def test_the_start_checklist_names_every_system_and_the_release_visit():
    text = start_text("specimen-drugs")
    for system in SYSTEMS:
        assert system in text
    assert "Release visit: every term explained" in text


def test_the_force_records_system_is_named_as_the_house_style_names_it():
    assert "flagged on Niche, the force records system" in start_text("specimen-drugs")  # WYP
    assert "flagged on Connect, the force records system" in start_text("testwood-trafficking")  # MPS


def test_corvus_appears_only_where_the_force_uses_it():
    assert "recorded on Corvus" in start_text("specimen-drugs")  # WYP uses Corvus
    assert "Corvus" not in start_text("exampleton-fraud")  # LAN does not


def test_each_line_says_who_did_it_and_when():
    text = start_text("specimen-drugs")
    assert "| 3 | Subject and order recorded on ViSOR | 17/06/2024 | DC Fictional | 17/06/2024" in text


def test_the_release_visit_is_done_when_the_acknowledgement_was_signed():
    text = start_text("specimen-drugs")
    assert "signed acknowledgement AF/30, body-worn video BWV-0000-0001" in text
    assert "All 7 steps are done." in text


def test_a_step_not_done_shows_when_it_is_due():
    text = start_text("testwood-trafficking")  # made on 24 November 2023, released 19 May 2027
    assert "| 1 | Order and its terms recorded on the Police National Computer (PNC) | 25/11/2023 | **Overdue**" in text
    assert "| 19/05/2027 | **Overdue**" in text  # the checklist is dated after the release
    assert "0 of 7 steps are done." in text


def test_the_start_checklist_is_refused_for_an_order_not_yet_made():
    data = sample_data("specimen-drugs")
    data["order"].update(status="proposed", made_on=None)
    data["order"].pop("notice")
    with pytest.raises(DocgenError) as info:
        start_text("specimen-drugs", data)
    # the kind's states refuse it before its own check of made_on runs
    assert info.value.problems[0].field == "order"
    assert "start-of-order-checklist may be produced only while the order is made, live or varied" in info.value.problems[0].message


def test_the_start_checklist_is_never_dated_before_a_step_it_records():
    with pytest.raises(DocgenError, match="cannot be dated before what it reports"):
        start_text("specimen-drugs", date=dt.date(2026, 12, 1))  # the release visit was 15 January 2027
    data = sample_data("specimen-drugs")
    data["document_date"] = "2026-11-20"  # before the release visit the checklist records
    assert render_edited("start-of-order-checklist", "specimen-drugs", data).meta.date == dt.date(2027, 1, 15)


def test_a_house_style_that_does_not_name_its_records_system_cannot_produce_the_checklist(tmp_path):
    style = (SAMPLES / "house-style" / "WYP.yaml").read_text(encoding="utf-8").replace("records_system: Niche\n", "")
    (tmp_path / "WYP.yaml").write_text(style, encoding="utf-8")
    house = load_house_style(tmp_path / "WYP.yaml")
    case = case_from_data(sample_data("specimen-drugs"), file=sample_path("specimen-drugs"))
    with pytest.raises(DocgenError):
        render(case, house, "start-of-order-checklist", options=Options())


def test_the_closure_checklist_covers_the_same_systems_and_agencies():
    text = closure_text()
    for system in ("Police National Computer (PNC)", "removed from Niche, the force records system", "ViSOR", "HM Prison and Probation Service told that the order has ended", "Probation told that the order has ended", "Corvus"):
        assert system in text


def test_the_closure_checklist_records_the_expiry_confirmation_with_its_reference():
    text = closure_text()
    assert (
        "Written confirmation of expiry sent to the subject" in text and "Reference WYP/SCPO/2020/0003/EC-01" in text
    )


def test_the_expiry_confirmation_issued_through_the_register_is_read_from_it():
    data = sample_data("pastdate-expired")
    del data["closure"]["expiry_confirmation_sent"]
    issued = (
        IssuedDocument(
            reference="WYP-SCPO-0005/EC/v1", case_id="WYP-SCPO-0005", kind="expiry-confirmation", event_id=None, seq=1,
            version=1, document_date=dt.date(2024, 10, 4), template="expiry-confirmation.xml.j2", template_sha256="0" * 64,
            clauses=(), law_version="2026.1", docgen_version="0", record={},
            generated_by="DC Notaname", generated_at="2024-10-04T09:00:00Z", reason="test",
        ),
    )
    text = closure_text(data, extra={"issued": issued})
    assert "Reference WYP-SCPO-0005/EC/v1" in text
    assert "| DC Notaname | 04/10/2024" in text


def test_an_expiry_confirmation_recorded_without_its_reference_is_refused():
    data = sample_data("pastdate-expired")
    del data["closure"]["expiry_confirmation_sent"]["reference"]
    with pytest.raises(DocgenError) as info:
        closure_text(data)
    assert info.value.problems[0].field == "closure.expiry_confirmation_sent.reference"


def test_the_closure_checklist_shows_corvus_only_where_the_force_uses_it(tmp_path):
    style = (SAMPLES / "house-style" / "WYP.yaml").read_text(encoding="utf-8").replace("corvus: true\n", "")
    (tmp_path / "WYP.yaml").write_text(style, encoding="utf-8")
    case = case_from_data(sample_data("pastdate-expired"), file=sample_path("pastdate-expired"))
    text = to_text(render(case, load_house_style(tmp_path / "WYP.yaml"), "closure-checklist", options=Options()).document)
    assert "Corvus" not in text
    assert "8 of 10 steps are done." in text


def test_a_checklist_marks_steps_past_their_due_date_as_overdue():
    from docgen.model import to_text
    from docgen.demo import render_dated
    from docgen.pipeline import load_inputs
    from tests.conftest import SAMPLES

    case, house = load_inputs(SAMPLES / "cases" / "testwood-trafficking.yaml")
    text = to_text(render_dated(case, house, "start-of-order-checklist", formats=()).document)
    assert "**Overdue**" in text and "**Outstanding**" not in text  # every step was due years ago
