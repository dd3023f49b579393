"""The draft order: recitals, numbered terms, only the definitions used, address, duration, warning."""

from __future__ import annotations

import pytest

from docgen.conditions import shipped_library
from docgen.errors import DocgenError
from docgen.model import to_text
from tests.documents.conftest import render_kind, sample_data


def schedule(text: str, name: str) -> str:
    return text.split(f"### {name}")[1].split("\n### ")[0]


def test_the_recitals_name_the_conviction_the_authority_and_the_statutory_test(rendered):
    text = to_text(rendered["draft-order", "specimen-drugs"].document)
    assert "Upon the subject having been convicted on 2 May 2024 at the Crown Court at Exampleford of conspiracy to supply" in text
    assert "authorised by Sam Notreal" in text
    assert "preventing, restricting or disrupting involvement by the subject in serious crime" in text


def test_each_conviction_recited_says_why_it_is_serious_and_its_sentence_once_passed():
    import datetime as dt

    # the Firearms Act conviction is under no Schedule 1 heading: the court is invited to treat
    # it as serious (s.2(2)(b)); dated before sentencing, no sentence is recited as passed
    early = to_text(render_kind("draft-order", "pastdate-expired", date=dt.date(2014, 9, 15)).document)
    assert ("of possession of a firearm with intent to endanger life, an offence which the court considers, in the "
            "particular circumstances of the case, sufficiently serious to be treated as if it were specified in Part 1 "
            "of Schedule 1 to the Act, and so a serious offence in England and Wales (section 2(2)(b));") in early
    assert "a serious offence in England and Wales, specified in Schedule 1 Part 1, para 1 (Drug trafficking) to the Act;" in early
    assert "sentenced for it" not in early
    assert "And this order being made in addition to the sentences passed for those offences (section 19(7));" in early
    # on the day of sentence, each recital gives the sentence passed
    made = to_text(render_kind("draft-order", "pastdate-expired", date=dt.date(2014, 10, 3)).document)
    assert "(section 2(2)(b)), and having been sentenced for it on 3 October 2014 to 10 years' imprisonment;" in made
    assert "the subject may apply only where there has been a change of circumstances" in made
    assert "(Drug trafficking) to the Act, and having been sentenced for it on 3 October 2014 to 8 years' imprisonment, concurrent;" in made


def test_the_third_party_recital_follows_section_9_4(rendered):
    text = to_text(rendered["draft-order", "specimen-drugs"].document)  # the specimen's terms affect a partner
    assert "(section 9)" not in text
    assert "each person who applied to make representations, and on whom it considers the making of this order" in text


def test_the_terms_are_numbered_in_schedule_1(rendered):
    text = schedule(to_text(rendered["draft-order", "specimen-drugs"].document), "Schedule 1: The terms")
    assert text.index("#### Term 1: Notify communication devices") < text.index("#### Term 2:") < text.index("#### Term 3: Cash limit")


def test_the_definitions_schedule_holds_exactly_the_definitions_the_terms_use(rendered):
    text = schedule(to_text(rendered["draft-order", "specimen-drugs"].document), "Schedule 3: Definitions")
    library = shipped_library()
    used = {key for code in ("COM-001", "COM-002", "FIN-001") for key in library.get(code).definitions}
    for key, definition in library.definitions.items():
        assert (f"\u201c{definition.term}\u201d means" in text) == (key in used), key


def test_each_definition_appears_once_and_ends_with_one_full_stop(rendered):
    text = schedule(to_text(rendered["draft-order", "exampleton-fraud"].document), "Schedule 3: Definitions")
    lines = [line for line in text.splitlines() if " means " in line]
    assert len(lines) == len(set(lines))
    assert all(line.endswith(".") and not line.endswith("..") for line in lines)


def test_a_term_with_its_own_start_and_end_says_so():
    data = sample_data("specimen-drugs")
    data["terms"][2]["starts_on"] = "2028-01-15"
    data["terms"][2]["ends_on"] = "2030-01-14"
    text = to_text(render_kind("draft-order", "specimen-drugs", data).document)
    assert "This term applies from 15 January 2028 until the end of 14 January 2030." in text
    assert "A term for which Schedule 1 gives its own start or end applies from that start or until that end." in text
    assert text.count("This term applies from") == 1


def test_the_order_states_its_duration_expiry_and_managing_force(rendered):
    text = to_text(rendered["draft-order", "testwood-trafficking"].document)
    assert "The order comes into force when the subject is first released from custody under the sentence passed for that offence (on licence, on home detention curfew or otherwise, but not on temporary licence), and ends at the end of the day before the fifth anniversary of the day of that release." in text
    assert '"the police force that manages this order" is Metropolitan Police Service' in text


def test_an_order_whose_start_is_not_yet_known_says_how_long_it_lasts():
    data = sample_data("specimen-drugs")
    data["order"].update(status="proposed", made_on=None, release_date=None)
    data["history"] = []
    for key in ("breach_files", "transfers", "closure", "notice", "licence"):
        data.pop(key, None)
    data["order"].pop("notice", None)
    text = to_text(render_kind("draft-order", "specimen-drugs", data).document)
    assert ("comes into force when the subject is first released from custody under the sentence passed for that offence "
            "(on licence, on home detention curfew or otherwise, but not on temporary licence), and ends at the end of the "
            "day before the fifth anniversary of the day of that release.") in text
    assert "gives its own start or end" not in text  # no term here has dates of its own


def test_the_notification_address_is_in_schedule_2(rendered):
    text = schedule(to_text(rendered["draft-order", "specimen-drugs"].document), "Schedule 2: The notification address")
    assert "[address] PO Box 0000" in text and "ZZ1 9ZY" in text


def test_the_order_carries_the_s25_warning_and_written_answers_only(rendered):
    text = to_text(rendered["draft-order", "specimen-drugs"].document)
    assert "criminal offence under section 25 of the Serious Crime Act 2007" in text
    assert "imprisonment for a term not exceeding 5 years" in text
    assert "cannot be required to answer questions orally (section 11)" in text
    assert "not met by telling a probation officer" in text


def test_a_draft_order_without_terms_is_refused():
    data = sample_data("specimen-drugs")
    data["terms"] = []
    data["history"] = []
    for key in ("breach_files", "transfers", "closure", "variation"):
        data.pop(key, None)
    data["application"].pop("third_parties", None)
    with pytest.raises(DocgenError) as info:
        render_kind("draft-order", "specimen-drugs", data)
    assert {p.field for p in info.value.problems} == {"terms"}
