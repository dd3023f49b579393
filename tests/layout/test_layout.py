"""Layout that holds: signatures stay with what they sign, short rows stay whole, and
columns are wide enough for the words in them, in the Word file and the PDF alike."""

from __future__ import annotations

import io
import datetime as dt

import docx
from docx.oxml.ns import qn
from pypdf import PdfReader

from docgen.model import Paragraph, Run, Signature, Heading, PageBreak, keep_groups, parse
from docgen.writers import DocumentMeta, fit_widths
from docgen.writers.docx import write_docx
from docgen.writers.pdf import write_pdf

META = DocumentMeta(
    title="Layout test", subject="Layout test", author="Test Force", marking="OFFICIAL",
    reference="TEST/1", version=1, date=dt.date(2026, 1, 5),
)


def para(text: str) -> Paragraph:
    return Paragraph((Run(text),))


def letter(filler: int) -> str:
    """A letter whose closing and signature fall near a page end, depending on ``filler``."""
    body = "".join(f"<p>Paragraph {n} of the body of the letter, long enough to take a line or two of the page.</p>" for n in range(filler))
    return (
        '<document title="Layout test">'
        + body
        + "<p>Yours sincerely,</p><signature><line label=\"Signed\"/></signature>"
        + "<p>A. Signatory<br/>Head of Orders</p></document>"
    )


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_a_signature_keeps_with_the_paragraph_before_and_the_name_after() -> None:
    blocks = (Heading(1, (Run("Sign-off"),)), para("I confirm."), Signature(("Signed",)), para("A. Signatory"), para("Next"))
    groups = keep_groups(blocks)
    assert groups == [blocks[:4], blocks[4:]]


def test_a_letters_closing_words_bring_the_last_paragraph_and_its_heading_with_them() -> None:
    blocks = (para("Earlier."), Heading(2, (Run("Who to contact"),)), para("Ring us on 01632 960000."),
              para("Yours sincerely,"), Signature(("Signed",)), para("A. Signatory"))
    assert keep_groups(blocks) == [blocks[:1], blocks[1:]]
    # a closing that is not a valediction (no comma, or a long sentence) brings only itself
    plain = (para("Earlier."), para("I confirm the above."), Signature(("Signed",)), para("A. Signatory"))
    assert keep_groups(plain) == [plain[:1], plain[1:]]


def test_no_pdf_page_holds_the_sign_off_without_the_letters_last_paragraph() -> None:
    for filler in range(28, 52):
        pages = pages_text(write_pdf(parse(letter(filler)), META))
        signed = next(text for text in pages if "Signed:" in text)
        assert f"Paragraph {filler - 1} of the body" in signed, filler


def test_two_signature_blocks_in_a_row_stay_together() -> None:
    blocks = (para("Authority."), Signature(("Officer",)), Signature(("Prosecutor",)), PageBreak())
    assert keep_groups(blocks)[0] == blocks[:3]


def test_blocks_without_a_signature_are_each_their_own_group() -> None:
    blocks = (para("One"), para("Two"))
    assert keep_groups(blocks) == [(blocks[0],), (blocks[1],)]


def test_no_pdf_page_starts_with_the_signature_lines_alone() -> None:
    """Whatever the length of the letter, the page with "Signed" also has "Yours sincerely"."""
    for filler in range(28, 52):
        pages = pages_text(write_pdf(parse(letter(filler)), META))
        signed = [text for text in pages if "Signed:" in text]
        assert len(signed) == 1, filler
        assert "Yours sincerely" in signed[0], f"signature separated from its closing with {filler} paragraphs"
        assert "A. Signatory" in signed[0]


def test_word_keeps_the_closing_signature_and_name_on_one_page() -> None:
    word = docx.Document(io.BytesIO(write_docx(parse(letter(3)), META)))
    paras = word.paragraphs
    closing = next(i for i, p in enumerate(paras) if p.text == "Yours sincerely,")
    group = paras[closing - 1 : closing + 3]  # the last paragraph, closing, signature line, name
    assert [p.paragraph_format.keep_with_next for p in group[:-1]] == [True, True, True]
    assert all(p.paragraph_format.keep_together for p in group)
    assert not paras[closing - 2].paragraph_format.keep_with_next


def test_word_headings_keep_with_what_follows() -> None:
    doc = parse('<document title="t"><heading level="2">Terms</heading><p>Body</p></document>')
    word = docx.Document(io.BytesIO(write_docx(doc, META)))
    heading = next(p for p in word.paragraphs if p.text == "Terms")
    assert heading.paragraph_format.keep_with_next is True


def test_word_rows_that_are_short_do_not_split_across_pages_and_long_ones_may() -> None:
    long_text = "word " * 200
    doc = parse(f'<document title="t"><table widths="30,70"><tr><td>Date</td><td>Short</td></tr><tr><td>Text</td><td>{long_text}</td></tr></table></document>')
    word = docx.Document(io.BytesIO(write_docx(doc, META)))
    rows = word.tables[0].rows
    flags = [row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None for row in rows]
    assert flags == [True, False]


def test_a_column_is_widened_to_fit_a_date_and_the_others_give_way() -> None:
    doc = parse('<document title="t"><table widths="6,94"><tr><td>03/09/2024</td><td>Notes</td></tr></table></document>')
    table = doc.blocks[0]
    measure = lambda word, bold: 6.0 * len(word)  # noqa: E731 - a fixed-pitch stand-in
    widths = fit_widths(table, 400.0, measure, padding=8)
    assert widths[0] >= 6.0 * len("03/09/2024") + 8
    assert abs(sum(widths) - 400.0) < 1e-6


def test_a_table_that_fits_keeps_its_declared_widths() -> None:
    doc = parse('<document title="t"><table widths="50,50"><tr><td>a</td><td>b</td></tr></table></document>')
    assert fit_widths(doc.blocks[0], 400.0, lambda w, b: 5.0, padding=8) == [200.0, 200.0]


def test_pdf_dates_in_a_narrow_column_print_whole() -> None:
    doc = parse('<document title="t"><table widths="5,95"><tr><td>03/09/2024</td><td>Notes</td></tr></table></document>')
    text = pages_text(write_pdf(doc, META))[0]
    assert "03/09/2024" in text


def test_pdf_short_row_moves_whole_to_the_next_page() -> None:
    filler = "".join(f"<p>Line {n} of filler text.</p>" for n in range(40))
    rows = "".join(f"<tr><td>Row {n}</td><td>first line<br/>second line<br/>third line</td></tr>" for n in range(12))
    doc = parse(f'<document title="t">{filler}<table widths="30,70">{rows}</table></document>')
    for text in pages_text(write_pdf(doc, META)):
        # a row's three lines are never shared between two pages
        assert text.count("first line") == text.count("third line")


def test_a_lead_in_ending_in_a_colon_keeps_with_what_it_introduces() -> None:
    lead = para("By the end of 3 May you must:")
    box = Paragraph((Run("Tell the police in writing."),), "box")
    groups = keep_groups((para("Before."), lead, box, para("After.")))
    assert (lead, box) in groups


def test_address_lines_and_postcode_stay_together() -> None:
    lines = tuple(Paragraph((Run(t),), "address") for t in ("Line one", "Line two"))
    postcode = para("ZZ1 1ZZ")
    groups = keep_groups((para("Write to:"),) + lines + (postcode, para("Then")))
    assert groups[0] == (para("Write to:"),) + lines + (postcode,)


def test_no_pdf_page_ends_with_a_lead_in_whose_content_is_on_the_next() -> None:
    for filler in range(30, 50):
        body = "".join(f"<p>Filler paragraph {n} that takes a line or two of the page to print.</p>" for n in range(filler))
        doc = parse(f'<document title="t">{body}<p>You must do this:</p><p style="box">The thing to do.</p></document>')
        pages = pages_text(write_pdf(doc, META))
        page = next(text for text in pages if "You must do this:" in text)
        assert "The thing to do." in page, filler


def test_a_short_table_is_never_split_over_two_pages_in_the_pdf() -> None:
    rows = "".join(f"<tr><td>Row {n}</td><td>Short text {n}</td></tr>" for n in range(6))
    for filler in range(24, 36):
        body = "".join(f"<p>Filler paragraph {n} that takes a line or two of the page to print.</p>" for n in range(filler))
        doc = parse(f'<document title="t">{body}<table widths="30,70">{rows}</table></document>')
        pages = pages_text(write_pdf(doc, META))
        holding = [i for i, text in enumerate(pages) if "Row " in text]
        assert len(holding) == 1, f"a six-row table split with {filler} paragraphs before it"


def test_word_keeps_a_short_table_together() -> None:
    doc = parse('<document title="t"><table widths="30,70"><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table></document>')
    word = docx.Document(io.BytesIO(write_docx(doc, META)))
    first, last = word.tables[0].rows
    assert all(p.paragraph_format.keep_with_next for cell in first.cells for p in cell.paragraphs)
    assert not any(p.paragraph_format.keep_with_next for cell in last.cells for p in cell.paragraphs)


def test_a_heading_is_never_left_at_the_foot_of_a_page_above_a_kept_table() -> None:
    rows = "".join(f"<tr><td>Row {n}</td><td>Short text {n}</td></tr>" for n in range(6))
    for filler in range(24, 36):
        body = "".join(f"<p>Filler paragraph {n} that takes a line or two of the page to print.</p>" for n in range(filler))
        doc = parse(f'<document title="t">{body}<heading level="2">Chronology</heading><table widths="30,70">{rows}</table></document>')
        pages = pages_text(write_pdf(doc, META))
        page = next(text for text in pages if "Chronology" in text)
        assert "Row 0" in page, f"the heading was left alone with {filler} paragraphs before it"


def test_a_heading_above_a_table_opening_with_a_long_row_does_not_leave_a_blank_page() -> None:
    long_row = "<tr><td>1</td><td>" + "".join(f"<p>Sentence {n} of a long term explained in plain words for the subject.</p>" for n in range(60)) + "</td></tr>"
    body = "".join(f"<p>Opening paragraph {n} that takes a line or two of the page to print.</p>" for n in range(8))
    doc = parse(f'<document title="t">{body}<heading level="2">The terms</heading><table widths="10,90"><tr header="1"><td>Term</td><td>What it means</td></tr>{long_row}</table></document>')
    first_page = pages_text(write_pdf(doc, META))[0]
    assert "The terms" in first_page and "Sentence 0 of a long term" in first_page


def test_a_table_of_long_rows_repeats_its_header_only_at_the_top_of_a_page() -> None:
    rows = "".join(
        "<tr><td>" + str(r) + "</td><td>" + "".join(f"<p>Row {r} sentence {n} explained for the subject in plain words.</p>" for n in range(35)) + "</td></tr>"
        for r in range(1, 4)
    )
    doc = parse(f'<document title="t"><p>Opening.</p><table widths="10,90"><tr header="1"><td>Term</td><td>What it means</td></tr>{rows}</table></document>')
    for text in pages_text(write_pdf(doc, META)):
        assert text.count("What it means") <= 1


def _runs(pdf: bytes) -> list[tuple[str, float, float]]:
    """Each text run on the first page: its text, font size and baseline height."""
    found: list[tuple[str, float, float]] = []

    def visit(text, cm, tm, font, size):  # noqa: ANN001
        if text.strip():
            found.append((text.strip(), round(size * tm[3] * cm[3], 2), round(tm[5] * cm[3] + cm[5], 2)))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return found


def test_a_list_number_or_bullet_has_the_size_and_baseline_of_its_item_text() -> None:
    for kind, mark in (("number", "2."), ("bullet", "\u2022")):
        doc = parse(f'<document title="t"><list style="{kind}"><item>First item</item><item>Second item</item></list></document>')
        runs = _runs(write_pdf(doc, META))
        marker = [r for r in runs if r[0] == mark]
        text = next(r for r in runs if r[0].startswith("Second item"))
        assert marker, runs
        assert (marker[-1][1], marker[-1][2]) == (text[1], text[2]), (kind, marker, text)
