"""The check that stands in for Word and PDF snapshots catches what a snapshot would."""

from __future__ import annotations

import pytest

from docgen.model import Document, Heading, Paragraph, Row, Run, Cell, Table
from tests.conftest import assert_same_wording


def document(*blocks) -> Document:
    return Document(title="T", subject="S", blocks=tuple(blocks))


def para(text: str) -> Paragraph:
    return Paragraph(runs=(Run(text),))


DOC = document(
    Heading(level=1, runs=(Run("Notice of a failure"),)),
    para("You did not report the new telephone."),
    para("Report it within seven days."),
)


def test_the_same_words_with_page_furniture_between_pass():
    text = "[Heading 1] Notice of a failure\n[Normal] You did not report the new\n--- page 2 ---\nOFFICIAL\ntelephone.\n[Normal] Report it within seven days.\n"
    assert_same_wording(DOC, text, "the text")


@pytest.mark.parametrize(
    "text",
    [
        "Notice of a failure You did not report the telephone. Report it within seven days.",  # a word dropped
        "Notice of a failure You did not report the new telephone. Report it within eight days.",  # a word changed
        "Notice of a failure Report it within seven days. You did not report the new telephone.",  # paragraphs swapped
    ],
)
def test_a_dropped_changed_or_moved_word_fails(text):
    with pytest.raises(AssertionError):
        assert_same_wording(DOC, text, "the text")


def test_a_table_row_split_over_two_pages_keeps_each_cell_in_order():
    table = Table(
        widths=(50, 50),
        rows=(Row(cells=(Cell(blocks=(para("first cell goes on and on"),)), Cell(blocks=(para("second cell"),)))),),
    )
    doc = document(table, para("After the table."))
    split = "first cell goes second cell --- page 2 --- on and on After the table."
    assert_same_wording(doc, split, "the text")
    with pytest.raises(AssertionError):
        assert_same_wording(doc, "first cell goes on and on After the table. second cell", "the text")
