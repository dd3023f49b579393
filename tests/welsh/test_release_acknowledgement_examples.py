"""The Welsh release-day acknowledgement gives a Welsh-speaking subject every worked
example the English gives, in Welsh, beside the same terms."""

from __future__ import annotations

import pytest

from docgen.conditions import shipped_library
from docgen.demo import render_dated
from docgen.model import to_text
from docgen.pipeline import load_inputs
from docgen.render import Options
from tests.conftest import SAMPLES

WELSH = SAMPLES / "cases" / "ffug-wales.yaml"


@pytest.fixture(scope="module")
def texts():
    case, house = load_inputs(WELSH)

    def text(lang: str) -> str:
        rendered = render_dated(case, house, "release-acknowledgement", options=Options(language=lang), formats=())
        body = to_text(rendered.document).split("Atodiad: testun Cymraeg heb ei adolygu eto")[0]
        return " ".join(body.split())  # the form itself, without the review annex

    return case, {lang: text(lang) for lang in ("cy", "en")}


def test_the_welsh_form_prints_as_many_examples_as_the_english(texts):
    case, text = texts
    english = text["en"].count("For example:")
    assert english > 0
    assert text["cy"].count("Er enghraifft:") == english
    assert "For example:" not in text["cy"]


def test_each_welsh_example_is_printed_with_its_verdict(texts):
    case, text = texts
    library = shipped_library()
    for term in case.terms:
        clause = library.get(term.clause, version=term.version)
        for example in (e for e in clause.examples if e.for_subject):
            verdict = "Mae hyn yn torri'r gorchymyn." if example.breach else "Nid yw hyn yn torri'r gorchymyn."
            scenario = " ".join(example.cy.scenario.split())
            assert f"{scenario} {verdict}" in text["cy"], scenario
