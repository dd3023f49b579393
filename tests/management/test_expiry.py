"""The expiry confirmation to the subject and the internal closure checklist."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.errors import DocgenError
from docgen.model import to_text
from docgen.register.store import CaseRow
from tests.management.conftest import render_edited, sample_data


def expiry(data=None, **options):
    return render_edited("expiry-confirmation", "pastdate-expired", data, **options)


def checklist(data=None, **options):
    return render_edited("closure-checklist", "pastdate-expired", data, **options)


def test_the_letter_says_when_the_order_ended_and_that_no_term_remains():
    text = to_text(expiry().document)
    assert "ended at the end of **1 October 2024**" in text
    assert "No term of the order remains in force." in text


def continuing_licence():
    """The sample's licence ended with its sentence on 1 October 2024; here the subject is on
    an extended licence that runs on after the order."""
    data = sample_data("pastdate-expired")
    data["licence"] = {"description": "Extended licence under the Criminal Justice Act 2003", "starts_on": dt.date(2019, 10, 2), "ends_on": dt.date(2026, 10, 2)}
    return data


def test_orders_and_a_licence_that_continue_are_named():
    text = to_text(expiry(continuing_licence()).document)
    assert "Extended licence under the Criminal Justice Act 2003, until the end of 2 October 2026." in text
    assert "Travel Restriction Order (Criminal Justice and Police Act 2001 s.33)" in text
    assert ("Confiscation order (Proceeds of Crime Act 2002), made by the Crown Court at Exampleford on 20 March 2015. "
            "It has no fixed end date: it continues until everything it requires has been done, or a court ends it. "
            "It orders you to pay £48,250.00.") in text
    # what each order asks of the subject, as the case file gives it
    assert "until the end of 1 October 2025. It has applied since your release from custody on 2 October 2019." in text


def test_what_a_continuing_order_requires_may_be_given_in_both_languages():
    data = continuing_licence()
    data["other_orders"][0]["requires"] = {"en": "You must not leave the United Kingdom.", "cy": "Rhaid i chi beidio \u00e2 gadael y Deyrnas Unedig."}
    data["other_orders"][1].pop("requires")
    text = to_text(expiry(data).document)
    assert "s.33), made by the Crown Court at Exampleford on 3 October 2014, until the end of 1 October 2025. You must not leave the United Kingdom." in text
    assert "It orders you to pay" not in text  # an order with nothing recorded of what it asks gets no sentence about it
    assert "Rhaid" not in text  # the English letter takes the English side (Welsh letters the other, as for a court's name)


def test_orders_that_have_ended_by_the_letter_date_are_not_named():
    text = to_text(expiry(continuing_licence(), date=dt.date(2025, 11, 1)).document)
    assert "Travel Restriction Order" not in text
    assert "Extended licence" in text
    # the sample's own licence ended with the sentence, the day the order ended
    assert "Licence under the Criminal Justice Act 2003" not in to_text(expiry().document)


def test_with_nothing_continuing_the_letter_says_so():
    data = sample_data("pastdate-expired")
    data["other_orders"] = []
    del data["licence"]
    assert "We hold no record of any other order, or of a licence" in to_text(expiry(data).document)


def test_a_confirmation_dated_before_the_order_ended_is_refused():
    # on its last day the order is still live: an expiry confirmation may wait one more day
    with pytest.raises(DocgenError, match="only while the order is expired; on 2024-10-01 the order WYP-SCPO-0005 is live"):
        expiry(date=dt.date(2024, 10, 1))


def test_a_live_order_has_no_expiry_confirmation_until_it_ends():
    with pytest.raises(DocgenError, match="only while the order is expired; on 2027-05-21 the order WYP-SCPO-0001 is live"):
        render_edited("expiry-confirmation", "specimen-drugs")


def test_each_closure_step_shows_who_and_when_or_that_it_is_outstanding():
    text = to_text(checklist().document)
    assert "| 4 | SCPO marker removed from the Police National Computer (PNC) | 02/10/2024 | PNC Bureau (Operator 0000) | 02/10/2024" in text
    assert "| 6 | ViSOR record archived | 08/10/2024 | **Outstanding** | -" in text
    assert "**8 of 11 steps are done.**" in text


def test_final_checks_are_due_before_expiry_by_the_force_setting():
    assert "| 1 | Final check with the subject" in to_text(checklist().document)
    assert "| 03/09/2024 |" in to_text(checklist().document)  # 28 days before 1 October 2024


def test_closing_the_case_in_the_register_completes_the_register_step():
    row = CaseRow(
        case_id="WYP-SCPO-0005", force="WYP", case_no=2, status="expired", release_date=None, starts_on=None,
        expires_on=None, stamp_date=dt.date(2024, 10, 7), source="x", synced_at="2024-10-07T09:00:00Z",
        closed_at="2024-10-08T10:00:00Z", closed_by="DS Example",
    )
    text = to_text(checklist(extra={"case_row": row}).document)
    assert "| 11 | Case closed in the order register | 08/10/2024 | DS Example | 08/10/2024" in text


def test_when_every_step_is_done_the_checklist_says_the_case_can_close():
    data = sample_data("pastdate-expired")
    for key in ("visor_archived", "corvus_closed", "register_closed"):
        data["closure"][key] = {"by": "DC Notaname", "date": "2024-10-07"}
    assert "All 11 steps are done." in to_text(checklist(data).document)


def test_a_closure_step_with_an_unknown_name_is_refused_by_field():
    from docgen.case import case_from_data

    data = sample_data("pastdate-expired")
    data["closure"]["flags_gone"] = {"by": "x", "date": "2024-10-07"}
    with pytest.raises(DocgenError) as info:
        case_from_data(data, file="case.yaml")
    assert any(p.field.startswith("closure") for p in info.value.problems)
