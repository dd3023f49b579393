"""The variation application: each change term by term, old wording beside new, and its refusals."""

from __future__ import annotations

import pytest

from docgen.errors import DocgenError
from docgen.model import to_text
from tests.documents.conftest import render_kind, sample_data


def refusal(data, **options) -> DocgenError:
    with pytest.raises(DocgenError) as info:
        render_kind("variation-application", "specimen-drugs", data, **options)
    return info.value


def fields(error: DocgenError) -> set[str]:
    return {p.field for p in error.problems}


def section(text: str, heading: str) -> str:
    return text.split(heading)[1].split("\n#### ")[0].split("\n### ")[0]


def test_a_varied_term_shows_the_current_wording_beside_the_proposed(rendered):
    text = to_text(rendered["variation-application", "specimen-drugs"].document)
    block = section(text, "#### Term 1: varied")
    assert "H The term now | The term as proposed" in block
    row = next(line for line in block.splitlines() if line.startswith("| The subject must notify"))
    now, proposed = row.split(" | ", 1)
    assert "within 3 days of" in now and "within 1 day of" not in now
    assert "within 1 day of" in proposed and "within 3 days of" not in proposed
    assert "**Reason for the change:** Three days is long enough" in block


def test_an_added_term_takes_the_next_number_and_carries_its_justification(rendered):
    text = to_text(rendered["variation-application", "specimen-drugs"].document)
    block = section(text, "#### Term 4: added")
    assert "There is no such term in the order now." in block
    assert "| Link to this case | The subject refused to unlock a handset" in block
    assert "| Evidence | Home visit record HV/5" in block


def test_a_removed_term_shows_its_wording_and_that_it_would_no_longer_apply(rendered):
    text = to_text(rendered["variation-application", "testwood-trafficking"].document)
    block = section(text, "#### Term 3: removed")
    assert "within 3 days of the first time they use a vehicle" in block
    assert "The term is removed and no longer applies." in block


def test_the_working_copy_traces_a_term_moved_to_another_clause_to_both_records():
    text = to_text(render_kind("variation-application", "testwood-trafficking", draft=True).document)
    annex = text.split("Annex A: Where the wording of each term comes from")[1]
    assert "| 1 (current) | TRV-001 | 2.0.0 |" in annex
    assert "| 1 (proposed) | TRV-003 | 2.0.0 |" in annex
    assert "| 3 (current) | VEH-001 | 2.0.0 |" in annex


def test_a_change_to_a_terms_end_date_shows_both_periods(rendered):
    block = section(to_text(rendered["variation-application", "ffug-wales"].document), "#### Term 2: varied")
    assert "The term applies for the whole of the order. | This term applies from the start of the order until the end of" in block


def test_a_high_court_variation_is_headed_as_between_applicant_and_respondent(rendered):
    text = to_text(rendered["variation-application", "specimen-drugs"].document)
    assert "In the matter of a Serious Crime Prevention Order made against Jordan Testcase SPECIMEN" in text
    assert "Serious Crime Act 2007, section 17" in text


def test_a_section_20_variation_names_the_later_conviction():
    data = sample_data("specimen-drugs")
    data["convictions"].append(
        {
            "id": "C2",
            "offence": "Being concerned in the supply of a controlled drug of Class A",
            "statute": "Misuse of Drugs Act 1971 s.4(3)(b)",
            "court": "Crown Court at Exampleford",
            "convicted_on": "2026-09-01",
            "sentenced_on": "2026-10-02",
            "sentence": "2 years' imprisonment, concurrent",
            "schedule1_heading": "drug-trafficking",
        }
    )
    data["variation"].update(section="20", court="Crown Court at Exampleford", conviction="C2")
    text = to_text(render_kind("variation-application", "specimen-drugs", data).document)
    assert "section 20: variation on a later conviction" in text
    assert "On 1 September 2026 at the Crown Court at Exampleford the subject was convicted of being concerned in the supply" in text
    assert "[center] Regina / v / **Jordan Testcase SPECIMEN**" in text


def test_a_variation_of_an_order_not_yet_made_is_refused():
    data = sample_data("specimen-drugs")
    data["order"].update(status="proposed", made_on=None)
    for key in ("breach_files", "transfers", "closure"):
        data.pop(key, None)
    data["order"].pop("notice", None)
    data["history"] = []
    assert "order.status" in fields(refusal(data, draft=True))


def test_a_case_without_a_variation_section_is_refused():
    data = sample_data("specimen-drugs")
    del data["variation"]
    assert fields(refusal(data, draft=True)) == {"variation"}


def test_a_change_that_changes_nothing_is_refused_even_as_a_draft():
    data = sample_data("specimen-drugs")
    data["variation"]["changes"][0]["params"] = {"notify_days": 3}
    error = refusal(data, draft=True)
    assert fields(error) == {"variation.changes.0"}
    assert "changes nothing" in str(error)


def test_a_change_that_would_run_past_the_end_of_the_order_is_refused():
    data = sample_data("specimen-drugs")
    data["variation"]["changes"][0]["ends_on"] = "2033-01-01"
    error = refusal(data)
    assert "variation.changes.0.ends_on" in fields(error)
    assert "cannot extend the order" in str(error)


def test_an_unknown_clause_is_refused_at_its_change():
    data = sample_data("specimen-drugs")
    data["variation"]["changes"][1]["clause"] = "COM-999"
    assert "variation.changes.1.clause" in fields(refusal(data, draft=True))


def test_a_bad_parameter_is_refused_at_its_change():
    data = sample_data("specimen-drugs")
    data["variation"]["changes"][0]["params"] = {"notify_days": 40}
    assert "variation.changes.0.params.notify_days" in fields(refusal(data, draft=True))


def test_an_added_term_without_justification_is_refused_when_final_and_listed_when_draft():
    data = sample_data("specimen-drugs")
    del data["variation"]["changes"][1]["justification"]
    error = refusal(data)
    assert "variation.changes.1" in fields(error)
    assert "proposed term 4" in str(error) and "[justification]" in str(error)
    text = to_text(render_kind("variation-application", "specimen-drugs", data, draft=True).document)
    assert "| justification | 4 | error |" in text.split("Annex B")[1]
    assert "No case-specific justification has been recorded for this term." in text


def test_the_case_file_refuses_a_change_to_a_term_that_does_not_exist():
    from docgen.case import case_from_data

    data = sample_data("specimen-drugs")
    data["variation"]["changes"][0]["term"] = 9
    with pytest.raises(DocgenError) as info:
        case_from_data(data, file="case.yaml")
    assert "variation.changes.0.term" in fields(info.value)


def test_the_case_file_refuses_a_section_20_variation_without_its_conviction():
    from docgen.case import case_from_data

    data = sample_data("specimen-drugs")
    data["variation"]["section"] = "20"
    with pytest.raises(DocgenError) as info:
        case_from_data(data, file="case.yaml")
    assert any(p.field.startswith("variation") and "conviction" in p.message for p in info.value.problems)


def test_every_bad_change_is_reported_at_once():
    data = sample_data("specimen-drugs")
    data["variation"]["changes"][0]["params"] = {"notify_days": 40}
    data["variation"]["changes"][1]["clause"] = "COM-999"
    assert {"variation.changes.0.params.notify_days", "variation.changes.1.clause"} <= fields(refusal(data))


def test_the_summary_says_what_a_varied_term_changes():
    text = to_text(render_kind("variation-application", "exampleton-fraud").document)
    row = next(line for line in text.splitlines() if line.startswith("| 2 | varied |"))
    assert "Changes:" in row and "£2,500.00 to £1,500.00" in row
