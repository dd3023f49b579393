"""Clause wording as it reaches a document: every clause, at its defaults and its extremes."""

from __future__ import annotations

import re

import pytest

from docgen.conditions import shipped_library, tidy
from docgen.lint import lint_library

LIBRARY = shipped_library()
CLAUSES = [c for c in LIBRARY.clauses]
USABLE = [c for c in CLAUSES if c.status != "withdrawn"]
VALUE_SETS = [(c, i, values) for c in CLAUSES for i, values in enumerate(c.value_sets())]


@pytest.fixture(scope="module")
def library_findings():
    return lint_library(LIBRARY)


@pytest.mark.parametrize(("clause", "index", "values"), VALUE_SETS, ids=[f"{c.ref}-{i}" for c, i, _ in VALUE_SETS])
def test_every_clause_renders_at_its_defaults_and_boundary_values(clause, index, values):
    wording = clause.render_wording(values)
    assert wording and "{{" not in wording and "{%" not in wording
    assert clause.plain_words(values)
    assert clause.render_mirror(values) is None or clause.render_mirror(values)


@pytest.mark.parametrize("clause", USABLE, ids=[c.ref for c in USABLE])
def test_every_usable_clause_passes_the_linter(clause, library_findings):
    assert [str(f) for f in library_findings if f.clause == clause.ref] == []


@pytest.mark.parametrize("clause", CLAUSES, ids=[c.ref for c in CLAUSES])
def test_rendered_wording_mirror_and_plain_words(clause, snapshot):
    values = clause.sample_params()
    assert {
        "wording": clause.render_wording(values),
        "mirror": clause.render_mirror(values),
        "mirror_reason": clause.mirror_reason,
        "plain_words": clause.plain_words(values),
    } == snapshot


@pytest.mark.parametrize("clause", CLAUSES, ids=[c.ref for c in CLAUSES])
def test_every_clause_is_mirrored_or_says_why_not(clause):
    assert bool(clause.mirror.wording) != bool(clause.mirror_reason)


def test_the_same_values_always_give_the_same_text(library):
    clause = library.get("FIN-004")
    assert clause.render_wording({"threshold": "250"}) == clause.render_wording({"threshold": 250.0})


def test_paragraphs_are_separated_by_one_blank_line_and_sub_items_start_their_own_line(library):
    wording = library.get("COM-001").render_wording({})
    paragraphs = wording.split("\n\n")
    assert len(paragraphs) == 3
    assert re.findall(r"^\([a-z]\) ", paragraphs[0], re.MULTILINE) == ["(a) ", "(b) ", "(c) ", "(d) "]
    assert paragraphs[2].startswith("This term does not apply")


def test_the_number_of_days_agrees_with_its_noun(library):
    clause = library.get("COM-001")
    assert "within 1 day of" in clause.render_wording({"notify_days": 1})
    assert "within 7 days of" in clause.render_wording({"notify_days": 7})


def test_names_print_exactly_as_given_without_escaping(library):
    wording = library.get("ASC-001").render_wording({"persons": ["Smith & Sons <Ltd>", "O'Placeholder"]})
    assert "(a) Smith & Sons <Ltd>;\n(b) O'Placeholder." in wording


def test_template_syntax_in_a_value_is_printed_not_run(library):
    wording = library.get("ITM-002").render_wording({"item_description": "any item called {{ 7 * 7 }} here"})
    assert "{{ 7 * 7 }}" in wording and "49" not in wording


def test_money_and_dates_are_formatted_in_the_wording(library):
    wording = library.get("FIN-008").render_wording({"as_at": "2027-01-15", "item_value": 1000})
    assert "worth more than £1,000.00" in wording and "on 15 January 2027" in wording


def test_welsh_locale_formats_the_date_in_welsh(library):
    assert "15 Ionawr 2027" in library.get("FIN-008").render_wording({"as_at": "2027-01-15"}, locale="cy_GB")


def test_a_clause_that_cannot_be_mirrored_gives_none_and_a_reason(library):
    clause = library.get("COM-004")
    assert clause.render_mirror({}) is None
    assert "licence condition cannot compel" in clause.mirror_reason


def test_tidy_joins_wrapped_lines_but_keeps_sub_items():
    assert tidy("The subject\n  must:\n(a) one\nthing;\n(b) two.\n\n\n\nNext.") == "The subject must:\n(a) one thing;\n(b) two.\n\nNext."
