"""One reading of the enforcement ladder: every kind quotes the same warnings, with or
without the register, and with the register's reference where a letter was issued."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.model import to_text
from docgen.register.store import IssuedDocument
from tests.management.conftest import render_edited, sample_data


def issued_letter(event_id: str, level: str, reference: str, day: dt.date) -> IssuedDocument:
    return IssuedDocument(
        reference=reference, case_id="WYP-SCPO-0001", kind="warning-letter", event_id=event_id, seq=1,
        version=1, document_date=day, template="warning-letter.xml.j2", template_sha256="0" * 64,
        clauses=(), law_version="2026.1", docgen_version="0", record={"level": level},
        generated_by="Officer Example", generated_at="2027-01-01T00:00:00Z", reason="test",
    )


ALL_THREE = (
    issued_letter("EV-002", "advisory", "WYP/SCPO/2027/0001/WL-01", dt.date(2027, 2, 4)),
    issued_letter("EV-004", "first", "WYP/SCPO/2027/0001/WL-02", dt.date(2027, 3, 11)),
    issued_letter("EV-006", "final", "WYP/SCPO/2027/0001/WL-03", dt.date(2027, 4, 23)),
)


@pytest.mark.parametrize("kind", ["mg5", "recall-request"])
def test_the_final_warning_is_quoted_when_no_letter_went_through_the_register(kind):
    # EV-006 has no level in the case file: the ladder gives it the final warning.
    text = to_text(render_edited(kind, "specimen-drugs", event="EV-007").document)
    assert "Final warning" in text
    assert "22 April 2027" in text or "22/04/2027" in text


@pytest.mark.parametrize("kind", ["mg5", "recall-request"])
def test_every_issued_letter_is_quoted_with_its_reference(kind):
    text = to_text(render_edited(kind, "specimen-drugs", event="EV-007", extra={"issued": ALL_THREE}).document)
    for reference in ("WL-01", "WL-02", "WL-03"):
        assert f"WYP/SCPO/2027/0001/{reference}" in text


@pytest.mark.parametrize("kind", ["mg5", "recall-request"])
def test_preview_and_issue_quote_the_same_levels(kind):
    preview = to_text(render_edited(kind, "specimen-drugs", event="EV-007").document)
    issued = to_text(render_edited(kind, "specimen-drugs", event="EV-007", extra={"issued": ALL_THREE}).document)
    for name in ("Advisory letter", "First warning", "Final warning"):
        assert preview.count(name) == issued.count(name) == 1


def test_the_letter_and_the_mg5_agree_on_the_level_of_each_warning():
    letter = render_edited("warning-letter", "specimen-drugs", event="EV-006")
    mg5 = to_text(render_edited("mg5", "specimen-drugs", event="EV-007").document)
    assert letter.record == {"level": "final"}
    assert "| 22/04/2027 | Final warning |" in mg5


def test_a_failure_that_required_nothing_and_has_no_level_or_letter_is_not_a_warning():
    data = sample_data("specimen-drugs")
    del data["history"][5]["action_required"]  # EV-006
    del data["history"][5]["action_by"]
    text = to_text(render_edited("mg5", "specimen-drugs", data, event="EV-007").document)
    assert "Final warning" not in text


def test_a_sensitive_warning_is_left_off_the_mg5_but_the_levels_after_it_stand():
    data = sample_data("specimen-drugs")
    data["history"][1]["sensitive"] = True  # EV-002, the advisory letter
    text = to_text(render_edited("mg5", "specimen-drugs", data, event="EV-007").document)
    assert "Advisory letter" not in text
    assert "First warning" in text and "Final warning" in text


def test_the_mg5_names_no_internal_history_id_for_a_warning_without_a_reference():
    text = to_text(render_edited("mg5", "specimen-drugs", event="EV-007").document)
    assert "History entry" not in text
    assert "No reference recorded, term 2" in text


def test_a_failure_after_the_final_warning_is_never_read_as_a_further_warning():
    data = sample_data("specimen-drugs")
    data["history"][6].update(action_required="The handsets found on 18 May 2027.", action_by="2027-05-20")  # EV-007
    data["history"].append({"id": "EV-X", "type": "non_compliance", "date": "2027-05-25", "term": 1,
                            "summary": "Later failure.", "by": "DC Fictional"})  # fmt: skip
    from docgen.kinds._history import prior_warnings
    from docgen.case import case_from_data
    from tests.management.conftest import sample_path

    case = case_from_data(data, file=sample_path("specimen-drugs"))
    levels = [(w.id, w.level) for w in prior_warnings(case, len(case.history), ())]
    assert levels == [("EV-002", "advisory"), ("EV-004", "first"), ("EV-006", "final")]
