"""The cohort samples are cases a team could issue from: valid, lint-clean, every outcome shown."""

from __future__ import annotations

import pytest

from docgen.case import load_case
from docgen.lint import lint_case
from docgen.outcomes import OUTCOME_TYPES
from tests.conftest import SAMPLES

COHORT = sorted((SAMPLES / "cohort").glob("*.yaml"))


@pytest.mark.parametrize("path", COHORT, ids=lambda p: p.stem)
def test_each_cohort_sample_lints_clean(path):
    case = load_case(path)
    findings = lint_case(case)
    # a made order names the clause version it was made on; once a later version supersedes
    # it, the linter warns so that the next variation proposes the new one, and says nothing else
    pinned = {t.number for t in case.terms if t.version is not None and case.order.status != "proposed"}
    superseded = [f for f in findings if (f.rule, f.severity) == ("clause-version", "warning") and f.term in pinned]
    assert all("is superseded; replace it with" in f.message for f in superseded)
    assert [f for f in findings if f not in superseded] == []


def test_the_cohort_samples_hold_every_outcome_event_type_between_them():
    types = {event.type for path in COHORT for event in load_case(path).history}
    assert set(OUTCOME_TYPES) | {"interview", "partner_notice"} <= types
