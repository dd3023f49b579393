"""Page labels: the arithmetic behind stamps, /PageLabels and index ranges."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from docgen.bundle.numbering import LabelRange, label_at, labels, roman, section_letter, span


def test_roman_numerals_are_lower_case_as_pdf_viewers_show_them():
    assert [roman(n) for n in (1, 4, 9, 14, 40, 90, 400, 1994)] == [
        "i", "iv", "ix", "xiv", "xl", "xc", "cd", "mcmxciv"
    ]  # fmt: skip


def test_sections_after_z_are_lettered_aa_ab():
    assert [section_letter(i) for i in (0, 1, 25, 26, 27, 51, 52)] == ["A", "B", "Z", "AA", "AB", "AZ", "BA"]


def test_a_range_of_one_page_is_a_single_number():
    assert span("A7", "A7") == "A7"
    assert span("A7", "A9") == "A7–A9"


def test_a_section_range_starts_again_at_its_first_number():
    ranges = [LabelRange(0, "", "r", 1), LabelRange(2, "A", "D", 1), LabelRange(5, "B", "D", 4)]
    assert labels(ranges, 7) == ["i", "ii", "A1", "A2", "A3", "B4", "B5"]


@given(
    st.lists(st.tuples(st.integers(1, 40), st.sampled_from(["", "A", "B", "AA"]), st.sampled_from(["D", "r"]),
                       st.integers(1, 500)), min_size=1, max_size=6),
)  # fmt: skip
def test_labels_in_one_pass_agree_with_labels_one_at_a_time(runs):
    ranges, start = [], 0
    for length, prefix, style, first in runs:
        ranges.append(LabelRange(start, prefix, style, first))
        start += length
    assert labels(ranges, start) == [label_at(ranges, i) for i in range(start)]


@given(st.integers(0, 5000))
def test_section_letters_are_distinct_and_in_order(index):
    here, after = section_letter(index), section_letter(index + 1)
    assert here != after
    assert (len(here), here) < (len(after), after)
