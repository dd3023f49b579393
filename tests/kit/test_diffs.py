"""A failing snapshot says which words changed and where, without -vv; readers take paths."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.render import Options
from docgen.testing import docx_text, pdf_text
from docgen.testing.diffs import changes, summary
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def letter():
    from docgen.pipeline import load_inputs, render

    case, house = load_inputs(SAMPLES / "cases" / "specimen-drugs.yaml")
    return render(case, house, "warning-letter", event_id="EV-002", options=Options(date=dt.date(2027, 2, 3)))

PDF_OLD = """== document
pages: 2
== outline
- A letter (page 1)
  - What you must now do (page 2)
== page 1: A4 portrait
A letter
Dear Subject,
We welcome correspondence in Welsh and in English, and we will reply
in the language you use.
== page 2: A4 portrait
What you must now do
By the end of 14 November you must tell us.
"""


def test_a_pdf_change_is_given_in_words_with_its_page_and_heading_however_the_lines_wrap():
    new = PDF_OLD.replace("we will reply\nin the language", "we shall\nreply in the language").replace(
        "you must tell us.", "you must tell us in writing."
    )
    found = changes(PDF_OLD, new, "pdf")
    assert found[0].startswith('page 1, under "A letter":') and "[-will-]{+shall+}" in found[0]
    assert found[1].startswith('page 2, under "What you must now do":') and "writing." in found[1]
    assert len(found) == 2  # the re-wrapped line is not a change


def test_a_word_change_names_the_paragraph_and_the_heading_above_it():
    old = "== section 1: A4\n-- body\n[Heading 1] Title\n[Heading 2] What we found\n[Normal] We found four nights away.\n"
    new = old.replace("four", "five")
    assert changes(old, new, "docx") == ['body, paragraph 3, under "What we found": [Normal] We found [-four-]{+five+} nights away.']


def test_the_summary_is_short_enough_for_pytest_without_vv():
    old = "-- body\n" + "".join(f"[Normal] Paragraph {n} says one thing.\n" for n in range(20))
    new = old.replace("one thing", "another")
    lines = summary(old, new, "docx")
    assert len(lines) == 5  # a count, three changes, and how many more
    assert lines[0].startswith("20 change(s)") and lines[-1].startswith("… and 17 more")
    assert sum(len(line) for line in lines) < 640  # pytest's cut for a report without -vv


def test_readers_accept_bytes_a_path_or_a_rendered_document(tmp_path, letter):
    pdf, docx = letter.files["pdf"], letter.files["docx"]
    (tmp_path / "l.pdf").write_bytes(pdf)
    (tmp_path / "l.docx").write_bytes(docx)
    assert pdf_text(pdf) == pdf_text(tmp_path / "l.pdf") == pdf_text(str(tmp_path / "l.pdf")) == pdf_text(letter)
    assert docx_text(docx) == docx_text(tmp_path / "l.docx") == docx_text(str(tmp_path / "l.docx")) == docx_text(letter)


def test_a_change_names_the_template_line_that_holds_the_new_words(tmp_path):
    layout = tmp_path / "_letter.xml.j2"
    layout.write_text('<p>{% trans %}Dear reader,{% endtrans %}</p>\n<p>{% trans %}We shall reply in the language you use.{% endtrans %}</p>\n')
    old = "-- body\n[Normal] We will reply in the language you use.\n"
    new = "-- body\n[Normal] We shall reply in the language you use.\n"
    [change] = changes(old, new, "docx", [layout])
    assert change.endswith("(from _letter.xml.j2:2)")
    assert changes(old, new, "docx", []) == [change.removesuffix(" (from _letter.xml.j2:2)")]
