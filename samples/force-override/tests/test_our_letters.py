"""Our letters, as the person receiving them would read them."""

from pathlib import Path

from docgen.templatecheck import check

CASES = Path(__file__).resolve().parents[2] / "cases"
WELSH_SPEAKER = CASES / "ffug-wales.yaml"
LETTER_DATE = "2026-11-10"  # a letter is dated by the case or by us, never after its own deadline
TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


def test_our_templates_pass_the_checks():
    assert [f for f in check(TEMPLATES) if f.severity == "error"] == []


def test_every_new_sentence_has_welsh():
    assert [str(f) for f in check(TEMPLATES) if f.severity == "warning"] == []


def test_warning_letter_in_english_on_our_letterhead(docgen_render, docx_snapshot):
    letter = docgen_render("warning-letter", WELSH_SPEAKER, event="EV-002", date=LETTER_DATE, lang="en")
    assert letter == docx_snapshot


def test_warning_letter_in_welsh_on_our_letterhead(docgen_render, model_snapshot):
    letter = docgen_render("warning-letter", WELSH_SPEAKER, event="EV-002", date=LETTER_DATE, lang="cy")
    assert letter == model_snapshot


def test_bilingual_warning_letter_pages(docgen_render, pdf_snapshot):
    letter = docgen_render("warning-letter", WELSH_SPEAKER, event="EV-002", date=LETTER_DATE, lang="cy+en", formats=("pdf",))
    assert letter == pdf_snapshot
