"""Schedule 1 Part 1 headings and the other checked facts, pinned to the dates the statutes give.

Each expectation comes from the text of the Serious Crime Act 2007 Schedule 1 (as enacted and
as amended) or the amending provision named beside it, so a slip in the law file that moves a
heading, a paragraph or a date makes one of these fail.
"""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.errors import DocgenError
from docgen.law import law_on, load_book
from tests.law.conftest import book_with

D = dt.date.fromisoformat

# Part 1 as enacted (in force 6 April 2008): heading words and paragraph numbers.
AS_ENACTED = [
    ("1", "Drug trafficking"),
    ("2", "People trafficking"),
    ("3", "Arms trafficking"),
    ("4", "Prostitution and child sex"),
    ("5", "Armed robbery etc."),
    ("6", "Money laundering"),
    ("7", "Fraud"),
    ("8", "Offences in relation to public revenue"),
    ("9", "Corruption and bribery"),
    ("10", "Counterfeiting"),
    ("11", "Blackmail"),
    ("12", "Intellectual property"),
    ("13", "Environment"),
]

# Part 1 from 30 September 2017 (the last change to a heading the law file records).
FROM_2017 = [
    ("1", "Drug trafficking"),
    ("1A", "Slavery etc"),  # Modern Slavery Act 2015 Sch.5 para.7(2), 31 July 2015
    ("2", "People trafficking"),
    ("3", "Firearms offences"),  # Serious Crime Act 2015 s.47(3), 3 May 2015
    ("4", "Prostitution and child sex"),
    ("5", "Armed robbery etc."),
    ("6", "Money laundering"),
    ("7", "Fraud"),
    ("8", "Offences in relation to public revenue etc"),  # Criminal Finances Act 2017 s.51(2)(a)
    ("9", "Bribery"),  # Bribery Act 2010 Sch.1 para.14(2), 1 July 2011
    ("10", "Counterfeiting"),
    ("11", "Blackmail"),
    ("11A", "Computer misuse"),  # Serious Crime Act 2015 s.47(4), 3 May 2015
    ("12", "Intellectual property"),
    ("13", "Environment"),
]


def in_force(day: str) -> list[tuple[str, str]]:
    """(paragraph, title) of each heading in force on ``day``, in the file's order."""
    titles = [h.title for h in law_on(D(day)).schedule1.headings]
    entries = [e for e in load_book().schedule1.headings if e.in_force(D(day))]
    assert [e.title for e in entries] == titles
    return [(e.paragraph, e.title) for e in entries]


@pytest.mark.parametrize("day", ["2008-04-06", "2011-06-30"])
def test_the_headings_as_enacted(day):
    assert in_force(day) == AS_ENACTED


@pytest.mark.parametrize("day", ["2017-09-30", "2026-11-01"])
def test_the_headings_as_amended(day):
    assert in_force(day) == FROM_2017


@pytest.mark.parametrize(
    ("code", "before", "after", "was", "becomes"),
    [
        ("corruption-bribery", "2011-06-30", "2011-07-01", "Corruption and bribery", "Bribery"),
        ("public-revenue", "2017-09-29", "2017-09-30", "Offences in relation to public revenue", "Offences in relation to public revenue etc"),
    ],
)
def test_a_substituted_heading_keeps_its_code_and_changes_its_words_on_the_day(code, before, after, was, becomes):
    assert law_on(D(before)).schedule1.get(code).title == was
    assert law_on(D(after)).schedule1.get(code).title == becomes


def test_arms_trafficking_gives_way_to_firearms_offences_over_paragraph_3():
    assert law_on(D("2015-05-02")).schedule1.get("arms-trafficking").title == "Arms trafficking"
    assert law_on(D("2015-05-02")).schedule1.get("firearms") is None
    assert law_on(D("2015-05-03")).schedule1.get("arms-trafficking") is None
    assert law_on(D("2015-05-03")).schedule1.get("firearms").title == "Firearms offences"


def test_blackmail_has_been_paragraph_11_since_the_act_came_into_force():
    entry = next(e for e in load_book().schedule1.headings if e.code == "blackmail")
    assert (entry.paragraph, entry.from_, entry.until) == ("11", D("2008-04-06"), None)


def test_each_heading_source_names_its_paragraph():
    for entry in load_book().schedule1.headings:
        assert f"para.{entry.paragraph}" in entry.source, entry.code


def test_what_is_still_unconfirmed_is_exactly_what_the_file_says_it_is():
    book = load_book()
    unconfirmed = {(e.code, e.from_.isoformat()) for e in book.schedule1.headings if not e.verified}
    assert unconfirmed == {("corruption-bribery", "2011-07-01"), ("public-revenue", "2017-09-30"), ("computer-misuse", "2015-05-03")}
    assert not book.schedule1.verified
    for entry in book.scpo.breach.summary_max.entries:
        assert entry.verified, entry.from_
    assert all(e.verified for e in book.tro.commenced.entries)
    # commencement checked only to 5 March 2026: the provisions stay unconfirmed, their limit does not
    for provision in (book.scpo.electronic_monitoring, book.scpo.interim_orders):
        assert not provision.verified and "5 March 2026" in provision.commencement_source
    assert all(e.verified for e in book.scpo.electronic_monitoring.max_months.entries)


def test_two_headings_over_one_paragraph_at_once_are_refused(tmp_path):
    def overlap(data):
        for entry in data["schedule1"]["headings"]:
            if entry["code"] == "arms-trafficking":
                del entry["until"]

    with pytest.raises(DocgenError, match="overlap"):
        book_with(tmp_path, overlap)


def test_a_heading_that_ends_before_it_begins_is_refused(tmp_path):
    def backwards(data):
        for entry in data["schedule1"]["headings"]:
            if entry["code"] == "arms-trafficking":
                entry["until"] = "2008-04-06"

    with pytest.raises(DocgenError, match="until must be after from"):
        book_with(tmp_path, backwards)


def test_the_first_summary_maximum_rests_on_schedule_13():
    old = law_on(D("2010-01-01")).scpo.breach
    assert old.summary_max == "imprisonment for a term not exceeding 6 months or a fine, or both"
    assert "Sch.13 para.4(a)" in old.summary_max_source and "2 May 2022" in old.summary_max_source
    assert old.verified


def test_travel_restriction_orders_commenced_on_1_april_2002_by_si_2002_344():
    entry = load_book().tro.commenced.entries[0]
    assert entry.value == D("2002-04-01")
    assert "SI 2002/344" in entry.source and "s.33(6)" in entry.source


def test_part_1_commencement_cites_the_order_that_brought_it_in():
    source = load_book().scpo.act.entries[0].source
    assert "SI 2008/755" in source


def test_the_2025_act_powers_cite_the_sections_they_insert():
    book = load_book()
    monitoring, interim = book.scpo.electronic_monitoring, book.scpo.interim_orders
    assert monitoring.sections == "ss.5B-5D" and "s.5B(6)" in monitoring.max_months.entries[0].source
    assert monitoring.max_months.entries[0].value == 12
    assert interim.sections.startswith("ss.5E-5F") and "s.56" in interim.inserted_by
    assert monitoring.commenced is None and interim.commenced is None
    assert "SI 2025/1318" in monitoring.commencement_source


def test_documents_name_the_heading_in_force_on_their_own_date() -> None:
    """A draft order prints the Schedule's heading as worded on its own date, and refuses
    a heading the Schedule did not have then, naming the conviction's field."""
    from docgen.kinds._order_common import schedule1_rows
    from docgen.pipeline import load_inputs
    from docgen.render import Options
    from docgen.resources import samples_dir

    case, _ = load_inputs(samples_dir() / "cases" / "specimen-drugs.yaml")
    first = case.convictions[0].model_copy(update={"schedule1_heading": "public-revenue"})
    revenue = case.model_copy(update={"convictions": [first, *case.convictions[1:]]})
    before = schedule1_rows(revenue, Options(date=dt.date(2017, 9, 29)))[0]["heading"]
    after = schedule1_rows(revenue, Options(date=dt.date(2017, 9, 30)))[0]["heading"]
    assert before != after and after.startswith(before)

    arms = case.model_copy(update={"convictions": [first.model_copy(update={"schedule1_heading": "firearms"})]})
    with pytest.raises(DocgenError) as refused:
        schedule1_rows(arms, Options(date=dt.date(2014, 3, 1)))
    problem = refused.value.problems[0]
    assert problem.field == "convictions.0.schedule1_heading" and "2014-03-01" in problem.message
    assert "arms-trafficking" in problem.message
