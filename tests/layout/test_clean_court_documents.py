"""What goes to the court or the subject carries no library codes, internal ids or
drafting questions; the clause trace stays in the CPS covering note and the working copy."""

from __future__ import annotations

import re

import pytest

from docgen.conditions import shipped_library
from docgen.model import to_text
from tests.documents.conftest import PAIRS, case_and_house, options_for, render_kind

CLEAN_KINDS = ("scpo-application", "draft-order", "variation-application", "release-acknowledgement")
CLAUSE_CODE = re.compile(r"\b[A-Z]{3}-\d{3}\b")
HISTORY_ID = re.compile(r"\bEV-\d+\b")


def _questions() -> set[str]:
    return {q.ask for c in shipped_library().clauses for q in c.guidance.questions}


def _final(kind: str, stem: str) -> bool:
    """Whether the sample's document is final: a proposed order's documents are drafts,
    the working copy that keeps the trace (see below)."""
    case, _ = case_and_house(stem)
    return not options_for(kind, case).draft


@pytest.mark.parametrize(("kind", "stem"), [p for p in PAIRS if p[0] in CLEAN_KINDS and _final(*p)])
def test_court_and_subject_documents_print_no_codes_ids_or_drafting_questions(kind: str, stem: str) -> None:
    text = to_text(render_kind(kind, stem).document)
    assert not CLAUSE_CODE.findall(text), f"clause codes in the {kind}"
    assert not HISTORY_ID.findall(text), f"history ids in the {kind}"
    assert not [q for q in _questions() if q in text], f"drafting questions in the {kind}"
    assert "conditions library" not in text


@pytest.mark.parametrize(("kind", "stem"), [p for p in PAIRS if p[0] in ("scpo-application", "variation-application")][:2])
def test_the_working_copy_keeps_the_clause_trace(kind: str, stem: str) -> None:
    text = to_text(render_kind(kind, stem, draft=True).document)
    assert CLAUSE_CODE.search(text), "a draft carries the trace to the library for the drafters"


@pytest.mark.parametrize(("kind", "stem"), [p for p in PAIRS if p[0] == "cps-covering-note"][:1])
def test_the_cps_covering_note_traces_each_term_to_its_clause(kind: str, stem: str) -> None:
    rendered = render_kind(kind, stem)
    text = to_text(rendered.document)
    assert CLAUSE_CODE.search(text)


def test_no_current_clause_names_another_clause_in_what_the_court_reads():
    library = shipped_library()
    for clause in library.clauses:
        if library.is_superseded(clause) or clause.status != "approved":
            continue
        for name, text in (("guidance.purpose", clause.guidance.purpose), ("monitoring.how", clause.monitoring.how), ("wording", clause.wording)):
            assert not CLAUSE_CODE.search(text), f"{clause.ref} {name} names a library code the court cannot look up"
