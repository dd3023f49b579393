"""Who may apply for an order, and which decisions of the courts a document may cite, on each date."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.errors import DocgenError
from docgen.law import law_on, shipped_book
from tests.law.conftest import book_with

D = dt.date.fromisoformat
ONE_DAY = dt.timedelta(days=1)


@pytest.mark.parametrize("day", ["2008-04-06", "2014-03-26", "2014-03-27", "2021-06-28", "2021-06-29", "2026-11-01"])
def test_the_applicant_is_the_director_of_public_prosecutions_on_every_date(day):
    applicant = law_on(D(day)).scpo.applicant
    assert applicant.name == "Director of Public Prosecutions"
    assert applicant.office == "Crown Prosecution Service"
    assert applicant.conduct == "Schedule 2 paragraph 2"


@pytest.mark.parametrize(
    ("before", "after", "was", "becomes"),
    [
        # SI 2014/834: the Director of Revenue and Customs Prosecutions merged into the DPP
        ("2014-03-26", "2014-03-27", ["Director of Revenue and Customs Prosecutions", "Director of the Serious Fraud Office"], ["Director of the Serious Fraud Office"]),
    ],
)
def test_the_other_applicant_authorities_change_when_the_revenue_and_customs_director_goes(before, after, was, becomes):
    assert law_on(D(before)).scpo.applicant.others == was
    assert law_on(D(after)).scpo.applicant.others == becomes


def test_section_8_is_cited_as_renumbered_from_29_june_2021():
    assert law_on(D("2021-06-28")).scpo.applicant.section == "8(a)(i)"
    assert law_on(D("2021-06-29")).scpo.applicant.section == "8(1)(a)(i)"


def test_a_chief_officer_of_police_is_never_an_applicant_for_an_order_on_conviction():
    for day in ("2014-10-02", "2021-06-29", "2026-11-01"):
        applicant = law_on(D(day)).scpo.applicant
        assert not applicant.named_in("The Chief Constable of West Yorkshire Police")
        assert not applicant.named_in("West Yorkshire Police")


def test_each_applicant_entry_gives_its_source_with_the_delegation_to_a_crown_prosecutor():
    entries = shipped_book().scpo.applicant.entries
    assert [e.from_ for e in entries] == [D("2008-04-06"), D("2014-03-27"), D("2021-06-29")]
    assert all("Sch.2 para.2" in e.source for e in entries)
    assert "SI 2014/834" in entries[1].source
    assert "Counter-Terrorism and Sentencing Act 2021" in entries[2].source


def test_a_variation_applicant_written_in_a_case_is_recognised_when_it_names_an_authority():
    applicant = law_on(D("2025-01-01")).scpo.applicant
    assert applicant.named_in("The Director of Public Prosecutions, through CPS London North")
    assert applicant.named_in("the director of the  Serious Fraud Office")
    assert not applicant.named_in("The Crown Prosecution Service")
    # before 27 March 2014 the Director of Revenue and Customs Prosecutions could apply too
    assert law_on(D("2014-03-26")).scpo.applicant.named_in("The Director of Revenue and Customs Prosecutions")
    assert not law_on(D("2014-03-27")).scpo.applicant.named_in("The Director of Revenue and Customs Prosecutions")


@pytest.mark.parametrize(
    ("key", "decided", "cite"),
    [
        ("hancox", "2010-02-04", "R v Hancox and Duffy [2010] EWCA Crim 102"),
        ("shirley", "2022-04-08", "R v Shirley [2022] EWCA Crim 475"),
    ],
)
def test_a_case_is_citable_from_the_day_it_was_decided_and_not_a_day_before(key, decided, cite):
    day = D(decided)
    assert law_on(day - ONE_DAY).authority(key) is None
    assert key not in law_on(day - ONE_DAY).case_law
    authority = law_on(day).authority(key)
    assert authority is not None and authority.cite == cite and authority.decided == day
    assert authority.source


def test_a_misspelt_case_is_an_error_not_a_silently_missing_citation():
    with pytest.raises(DocgenError, match="no case 'shirly'"):
        law_on(D("2026-01-01")).authority("shirly")


def test_the_risk_test_is_the_statute_until_hancox_then_the_court_of_appeal_reading():
    assert law_on(D("2010-02-03")).scpo.risk_test.startswith("reasonable grounds to believe")
    assert law_on(D("2010-02-04")).scpo.risk_test.startswith("a real or significant risk")


def test_a_schedule_1_heading_is_cited_with_its_paragraph():
    law = law_on(D("2014-10-02"))
    assert law.schedule1.get("drug-trafficking").cite == "Schedule 1 Part 1, para 1 (Drug trafficking)"
    assert law.schedule1.get("arms-trafficking").cite == "Schedule 1 Part 1, para 3 (Arms trafficking)"
    assert law_on(D("2016-01-01")).schedule1.get("slavery").cite == "Schedule 1 Part 1, para 1A (Slavery etc)"


def test_applicant_entries_out_of_date_order_are_refused(tmp_path):
    def swap(data):
        data["scpo"]["applicant"].reverse()

    with pytest.raises(DocgenError, match="date order"):
        book_with(tmp_path, swap)


def test_a_case_without_its_decided_date_is_refused(tmp_path):
    def undated(data):
        del data["case_law"]["shirley"]["decided"]

    with pytest.raises(DocgenError) as info:
        book_with(tmp_path, undated)
    assert any("case_law.shirley.decided" in p.field for p in info.value.problems)
