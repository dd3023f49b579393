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
    # a made order names the clause version it was made on, superseded or not: the order as
    # made is no finding (conditions migrate lists what to propose at the next variation)
    assert lint_case(load_case(path)) == []


def test_the_cohort_samples_hold_every_outcome_event_type_between_them():
    types = {event.type for path in COHORT for event in load_case(path).history}
    assert set(OUTCOME_TYPES) | {"interview", "partner_notice"} <= types
