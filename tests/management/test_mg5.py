"""The MG5: what a prosecutor needs for a s.25 breach, and nothing sensitive."""

from __future__ import annotations

import pytest

from docgen.errors import DocgenError
from docgen.model import to_text
from tests.conftest import docx_text, pdf_text
from tests.management.conftest import render_edited, sample_data

SENSITIVE = ("Covert source reporting", "DS Hiddenname", "VESPER", "SI/1", "Covert human intelligence source")


def mg5(data=None, **options):
    return render_edited("mg5", "specimen-drugs", data, event="EV-007", **options)


def every_reading(rendered) -> str:
    return "\n".join(
        (to_text(rendered.document), docx_text(rendered.files["docx"]), pdf_text(rendered.files["pdf"]))
    )


def test_sensitive_entries_never_reach_the_mg5_in_any_format():
    text = every_reading(mg5())
    for phrase in SENSITIVE:
        assert phrase not in text
    assert "Interviewed under caution with a solicitor present" in text  # the disclosable history is there


def test_an_entry_marked_sensitive_in_the_chronology_is_dropped():
    data = sample_data("specimen-drugs")
    data["history"][7]["sensitive"] = True  # the arrest
    text = every_reading(mg5(data))
    assert "Arrested at the home address" not in text
    assert "Failure to comply, term 2" in text


def test_the_template_cannot_reach_sensitive_entries_through_the_case():
    from docgen.kinds.mg5 import context
    from docgen.pipeline import load_inputs
    from tests.management.conftest import sample_path

    import datetime as dt

    from docgen.render import Options

    case, _ = load_inputs(sample_path("specimen-drugs"))
    ctx = context(case, case.event("EV-007"), Options(date=dt.date(2027, 5, 20)))
    assert not [e for e in ctx.case.history if e.sensitive]
    assert ctx.history == ctx.case.history
    assert not [x for f in ctx.case.breach_files for x in f.evidence + f.witnesses if x.sensitive]


def test_the_mg5_shows_the_order_the_proof_of_knowledge_the_term_and_the_plea():
    text = to_text(mg5().document)
    assert "Anticipated plea | **NOT GUILTY**" in text
    assert "A certified copy of the order is exhibit **AF/29**" in text
    assert "signed an acknowledgement" in text and "body-worn video, reference BWV-0000-0001" in text
    assert "Term 2 of the order (Limit on the number of communication devices) says:" in text
    assert "contrary to section 25 of the Serious Crime Act 2007" in text


def test_previous_warnings_and_the_supervisor_certification_are_included():
    text = to_text(mg5().document)
    assert "| 03/02/2027 | Advisory letter | No reference recorded, term 1" in text
    assert "| 22/04/2027 | Final warning | No reference recorded, term 2" in text
    assert "| Supervisor | Detective Inspector Chris Madeup" in text
    assert "contains no sensitive material" in text


def test_service_under_section_10_is_stated_when_there_was_no_acknowledgement():
    data = sample_data("specimen-drugs")
    data["order"]["notice"] = {"how": "served_in_person", "date": "2027-01-16", "by": "PC Example", "exhibit": "AF/40"}
    text = to_text(mg5(data).document)
    assert "served notice of the terms of the order on the defendant in person (section 10" in text


def test_an_mg5_without_proof_that_the_subject_knew_the_terms_is_refused():
    data = sample_data("specimen-drugs")
    del data["order"]["notice"]
    with pytest.raises(DocgenError) as info:
        mg5(data)
    assert "order.notice" in {p.field for p in info.value.problems}


def test_an_mg5_for_a_breach_without_a_breach_file_is_refused():
    data = sample_data("specimen-drugs")
    data["breach_files"] = []
    with pytest.raises(DocgenError) as info:
        mg5(data)
    assert "breach_files" in {p.field for p in info.value.problems}


def test_a_breach_marked_sensitive_cannot_be_the_subject_of_an_mg5():
    data = sample_data("specimen-drugs")
    data["history"][6]["sensitive"] = True
    with pytest.raises(DocgenError) as info:
        mg5(data)
    assert "history.6.sensitive" in {p.field for p in info.value.problems}


def test_an_interview_marked_sensitive_is_refused_rather_than_left_out():
    data = sample_data("specimen-drugs")
    data["history"][8]["sensitive"] = True
    with pytest.raises(DocgenError, match="interview"):
        mg5(data)


def test_the_mg5_is_dated_no_earlier_than_the_supervisor_review():
    data = sample_data("specimen-drugs")
    data["document_date"] = "2027-05-19"  # the case's own date is older than the review
    assert str(mg5(data).meta.date) == "2027-05-20"
