"""A warning letter asks only what the order asks: the remedy comes from the term breached;
the event adds case detail; contact details are the house style's own."""

from __future__ import annotations

import pytest

from docgen.conditions import Remedy
from docgen.errors import DocgenError
from docgen.housestyle import load_house_style
from docgen.kinds import warning_letter
from docgen.model import to_text
from tests.conftest import SAMPLES
from tests.management.conftest import render_edited, sample_data


def with_remedy(monkeypatch, remedy: Remedy) -> None:
    """Give every clause the second-edition remedy ``remedy`` for the test."""
    original = warning_letter._clause

    def clause(case, number):
        return original(case, number).model_copy(update={"remedy": remedy})

    monkeypatch.setattr(warning_letter, "_clause", clause)


def letter_text(stem: str, event: str, data=None) -> str:
    return to_text(render_edited("warning-letter", stem, data, event=event).document)


def test_the_letter_asks_for_the_declared_remedy_rendered_with_the_terms_parameters(monkeypatch):
    with_remedy(monkeypatch, Remedy(ask="Give up every communication device beyond the {{ max_devices }} you notified."))
    text = letter_text("specimen-drugs", "EV-006")
    assert "By the end of **24 April 2027** you must:" in text
    assert "Give up every communication device beyond the 1 you notified." in text


def test_the_event_adds_case_detail_under_the_remedy_not_in_its_place(monkeypatch):
    with_remedy(monkeypatch, Remedy(ask="Give up every communication device beyond the {{ max_devices }} you notified."))
    text = letter_text("specimen-drugs", "EV-006")
    remedy_at = text.index("Give up every communication device")
    detail_at = text.index("The second handset found switched on in your bedroom")
    assert remedy_at < text.index("On this occasion, that concerns:") < detail_at


def test_a_term_whose_breach_cannot_be_put_right_asks_only_that_it_is_not_repeated(monkeypatch):
    with_remedy(monkeypatch, Remedy(none="Travel already taken without notice in time cannot be notified in time afterwards."))
    text = letter_text("testwood-trafficking", "EV-002")
    assert "cannot be put right afterwards" in text
    assert "Travel already taken without notice in time" in text
    assert "You must not fail to comply with term 1 again." in text
    assert "By the end of" not in text
    assert "If you do not do this by the date above" not in text


def test_an_action_required_for_a_term_that_cannot_be_put_right_is_refused_by_field(monkeypatch):
    with_remedy(monkeypatch, Remedy(none="A device held over the limit is a breach as soon as it is held."))
    with pytest.raises(DocgenError, match="asks only that the failure is not repeated") as info:
        letter_text("specimen-drugs", "EV-006")
    assert info.value.problems[0].field == "history.5.action_required"


def test_a_remedy_without_a_date_to_do_it_by_is_refused_by_the_case_file(monkeypatch):
    with_remedy(monkeypatch, Remedy(ask="Tell the police in writing about the trip."))
    data = sample_data("testwood-trafficking")
    data["history"][1]["action_required"] = "The trip between 28 and 30 July 2027."  # asked, with no date
    with pytest.raises(DocgenError, match="action_required needs action_by") as info:
        letter_text("testwood-trafficking", "EV-002", data)
    assert info.value.problems[0].field.startswith("history.1")


def test_a_failure_with_no_action_named_asks_only_that_it_stops():
    text = letter_text("testwood-trafficking", "EV-002")
    assert "You must not fail to comply with term 1 again." in text
    assert "passport" not in text and "police station" not in text
    assert "By the end of" not in text


def test_a_first_edition_term_asks_for_what_the_term_requires_with_the_events_detail():
    data = sample_data("specimen-drugs")
    data["terms"][1]["version"] = "1.0.0"  # the first edition declares no remedy
    text = letter_text("specimen-drugs", "EV-006", data)
    assert "you must do what term 2 requires, as it is set out above." in text
    assert "hand the second handset to the police" not in text.lower()


def test_the_team_mailbox_is_printed_when_the_house_style_holds_one():
    data = sample_data("testwood-trafficking")
    data["history"][1].update(action_required="The trip between 28 and 30 July 2027.", action_by="2027-08-09")
    text = letter_text("testwood-trafficking", "EV-002", data)
    assert "or by email to scpo.notifications@example.police.uk." in text


def test_no_email_is_offered_when_the_house_style_holds_none():
    text = letter_text("specimen-drugs", "EV-004")
    assert "by email" not in text
    assert "PO Box 0000" in text


def test_a_notification_email_that_is_not_an_address_is_refused_naming_the_field(tmp_path):
    style = (SAMPLES / "house-style" / "MPS.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "MPS.yaml"
    bad.write_text(style.replace("scpo.notifications@example.police.uk", "not an address"), encoding="utf-8")
    with pytest.raises(DocgenError) as info:
        load_house_style(bad)
    assert info.value.problems[0].field == "notification_address.email"
