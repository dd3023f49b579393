"""Every document kind can be produced in Welsh and bilingually, with or without catalog wording."""

from __future__ import annotations

import pytest

from docgen.demo import demo_runs, render_dated
from docgen.model import PageBreak
from docgen.pipeline import load_inputs
from docgen.render import Options, kinds, template_dirs
from tests.conftest import SAMPLE_CASES


def _runs():
    for path in SAMPLE_CASES:
        case, house = load_inputs(path)
        for kind in kinds(template_dirs(house.templates)).values():
            for event in demo_runs(kind, case):
                yield pytest.param(path, kind.name, event, id=f"{kind.name}-{path.stem}" + (f"-{event}" if event else ""))


@pytest.mark.parametrize("path, kind, event", list(_runs()))
def test_every_kind_renders_in_welsh_and_bilingually(path, kind, event):
    case, house = load_inputs(path)
    welsh = render_dated(case, house, kind, event, options=Options(language="cy"), formats=("pdf",))
    both = render_dated(case, house, kind, event, options=Options(language="cy+en"), formats=("pdf",))
    english = render_dated(case, house, kind, event, options=Options(language="en"), formats=("pdf",))
    assert welsh.meta.language == both.meta.language == "cy-GB"
    assert both.document.blocks[: len(welsh.document.blocks) - _annex_length(welsh)] == welsh.document.blocks[: len(welsh.document.blocks) - _annex_length(welsh)]
    assert PageBreak() in both.document.blocks
    assert english.meta.language == "en-GB"


def _annex_length(rendered) -> int:
    """Blocks from the review annex's page break to the end (0 without an annex)."""
    blocks = rendered.document.blocks
    for index in range(len(blocks) - 1, -1, -1):
        if isinstance(blocks[index], PageBreak) and index + 1 < len(blocks) and "Annex: Welsh text" in getattr(blocks[index + 1], "text", ""):
            return len(blocks) - index
    return 0
