"""Rendering helpers for the order's documents: every kind for every sample, and edited cases."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from docgen.case import Case, case_from_data
from docgen.demo import render_dated
from docgen.housestyle import HouseStyle
from docgen.pipeline import Rendered, load_inputs, render
from docgen.render import Options
from tests.conftest import SAMPLE_CASES, SAMPLES

KINDS = (
    "scpo-application",
    "draft-order",
    "licence-mirror",
    "release-acknowledgement",
    "variation-application",
    "cps-covering-note",
)
STEMS = [p.stem for p in SAMPLE_CASES]


def sample_path(stem: str) -> Path:
    return SAMPLES / "cases" / f"{stem}.yaml"


def applies(kind: str, stem: str) -> bool:
    """Whether the demo renders this kind for this sample (a variation needs one proposed)."""
    from docgen.demo import demo_runs
    from docgen.render import get_kind, template_dirs

    case, _ = load_inputs(sample_path(stem))
    return bool(demo_runs(get_kind(kind, template_dirs()), case))


#: Every (kind, sample) pair the documents are rendered for.
PAIRS = [(kind, stem) for kind in KINDS for stem in STEMS if applies(kind, stem)]


def sample_data(stem: str) -> dict[str, Any]:
    """A sample case as plain data, to be edited by a test and validated again."""
    return copy.deepcopy(yaml.safe_load(sample_path(stem).read_text(encoding="utf-8")))


def case_and_house(stem: str, data: dict[str, Any] | None = None) -> tuple[Case, HouseStyle]:
    """A sample (or an edited copy of one) with its force's house style."""
    case, house = load_inputs(sample_path(stem))
    if data is not None:
        case = case_from_data(data, file=sample_path(stem))
    return case, house


def render_kind(kind: str, stem: str, data: dict[str, Any] | None = None, **options: Any) -> Rendered:
    case, house = case_and_house(stem, data)
    return render_dated(case, house, kind, options=Options(**options))


@pytest.fixture(scope="session")
def rendered() -> dict[tuple[str, str], Rendered]:
    """Every kind of the order's documents for every sample case, rendered once."""
    return {(kind, stem): render_kind(kind, stem) for kind, stem in PAIRS}
