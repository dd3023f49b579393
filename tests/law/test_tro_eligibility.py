"""`docgen lint` checks that a Travel Restriction Order term rests on a qualifying conviction."""

from __future__ import annotations

from docgen.lint import lint_case
from tests.conditions.builders import build_case, term

QUALIFYING = {
    "id": "C1",
    "offence": "Being concerned in the supply of a controlled drug of Class A",
    "statute": "Criminal Law Act 1977 s.1; Misuse of Drugs Act 1971 s.4(3)(b)",
    "court": "Crown Court at Exampleford",
    "convicted_on": "2025-03-03",
    "sentenced_on": "2025-04-04",
    "sentence": "6 years' imprisonment",
    "custody_months": 72,
    "schedule1_heading": "drug-trafficking",
}


def tro(findings):
    return [f for f in findings if f.rule == "tro-eligibility"]


def case_with(conviction_changes=None, *terms):
    conviction = {**QUALIFYING, **(conviction_changes or {})}
    return build_case(*terms, convictions=[conviction])


def prohibition(**params):
    return term("TRO-001", {"period": "2 years", **params})


def test_a_case_without_tro_terms_is_not_checked():
    assert tro(lint_case(case_with({"custody_months": 12}, term("TRV-001")))) == []


def test_a_qualifying_conviction_with_the_offence_date_passes():
    assert tro(lint_case(case_with(None, prohibition(offence_committed_on="2024-06-30")))) == []


def test_an_offence_committed_before_commencement_is_an_error():
    (f,) = tro(lint_case(case_with(None, prohibition(offence_committed_on="2002-03-31"))))
    assert f.severity == "error" and "2002-04-01" in f.message


def test_a_sentence_under_four_years_is_an_error():
    (f,) = tro(lint_case(case_with({"custody_months": 47}, prohibition(offence_committed_on="2024-06-30"))))
    assert f.severity == "error" and "47 months recorded, under 4 years" in f.message


def test_exactly_four_years_qualifies():
    assert tro(lint_case(case_with({"custody_months": 48}, prohibition(offence_committed_on="2024-06-30")))) == []


def test_possession_with_intent_to_supply_is_not_a_section_34_offence():
    changes = {"statute": "Misuse of Drugs Act 1971 s.5(3)"}
    (f,) = tro(lint_case(case_with(changes, prohibition(offence_committed_on="2024-06-30"))))
    assert "not a drug trafficking offence listed in s.34" in f.message


def test_importation_under_the_customs_act_qualifies():
    changes = {"statute": "Customs and Excise Management Act 1979 s.170(2)"}
    assert tro(lint_case(case_with(changes, prohibition(offence_committed_on="2024-06-30")))) == []


def test_a_conviction_before_commencement_cannot_qualify():
    changes = {"convicted_on": "2002-03-01", "sentenced_on": "2002-03-20"}
    (f,) = tro(lint_case(case_with(changes, prohibition(offence_committed_on="2002-04-01"))))
    assert "committed before 2002-04-01" in f.message


def test_a_first_edition_prohibition_without_an_offence_date_is_a_warning():
    (f,) = tro(lint_case(case_with(None, term("TRO-001", {"period": "2 years"}, version="1.0.0"))))
    assert f.severity == "warning" and "committed" in f.message


def test_the_passport_direction_alone_is_checked_too():
    (f,) = tro(lint_case(case_with({"custody_months": 24}, term("TRO-002"))))
    assert f.severity == "error"


def test_findings_name_no_person():
    (f,) = tro(lint_case(case_with({"custody_months": 24}, prohibition(offence_committed_on="2024-06-30"))))
    assert "EXAMPLECASE" not in f.message and "Casey" not in f.message




def test_an_offence_date_that_is_not_a_date_is_left_to_the_parameters_rule():
    findings = lint_case(case_with(None, prohibition(offence_committed_on="last summer")))
    assert any(f.rule == "parameters" for f in findings)
    assert [f.severity for f in tro(findings)] == ["warning"]
