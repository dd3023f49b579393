"""Several terms of one clause, and conflict messages that never print personal data."""

from __future__ import annotations

from pathlib import Path

from docgen.conditions import Library, load_library
from docgen.lint import Finding, lint_case

from .builders import build_case, term

FIRST = [f"Person {chr(65 + i)} Placeholder" for i in range(15)]
SECOND = [f"Person {chr(65 + i)} Specimen" for i in range(15)]


def allow_multiple(root: Path, code: str = "ASC-001", folder: str = "association") -> Library:
    path = root / folder / f"{code}-1.0.0.yaml"  # the first edition, which does not say multiple
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("subject: named-persons\n", "subject: named-persons\nmultiple: true\n"), encoding="utf-8")
    return load_library(root)


def conflicts(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.rule == "conflict"]


def test_two_name_lists_over_20_people_are_allowed_when_the_clause_says_multiple(library_copy):
    lib = allow_multiple(library_copy)
    case = build_case(term("ASC-001", {"persons": FIRST}, version="1.0.0"), term("ASC-001", {"persons": SECOND}, version="1.0.0"))
    findings = lint_case(case, lib)
    assert [f for f in findings if f.severity == "error"] == []
    assert conflicts(findings) == []


def test_the_same_list_twice_is_still_reported_when_multiple_is_allowed(library_copy):
    lib = allow_multiple(library_copy)
    case = build_case(term("ASC-001", {"persons": FIRST}, version="1.0.0"), term("ASC-001", {"persons": FIRST}, version="1.0.0"))
    (finding,) = conflicts(lint_case(case, lib))
    assert finding.severity == "warning" and "repeats term 1" in finding.message


def test_without_multiple_two_lists_conflict_and_the_message_names_terms_and_clause_not_people():
    case = build_case(term("ASC-001", {"persons": FIRST}, version="1.0.0"), term("ASC-001", {"persons": SECOND}, version="1.0.0"))
    (finding,) = conflicts(lint_case(case))
    text = f"{finding}"
    assert "terms 1 and 2" in text and "ASC-001" in text
    assert not any(name in text for name in FIRST + SECOND)
    assert "Placeholder" not in text and "Specimen" not in text


def test_a_list_over_the_limit_is_refused_without_printing_the_names():
    names = [f"Person {chr(65 + i)} Placeholder" for i in range(21)]
    findings = [f for f in lint_case(build_case(term("ASC-001", {"persons": names}))) if f.rule == "parameters"]
    assert findings and all("Placeholder" not in str(f) for f in findings)
    assert "between 1 and 20 names" in findings[0].message
