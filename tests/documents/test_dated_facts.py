"""The application and its covering note say only what was true on their own date: the
hearing as listed until it is held, a sentence only once passed, the applicant the law
allowed then, and a case only once decided."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen.errors import DocgenError
from docgen.model import to_text
from tests.documents.conftest import render_kind, sample_data

D = dt.date.fromisoformat
MADE = D("2014-10-03")  # the expired sample's order was made, and the sentences passed, that day
BEFORE = ("scpo-application", "cps-covering-note")


def text(kind: str, stem: str, data=None, **options) -> str:
    return to_text(render_kind(kind, stem, data, **options).document)


# (document date, draft needed because the order is made by then, hearing printed, sentence printed)
AROUND_THE_HEARING = [
    ("2014-09-01", False, "Listed for 3 October 2014", False),  # the day the prosecutor authorised it
    ("2014-10-02", False, "Listed for 3 October 2014", False),  # the day before the hearing
    ("2014-10-03", True, "Order made on 3 October 2014", True),  # the hearing day: order made, sentences passed
    ("2014-10-04", True, "Order made on 3 October 2014", True),
]


@pytest.mark.parametrize(("day", "draft", "hearing", "sentenced"), AROUND_THE_HEARING)
def test_the_application_reports_the_hearing_and_sentences_only_once_they_happened(day, draft, hearing, sentenced):
    words = text("scpo-application", "pastdate-expired", date=D(day), draft=draft)
    assert f"| Hearing | {hearing}" in words
    assert ("10 years' imprisonment" in words) is sentenced
    assert ("8 years' imprisonment, concurrent" in words) is sentenced
    assert ("sentenced 03/10/2014" in words) is sentenced
    assert ("| Awaiting sentence |" in words) is not sentenced


@pytest.mark.parametrize(("day", "draft", "hearing", "sentenced"), AROUND_THE_HEARING)
def test_the_covering_note_reports_the_hearing_as_listed_until_it_is_held(day, draft, hearing, sentenced):
    words = text("cps-covering-note", "pastdate-expired", date=D(day), draft=draft)
    assert f"| Hearing | {hearing}" in words
    assert "Order made" not in words or sentenced


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    hearing_after=st.integers(min_value=1, max_value=60),
    sentence_after=st.integers(min_value=0, max_value=60),
    dated_after=st.integers(min_value=0, max_value=90),
)
def test_a_sentence_or_hearing_after_the_document_date_is_never_printed_as_having_happened(hearing_after, sentence_after, dated_after):
    # the authorised sample: convicted 10 August 2026, authorised 16 November 2026
    data = sample_data("signwell-authorised")
    authorised = D("2026-11-16")
    conviction = data["convictions"][0]
    sentenced_on = authorised + dt.timedelta(days=sentence_after)
    hearing_on = authorised + dt.timedelta(days=hearing_after)
    day = authorised + dt.timedelta(days=dated_after)
    conviction["sentenced_on"] = sentenced_on
    data["order"]["hearing_on"] = hearing_on
    words = text("scpo-application", "signwell-authorised", data, date=day)
    assert ("| Awaiting sentence |" in words) is (day < sentenced_on)
    assert (conviction["sentence"] in words) is (day >= sentenced_on)
    listed = f"Listed for {hearing_on.day} {hearing_on:%B %Y}"
    assert (f"| Hearing | {listed}" in words) is (day < hearing_on)


def test_the_applicant_is_the_director_of_public_prosecutions_on_information_from_the_force():
    words = text("scpo-application", "pastdate-expired", date=D("2014-10-02"))
    assert "| Applicant | The Director of Public Prosecutions (Crown Prosecution Service), on information from West Yorkshire Police" in words
    assert "The Crown Prosecution Service, on information" not in words
    order = text("draft-order", "specimen-drugs")
    assert "And upon the application of the Director of Public Prosecutions (Crown Prosecution Service)" in order


@pytest.mark.parametrize("kind", BEFORE)
def test_a_2014_document_cites_section_8_and_schedule_2_not_a_case_decided_in_2022(kind):
    words = text(kind, "pastdate-expired", date=D("2014-10-02"))
    assert "Shirley" not in words
    assert "section 8(a)(i)" in words and "Schedule 2 paragraph 2" in words


@pytest.mark.parametrize("kind", BEFORE)
def test_a_document_dated_after_shirley_cites_it_with_the_renumbered_section(kind):
    words = text(kind, "specimen-drugs")
    assert "R v Shirley [2022] EWCA Crim 475" in words
    assert "section 8(1)(a)(i)" in words


def _years_earlier(value, years):
    if isinstance(value, dt.date):
        return value.replace(year=value.year - years)
    if isinstance(value, dict):
        return {k: _years_earlier(v, years) for k, v in value.items()}
    if isinstance(value, list):
        return [_years_earlier(v, years) for v in value]
    return value


def test_an_application_dated_before_hancox_puts_the_risk_on_section_19_alone():
    # the authorised sample moved back 17 years: dated 23 November 2009, before 4 February 2010
    data = _years_earlier(sample_data("signwell-authorised"), 17)
    words = text("scpo-application", "signwell-authorised", data, date=D("2009-11-23"))
    assert "Hancox" not in words and "Shirley" not in words
    assert "(section 19(2)). The order is sought to prevent that involvement, not to punish." in words
    later = text("scpo-application", "signwell-authorised")
    assert "not a bare possibility (R v Hancox and Duffy [2010] EWCA Crim 102)" in later


def test_the_schedule_1_paragraph_and_the_convictions_relied_on_are_named():
    words = text("scpo-application", "pastdate-expired", date=D("2014-10-02"))
    assert "| Schedule 1 Part 1, para 1 (Drug trafficking)" in words
    assert "marked with a heading" not in words
    assert "the conviction on 11 August 2014 for being concerned in the supply of a controlled drug of Class A (cocaine), an offence within Schedule 1 Part 1, para 1 (Drug trafficking)" in words
    assert "the conviction on 11 August 2014 for possession of a firearm with intent to endanger life, if the court treats it as serious under section 2(2)(b)" in words


def test_the_section_2_2_b_reason_is_put_as_the_applicants_invitation_before_the_cases_reason():
    words = text("scpo-application", "pastdate-expired", date=D("2014-10-02"))
    invitation = "The applicant invites the court to consider that, in the particular circumstances, the following is sufficiently serious"
    assert invitation in words
    assert words.index(invitation) < words.index("The loaded firearm was kept")
    assert "None: the applicant invites the court to treat it as serious (s.2(2)(b)), below" in words


def test_a_variation_applied_for_by_the_police_is_refused_naming_who_may_apply():
    data = sample_data("specimen-drugs")
    data["variation"]["applicant"] = "West Yorkshire Police"
    with pytest.raises(DocgenError) as info:
        render_kind("variation-application", "specimen-drugs", data)
    problem = next(p for p in info.value.problems if p.field == "variation.applicant")
    assert "the Director of Public Prosecutions or the Director of the Serious Fraud Office" in problem.message
