"""The second edition's drafting points: one seeded bad clause per point.

Each test starts from SECOND_EDITION_CLAUSE (which meets every point), breaks exactly one
thing, and expects the finding of the rule that protects that point.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.conditions import Library
from docgen.errors import DocgenError
from docgen.lint import RULES, Finding, lint_case

from .builders import MINIMAL_CLAUSE, SECOND_EDITION_CLAUSE, build_case, lint_clause, load_with, term

REF = "ITM-901@2.0.0"


def lint_record(root: Path, text: str) -> list[Finding]:
    lib = load_with(root, text, "ITM-901.yaml")
    return lint_clause(lib, REF)


def rules_of(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings}


def broken(root: Path, old: str, new: str, rule: str) -> list[Finding]:
    """Lint the record with ``old`` replaced by ``new``; return the findings of ``rule``."""
    assert old in SECOND_EDITION_CLAUSE, old
    findings = lint_record(root, SECOND_EDITION_CLAUSE.replace(old, new))
    hits = [f for f in findings if f.rule == rule]
    assert hits, [str(f) for f in findings]
    assert all(f.severity == "error" for f in hits)
    return hits


def test_the_clean_second_edition_record_has_no_findings(bare_library):
    assert lint_record(bare_library, SECOND_EDITION_CLAUSE) == []


def test_a_first_edition_record_is_not_held_to_the_second_edition_points(bare_library):
    lib = load_with(bare_library, MINIMAL_CLAUSE)
    assert lint_clause(lib, "ITM-900@1.0.0") == []


def test_declaring_a_remedy_makes_a_version_1_record_second_edition(bare_library):
    text = MINIMAL_CLAUSE + "remedy:\n  none: A fictional breach cannot be undone once done.\n"
    findings = lint_clause(load_with(bare_library, text), "ITM-900@1.0.0")
    assert {"startup", "examples"} <= rules_of(findings)


# (1) function, not brand
def test_point_1_a_brand_name_in_second_edition_wording_is_an_error(bare_library):
    broken(bare_library, "of any vehicle coming", "of any iPhone coming", "brand-name")


# (2) every term of art defined and used exactly as defined
def test_point_2_a_loose_paraphrase_of_a_defined_word_is_an_error(bare_library):
    hits = broken(bare_library, "vehicle coming into your possession or control", "vehicle you own or use", "defined-exactly")
    assert "own or use" in hits[0].message and "licence mirror" in hits[0].message


def test_point_2_a_defined_word_the_record_does_not_list_is_an_error(bare_library):
    broken(bare_library, "day, vehicle, possession-or-control]", "day, vehicle]", "definitions")


# (3) what, to whom (the police), how (in writing), by when
def test_point_3_a_duty_without_in_writing_is_an_error(bare_library):
    broken(
        bare_library,
        "must notify the police in writing, at the notification address, within\n  {{ notify_days|plural(\"day\") }} of any",
        "must notify the police within\n  {{ notify_days|plural(\"day\") }} of any",
        "requirement-parts",
    )


def test_point_3_a_startup_duty_without_a_deadline_is_an_error(bare_library):
    hits = broken(
        bare_library,
        "startup: >-\n  Within {{ notify_days|plural(\"day\") }} of the order coming into force, notify the police in\n"
        "  writing of every vehicle in your possession or control on that day.",
        "startup: >-\n  The subject must notify the police in writing of every vehicle in their possession or control.",
        "requirement-parts",
    )
    assert hits[0].message.startswith("in the start-up duty") and "by when" in hits[0].message


def test_point_3_a_duty_owed_to_probation_is_an_error(bare_library):
    hits = broken(
        bare_library,
        "This term does not apply to a vehicle hired for one day or less.",
        "This term does not apply to a vehicle hired for one day or less. The subject must also tell "
        "their supervising officer in writing within 3 days of each hire.",
        "recipient",
    )
    assert "probation" in hits[0].message


# (4) a named legal basis and guidance on the evidence
def test_point_4_a_legal_basis_without_act_and_section_is_an_error(bare_library):
    broken(bare_library, "legal_basis: Serious Crime Act 2007 s.5(3)(e)", "legal_basis: the usual powers", "legal-basis")


def test_point_4_thin_evidence_guidance_is_an_error(bare_library):
    old = (
        "evidence: >-\n    Fictional evidence that vehicles registered to other people carried the goods, with\n"
        "    dates, registration numbers and the exhibits that show it."
    )
    broken(bare_library, old, "evidence: Some evidence.", "legal-basis")


# (5) exceptions visible, approval route with a time, urgent route for notice
def test_point_5_an_exception_marker_missing_from_the_wording_is_an_error(bare_library):
    hits = broken(bare_library, "marker: a vehicle hired for one day or less", "marker: a vehicle borrowed for an hour", "exceptions")
    assert "short-hire" in hits[0].message


def test_point_5_wording_offering_an_undeclared_exception_is_an_error(bare_library):
    text = SECOND_EDITION_CLAUSE.replace(
        "exceptions:\n  - key: short-hire\n    marker: a vehicle hired for one day or less\n", ""
    ).replace("    exception: short-hire\n", "")
    assert "declares none" in " ".join(f.message for f in lint_record(bare_library, text) if f.rule == "exceptions")


def test_point_5_unless_agreed_without_an_approval_route_is_an_error(bare_library):
    broken(
        bare_library,
        "This term does not apply to a vehicle hired for one day or less.",
        "This term does not apply to a vehicle hired for one day or less, unless the police have agreed otherwise.",
        "approval-route",
    )


def test_point_5_an_approval_route_with_no_time_for_the_answer_is_an_error(bare_library):
    route = (
        "approval_route:\n  who: the police\n  how: in writing at the notification address\n"
        "  answer_within: promptly\n  urgent: by email marked urgent\nremedy:\n"
    )
    text = SECOND_EDITION_CLAUSE.replace(
        "This term does not apply to a vehicle hired for one day or less.",
        "This term does not apply to a vehicle hired for one day or less, unless the police have agreed otherwise.",
    ).replace("remedy:\n", route, 1)
    hits = [f for f in lint_record(bare_library, text) if f.rule == "approval-route"]
    assert len(hits) == 1 and "promptly" in hits[0].message


def test_point_5_notice_in_advance_without_an_urgent_route_is_an_error(bare_library):
    broken(
        bare_library,
        "This term does not apply to a vehicle hired for one day or less.",
        "This term does not apply to a vehicle hired for one day or less if the subject notifies the police "
        "in writing at least 2 days before the hire.",
        "urgent-route",
    )


# (6) plain words
@pytest.mark.parametrize("word", ["etc.", "and/or", "reasonable"])
def test_point_6_vague_words_are_errors_in_the_second_edition(bare_library, word):
    broken(bare_library, "of any vehicle coming", f"of any vehicle {word} coming", "vague-words")


def test_point_6_a_sentence_over_the_limit_is_an_error(bare_library):
    long_tail = " ".join(["and any trailer, caravan or horsebox towed by it"] * 7)
    hits = broken(bare_library, "of any vehicle coming", f"of any vehicle {long_tail} coming", "sentence-length")
    assert "limit 60" in hits[0].message


# (7) the notes claim no more than the words do
def test_point_7_a_future_proofing_note_quoting_words_the_wording_lacks_is_an_error(bare_library):
    hits = broken(
        bare_library,
        "'\"coming into their possession or control\" reaches",
        "'\"or through a nominee\" reaches",
        "future-proofing",
    )
    assert "through a nominee" in hits[0].message


# (8) a mirror that matches in substance
def test_point_8_a_mirror_that_drops_the_parameter_is_an_error(bare_library):
    hits = broken(bare_library, "supervising officer within {{ notify_days|plural(\"day\") }} of any", "supervising officer of any", "mirror-parameters")
    assert "notify_days" in hits[0].message


def test_point_8_a_mirror_that_drops_an_exception_is_an_error(bare_library):
    hits = broken(bare_library, ", other than a vehicle hired for one day or less.", ".", "mirror-parameters")
    assert "short-hire" in hits[0].message


def test_point_8_a_part_declared_not_mirrored_is_not_reported(bare_library):
    text = SECOND_EDITION_CLAUSE.replace(", other than a vehicle hired for one day or less.", ".").replace(
        "    marker: a vehicle hired for one day or less\n",
        "    marker: a vehicle hired for one day or less\n    not_mirrored: A fictional reason a licence cannot carry it.\n",
    )
    assert lint_record(bare_library, text) == []


def test_point_8_a_mirror_that_lets_probation_permit_what_the_term_forbids_is_an_error(bare_library):
    hits = broken(
        bare_library,
        "other than a vehicle hired for one day or less.",
        "other than a vehicle hired for one day or less, without the approval of your supervising officer.",
        "mirror-parameters",
    )
    assert "approval" in hits[0].message


def test_point_8_a_circular_reason_for_no_mirror_is_an_error(bare_library):
    start = SECOND_EDITION_CLAUSE.index("mirror:\n  wording")
    end = SECOND_EDITION_CLAUSE.index("monitoring:")
    text = SECOND_EDITION_CLAUSE[:start] + "mirror:\n  reason: It cannot be mirrored.\n" + SECOND_EDITION_CLAUSE[end:]
    assert "mirror-parameters" in rules_of(lint_record(bare_library, text))


# (9) concrete monitoring
def test_point_9_vague_monitoring_is_an_error(bare_library):
    broken(bare_library, "how: Checks of vehicle registration and insurance records against the notices received.", "how: Checks as appropriate.", "monitoring")


# (10) no oral answers, nothing privileged or excluded
def test_point_10_notice_by_telephone_is_an_error(bare_library):
    broken(bare_library, "in writing, at the notification address, within\n  {{ notify_days|plural(\"day\") }} of any", "in writing or by telephone within\n  {{ notify_days|plural(\"day\") }} of any", "oral-answers")


def test_point_10_a_duty_to_hand_over_privileged_material_is_an_error(bare_library):
    hits = broken(
        bare_library,
        "This term does not apply to a vehicle hired for one day or less.",
        "This term does not apply to a vehicle hired for one day or less.\n\n  The subject must provide the police "
        "in writing, within 3 days of a request, with all correspondence about each vehicle.",
        "privileged-material",
    )
    assert "all correspondence" in hits[0].message


def test_point_10_a_privilege_carve_out_in_the_same_paragraph_is_enough(bare_library):
    text = SECOND_EDITION_CLAUSE.replace(
        "This term does not apply to a vehicle hired for one day or less.",
        "This term does not apply to a vehicle hired for one day or less.\n\n  The subject must provide the police "
        "in writing, within 3 days of a request, with all correspondence about each vehicle, other than "
        "legally privileged or excluded material.",
    )
    assert "privileged-material" not in rules_of(lint_record(bare_library, text))


# start-up duty, remedy, examples
def test_a_notification_duty_without_a_startup_duty_is_an_error(bare_library):
    old = (
        "startup: >-\n  Within {{ notify_days|plural(\"day\") }} of the order coming into force, notify the police in\n"
        "  writing of every vehicle in your possession or control on that day.\n"
    )
    hits = broken(bare_library, old, "", "startup")
    assert "no start-up duty" in hits[0].message


def test_wording_that_does_not_say_what_is_due_when_the_order_comes_into_force_is_an_error(bare_library):
    hits = broken(bare_library, "of the order coming into force, of every", "of the first visit, of every", "startup")
    assert "comes into force" in hits[0].message


def test_a_second_edition_record_without_a_remedy_is_an_error(bare_library):
    old = SECOND_EDITION_CLAUSE[SECOND_EDITION_CLAUSE.index("remedy:") : SECOND_EDITION_CLAUSE.index("examples:")]
    broken(bare_library, old, "", "remedy")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Tell the police in writing within", "Email the police within"),
        ("Buys a car and writes to the police two days later.", "Buys a car and emails the police two days later."),
        ("You must tell your supervising officer within", "You must e-mail your supervising officer within"),
    ],
)
def test_a_record_that_tells_the_subject_to_email_is_an_error(bare_library, old, new):
    hits = broken(bare_library, old, new, "no-email")
    assert "mail" in hits[0].message


def test_a_welsh_text_that_tells_the_subject_to_email_is_an_error(bare_library):
    welsh = "cy:\n  review: unreviewed\n  plain_words: Anfonwch e-bost at yr heddlu.\n"
    hits = [f for f in lint_record(bare_library, SECOND_EDITION_CLAUSE + welsh) if f.rule == "no-email"]
    assert hits and "Welsh plain words" in hits[0].message


def test_an_email_address_to_report_is_not_a_message_to_email(bare_library):
    text = SECOND_EDITION_CLAUSE.replace("about any vehicle you\n  have.", "about any vehicle you\n  have, with the email address of its keeper.")
    assert "email address" in text
    assert [f for f in lint_record(bare_library, text) if f.rule == "no-email"] == []


@pytest.mark.parametrize(
    "deadline",
    ["within 3 days, ", "by the end of 3 days of this letter, ", "within {{ notify_days|plural(\"day\") }} of this letter, "],
)
def test_a_remedy_with_its_own_deadline_is_an_error(bare_library, deadline):
    hits = broken(bare_library, "at the notification address, of every vehicle", f"at the notification address, {deadline}of every vehicle", "remedy-deadline")
    assert "remedy.ask" in hits[0].message


def test_a_welsh_remedy_with_its_own_deadline_is_an_error(bare_library):
    welsh = "cy:\n  review: unreviewed\n  remedy: Cyn pen 3 diwrnod ar ôl y llythyr hwn, hysbyswch yr heddlu.\n"
    hits = [f for f in lint_record(bare_library, SECOND_EDITION_CLAUSE + welsh) if f.rule == "remedy-deadline"]
    assert hits and "Welsh remedy" in hits[0].message


def test_an_exception_without_a_worked_example_is_an_error(bare_library):
    hits = broken(bare_library, "    exception: short-hire\n", "", "examples")
    assert "short-hire" in hits[0].message


def test_an_example_naming_an_exception_the_record_lacks_is_refused_on_load(bare_library):
    with pytest.raises(DocgenError) as exc:
        load_with(bare_library, SECOND_EDITION_CLAUSE.replace("exception: short-hire", "exception: long-hire"), "ITM-901.yaml")
    assert any(p.field == "examples" or "long-hire" in p.message for p in exc.value.problems)


def test_a_reviewed_welsh_translation_must_say_who_reviewed_it(bare_library):
    text = SECOND_EDITION_CLAUSE + "cy:\n  review: reviewed\n  title: Cymal prawf\n"
    with pytest.raises(DocgenError) as exc:
        load_with(bare_library, text, "ITM-901.yaml")
    assert any("reviewed_by" in p.message for p in exc.value.problems)


# declared remedies and routes, read by the case linter
def _case_term(code: str, proportionality: str, lib: Library) -> dict:
    clause = lib.current(code)
    assert clause is not None
    return {
        "clause": code,
        "params": {},
        "justification": {
            "link": f"In this fictional case the subject's conduct shows why {code} is needed.",
            "evidence": [f"Exhibit ZZ/{code}"],
            "proportionality": proportionality,
            "answers": {q.key: "A fictional answer." for q in clause.guidance.questions},
        },
    }


def test_a_justification_promising_an_approval_route_the_clause_lacks_is_an_error(bare_library):
    lib = load_with(bare_library, SECOND_EDITION_CLAUSE, "ITM-901.yaml")
    case = build_case(_case_term("ITM-901", "More vehicles may be agreed with the police.", lib))
    hits = [f for f in lint_case(case, lib) if f.rule == "route-promised"]
    assert len(hits) == 1 and hits[0].severity == "error" and "may be agreed" in hits[0].message


def test_a_justification_promising_an_exception_the_clause_lacks_is_an_error():
    first = term("COM-001", version="1.0.0")
    case = build_case({**first, "justification": {**first["justification"], "proportionality": "The subject is exempt while at work."}})
    hits = [f for f in lint_case(case) if f.rule == "route-promised"]
    # COM-001@1.0.0 is first-edition: its exceptions are inferred from its wording, so a warning
    assert len(hits) == 1 and "exempt" in hits[0].message and hits[0].severity == "warning"


def test_a_justification_naming_an_exception_the_clause_has_is_clean(bare_library):
    lib = load_with(bare_library, SECOND_EDITION_CLAUSE, "ITM-901.yaml")
    case = build_case(_case_term("ITM-901", "Short hires are an exception, so moving house is not caught.", lib))
    assert [f for f in lint_case(case, lib) if f.rule == "route-promised"] == []


def test_every_second_edition_rule_has_a_test_here():
    names = " ".join(name for name in globals() if name.startswith("test_"))
    covered = {
        "defined-exactly": "loose_paraphrase", "recipient": "owed_to_probation", "legal-basis": "legal_basis",
        "exceptions": "exception_marker", "approval-route": "approval_route", "urgent-route": "urgent_route",
        "sentence-length": "sentence_over", "future-proofing": "future_proofing", "mirror-parameters": "mirror_that_drops",
        "monitoring": "vague_monitoring", "privileged-material": "privileged_material", "startup": "startup_duty",
        "remedy": "without_a_remedy", "no-email": "tells_the_subject_to_email",
        "remedy-deadline": "remedy_with_its_own_deadline", "examples": "worked_example", "route-promised": "promising_an_approval_route",
    }
    first_edition = list(RULES)[: list(RULES).index("defined-exactly")]
    assert set(covered) == set(RULES) - set(first_edition)
    assert all(fragment in names for fragment in covered.values())
