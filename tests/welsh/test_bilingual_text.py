"""Case free text in one language or two, the force's Welsh names, and one builder of term views."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from docgen.bilingual import Words, for_language
from docgen.case import load_case
from docgen.errors import DocgenError
from docgen.housestyle import load_house_style
from docgen.kinds import variation_application
from docgen.pipeline import load_inputs, render, term_view, term_views
from docgen.render import Options
from tests.conftest import SAMPLES, dump_yaml, load_yaml

from .conftest import WELSH_CASE, words

NWP = SAMPLES / "house-style" / "NWP.yaml"
LETTER_DATE = dt.date(2026, 11, 10)  # the day of the failure EV-002; the case's date is after its deadline


def _case_with(tmp_path, change):
    data = load_yaml(WELSH_CASE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "cases" / "case.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_yaml(data, allow_unicode=True), encoding="utf-8")
    return path


def test_free_text_in_two_languages_is_english_to_english_readers():
    case = load_case(WELSH_CASE)
    summary = case.event("EV-002").summary
    assert isinstance(summary, Words) and summary.startswith("The subject was found")
    assert summary.cy.startswith("Canfuwyd bod y gwrthrych")
    assert case.offender_manager.rank == "Detective Constable" and case.offender_manager.rank.cy == "Ditectif Gwnstabl"


def test_plain_text_stays_plain_text_when_the_case_is_dumped():
    dumped = load_case(WELSH_CASE).model_dump(mode="json")
    assert dumped["order"]["court"] == "Crown Court at Llanenghraifft"
    assert dumped["history"][1]["summary"]["cy"].startswith("Canfuwyd")
    json.dumps(dumped)  # the register hashes this


@pytest.mark.parametrize(
    "value, message",
    [
        ({"en": "Released."}, "needs both en and cy: cy is missing"),
        ({"en": "Released.", "cy": "Rhyddhawyd.", "fr": "Libéré."}, "en and cy only, not fr"),
        ({"en": "Released.", "cy": "  "}, "summary.cy: must not be empty"),
        (["Released."], "must be text, or a mapping {en: ..., cy: ...}"),
    ],
)
def test_a_bad_two_language_text_names_its_field(tmp_path, value, message):
    path = _case_with(tmp_path, lambda d: d["history"][0].update(summary=value))
    with pytest.raises(DocgenError) as refused:
        load_case(path)
    problem = refused.value.problems[0]
    assert problem.field.startswith("history.0.summary") and message in f"{problem.field}: {problem.message}"


def test_a_welsh_document_prints_the_welsh_and_an_english_one_the_english():
    case, house = load_inputs(WELSH_CASE)
    welsh = " ".join(words(render(case, house, "warning-letter", event_id="EV-002", options=Options(date=LETTER_DATE, language="cy"), formats=()).document.blocks))
    english = " ".join(words(render(case, house, "warning-letter", event_id="EV-002", options=Options(date=LETTER_DATE, language="en"), formats=()).document.blocks))
    assert "Hysbyswch yr heddlu yn ysgrifenedig am bob cyfeiriad" in welsh
    assert "Ditectif Gwnstabl Sion Dychmygol, Rheolwr Troseddwyr Gydol Oes" in welsh
    assert "Detective Constable Sion Dychmygol, Lifetime Offender Manager" in english
    assert "Notify the police in writing of every address" in english.split("Annex")[0]
    assert "Hysbyswch" not in english and "Ditectif" not in english


def test_text_given_only_in_english_is_printed_as_written(tmp_path):
    path = _case_with(tmp_path, lambda d: d["history"][1].update(summary="Seen at an address he had not notified."))
    case, house = load_case(path), load_house_style(NWP)
    welsh = " ".join(words(render(case, house, "warning-letter", event_id="EV-002", options=Options(date=LETTER_DATE, language="cy"), formats=()).document.blocks))
    assert "Seen at an address he had not notified." in welsh


def test_a_court_the_house_style_cannot_name_in_welsh_is_refused(tmp_path):
    style = load_yaml(NWP.read_text(encoding="utf-8"))
    del style["cy"]["courts"]["Crown Court at Llanenghraifft"]
    path = tmp_path / "NWP.yaml"
    path.write_text(dump_yaml(style, allow_unicode=True), encoding="utf-8")
    case, house = load_case(WELSH_CASE), load_house_style(path)
    with pytest.raises(DocgenError) as refused:
        for_language(case, house, "cy")
    [problem] = refused.value.problems
    assert problem.file == str(path) and problem.field == "cy.courts"
    assert "Crown Court at Llanenghraifft" in problem.message
    assert for_language(case, house, "en") == (case, house)  # English needs no Welsh names


def test_a_court_given_in_both_languages_needs_no_house_style_name(tmp_path):
    def both(data):
        data["order"]["court"] = {"en": "Crown Court at Llanenghraifft", "cy": "Llys y Goron yn Llanenghraifft"}
    case = load_case(_case_with(tmp_path, both))
    welsh_case, _ = for_language(case, load_house_style(NWP), "cy")
    assert welsh_case.order.court == "Llys y Goron yn Llanenghraifft"
    assert case.order.court == "Crown Court at Llanenghraifft"


def test_one_builder_gives_every_kind_the_same_welsh_term():
    case = load_case(WELSH_CASE)
    order_terms = term_views(case, "cy_GB")
    alone = term_view(case.terms[1], "cy_GB")
    assert alone.wording == order_terms[1].wording and alone.wording.startswith("Rhaid i'r gwrthrych")


def test_the_welsh_variation_application_quotes_the_welsh_terms():
    case = load_case(WELSH_CASE)
    context = variation_application.context(case, None, Options(locale="cy_GB", draft=True))
    change = next(c for c in context.changes if c.number == 2)
    assert change.before.wording == term_views(case, "cy_GB")[1].wording
    assert change.after.wording.startswith("Rhaid i'r gwrthrych")
    english = variation_application.context(case, None, Options(locale="en_GB", draft=True))
    assert next(c for c in english.changes if c.number == 2).before.wording.startswith("The subject must")
