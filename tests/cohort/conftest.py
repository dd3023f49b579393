"""Shared paths for the cohort tests (enforcement outcomes, report, diary)."""

from pathlib import Path

import pytest

from tests.conftest import SAMPLES

OUTCOMES_CASE = SAMPLES / "cohort" / "outcomeby-enforced.yaml"
REFUSED_CASE = SAMPLES / "cohort" / "refusedby-refused.yaml"
MPS_HOUSE = SAMPLES / "house-style" / "MPS.yaml"


@pytest.fixture
def outcomes_data() -> dict:
    from docgen.yamlio import read_yaml_mapping

    return read_yaml_mapping(OUTCOMES_CASE)


def problem_lines(exc) -> list[str]:  # noqa: ANN001
    return [f"{p.field}: {p.message}" for p in exc.problems]


__all__ = ["OUTCOMES_CASE", "REFUSED_CASE", "MPS_HOUSE", "Path", "problem_lines"]
