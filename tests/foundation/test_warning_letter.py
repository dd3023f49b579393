"""The warning letter: what a subject reads, in both formats, for every sample case."""

from __future__ import annotations

import pytest

from docgen.errors import DocgenError
from docgen.model import to_text
from docgen.pipeline import load_inputs, render
from docgen.render import Options
from tests.conftest import SAMPLE_CASES, SAMPLES, assert_files_carry_the_model, docx_text, pdf_text

from docgen.case import load_case
from docgen.demo import demo_options, in_state, render_dated
from docgen.kinds.warning_letter import demo_runs

# every letter the demo makes: one per sample event that carries a warning, while the
# order is in a state a warning letter may be sent in
LETTER_CASES = [(p, e) for p in SAMPLE_CASES for e in demo_runs(load_case(p)) if in_state(load_case(p), "warning-letter", e)]
LETTER_IDS = [f"{p.stem}-{e}" for p, e in LETTER_CASES]


@pytest.fixture(scope="module")
def letters():
    out = {}
    for path, event in LETTER_CASES:
        case, house = load_inputs(path)
        out[f"{path.stem}-{event}"] = render_dated(case, house, "warning-letter", event, options=demo_options(case, "warning-letter", event))
    return out


@pytest.mark.parametrize("stem", LETTER_IDS)
def test_document_model_snapshot(letters, stem, snapshot):
    assert to_text(letters[stem].document) == snapshot


@pytest.mark.parametrize("stem", LETTER_IDS)
def test_word_and_pdf_say_what_the_model_says(letters, stem):
    assert_files_carry_the_model(letters[stem])


def test_the_same_inputs_give_byte_identical_files():
    case, house = load_inputs(SAMPLE_CASES[0])
    first = render_dated(case, house, "warning-letter", "EV-002")
    second = render_dated(case, house, "warning-letter", "EV-002")
    assert first.files["docx"] == second.files["docx"]
    assert first.files["pdf"] == second.files["pdf"]


def test_the_same_inputs_in_another_folder_give_the_same_files(tmp_path):
    """Where the case and house style live is not an input: a house style with a logo (the
    LAN sample's) gives the same PDF and Word bytes from two folders."""
    import shutil

    files = []
    for folder in ("one", "two/deeper"):
        copy = tmp_path / folder
        shutil.copytree(SAMPLES / "cases", copy / "cases")
        shutil.copytree(SAMPLES / "house-style", copy / "house-style")
        case, house = load_inputs(copy / "cases" / "exampleton-fraud.yaml")
        assert house.logo is not None
        files.append(render_dated(case, house, "draft-order").files)
    assert files[0]["pdf"] == files[1]["pdf"]
    assert files[0]["docx"] == files[1]["docx"]


def test_every_pdf_page_carries_the_marking_and_page_n_of_m(letters):
    text = pdf_text(letters["specimen-drugs-EV-002"].files["pdf"])
    pages = text.split("--- page ")[1:]
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert page.count("OFFICIAL-SENSITIVE") == 2
        # the total is drawn as a form once the last page is known: extractors may put it on
        # its own line, so compare with whitespace folded
        assert f"Page {number} of {len(pages)}" in " ".join(page.split())


def test_the_docx_uses_real_word_styles_and_page_fields(letters):
    text = docx_text(letters["specimen-drugs-EV-002"].files["docx"])
    assert "[Heading 1] Serious Crime Prevention Order: advisory letter" in text
    assert "[Quote] The subject must notify the police" in text
    assert "[header] OFFICIAL-SENSITIVE" in text and "[footer] OFFICIAL-SENSITIVE" in text
    import io
    import zipfile

    xml = zipfile.ZipFile(io.BytesIO(letters["specimen-drugs-EV-002"].files["docx"])).read("word/footer1.xml").decode()
    assert " PAGE " in xml and " NUMPAGES " in xml


def test_the_pdf_has_metadata_and_a_bookmark_per_heading(letters):
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(letters["specimen-drugs-EV-002"].files["pdf"]))
    meta = reader.metadata
    assert meta.title == "Serious Crime Prevention Order: Advisory letter"
    assert meta.author == "West Yorkshire Police"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert titles[0] == "Serious Crime Prevention Order: advisory letter"
    assert "The law" in str(reader.outline)


def test_the_letter_quotes_the_term_and_the_s25_penalty(letters):
    text = to_text(letters["specimen-drugs-EV-002"].document)
    assert "It is about term 1 of the order" in text
    assert "section 25 of the Serious Crime Act 2007" in text
    assert "imprisonment for a term not exceeding 5 years" in text
    assert "does not satisfy a duty you owe to the police" in text


def test_a_final_warning_says_what_follows_a_further_breach(letters):
    text = to_text(letters["testwood-trafficking-EV-002"].document)
    assert "This is your final warning" in text
    assert "arrested, interviewed under caution and prosecuted" in text


def test_a_draft_is_marked_on_every_page():
    case, house = load_inputs(SAMPLE_CASES[0])
    rendered = render_dated(case, house, "warning-letter", "EV-002", options=Options(draft=True))
    text = pdf_text(rendered.files["pdf"])
    pages = text.split("--- page ")[1:]
    assert all("DRAFT - NOT FOR SERVICE" in page for page in pages)
    assert "[header] DRAFT - NOT FOR SERVICE" in docx_text(rendered.files["docx"])


def test_the_letter_needs_an_event():
    case, house = load_inputs(SAMPLE_CASES[0])
    with pytest.raises(DocgenError, match="--event"):
        render(case, house, "warning-letter")


def test_an_event_that_is_not_a_non_compliance_is_refused_by_field():
    case, house = load_inputs(SAMPLES / "cases" / "specimen-drugs.yaml")
    with pytest.raises(DocgenError) as info:
        render(case, house, "warning-letter", event_id="EV-001")
    fields = {p.field for p in info.value.problems}
    assert {"history.0.type", "history.0.term"} <= fields


def test_an_unknown_event_lists_the_known_ones():
    case, house = load_inputs(SAMPLE_CASES[0])
    with pytest.raises(DocgenError, match="EV-001, EV-002"):
        render(case, house, "warning-letter", event_id="EV-999")


def test_the_document_date_comes_from_the_case_or_the_option_never_the_clock():
    case, house = load_inputs(SAMPLE_CASES[0])
    case.document_date = None
    with pytest.raises(DocgenError, match="no document date"):
        render(case, house, "warning-letter", event_id="EV-002")
    import datetime as dt

    rendered = render(case, house, "warning-letter", event_id="EV-002", options=Options(date=dt.date(2027, 10, 12)))
    assert "12 October 2027" in to_text(rendered.document)
