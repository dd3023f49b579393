"""The words on every page of a Welsh document: the protective marking and the page label."""

from __future__ import annotations

import io

import pytest
from docx import Document as read_docx
from pypdf import PdfReader

from docgen import i18n
from docgen.demo import render_dated
from docgen.model import Document, Paragraph, Run, to_text
from docgen.pipeline import load_inputs
from docgen.render import Options
from tests.conftest import SAMPLES

WELSH = SAMPLES / "cases" / "ffug-wales.yaml"
ENGLISH = SAMPLES / "cases" / "specimen-drugs.yaml"


@pytest.fixture(scope="module")
def welsh_case():
    return load_inputs(WELSH)


def _render(inputs, lang):
    case, house = inputs
    return render_dated(case, house, "warning-letter", "EV-002", options=Options(language=lang))


def _docx_furniture(data: bytes) -> tuple[list[str], list[str]]:
    section = read_docx(io.BytesIO(data)).sections[0]
    return [p.text for p in section.header.paragraphs], [p.text for p in section.footer.paragraphs]


@pytest.mark.parametrize("marking, welsh", sorted(i18n.MARKINGS_CY.items()))
def test_every_marking_prints_welsh_first_and_keeps_the_english_label(marking, welsh):
    assert i18n.printed_marking(marking, "cy-GB") == f"{welsh} / {marking}"
    assert i18n.printed_marking(marking, "en-GB") == marking


@pytest.mark.parametrize("lang", ["cy", "cy+en"])
def test_welsh_and_bilingual_files_print_the_marking_in_both_languages(welsh_case, lang):
    rendered = _render(welsh_case, lang)
    marking = "SWYDDOGOL-SENSITIF / OFFICIAL-SENSITIVE"
    header, footer = _docx_furniture(rendered.files["docx"])
    assert marking in header and marking in footer
    pages = PdfReader(io.BytesIO(rendered.files["pdf"])).pages
    for page in pages:
        assert page.extract_text().count(marking) == 2  # top and bottom of every page


def test_an_english_file_prints_the_marking_alone():
    rendered = _render(load_inputs(ENGLISH), "en")
    header, footer = _docx_furniture(rendered.files["docx"])
    assert "OFFICIAL-SENSITIVE" in header and not any("SWYDDOGOL" in line for line in header + footer)
    assert "SWYDDOGOL" not in PdfReader(io.BytesIO(rendered.files["pdf"])).pages[0].extract_text()


@pytest.mark.parametrize("lang", ["cy", "cy+en"])
def test_the_annex_lists_the_page_label_as_printed_not_with_braces(lang):
    doc = Document("Teitl", "", (Paragraph((Run("Testun"),)),))
    version = i18n.render_in(lang, lambda one: (doc, {"locale": i18n.locale_for(one)}))
    text = to_text(version.document)
    assert "Tudalen N o M" in text and "Page N of M" in text
    assert "{" not in text and "}" not in text
    assert version.furniture["page_label"].count("{page}") == 1  # the writers still fill it
