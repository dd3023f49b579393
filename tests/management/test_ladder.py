"""The warning ladder: advisory, then first, then final, then interview or arrest."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.errors import DocgenError
from docgen.model import to_text
from docgen.register.store import IssuedDocument
from docgen.case import case_from_data
from docgen.pipeline import load_inputs, render
from tests.management.conftest import render_edited, sample_data, sample_path


def without_levels(data):
    for event in data["history"]:
        event.pop("level", None)
    return data


def issued_letter(event_id: str, level: str, reference: str, day: dt.date, version: int = 1) -> IssuedDocument:
    return IssuedDocument(
        reference=reference, case_id="WYP-SCPO-0001", kind="warning-letter", event_id=event_id, seq=1,
        version=version, document_date=day, template="warning-letter.xml.j2", template_sha256="0" * 64,
        clauses=(), law_version="2026.1", docgen_version="0", record={"level": level},
        generated_by="Officer Example", generated_at="2027-01-01T00:00:00Z", reason="test",
    )


def letter(data, event, **options):
    return render_edited("warning-letter", "specimen-drugs", data, event=event, **options)


def test_the_first_failure_gets_an_advisory_letter():
    rendered = letter(without_levels(sample_data("specimen-drugs")), "EV-002")
    assert rendered.record == {"level": "advisory"}
    assert "This letter is an **advisory letter**" in to_text(rendered.document)


def test_a_failure_after_an_issued_advisory_letter_gets_a_first_warning():
    issued = (issued_letter("EV-002", "advisory", "WYP/SCPO/2027/0001/WL-01", dt.date(2027, 2, 3)),)
    rendered = letter(without_levels(sample_data("specimen-drugs")), "EV-004", extra={"issued": issued})
    assert rendered.record == {"level": "first"}


def test_a_failure_after_a_first_warning_gets_a_final_warning():
    rendered = letter(sample_data("specimen-drugs"), "EV-006")
    text = to_text(rendered.document)
    assert rendered.record == {"level": "final"}
    assert "This is your final warning" in text


def test_earlier_warnings_are_quoted_by_reference_and_date_from_the_register():
    issued = (
        issued_letter("EV-002", "advisory", "WYP/SCPO/2027/0001/WL-01", dt.date(2027, 2, 4)),
        issued_letter("EV-004", "first", "WYP/SCPO/2027/0001/WL-02", dt.date(2027, 3, 11)),
    )
    text = to_text(letter(without_levels(sample_data("specimen-drugs")), "EV-006", extra={"issued": issued}).document)
    assert "Advisory letter, reference WYP/SCPO/2027/0001/WL-01, dated 4 February 2027, about term 1" in text
    assert "First warning, reference WYP/SCPO/2027/0001/WL-02, dated 11 March 2027, about term 1" in text


def test_a_reissued_letter_is_quoted_by_its_newest_version():
    issued = (
        issued_letter("EV-002", "advisory", "WYP/SCPO/2027/0001/WL-01", dt.date(2027, 2, 4)),
        issued_letter("EV-002", "advisory", "WYP/SCPO/2027/0001/WL-01/v2", dt.date(2027, 2, 5), version=2),
    )
    text = to_text(letter(without_levels(sample_data("specimen-drugs")), "EV-004", extra={"issued": issued}).document)
    assert "reference WYP/SCPO/2027/0001/WL-01/v2, dated 5 February 2027" in text
    assert "WL-01, dated 4 February" not in text


def test_a_warning_from_before_the_register_is_quoted_by_the_reference_in_the_history():
    data = sample_data("specimen-drugs")
    data["history"][1]["reference"] = "OLD/REF/1"
    text = to_text(letter(data, "EV-004").document)
    assert "Advisory letter, reference OLD/REF/1, dated 3 February 2027" in text


def test_after_a_final_warning_there_is_no_further_letter():
    data = sample_data("specimen-drugs")
    data["history"][5]["level"] = "final"  # EV-006
    data["history"][6].update(action_required="Hand over the handsets.", action_by="2027-05-20")  # EV-007
    with pytest.raises(DocgenError, match="interview under caution or arrest") as info:
        letter(data, "EV-007")
    assert info.value.problems[0].field == "history.6.level"


def test_a_level_written_in_the_history_may_go_higher_but_never_lower():
    data = sample_data("specimen-drugs")
    data["history"][3]["level"] = "final"  # EV-004, straight to final
    assert letter(data, "EV-004").record == {"level": "final"}
    data["history"][3]["level"] = "advisory"
    with pytest.raises(DocgenError, match="never steps down"):
        letter(data, "EV-004")


def test_a_warning_event_without_its_level_is_refused_by_field():
    data = sample_data("specimen-drugs")
    data["history"].insert(2, {"id": "EV-W", "type": "warning", "date": "2027-02-04", "summary": "Letter sent."})
    with pytest.raises(DocgenError) as info:
        letter(data, "EV-004")
    assert info.value.problems[0].field == "history.2.level"


def test_a_letter_is_dated_no_earlier_than_the_failure_it_reports():
    data = sample_data("specimen-drugs")
    data["document_date"] = "2027-02-01"  # older than the event: refused, never moved forward
    case, house = load_inputs(sample_path("specimen-drugs"))
    with pytest.raises(DocgenError, match="cannot be dated before what it reports") as info:
        render(case_from_data(data), house, "warning-letter", event_id="EV-002", formats=())
    assert info.value.problems[0].field == "document_date"
    assert letter(sample_data("specimen-drugs"), "EV-002", date=dt.date(2027, 2, 3)).meta.date == dt.date(2027, 2, 3)
    with pytest.raises(DocgenError, match="cannot be dated before what it reports") as info:
        letter(sample_data("specimen-drugs"), "EV-002", date=dt.date(2027, 2, 2))
    assert info.value.problems[0].field == "--date"
