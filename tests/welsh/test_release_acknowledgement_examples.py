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
            from docgen.locale.clauses import render_field

            rendered = render_field(clause, example.cy.scenario, "scenario", dict(term.params), "cy_GB", "cy", {})
            scenario = " ".join(rendered.split())
            assert f"{scenario} {verdict}" in text["cy"], scenario


def test_every_welsh_example_is_listed_for_review_and_a_review_clears_it():
    """An example's Welsh reaches the subject, so it is in the annex until reviewed."""
    from docgen import i18n

    case, house = load_inputs(WELSH)
    library = shipped_library()
    keys = {
        i18n.example_key(clause.ref, number)
        for clause in (library.get(t.clause, version=t.version) for t in case.terms)
        for number, example in enumerate(clause.examples, start=1)
        if example.for_subject
    }
    rendered = render_dated(case, house, "release-acknowledgement", options=Options(language="cy"), formats=())
    assert keys and keys <= set(rendered.welsh.unreviewed)
    texts = {key: i18n.welsh_text(key) for key in keys}
    assert all(texts.values())
    reviews = {key: frozenset({i18n.welsh_sha256(text)}) for key, text in texts.items()}
    again = render_dated(
        case, house, "release-acknowledgement", options=Options(language="cy", extra={"welsh_reviews": reviews}), formats=()
    )
    assert not keys & set(again.welsh.unreviewed)


def test_an_example_key_that_names_no_welsh_example_has_no_text():
    from docgen import i18n

    assert i18n.welsh_text("FIN-001@2.0.0 example 99") is None
    assert i18n.welsh_text("FIN-001@2.0.0 example 5") is None  # not for the subject: no Welsh


def test_the_review_annex_shows_each_example_as_printed_not_as_its_template():
    case, house = load_inputs(WELSH)
    rendered = render_dated(case, house, "release-acknowledgement", options=Options(language="cy"), formats=())
    whole = to_text(rendered.document)
    assert "Atodiad: testun Cymraeg heb ei adolygu eto" in whole  # the annex is there
    assert "{{" not in whole and "}}" not in whole
