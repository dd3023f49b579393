"""The shipped sample cases draw their terms from the library and lint without errors."""

from __future__ import annotations

import pytest

from docgen.case import load_case
from docgen.lint import lint_case
from tests.conftest import SAMPLE_CASES


@pytest.mark.parametrize("path", SAMPLE_CASES, ids=[p.stem for p in SAMPLE_CASES])
def test_every_sample_case_lints_without_errors(path):
    errors = [str(f) for f in lint_case(load_case(path)) if f.severity == "error"]
    assert errors == []


@pytest.mark.parametrize("path", SAMPLE_CASES, ids=[p.stem for p in SAMPLE_CASES])
def test_every_sample_term_uses_a_current_approved_clause(path, library):
    case = load_case(path)
    for term in case.terms:
        clause = library.find(f"{term.clause}@{term.version}") if term.version else library.current(term.clause)
        assert clause is not None and clause.status == "approved"
        if case.order.status == "expired":
            # an expired order stays on the versions it was made on (the migration report lists it)
            assert term.version is not None
        elif case.order.status == "proposed" or term.version is None:
            # a draft not yet made, and an unpinned term, use the current version
            assert not library.is_superseded(clause)
        else:
            # a made order keeps the wording it was made with by naming its version, even once
            # a later version supersedes it (the migration report lists it for the next variation)
            assert case.order.status in ("made", "discharged")
