"""The migration report lists every case whose terms use a superseded or withdrawn clause."""

from __future__ import annotations

from docgen.case import load_case
from docgen.cli_conditions import migration_report
from docgen.conditions import shipped_library
from tests.conftest import SAMPLE_CASES

PASTDATE = next(p for p in SAMPLE_CASES if p.stem == "pastdate-expired")


def test_the_expired_sample_stays_pinned_to_the_first_edition():
    assert {t.version for t in load_case(PASTDATE).terms} == {"1.0.0"}


def test_the_shipped_report_lists_every_sample_on_a_superseded_clause_and_the_expired_sample():
    library = shipped_library()
    cases = [load_case(p) for p in SAMPLE_CASES]
    listed = {(r["case_id"], r["term"]) for r in migration_report(cases, library)}
    expected = set()
    for case in cases:
        for term in case.terms:
            clause = library.find(f"{term.clause}@{term.version}") if term.version else library.current(term.clause)
            if clause is not None and (clause.status == "withdrawn" or library.is_superseded(clause)):
                expected.add((case.case_id, term.number))
    assert listed == expected
    # the second edition supersedes every first-edition clause the expired order was made on
    assert {term for case_id, term in listed if case_id == "WYP-SCPO-0005"} == {1, 2, 3}
