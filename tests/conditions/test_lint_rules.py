"""One test per drafting rule: each builds a clean case or clause, breaks one thing, and
expects the finding for that rule only. A rule that stops working fails its test."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.conditions import load_library
from docgen.lint import RULES, Finding, exit_code, lint_case, lint_library, load_brands

from .builders import MINIMAL_CLAUSE, SECOND_EDITION_CLAUSE, build_case, lint_clause, load_with, term, with_order, with_term


def found(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def only(findings: list[Finding], rule: str) -> Finding:
    assert {f.rule for f in findings} == {rule}, [str(f) for f in findings]
    (finding,) = findings
    return finding


def test_a_well_drafted_case_has_no_findings():
    case = build_case(term("COM-001"), term("FIN-001", {"cash_limit": 2000}), term("ASC-001", {"persons": ["Ada Placeholder"]}))
    assert lint_case(case) == []


def test_every_sample_style_clause_mix_lints_clean_when_fully_justified():
    codes = ["COM-001", "COM-002", "COM-003", "FIN-002", "TRV-001", "VEH-001", "RES-001"]
    assert lint_case(build_case(*(term(c) for c in codes))) == []


def test_the_exit_code_is_0_clean_1_warnings_2_errors():
    warn = Finding(rule="questions", severity="warning", term=1, message="m", fix="f")
    err = Finding(rule="clause", severity="error", term=1, message="m", fix="f")
    assert [exit_code([]), exit_code([warn]), exit_code([warn, err])] == [0, 1, 2]


# --- the clause a term names -----------------------------------------------------------


def test_a_clause_not_in_the_library_is_an_error():
    f = only(lint_case(build_case({**term("COM-001"), "clause": "COM-999"})), "clause")
    assert (f.severity, f.term) == ("error", 1) and "COM-999" in f.message


def test_a_parameter_value_outside_its_bounds_is_an_error():
    f = only(lint_case(build_case(term("COM-001", {"notify_days": 9}))), "parameters")
    assert f.severity == "error" and "params.notify_days" in f.message and "between 1 and 7" in f.message


def test_a_withdrawn_clause_is_an_error_that_names_its_replacement():
    f = only(lint_case(build_case(term("VEH-003"))), "clause-version")
    assert f.severity == "error" and "VEH-003@1.0.0 is withdrawn" in f.message and "VEH-001@2.0.0" in f.message


def test_a_superseded_version_is_a_warning_that_names_its_replacement_and_what_to_do():
    proposed = with_order(build_case(term("FIN-004", version="1.0.0")), status="proposed", made_on=None)
    f = only(lint_case(proposed), "clause-version")
    assert f.severity == "warning" and "FIN-004@3.0.0" in f.message and "Live cases:" in f.message


def test_a_made_order_keeps_the_version_it_was_made_with_without_a_finding():
    # the case file records the order as the court made it: a newer version is proposed at
    # the next variation (conditions migrate lists it), never edited into the case file
    made = build_case(term("FIN-004", version="1.0.0"))
    assert made.order.status == "made"
    assert [f for f in lint_case(made) if f.rule == "clause-version"] == []


def test_a_draft_clause_is_an_error_in_an_application():
    case = build_case(term("TRV-006", version="0.1.0", starts_on="2027-06-01", ends_on="2027-11-30"))
    f = found(lint_case(case), "clause-version")
    assert [x.severity for x in f] == ["error"] and "draft" in f[0].message


# --- justification ---------------------------------------------------------------------


def test_a_term_without_a_justification_is_an_error():
    findings = lint_case(build_case({"clause": "COM-001"}))
    assert [(f.rule, f.severity) for f in findings] == [("justification", "error"), ("evidence", "error")]


def test_a_justification_copied_from_the_clause_guidance_is_an_error(library):
    t = term("COM-001")
    t["justification"]["link"] = library.get("COM-001").guidance.purpose
    f = only(lint_case(build_case(t)), "justification")
    assert "general guidance" in f.message


def test_a_term_with_no_evidence_reference_is_an_error():
    case = build_case(term("COM-001"))
    just = case.terms[0].justification.model_copy(update={"evidence": []})
    f = only(lint_case(with_term(case, 0, justification=just)), "evidence")
    assert (f.severity, f.term) == ("error", 1)


def test_an_unanswered_drafter_question_is_a_warning():
    t = term("COM-001")
    del t["justification"]["answers"]["rotation"]
    f = only(lint_case(build_case(t)), "questions")
    assert f.severity == "warning" and "answers.rotation" in f.fix


def test_two_terms_with_the_same_justification_are_a_warning():
    first, second = term("COM-001"), term("FIN-002")
    second["justification"]["link"] = first["justification"]["link"]
    f = only(lint_case(build_case(first, second)), "justification-copied")
    assert (f.severity, f.term) == ("warning", 2)


# --- wording ---------------------------------------------------------------------------


def test_a_brand_name_in_a_parameter_value_is_an_error():
    findings = lint_case(build_case(term("ITM-002", {"item_description": "any Nokia handset kept for the line"})))
    assert [(f.rule, f.severity, f.term) for f in findings] == [("brand-name", "error", 1)] * 3
    assert [f.message.split(" names ")[0] for f in findings] == [
        "the wording", "the licence mirror", "the plain-words summary"]
    assert all("“Nokia”" in f.message for f in findings)


def test_the_brand_list_is_extendable_from_a_file(tmp_path):
    extra = tmp_path / "more.yaml"
    extra.write_text("names:\n  local: [Fictiophone]\n", encoding="utf-8")
    case = build_case(term("ITM-002", {"item_description": "any Fictiophone handset at all"}))
    assert found(lint_case(case), "brand-name") == []
    assert found(lint_case(case, brands=load_brands(extra)), "brand-name")


def test_a_brand_name_in_clause_wording_is_an_error(bare_library):
    lib = load_with(bare_library, MINIMAL_CLAUSE.replace("of acquiring any vehicle", "of installing WhatsApp on any vehicle"))
    f = only(lint_clause(lib, "ITM-900@1.0.0"), "brand-name")
    assert "WhatsApp" in f.message


@pytest.mark.parametrize(
    ("old", "new", "missing"),
    [
        ("notify the police in writing, at the notification address,", "notify in writing", "to whom"),
        ("notify the police in writing, at the notification address,", "notify the police", "how"),
        ('within\n  {{ notify_days|plural("day") }} of acquiring', "of acquiring", "by when"),
    ],
)
def test_a_requirement_missing_to_whom_how_or_when_is_an_error(bare_library, old, new, missing):
    text = MINIMAL_CLAUSE.replace(old, new)
    text = text.replace("definitions: [the-police, in-writing, notification-address, day, vehicle]", "definitions: [vehicle]")
    lib = load_with(bare_library, text)
    findings = lint_clause(lib, "ITM-900@1.0.0")
    f = only([x for x in findings if x.rule == "requirement-parts"][:1], "requirement-parts")
    assert missing in f.message


def test_a_defined_word_in_a_parameter_value_that_the_order_does_not_define_is_an_error():
    case = build_case(term("ITM-002", {"item_description": "any hardware wallet for a cryptoasset"}))
    f = only(lint_case(case), "definitions")
    assert (f.severity, f.term) == ("error", 1) and "\u201ccryptoasset\u201d" in f.message


def test_a_defined_word_the_clause_does_not_list_is_an_error(bare_library):
    lib = load_with(bare_library, MINIMAL_CLAUSE.replace("day, vehicle]", "day]"))
    f = only(lint_clause(lib, "ITM-900@1.0.0"), "definitions")
    assert f.severity == "error" and "\u201cvehicle\u201d" in f.message


def test_a_listed_definition_the_wording_never_uses_is_a_warning(bare_library):
    lib = load_with(bare_library, MINIMAL_CLAUSE.replace("day, vehicle]", "day, vehicle, cash]"))
    f = only(lint_clause(lib, "ITM-900@1.0.0"), "definitions")
    assert f.severity == "warning" and "\u201ccash\u201d" in f.message


@pytest.mark.parametrize(
    ("text", "name", "ref"),
    [
        (MINIMAL_CLAUSE.replace("day, vehicle]", "day]"), "ITM-900.yaml", "ITM-900@1.0.0"),
        (SECOND_EDITION_CLAUSE.replace("of any vehicle coming", "of any iPhone coming"), "ITM-901.yaml", "ITM-901@2.0.0"),
    ],
    ids=["first edition", "second edition"],
)
def test_linting_one_clause_in_a_bare_library_finds_what_linting_the_whole_library_finds_on_it(library_copy, bare_library, text, name, ref):
    """The shortcut the clause tests take (bare_library and lint_clause) loses nothing."""
    whole = [x for x in lint_library(load_with(library_copy, text, name)) if x.clause == ref]
    assert whole and lint_clause(load_with(bare_library, text, name), ref) == whole


def test_a_definition_no_clause_uses_is_a_warning(library_copy):
    with (library_copy / "definitions.yaml").open("a", encoding="utf-8") as fh:
        fh.write("\nhovercraft:\n  term: hovercraft\n  text: a fictional craft.\n")
    f = only(lint_library(load_library(library_copy)), "definitions")
    assert f.severity == "warning" and "hovercraft" in f.message


def test_a_requirement_to_answer_questions_orally_is_an_error(bare_library):
    text = MINIMAL_CLAUSE.replace(
        "plain_words:", "  The subject must answer questions put by a police officer at any time.\nplain_words:"
    ).replace("vehicle.\n  The subject", "vehicle.\n\n  The subject")
    lib = load_with(bare_library, text)
    f = only(lint_clause(lib, "ITM-900@1.0.0"), "oral-answers")
    assert "s.11" in f.fix


@pytest.mark.parametrize(
    ("value", "shown", "severity"),
    [
        ("scales, bags, etc. for the supply", "etc.", "error"),
        ("any press and/or mould for tablets", "and/or", "error"),
        ("any reasonable quantity of blank cards", "reasonable", "warning"),
    ],
)
def test_vague_words_in_the_wording_are_reported(value, shown, severity):
    f = only(lint_case(build_case(term("ITM-002", {"item_description": value}))), "vague-words")
    assert (f.severity, f.term) == (severity, 1) and shown in f.message


def test_reasonable_excuse_is_the_statutory_defence_and_is_not_vague():
    case = build_case(term("ITM-002", {"item_description": "any press kept without reasonable excuse"}))
    assert lint_case(case) == []


def test_associate_without_its_definition_is_an_error(bare_library):
    text = MINIMAL_CLAUSE.replace("of acquiring any vehicle", "of meeting any associate in any vehicle")
    lib = load_with(bare_library, text)
    f = only(lint_clause(lib, "ITM-900@1.0.0"), "vague-words")
    assert f.severity == "error" and "associate" in f.message


def test_a_clause_with_no_licence_mirror_and_no_reason_is_an_error(bare_library):
    text = MINIMAL_CLAUSE.replace('mirror:\n  wording: You must tell your supervising officer within {{ notify_days|plural("day") }}.\n', "")
    lib = load_with(bare_library, text)
    f = only(lint_clause(lib, "ITM-900@1.0.0"), "licence-mirror")
    assert f.severity == "error"
    case = build_case({**term("ITM-002"), "clause": "ITM-900", "justification": term("ITM-002")["justification"] | {"answers": {"why": "Fictional."}}})
    assert [x.rule for x in lint_case(case, lib)] == ["licence-mirror"]


# --- the terms together ----------------------------------------------------------------


def test_two_terms_on_the_same_subject_with_different_values_are_an_error():
    f = only(lint_case(build_case(term("COM-002", {"max_devices": 1}), term("COM-002", {"max_devices": 2}))), "conflict")
    assert (f.severity, f.term) == ("error", 2) and "max_devices: 1 against 2" in f.message


def test_two_different_clauses_on_the_same_subject_are_an_error():
    f = only(lint_case(build_case(term("TRV-001"), term("TRV-003"))), "conflict")
    assert "TRV-001@2.0.0 against TRV-003@2.0.0" in f.message


def test_a_conflict_over_named_persons_does_not_repeat_their_names():
    # the first edition, which does not allow several lists
    first = term("ASC-001", {"persons": ["Ada Placeholder"]}, version="1.0.0")
    second = term("ASC-001", {"persons": ["Bo Specimen"]}, version="1.0.0")
    (f,) = found(lint_case(build_case(first, second)), "conflict")
    assert "persons differs" in f.message and "Placeholder" not in f.message and "Specimen" not in f.message


def test_the_same_term_twice_is_a_warning():
    first, second = term("COM-002"), term("COM-002")
    second["justification"]["link"] += " A second, fictional reason."
    f = only(lint_case(build_case(first, second)), "conflict")
    assert (f.severity, f.term) == ("warning", 2)


# --- the order and the law -------------------------------------------------------------


def test_an_order_longer_than_the_law_allows_is_an_error():
    case = with_order(build_case(term("COM-001")), duration_years=6)
    f = only(lint_case(case), "order-duration")
    assert f.severity == "error" and "at most 5" in f.message


def test_a_term_ending_after_the_order_is_an_error():
    case = with_term(build_case(term("COM-001")), 0, ends_on=dt.date(2032, 6, 1))
    f = only(lint_case(case), "term-dates")
    assert (f.severity, f.term) == ("error", 1) and "2032-05-31" in f.message


def test_a_term_starting_before_the_order_is_an_error():
    case = with_term(build_case(term("COM-001")), 0, starts_on=dt.date(2027, 5, 31))
    assert only(lint_case(case), "term-dates").severity == "error"


def test_an_electronic_monitoring_term_longer_than_12_months_is_an_error():
    case = build_case(term("TRV-006", version="0.1.0", starts_on="2027-06-01", ends_on="2028-06-01"))
    monitoring = found(lint_case(case), "electronic-monitoring")
    assert [f.severity for f in monitoring] == ["error", "error"]
    assert "2028-05-31" in monitoring[1].fix


def test_an_electronic_monitoring_term_is_refused_while_the_power_is_not_in_force():
    case = build_case(term("TRV-006", starts_on="2027-06-01", ends_on="2028-05-31"))
    (f,) = found(lint_case(case), "electronic-monitoring")
    assert f.severity == "error" and "not in force on" in f.message


def test_an_electronic_monitoring_term_is_a_warning_once_the_power_is_in_force(tmp_path):
    from docgen.law import LAW_FILE, load_law

    text = LAW_FILE.read_text(encoding="utf-8")
    commenced = text.replace("    commenced: null\n    commencement_source: >-\n      No regulations bringing s.55", "    commenced: 2026-06-01\n    commencement_source: >-\n      No regulations bringing s.55", 1)
    assert commenced != text
    (tmp_path / "law.yaml").write_text(commenced, encoding="utf-8")
    case = build_case(term("TRV-006", starts_on="2027-06-01", ends_on="2028-05-31"))
    (f,) = found(lint_case(case, law=load_law(tmp_path / "law.yaml")), "electronic-monitoring")
    assert f.severity == "warning" and "Confirm the power is in force" in f.fix


def test_a_subject_under_18_when_the_order_is_made_is_an_error():
    case = build_case(term("COM-001"))
    young = case.model_copy(update={"subject": case.subject.model_copy(update={"date_of_birth": dt.date(2007, 4, 5)})})
    f = only(lint_case(young), "subject-age")
    assert f.severity == "error" and "is 17 on 2025-04-04" in f.message


def test_a_conviction_with_no_schedule_1_heading_and_no_reason_is_an_error(library):
    case = build_case(term("COM-001"))
    conviction = case.convictions[0].model_copy(update={"schedule1_heading": None})
    f = only(lint_case(case.model_copy(update={"convictions": [conviction]})), "schedule1")
    assert f.severity == "error" and "Schedule 1, Part 1" in f.message and "2026-11-01" in f.message


def test_a_reason_to_treat_the_conviction_as_serious_satisfies_schedule_1():
    case = build_case(term("COM-001"))
    conviction = case.convictions[0].model_copy(
        update={"schedule1_heading": None, "serious_reason": "Fictional reason why the court should treat it as serious."}
    )
    assert lint_case(case.model_copy(update={"convictions": [conviction]})) == []


def test_a_heading_that_is_not_in_the_law_data_is_an_error():
    case = build_case(term("COM-001"))
    conviction = case.convictions[0].model_copy(update={"schedule1_heading": "jaywalking"})
    findings = found(lint_case(case.model_copy(update={"convictions": [conviction]})), "schedule1")
    assert "\u201cjaywalking\u201d is not a heading" in findings[0].message


def test_wording_that_asks_for_a_changed_address_without_a_declared_moving_duty_is_an_error(bare_library):
    text = MINIMAL_CLAUSE.replace("of acquiring any vehicle.", "of acquiring any vehicle, and of any change of home address.").replace(
        "day, vehicle]", "day, vehicle, home-address]")
    f = only(lint_clause(load_with(bare_library, text), "ITM-900@1.0.0"), "moving-duty")
    assert f.severity == "error" and "declares no duty a move of home sets off" in f.message
    declared = text.replace("plain_words:", "on_moving:\n  - {notice: the new home address, within: notify_days}\nplain_words:")
    assert lint_clause(load_with(bare_library, declared), "ITM-900@1.0.0") == []


def test_every_rule_has_a_test_here():
    names = " ".join(name for name in globals() if name.startswith("test_"))
    covered = {
        "clause": "not_in_the_library", "parameters": "parameter_value", "clause-version": "withdrawn",
        "justification": "without_a_justification", "evidence": "no_evidence", "questions": "drafter_question",
        "justification-copied": "same_justification", "brand-name": "brand_name", "requirement-parts": "to_whom_how_or_when",
        "definitions": "defined_word", "oral-answers": "orally", "vague-words": "vague_words",
        "licence-mirror": "licence_mirror", "conflict": "same_subject", "order-duration": "order_longer",
        "term-dates": "term_ending_after", "electronic-monitoring": "electronic_monitoring",
        "subject-age": "under_18", "schedule1": "schedule_1", "moving-duty": "changed_address_without",
    }
    first_edition = list(RULES)[: list(RULES).index("defined-exactly")]  # the rest: test_drafting_points.py
    assert set(covered) == set(first_edition)
    assert all(fragment in names for fragment in covered.values())
