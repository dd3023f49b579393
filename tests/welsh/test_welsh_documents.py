"""Welsh and bilingual documents for a subject who prefers Welsh."""

from __future__ import annotations

import re

import pytest

from docgen.demo import render_dated
from docgen.errors import DocgenError
from docgen.model import Heading, PageBreak, Paragraph, to_text
from docgen.pipeline import load_inputs, render
from docgen.render import Options
from tests.conftest import SAMPLES, assert_files_carry_the_model

WELSH = SAMPLES / "cases" / "ffug-wales.yaml"
ENGLISH = SAMPLES / "cases" / "specimen-drugs.yaml"


@pytest.fixture(scope="module")
def welsh_case():
    return load_inputs(WELSH)


def letter(inputs, lang=None, **options):
    case, house = inputs
    return render_dated(case, house, "warning-letter", "EV-002", options=Options(language=lang, **options))


@pytest.mark.parametrize("lang", ["cy", "cy+en"])
def test_welsh_sample_model_snapshot(welsh_case, lang, model_snapshot):
    assert letter(welsh_case, lang) == model_snapshot


@pytest.mark.parametrize("lang", ["cy", "cy+en"])
def test_welsh_sample_word_and_pdf_say_what_the_model_says(welsh_case, lang):
    """The wording is the model snapshot's; what only the files carry is checked here: the
    Welsh language and title in their properties, A4 pages, the outline, embedded fonts."""
    from docgen.testing.layout import unembedded_fonts
    from docgen.testing.readers import docx_text as word_dump, pdf_text as pdf_dump

    rendered = letter(welsh_case, lang)
    assert_files_carry_the_model(rendered)
    meta = rendered.meta
    for dump in (word_dump(rendered.files["docx"]), pdf_dump(rendered.files["pdf"])):
        assert f"title: {meta.title}\n" in dump and "language: cy-GB\n" in dump and meta.reference in dump
    assert "== section 1: A4 portrait," in word_dump(rendered.files["docx"])
    pdf = pdf_dump(rendered.files["pdf"])
    pages = re.findall(r"^== page \d+: (.*)$", pdf, re.M)
    assert pages and set(pages) == {"A4 portrait"}
    outline = pdf.split("== outline\n", 1)[1].split("== page 1:", 1)[0]
    titles = [b.text for b in rendered.document.blocks if isinstance(b, Heading) and b.level == 1]
    assert titles and all(f"- {title} (page " in outline for title in titles), (titles, outline)
    assert unembedded_fonts(rendered.files["pdf"]) == []


def test_the_subjects_preference_chooses_welsh(welsh_case):
    chosen = letter(welsh_case)
    assert chosen.document.title.startswith("Gorchymyn Atal Troseddau Difrifol")
    assert chosen.meta.language == "cy-GB"


def test_lang_option_overrides_the_preference(welsh_case):
    english = letter(welsh_case, "en")
    assert english.document.title == "Serious Crime Prevention Order: Advisory letter"
    assert english.meta.language == "en-GB"


def test_dates_follow_the_welsh_locale(welsh_case):
    text = to_text(letter(welsh_case, "cy").document)
    # dated on the day of the failure: the case's own date (19 November) is after the 14 November deadline
    assert "| Dyddiad | 10 Tachwedd 2026" in text


def test_money_and_numbers_in_welsh_clause_wording_follow_the_locale(welsh_case):
    from docgen.locale.clauses import localise_terms
    from docgen.pipeline import term_views

    case, _ = welsh_case
    terms = localise_terms(term_views(case, "cy_GB"), case.terms, "cy_GB")
    assert "cyn pen 3 diwrnod" in terms[0].wording
    assert "o fwy na £1,000.00" in terms[2].wording


def test_bilingual_puts_welsh_first_then_english_after_a_page_break(welsh_case):
    doc = letter(welsh_case, "cy+en").document
    headings = [b.text for b in doc.blocks if isinstance(b, Heading) and b.level == 1]
    assert headings[:2] == ["Gorchymyn Atal Troseddau Difrifol: llythyr cynghori", "Serious Crime Prevention Order: advisory letter"]
    assert doc.title == "Gorchymyn Atal Troseddau Difrifol: Llythyr cynghori / Serious Crime Prevention Order: Advisory letter"


def test_neither_language_is_laid_out_less_favourably(welsh_case):
    doc = letter(welsh_case, "cy+en").document
    first_break = next(i for i, b in enumerate(doc.blocks) if isinstance(b, PageBreak))
    welsh, english = doc.blocks[:first_break], doc.blocks[first_break + 1 : first_break + 1 + first_break]

    def shape(blocks):
        return [(type(b).__name__, getattr(b, "style", None), getattr(b, "level", None)) for b in blocks]

    assert shape(welsh) == shape(english)


def test_the_bilingual_footer_numbers_pages_in_both_languages(welsh_case):
    meta = letter(welsh_case, "cy+en").meta
    assert meta.page_label == "Tudalen / Page {page} o / of {pages}"
    assert meta.reference_label == "Cyfeirnod / Reference"


def test_a_draft_is_marked_in_both_languages(welsh_case):
    meta = letter(welsh_case, "cy+en", draft=True).meta
    assert meta.banner == "DRAFFT - NID I'W GYFLWYNO / DRAFT - NOT FOR SERVICE"
    assert meta.watermark == "DRAFFT / DRAFT"


def test_unreviewed_welsh_puts_an_annex_in_the_document(welsh_case):
    doc = letter(welsh_case, "cy").document
    headings = [b.text for b in doc.blocks if isinstance(b, Heading)]
    assert "Atodiad: testun Cymraeg heb ei adolygu eto / Annex: Welsh text not yet reviewed" in headings
    text = to_text(doc)
    assert "| Annwyl Dafydd Ŵyn FFUG, | Dear Dafydd Ŵyn FFUG," in text
    assert "| Llythyr cynghori ynghylch amod 2 (NWP-SCPO-0004/WL/EV-002) | Advisory letter about term 2 (NWP-SCPO-0004/WL/EV-002)" in text
    assert "%(" not in text, "the annex shows sentences as printed, never raw placeholders"


def test_the_annex_lists_only_the_term_the_letter_prints(welsh_case):
    text = to_text(letter(welsh_case, "cy").document)
    assert "cyfeiriad cartref" in text.split("Annex: Welsh text not yet reviewed")[1]
    assert "dyfais gyfathrebu" not in text.split("Annex: Welsh text not yet reviewed")[1]


def test_an_english_document_has_no_annex():
    doc = letter(load_inputs(ENGLISH)).document
    assert not any(isinstance(b, Heading) and "Annex" in b.text for b in doc.blocks)


def test_a_welsh_render_repeats_byte_for_byte(welsh_case):
    first, second = letter(welsh_case, "cy+en"), letter(welsh_case, "cy+en")
    assert first.files == second.files


def test_a_template_without_trans_is_produced_in_english_only(welsh_case, tmp_path):
    (tmp_path / "note.xml.j2").write_text(
        "{#-\ndescription: A note with no catalog wording\n-#}\n"
        '<document title="Note"><p>Convicted on {{ doc.date | date }}</p></document>\n',
        encoding="utf-8",
    )
    case, house = welsh_case
    for language in ("cy", "cy+en"):
        with pytest.raises(DocgenError) as refused:
            render(case, house, "note", templates=tmp_path, options=Options(language=language))
        assert refused.value.problems[0].field == "--lang"
        assert refused.value.problems[0].file.endswith("note.xml.j2")
    note = render(case, house, "note", templates=tmp_path, options=Options(language="en"))
    assert note.document.blocks[0].text == "Convicted on 19 November 2026"


def test_wording_with_no_welsh_is_printed_in_english_and_listed(welsh_case, tmp_path):
    (tmp_path / "note.xml.j2").write_text(
        "{#-\ndescription: A note\n-#}\n"
        '<document title="Note"><p>{% trans %}A sentence nobody translated{% endtrans %}</p></document>\n',
        encoding="utf-8",
    )
    case, house = welsh_case
    doc = render(case, house, "note", templates=tmp_path, options=Options(language="cy")).document
    assert doc.blocks[0].text == "A sentence nobody translated"
    assert "Geiriad heb gyfieithiad Cymraeg / Wording with no Welsh translation" in to_text(doc)


def test_a_missing_value_inside_a_translated_sentence_names_template_and_line(welsh_case, tmp_path):
    (tmp_path / "note.xml.j2").write_text(
        "{#-\ndescription: A note\n-#}\n"
        '<document title="Note">\n<p>{% trans x=order.authorising_prosecutor.name if false else none %}Hello {{ x }}{% endtrans %}</p>\n</document>\n',
        encoding="utf-8",
    )
    case, house = welsh_case
    with pytest.raises(DocgenError) as info:
        render(case, house, "note", templates=tmp_path, options=Options(language="cy"))
    [problem] = info.value.problems
    assert problem.file.endswith("note.xml.j2")
    assert "line 5" in problem.message and "'x'" in problem.message


def test_case_data_inside_a_translated_sentence_is_escaped(welsh_case):
    case, house = welsh_case
    hostile = case.model_copy(update={"subject": case.subject.model_copy(update={"given_names": "Ann <b>& {{ x }}"})})
    doc = render_dated(hostile, house, "warning-letter", "EV-002", options=Options(language="cy")).document
    dear = next(b for b in doc.blocks if isinstance(b, Paragraph) and b.text.startswith("Annwyl"))
    assert dear.text == "Annwyl Ann <b>& {{ x }} FFUG,"
