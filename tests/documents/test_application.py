"""The SCPO application: what it sets out, and when a final application is refused."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.errors import DocgenError
from docgen.model import to_text
from tests.conftest import docx_text, pdf_text
from tests.documents.conftest import render_kind, sample_data


def refusal(data, **options) -> DocgenError:
    with pytest.raises(DocgenError) as info:
        render_kind("scpo-application", "specimen-drugs", data, **options)
    return info.value


def fields(error: DocgenError) -> set[str]:
    return {p.field for p in error.problems}


def test_each_term_sits_beside_its_purpose_link_evidence_proportionality_and_monitoring(rendered):
    text = to_text(rendered["scpo-application", "specimen-drugs"].document)
    block = text.split("#### Term 1: Notify communication devices")[1].split("#### Term 2")[0]
    for label in ("Kind of term", "Purpose", "Link to this case", "Evidence", "Proportionality", "Monitoring"):
        assert f"| {label} |" in block
    assert "Exhibit AF/12 (cell-site analysis)" in block


def test_the_convictions_show_the_schedule_1_heading_relied_on(rendered):
    text = to_text(rendered["scpo-application", "exampleton-fraud"].document)
    assert "| Schedule 1 Part 1, para 7 (Fraud)" in text and "| Schedule 1 Part 1, para 6 (Money laundering)" in text


def test_the_risk_is_put_as_real_not_bare(rendered):
    text = to_text(rendered["scpo-application", "specimen-drugs"].document)
    assert "The line kept trading for six weeks after his arrest" in text
    assert "not a bare possibility (R v Hancox and Duffy [2010] EWCA Crim 102)" in text


def test_duration_and_start_are_stated_with_the_statutory_maximum(rendered):
    text = to_text(rendered["scpo-application", "specimen-drugs"].document)
    assert "The applicant asks for an order lasting 5 years." in text
    assert "at most 5 years (section 16)" in text


def test_before_sentence_the_release_and_so_the_end_of_the_order_are_not_yet_known(rendered):
    # dated the day before the sentencing hearing of 14 June 2024
    text = to_text(rendered["scpo-application", "specimen-drugs"].document)
    assert "released from custody on the sentence still to be passed, and ends at the end of the day before the fifth anniversary" in text
    assert "14 January 2032" not in text
    sentenced = to_text(render_kind("scpo-application", "specimen-drugs", date=dt.date(2024, 6, 14), draft=True).document)
    assert "expected to be 15 January 2027, and ends at the end of the day before the fifth anniversary of that day (14 January 2032 for a release on 15 January 2027)" in sentenced


def test_third_parties_are_listed_with_the_terms_that_affect_them(rendered):
    text = to_text(rendered["scpo-application", "specimen-drugs"].document)
    assert "| The subject's partner, who shares his home address |" in text
    assert "(section 9)" in text


def test_an_application_without_third_parties_says_none_were_identified(rendered):
    text = to_text(rendered["scpo-application", "ffug-wales"].document)
    assert "has not identified anyone other than the subject" in text


def test_the_officer_in_the_case_and_the_authorising_prosecutor_are_recorded(rendered):
    text = to_text(rendered["scpo-application", "specimen-drugs"].document)
    assert "The officer in the case is Detective Sergeant Riley Imaginary" in text
    assert "authorised by Sam Notreal, Senior Crown Prosecutor" in text
    assert "R v Shirley [2022] EWCA Crim 475" in text


def test_answers_to_drafting_questions_appear_as_facts_without_the_questions():
    data = sample_data("specimen-drugs")
    data["terms"][0]["justification"]["answers"] = {"devices_used": "Nine handsets over fourteen months."}
    text = to_text(render_kind("scpo-application", "specimen-drugs", data).document)
    assert "| Facts relied on | Nine handsets over fourteen months." in text
    assert "over what period?" not in text


def test_a_final_application_without_an_authorising_prosecutor_is_refused():
    data = sample_data("specimen-drugs")
    del data["order"]["authorising_prosecutor"]
    error = refusal(data)
    assert "order.authorising_prosecutor" in fields(error)
    assert "set aside" in str(error)


def test_a_final_application_with_a_term_lacking_justification_is_refused_naming_the_term():
    data = sample_data("specimen-drugs")
    del data["terms"][1]["justification"]
    error = refusal(data)
    assert "terms.1" in fields(error)
    assert "term 2:" in str(error) and "justification" in str(error)


def test_a_final_application_with_a_lint_error_is_refused_naming_the_term_and_rule():
    data = sample_data("specimen-drugs")
    data["terms"].append(
        {
            "clause": "VEH-003",
            "version": "1.0.0",
            "justification": {
                "link": "Hire vans carried the drugs between the two towns.",
                "evidence": ["Exhibit AF/30 (hire records)"],
                "proportionality": "Only hire vehicles are covered.",
            },
        }
    )
    error = refusal(data)
    assert "terms.3" in fields(error)
    assert "[clause-version]" in str(error)


def test_every_reason_for_refusal_is_reported_at_once():
    data = sample_data("specimen-drugs")
    del data["order"]["authorising_prosecutor"]
    del data["terms"][0]["justification"]
    del data["terms"][2]["justification"]
    assert {"order.authorising_prosecutor", "terms.0", "terms.2"} <= fields(refusal(data))


def test_a_draft_renders_anyway_with_a_watermark_and_the_findings_in_an_annex():
    data = sample_data("specimen-drugs")
    del data["order"]["authorising_prosecutor"]
    del data["terms"][1]["justification"]
    result = render_kind("scpo-application", "specimen-drugs", data, draft=True)
    text = to_text(result.document)
    annex = text.split("Annex B: Findings to resolve before the application is final")[1]
    assert "| authority |  | error |" in annex
    assert "| justification | 2 | error |" in annex
    assert "No case-specific justification has been recorded for this term." in text
    assert "Not recorded: this application may not be served" in text
    assert result.meta.watermark
    assert all("DRAFT" in page for page in pdf_text(result.files["pdf"]).split("--- page ")[1:])
    assert "DRAFT" in docx_text(result.files["docx"])


def test_a_final_application_has_no_findings_annex(rendered):
    assert "Annex B" not in to_text(rendered["scpo-application", "specimen-drugs"].document)


def test_a_case_without_an_application_section_is_refused_even_as_a_draft():
    data = sample_data("specimen-drugs")
    del data["application"]
    assert fields(refusal(data, draft=True)) == {"application"}


def test_a_case_without_terms_is_refused():
    core = ("case_id", "managing_force", "document_date", "offender_manager", "subject", "convictions", "order", "application")
    data = {key: value for key, value in sample_data("specimen-drugs").items() if key in core}
    del data["application"]["third_parties"]
    assert "terms" in fields(refusal(data, draft=True))


def test_case_data_is_printed_literally_never_as_markup():
    data = sample_data("specimen-drugs")
    data["application"]["risk"] = "Smith & Sons <Ltd> said {{ x }} twice."
    text = to_text(render_kind("scpo-application", "specimen-drugs", data).document)
    assert "Smith & Sons <Ltd> said {{ x }} twice." in text
