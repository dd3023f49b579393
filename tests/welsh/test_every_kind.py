"""Every document kind in Welsh, bilingually and in English: wholly one language, or refused."""

from __future__ import annotations

import re

import pytest

from docgen.demo import demo_runs, render_dated
from docgen.errors import DocgenError
from docgen.i18n import extract
from docgen.model import PageBreak
from docgen.pipeline import load_inputs, render
from docgen.render import Options, kinds, template_dirs
from tests.conftest import SAMPLE_CASES

from .conftest import WELSH_CASE, words

MONTHS_CY = ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def _runs(paths):
    for path in paths:
        case, house = load_inputs(path)
        for kind in kinds(template_dirs(house.templates)).values():
            for event in demo_runs(kind, case):
                yield pytest.param(path, kind, event, id=f"{kind.name}-{path.stem}" + (f"-{event}" if event else ""))


def _translatable(kind) -> bool:
    return bool(extract([kind.path]))


def _text(rendered) -> str:
    """Every word of a document, the review annex left out."""
    blocks = rendered.document.blocks[: len(rendered.document.blocks) - _annex_length(rendered)]
    return " ".join(words(blocks))


@pytest.mark.parametrize("path, kind, event", list(_runs([WELSH_CASE])))
def test_every_kind_for_the_welsh_sample_is_one_language_or_refused(path, kind, event):
    case, house = load_inputs(path)
    english = render_dated(case, house, kind.name, event, options=Options(language="en"), formats=())
    assert english.meta.language == "en-GB"
    english_text = _text(english)
    for welsh_word in (*MONTHS_CY, "Ditectif", "Heddlu Gogledd Cymru", "Rheolwr", "Llys y Goron"):
        assert not re.search(rf"\b{welsh_word}\b", english_text), welsh_word
    if not _translatable(kind):
        for language in ("cy", "cy+en"):
            with pytest.raises(DocgenError) as refused:
                render_dated(case, house, kind.name, event, options=Options(language=language), formats=())
            assert refused.value.problems[0].field == "--lang" and kind.name in refused.value.problems[0].message
        return
    welsh = render_dated(case, house, kind.name, event, options=Options(language="cy"), formats=("pdf",))
    both = render_dated(case, house, kind.name, event, options=Options(language="cy+en"), formats=("pdf",))
    assert welsh.meta.language == both.meta.language == "cy-GB"
    welsh_text = _text(welsh)
    for english_word in (*MONTHS_EN, "North Wales Police", "Lifetime Offender", "Detective", "Crown Court", "Telephone"):
        assert not re.search(rf"\b{english_word}\b", welsh_text), english_word
    assert not re.search(r"%\(\w+\)s", _text(both)), "a raw placeholder is printed"
    cut = len(welsh.document.blocks) - _annex_length(welsh)
    assert both.document.blocks[:cut] == welsh.document.blocks[:cut]
    assert PageBreak() in both.document.blocks


@pytest.mark.parametrize("path, kind, event", [p for p in _runs(SAMPLE_CASES) if p.values[0] != WELSH_CASE and _translatable(p.values[1])])
def test_a_force_without_welsh_names_cannot_produce_welsh(path, kind, event):
    case, house = load_inputs(path)
    with pytest.raises(DocgenError) as refused:
        render_dated(case, house, kind.name, event, options=Options(language="cy"), formats=())
    fields = {p.field for p in refused.value.problems}
    assert {"cy.force_name", "cy.unit", "cy.signatory"} <= fields
    assert all(p.file.endswith(f"{case.managing_force}.yaml") for p in refused.value.problems)


def _annex_length(rendered) -> int:
    """Blocks from the review annex's page break to the end (0 without an annex)."""
    blocks = rendered.document.blocks
    for index in range(len(blocks) - 1, -1, -1):
        if isinstance(blocks[index], PageBreak) and index + 1 < len(blocks) and "Annex: Welsh text" in getattr(blocks[index + 1], "text", ""):
            return len(blocks) - index
    return 0


def test_the_expiry_confirmation_after_the_order_ends_is_wholly_welsh():
    import datetime as dt

    case, house = load_inputs(WELSH_CASE)
    after = dt.date(2030, 10, 25)
    welsh = render(case, house, "expiry-confirmation", options=Options(language="cy", date=after), formats=())
    english = render(case, house, "expiry-confirmation", options=Options(language="en", date=after), formats=())
    welsh_text, english_text = _text(welsh), _text(english)
    assert "Llys y Goron Llanenghraifft" in welsh_text and "Heddlu Gogledd Cymru" in welsh_text
    for english_word in (*MONTHS_EN, "North Wales Police", "Crown Court", "Detective", "Telephone"):
        assert not re.search(rf"\b{english_word}\b", welsh_text), english_word
    for welsh_word in (*MONTHS_CY, "Ditectif", "Heddlu Gogledd Cymru", "Llys y Goron"):
        assert not re.search(rf"\b{welsh_word}\b", english_text), welsh_word
