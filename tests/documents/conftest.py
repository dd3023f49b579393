"""Rendering helpers for the order's documents: every kind for every sample, and edited cases."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from docgen.case import Case, case_from_data
from docgen.demo import render_dated
from docgen.housestyle import HouseStyle
from docgen.pipeline import Rendered, load_inputs
from docgen.render import Options
from tests.conftest import SAMPLE_CASES, SAMPLES, load_yaml

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


# The application and its covering note come before the order is made: for a sample
# whose order has since been made they are rendered as they stood the day before.
BEFORE_THE_ORDER = ("scpo-application", "cps-covering-note")


def applies(kind: str, stem: str) -> bool:
    """Whether the demo renders this kind for this sample (a variation needs one proposed),
    or it is the application of an order that has since been made."""
    from docgen.demo import demo_runs
    from docgen.render import get_kind, template_dirs

    case, _ = load_inputs(sample_path(stem))
    return bool(demo_runs(get_kind(kind, template_dirs()), case)) or bool(kind in BEFORE_THE_ORDER and case.order.made_on and case.application)


def options_for(kind: str, case: Case, **given: Any) -> Options:
    """The demo's options for this kind and case, or the day before the order was made."""
    from docgen.demo import demo_options

    options = demo_options(case, kind, None)
    if kind in BEFORE_THE_ORDER and case.order.made_on is not None:
        options = replace(options, date=case.order.made_on - dt.timedelta(days=1))
    return replace(options, **given)


#: Every (kind, sample) pair the documents are rendered for.
PAIRS = [(kind, stem) for kind in KINDS for stem in STEMS if applies(kind, stem)]


def sample_data(stem: str) -> dict[str, Any]:
    """A sample case as plain data, to be edited by a test and validated again."""
    return load_yaml(sample_path(stem).read_text(encoding="utf-8"))  # a fresh copy each time


def case_and_house(stem: str, data: dict[str, Any] | None = None) -> tuple[Case, HouseStyle]:
    """A sample (or an edited copy of one) with its force's house style."""
    case, house = load_inputs(sample_path(stem))
    if data is not None:
        case = case_from_data(data, file=sample_path(stem))
    return case, house


def render_kind(kind: str, stem: str, data: dict[str, Any] | None = None, **options: Any) -> Rendered:
    case, house = case_and_house(stem, data)
    return render_dated(case, house, kind, options=options_for(kind, case, **options))


@pytest.fixture(scope="session")
def rendered() -> dict[tuple[str, str], Rendered]:
    """Every kind of the order's documents for every sample case, rendered once."""
    return {(kind, stem): render_kind(kind, stem) for kind, stem in PAIRS}
