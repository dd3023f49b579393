"""Every path through the warning letter, in Welsh: what the subject must do (the clause's
remedy, the term itself with this occasion's detail, or only not to fail again), the
next step on the ladder, and a team mailbox beside the postal address. None of them
prints English in a Welsh letter."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.case import case_from_data
from docgen.model import to_text
from docgen.pipeline import load_inputs, render
from docgen.render import Options
from docgen.yamlio import read_yaml_mapping

from .conftest import WELSH_CASE

LATER_FAILURES = [
    {  # a phone not notified: the clause declares the remedy
        "id": "EV-003", "type": "non_compliance", "date": "2026-11-20", "term": 1, "level": "first",
        "summary": {"en": "A second phone was found at the subject's home.", "cy": "Cafwyd hyd i ail ffôn yng nghartref y gwrthrych."},
        "by": "DC Dychmygol", "action_by": "2026-11-27",
    },
    {  # away again, nothing asked: only not to fail again, and the last rung of the ladder
        "id": "EV-004", "type": "non_compliance", "date": "2026-12-02", "term": 2, "level": "final",
        "summary": {"en": "The subject stayed away from home again without notice.", "cy": "Arhosodd y gwrthrych oddi cartref eto heb hysbysu."},
        "by": "DC Dychmygol",
    },
]  # fmt: skip
LETTERS = {"EV-002": dt.date(2026, 11, 10), "EV-003": dt.date(2026, 11, 20), "EV-004": dt.date(2026, 12, 2)}


@pytest.fixture(scope="module")
def inputs():
    data = read_yaml_mapping(WELSH_CASE)
    data["history"] += LATER_FAILURES
    _, house = load_inputs(WELSH_CASE)
    return case_from_data(data, file=WELSH_CASE), house


def letter(inputs, event: str, language: str = "cy", mailbox: bool = False):
    case, house = inputs
    if mailbox:
        address = house.notification_address.model_copy(update={"email": "hysbysiadau.gad@example.police.uk"})
        house = house.model_copy(update={"notification_address": address})
    return render(case, house, "warning-letter", event_id=event, options=Options(language=language, date=LETTERS[event]), formats=())


@pytest.mark.parametrize("mailbox", [False, True], ids=["post", "mailbox"])
@pytest.mark.parametrize("event", sorted(LETTERS))
def test_every_path_is_welsh(inputs, event, mailbox):
    welsh = letter(inputs, event, mailbox=mailbox)
    assert welsh.welsh is not None and welsh.welsh.untranslated == {}
    english = letter(inputs, event, language="en", mailbox=mailbox)
    english_sentences = [line for line in to_text(english.document).splitlines() if len(line) > 40 and "@" not in line]
    welsh_text = to_text(welsh.document).split("[page break]")[0]
    for sentence in english_sentences:
        assert sentence not in welsh_text


def test_what_each_path_asks_in_welsh(inputs):
    declared = to_text(letter(inputs, "EV-003").document)
    assert "Erbyn diwedd **27 Tachwedd 2026** rhaid i chi:" in declared
    assert "y cam nesaf fydd **rhybudd terfynol**" in declared
    detail = to_text(letter(inputs, "EV-002").document)
    assert "Y tro hwn, mae hynny'n ymwneud â'r canlynol:" in detail
    case, house = inputs
    terms = [t.model_copy(update={"version": "1.0.0"}) if t.number == 2 else t for t in case.terms]
    first_edition = case.model_copy(update={"terms": terms})
    as_written = to_text(letter((first_edition, house), "EV-002").document)  # a clause declaring no remedy
    assert "rhaid i chi wneud yr hyn y mae amod 2 yn ei ofyn, fel y'i nodir uchod." in as_written
    stop = to_text(letter(inputs, "EV-004").document)
    assert "Rhaid i chi beidio â methu â chydymffurfio ag amod 2 eto." in stop
    assert "Dyma eich rhybudd terfynol. Os byddwch yn methu" in stop
    mailbox = to_text(letter(inputs, "EV-002", mailbox=True).document)
    assert "Anfonwch ef drwy'r post i'r cyfeiriad hwn (Tîm Rheoli Troseddwyr Gydol Oes, Heddlu Gogledd Cymru):" in mailbox
    assert "neu drwy e-bost i hysbysiadau.gad@example.police.uk." in mailbox
