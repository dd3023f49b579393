"""Renders of the documents for managing an order, for every sample that has one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from docgen.case import Case, case_from_data
from docgen.demo import render_dated
from docgen.pipeline import Rendered, load_inputs
from docgen.render import Options
from tests.conftest import SAMPLE_CASES, SAMPLES, load_yaml

KINDS = (
    "warning-letter",
    "recall-request",
    "mg5",
    "transfer-letter",
    "expiry-confirmation",
    "closure-checklist",
    "start-of-order-checklist",
)


def runs(kind: str, case: Case) -> list[str | None]:
    """The runs the demo makes: the kind's own choice, in the states the kind allows."""
    from docgen.demo import demo_runs
    from docgen.render import get_kind, template_dirs

    return demo_runs(get_kind(kind, template_dirs()), case)


def all_runs() -> list[tuple[str, str, str | None]]:
    """(sample stem, kind, event) for every document the samples can produce."""
    found = []
    for path in SAMPLE_CASES:
        case, _ = load_inputs(path)
        for kind in KINDS:
            found.extend((path.stem, kind, event) for event in runs(kind, case))
    return found


RUNS = all_runs()


def run_id(run: tuple[str, str, str | None]) -> str:
    return "-".join(p for p in run if p)


def sample_path(stem: str) -> Path:
    return SAMPLES / "cases" / f"{stem}.yaml"


def sample_data(stem: str) -> dict[str, Any]:
    """A sample as plain data, for a test to edit and validate again."""
    return load_yaml(sample_path(stem).read_text(encoding="utf-8"))  # a fresh copy each time


def render_edited(kind: str, stem: str, data: dict[str, Any] | None = None, *, event: str | None = None, **options: Any) -> Rendered:
    case, house = load_inputs(sample_path(stem))
    if data is not None:
        case = case_from_data(data, file=sample_path(stem))
    return render_dated(case, house, kind, event, options=Options(**options))


@pytest.fixture(scope="session")
def rendered() -> dict[tuple[str, str, str | None], Rendered]:
    return {run: render_run(run) for run in RUNS}


def render_run(run: tuple[str, str, str | None]) -> Rendered:
    """One of the demo's documents, rendered with the demo's options (its date and draft mark)."""
    from docgen.demo import demo_options

    stem, kind, event = run
    case, house = load_inputs(sample_path(stem))
    return render_dated(case, house, kind, event, options=demo_options(case, kind, event))
