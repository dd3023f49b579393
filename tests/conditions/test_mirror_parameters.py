"""Mirrors from the same parameters: the term and its licence mirror, rendered at the
defaults and at every boundary, print every parameter value and every exception, unless
the clause declares the part not mirrored (or has no mirror, with its reason)."""

from __future__ import annotations

import pytest

from docgen.conditions import shipped_library
from docgen.lint_edition import mirror_gaps

from .builders import SECOND_EDITION_CLAUSE, load_with

LIBRARY = shipped_library()
CURRENT = [c for c in LIBRARY.clauses if c.status == "approved" and not LIBRARY.is_superseded(c)]


@pytest.mark.parametrize("clause", CURRENT, ids=[c.ref for c in CURRENT])
def test_every_parameter_and_exception_of_the_term_is_in_its_mirror(clause):
    gaps = sorted({gap for values in clause.value_sets() for gap in mirror_gaps(clause, values)})
    assert gaps == [], f"{clause.ref}: " + "; ".join(gaps)


def test_the_check_renders_every_boundary_not_only_the_defaults(library_copy):
    # the mirror prints the number only when it is 3, so the boundaries 1 and 7 are gaps
    text = SECOND_EDITION_CLAUSE.replace(
        'supervising officer within {{ notify_days|plural("day") }} of any',
        'supervising officer within {{ "3 days" if notify_days == 3 else "a few days" }} of any',
    )
    clause = load_with(library_copy, text, "ITM-901.yaml").find("ITM-901@2.0.0")
    assert mirror_gaps(clause, clause.sample_params()) == []
    gaps = {gap for values in clause.value_sets() for gap in mirror_gaps(clause, values)}
    assert any("\u201c1\u201d" in g for g in gaps) and any("\u201c7\u201d" in g for g in gaps)


def test_a_parameter_declared_not_mirrored_is_not_a_gap(library_copy):
    text = SECOND_EDITION_CLAUSE.replace(
        'supervising officer within {{ notify_days|plural("day") }} of any', "supervising officer of any"
    ).replace("monitoring:\n", "  not_mirrored:\n    - part: notify_days\n      reason: A fictional reason.\nmonitoring:\n", 1)
    clause = load_with(library_copy, text, "ITM-901.yaml").find("ITM-901@2.0.0")
    assert all(mirror_gaps(clause, values) == [] for values in clause.value_sets())


def test_a_clause_with_no_mirror_and_a_reason_has_nothing_to_compare(library):
    unmirrored = [c for c in CURRENT if not c.mirror.wording]
    for clause in unmirrored:
        assert mirror_gaps(clause, clause.sample_params()) == []
