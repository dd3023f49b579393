"""The transfer handover letter to the receiving force."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.errors import DocgenError
from docgen.model import to_text
from tests.management.conftest import render_edited, sample_data
from tests.management.test_ladder import issued_letter


def transfer(data=None, **options):
    return render_edited("transfer-letter", "exampleton-fraud", data, event="EV-005", **options)


def test_the_receiving_force_is_named_from_the_forces_reference_data():
    text = to_text(transfer().document)
    assert "| Receiving force | Greater Manchester Police (North West; North West Regional Organised Crime Unit (Titan))" in text


def test_an_unknown_force_code_is_refused_by_field():
    data = sample_data("exampleton-fraud")
    data["transfers"][0]["to_force"] = "XYZ"
    with pytest.raises(DocgenError, match="not a known police force code") as info:
        transfer(data)
    assert info.value.problems[0].field == "transfers.0.to_force"


def test_the_letter_gives_the_terms_notifications_risk_actions_and_contacts():
    text = to_text(transfer().document)
    assert "#### Term 1: Notify financial accounts" in text
    assert "| 13 October 2027 | 1 | Written notification received of the account opened" in text
    assert "Assessed as **medium** by DS Inventedname on 12 January 2028." in text
    assert "Confirm the new address" not in text  # the event's own request is not a term of the order
    assert "| Receiving contact | DS Taylor Imaginary" in text


def test_a_term_that_ended_before_the_move_is_not_handed_over():
    data = sample_data("exampleton-fraud")
    data["terms"][1]["ends_on"] = "2028-01-31"
    text = to_text(transfer(data).document)
    assert "Term 2: Cash limit" not in text
    assert "Term 3: Notify communication devices" in text


def enclosed_and_not(text: str) -> tuple[str, str]:
    enclosed = text.split("## Enclosures", 1)[1].split("## Not enclosed", 1)
    return enclosed[0], (enclosed[1] if len(enclosed) > 1 else "")


def test_enclosures_list_issued_documents_and_evidence_the_pack_holds():
    issued = (
        issued_letter("EV-002", "first", "LAN/SCPO/2027/0001/WL-01", dt.date(2027, 10, 11)),
        issued_letter("EV-002", "first", "LAN/SCPO/2027/0001/WL-01/v2", dt.date(2027, 10, 12), version=2),
    )
    enclosed, missing = enclosed_and_not(to_text(transfer(extra={"issued": issued}).document))
    assert "reference LAN/SCPO/2027/0001/WL-01/v2, dated 12 October 2027" in enclosed
    assert "WL-01, dated 11 October" not in enclosed  # only the newest version goes in the pack
    assert "Subject profile with photograph and known associates" in enclosed
    assert "Warning letter" not in missing  # its letter is enclosed


def test_what_the_register_never_issued_is_named_as_not_enclosed_never_as_enclosed():
    enclosed, missing = enclosed_and_not(to_text(transfer().document))
    for absent in ("Certified copy of the order", "The application for the order", "Warning letter (first warning, term 1)"):
        assert absent not in enclosed
        assert absent in missing
    assert "1 sensitive evidence file: kept by Lancashire Constabulary" in missing
    assert "Intelligence report" not in enclosed + missing


def test_a_named_enclosure_with_no_evidence_file_is_named_as_not_enclosed():
    data = sample_data("exampleton-fraud")
    data["transfers"][0]["enclosures"].append("Custody photograph")
    enclosed, missing = enclosed_and_not(to_text(transfer(data).document))
    assert "Custody photograph" not in enclosed
    assert "Custody photograph: no file with that title is held in the case" in missing


def test_a_transfer_needs_the_current_risk():
    data = sample_data("exampleton-fraud")
    del data["risk"]
    with pytest.raises(DocgenError) as info:
        transfer(data)
    assert "risk" in {p.field for p in info.value.problems}


def test_a_transfer_event_must_be_described_in_transfers():
    data = sample_data("exampleton-fraud")
    data["transfers"] = []
    with pytest.raises(DocgenError) as info:
        transfer(data)
    assert "transfers" in {p.field for p in info.value.problems}


def test_the_letter_names_no_internal_event_id_and_uses_one_date_style():
    import re

    rendered = transfer()
    text = to_text(rendered.document).replace(rendered.meta.reference, "")  # a preview's reference names the event
    assert not re.search(r"\bEV-\d+", text)
    assert not re.search(r"\b\d{2}/\d{2}/\d{4}\b", text)


def test_the_letter_states_the_pending_variation_and_what_it_would_change():
    text = to_text(transfer().document)
    assert "## Variation applied for" in text
    assert "under section 17 of the Serious Crime Act 2007" in text
    assert "applied for and not yet decided; no hearing date is recorded" in text
    assert "add a term: Notify cryptoassets" in text
    assert "vary term 2 (Cash limit): reduce the cash limit from £2,500.00 to £1,500.00" in text
    assert "by the Director of Public Prosecutions, through the CPS" in text


def test_a_decided_variation_is_not_called_pending():
    data = sample_data("exampleton-fraud")
    data["history"].insert(4, {"id": "EV-010", "type": "variation", "date": "2028-01-20", "summary": "Order varied.", "by": "DS Inventedname"})
    text = to_text(transfer(data).document)
    assert "the history records the order varied on 20 January 2028" in text
    assert "not yet decided" not in text


def test_the_letter_gives_the_warning_level_and_the_next_step_under_the_forces_approach_not_the_order():
    text = to_text(transfer().document)
    assert "warnings are given under Lancashire Constabulary's compliance approach" in text
    assert "The highest given is a **first warning**, dated 11 October 2027, about term 1." in text
    assert "Under that approach, the next warning would be a final warning." in text
    assert "given under the order" not in text
    assert "would lead to" not in text


def test_the_offence_is_stated_from_the_law_data():
    from docgen.law import law_on

    law = law_on(dt.date(2028, 2, 7))
    text = to_text(transfer().document)
    assert (f"Whatever warnings were given, {law.scpo.breach.offence} is an offence under section {law.scpo.breach.section} "
            f"of the {law.scpo.act}.") in text
    assert "failing without reasonable excuse to comply" in text


def test_no_warning_is_said_so():
    data = sample_data("exampleton-fraud")
    del data["history"][1]["level"], data["history"][1]["action_required"], data["history"][1]["action_by"]
    data["history"][2]["refers_to"] = []
    text = to_text(transfer(data).document)
    assert "No warning has been given under Lancashire Constabulary's compliance approach (the order itself provides no warnings)." in text
    assert "is an offence under section 25" in text


def test_the_letter_gives_the_notification_address():
    text = to_text(transfer().document)
    assert "That address is:" in text
    assert "PO Box 0001" in text


def test_the_subjects_next_duty_comes_from_the_terms_with_its_date():
    data = sample_data("exampleton-fraud")
    data["history"].insert(1, {"id": "EV-009", "type": "notification", "date": "2027-09-10", "term": 3,
                               "summary": "Every device held on the day the order started.", "by": "DS Inventedname"})
    text = to_text(transfer(data).document)
    assert "| 4 March 2028 | Term 3(d), Notify communication devices: tell the police in writing" in text
    assert "the address where the device is usually kept, within 3 days of moving" in text


def test_with_nothing_notified_under_a_term_its_overdue_start_up_notice_comes_before_the_change_on_moving():
    text = to_text(transfer().document)
    overdue = text.index("| 13 September 2027 (overdue) | Term 3, Notify communication devices")
    change = text.index("| 4 March 2028 | Term 3(d), Notify communication devices: no notification under this term is recorded. "
                        "If the start-up notice is given before the move, tell the police")
    assert overdue < change


def test_with_nothing_notified_the_change_on_moving_says_what_to_do_if_the_start_up_notice_comes_before_or_after_the_move():
    text = to_text(transfer().document)
    assert ("Term 3(d), Notify communication devices: no notification under this term is recorded. If the start-up notice is "
            "given before the move, tell the police in writing of the change to the address where the device is usually kept, "
            "within 3 days of moving (by 4 March 2028); if it is given after the move, the start-up notice itself must give the "
            "address where the device is usually kept as it is after the move. Either notice goes to the notification address "
            "that applies on the day it is given.") in text
    assert "comes first; then" not in text


def test_the_police_actions_are_dated():
    text = to_text(transfer().document)
    assert "| 1 March 2028 | Greater Manchester Police: send the subject a transfer acceptance letter" in text
    assert "| 21 February 2028 | Lancashire Constabulary: next compliance check of term 1 (Notify financial accounts)" in text
    assert ("| 6 March 2028 | Greater Manchester Police: next review of the order (every 6 months from the order's start: the standard "
            "cycle Lancashire Constabulary uses where no review plan of Greater Manchester Police's own is held; the order itself "
            "sets no review cycle)") in text


def test_a_review_plan_held_for_the_receiving_force_is_named_as_its_own(monkeypatch):
    from docgen.register import forces as forces_module

    real = forces_module.shipped_forces()
    gmp = next(f for f in real.forces if f.code == "GMP")
    changed = real.model_copy(update={"forces": [gmp.model_copy(update={"review_every_months": 3}) if f is gmp else f for f in real.forces]})
    monkeypatch.setattr(forces_module, "shipped_forces", lambda: changed)
    monkeypatch.setattr("docgen.kinds.transfer_letter.handover.review_months", lambda code: changed.settings_for(code).review_every_months)
    text = to_text(transfer().document)
    assert ("next review of the order (every 3 months from the order's start: Greater Manchester Police's review plan as "
            "Lancashire Constabulary holds it; the order itself sets no review cycle)") in text


def test_every_police_action_names_the_force_that_manages_the_order_on_its_date():
    text = to_text(transfer().document)
    rows = text[text.index("### What the police must do next"):text.index("## Contacts")].splitlines()
    dated = [r for r in rows if r.startswith("| ") and "Due by" not in r]
    assert dated and all(r.split(" | ")[1].startswith(("Lancashire Constabulary: ", "Greater Manchester Police: ")) for r in dated)
    assert all("Lancashire Constabulary: " in r for r in dated if "February 2028" in r)


def test_a_missing_start_up_notice_with_nothing_recorded_is_a_police_decision_owed_before_the_move():
    text = to_text(transfer().document)
    assert ("| Before 1 March 2028 | Lancashire Constabulary: decide and record what is done about the missing term 3 start-up "
            "notification (due 13 September 2027)") in text
    # after the move the receiving force owes it, with no deadline invented
    text = to_text(transfer(date=dt.date(2028, 3, 2)).document)
    assert ("| As soon as possible | Greater Manchester Police: decide and record what is done about the missing term 3 "
            "start-up notification") in text
    # once something is recorded about it, no decision is listed
    data = sample_data("exampleton-fraud")
    data["history"].insert(1, {"id": "EV-009", "type": "warning", "date": "2027-09-20", "term": 3, "level": "advisory",
                               "summary": "Advised of the missing device notice.", "by": "DS Inventedname"})
    assert "decide and record what is done about the missing term 3 start-up notification" not in to_text(transfer(data).document)


def test_a_start_up_notice_still_missing_after_what_was_done_keeps_a_police_action():
    text = to_text(transfer().document)
    assert ("| Before 1 March 2028 | Lancashire Constabulary: decide and record what further is done about the term 1 start-up "
            "notification (due 13 September 2027), still missing after the failure to comply with term 1 recorded on 11 October "
            "2027\n") in text
    data = sample_data("exampleton-fraud")  # once a start-up notice is recorded, nothing further is owed about it
    data["history"].insert(1, {"id": "EV-009", "type": "notification", "date": "2027-09-10", "term": 1,
                               "summary": "Every account held on the day the order started.", "by": "DS Inventedname"})
    assert "term 1 start-up notification (due" not in to_text(transfer(data).document)


def test_start_up_notifications_made_or_missing():
    text = to_text(transfer().document)
    assert "| 3: Notify communication devices | 13 September 2027 | Missing: none recorded by the due date" in text
    assert ("owed only if the subject had physical cash, or stored-value cards, worth more than £2,500.00 in total when the "
            "order came into force.") in text
    assert "when this order comes into force." not in text.split("#### Start-up notifications", 1)[1]
    data = sample_data("exampleton-fraud")
    data["history"].insert(1, {"id": "EV-009", "type": "notification", "date": "2027-09-10", "term": 3,
                               "summary": "Every device held on the day the order started.", "by": "DS Inventedname"})
    assert "| 3: Notify communication devices | 13 September 2027 | Notified on 10 September 2027" in to_text(transfer(data).document)


def test_a_home_address_term_makes_the_new_address_due_after_the_move():
    data = sample_data("exampleton-fraud")
    data["terms"].append({"clause": "RES-001", "params": {"notify_days": 3}, "justification": data["terms"][0]["justification"]})
    text = to_text(transfer(data).document)
    assert ("| 4 March 2028 | Term 4, " in text) and "of the new home address, stating the full address" in text


def test_a_listed_variation_hearing_is_a_dated_police_action():
    data = sample_data("exampleton-fraud")
    data["variation"]["hearing_on"] = "2028-04-10"
    text = to_text(transfer(data).document)
    assert "the hearing is listed for 10 April 2028" in text
    assert "| 10 April 2028 | Greater Manchester Police: hearing of the application to vary the order, at the High Court of Justice" in text


def test_evidence_dated_after_the_letter_is_named_not_enclosed():
    data = sample_data("exampleton-fraud")
    data["evidence_files"][1]["date"] = "2028-03-01"  # the subject profile, after the letter of 7 February
    enclosed, missing = enclosed_and_not(to_text(transfer(data).document))
    assert "Subject profile" not in enclosed
    assert "Subject profile with photograph and known associates: it is dated 1 March 2028, after the transfer letter" in missing


def test_a_missing_start_up_notification_is_an_overdue_subject_action_saying_what_was_done():
    text = to_text(transfer().document)
    # term 3: never notified and nothing recorded about it
    assert "| 13 September 2027 (overdue) | Term 3, Notify communication devices: the start-up notification is overdue and no action about it is recorded. The term says: Within 7 days of this order coming into force" in text
    assert "| 3: Notify communication devices | 13 September 2027 | Missing: none recorded by the due date; no action about it is recorded" in text
    # term 1: the October notification records the change it reports, so it is no start-up notice: still overdue
    assert "Term 1, Notify financial accounts: the start-up notification is overdue and a failure to comply with term 1 was recorded on 11 October 2027." in text
    # without the day of the change, what was recorded is stated plainly, the later notification quoted and not
    # taken as the start-up notice, and someone is to find out
    unknown = sample_data("exampleton-fraud")
    del next(e for e in unknown["history"] if e["id"] == "EV-003")["changed_on"]
    text = to_text(transfer(unknown).document)
    assert ("| 1: Notify financial accounts | 13 September 2027 | Missing: none recorded by the due date; a failure to comply with "
            "term 1 was recorded on 11 October 2027. A notification under this term was recorded on 13 October 2027: "
            "\u201cWritten notification received of the account opened on 2 October 2027") in text
    assert "It is not recorded whether it covered the start-up notification." in text
    assert "Term 1, Notify financial accounts: the start-up notification is overdue" not in text
    assert ("Lancashire Constabulary: establish and record whether the notification under term 1 recorded on 13 October 2027 "
            "covered the term 1 start-up notification (due 13 September 2027)") in text
    # a warning about term 3 after its due date is recorded as what was done
    data = sample_data("exampleton-fraud")
    data["history"].insert(1, {"id": "EV-009", "type": "warning", "date": "2027-09-20", "term": 3, "level": "advisory",
                               "summary": "Advised of the missing device notice.", "by": "DS Inventedname"})
    text = to_text(transfer(data).document)
    assert "Term 3, Notify communication devices: the start-up notification is overdue and a warning about term 3 was recorded on 20 September 2027." in text


def test_each_conviction_gives_the_date_of_conviction_and_of_sentence():
    text = to_text(transfer().document)
    assert "Fraud by false representation (12 counts) (Crown Court at Sampleby, convicted 20 January 2025; sentenced 7 March 2025: 5 years' imprisonment)" in text
    data = sample_data("exampleton-fraud")
    data["convictions"][1]["convicted_on"] = "2025-03-07"
    text = to_text(transfer(data).document)
    assert "Converting criminal property (Crown Court at Sampleby, convicted and sentenced 7 March 2025: 3 years' imprisonment, concurrent)" in text


def test_a_notification_marked_as_a_change_never_counts_as_the_start_up_notice():
    data = sample_data("exampleton-fraud")
    data["history"].insert(1, {"id": "EV-009", "type": "notification", "date": "2027-09-10", "term": 3, "changed_on": "2027-09-08",
                               "summary": "A new phone bought on 8 September 2027.", "by": "DS Inventedname"})
    text = to_text(transfer(data).document)
    assert "| 3: Notify communication devices | 13 September 2027 | Missing: none recorded by the due date; no action about it is recorded." in text
    assert "Notified on 10 September 2027" not in text
    assert "| 13 September 2027 (overdue) | Term 3, Notify communication devices: the start-up notification is overdue" in text


def test_the_confirmation_asked_of_the_receiving_force_is_one_request_with_what_happens_until_it_is_done():
    text = to_text(transfer().document)
    assert ("Please confirm in writing, as soon as possible, that Greater Manchester Police takes the case on from 1 March 2028, "
            "and give the name of the officer who will manage the subject: write to Detective Sergeant Morgan Inventedname at "
            "economic.lom@example.police.uk, quoting ") in text
    assert "Until that confirmation arrives" not in text
    assert "confirm receipt" not in text
    assert text.count("as soon as possible") == 1


def test_the_move_section_says_when_no_term_requires_notice_of_the_new_home_itself():
    text = to_text(transfer().document)
    section = text[text.index("#### What the subject must do next"):text.index("#### What the police must do next")]
    assert "No term of the order requires the subject to give notice of the change of home address itself" in section
    assert "The notices the move does require under other terms are in the table below." in section
    assert "Term 3(d), Notify communication devices" in section  # the declared duty on moving is kept
    data = sample_data("exampleton-fraud")
    data["terms"].append({"clause": "RES-001", "params": {"notify_days": 3}, "justification": data["terms"][0]["justification"]})
    assert "notice of the change of home address itself" not in to_text(transfer(data).document)


def test_a_start_up_condition_reads_in_the_past_or_is_quoted_as_the_term_words_it():
    from docgen.kinds.transfer_letter.handover import in_the_past

    assert in_the_past("a night away from home begins within 24 hours of the order coming into force") == (
        "a night away from home began within 24 hours of the order coming into force")
    assert in_the_past("the subject has more than that total when this order comes into force") == (
        "the subject had more than that total when the order came into force")
    assert in_the_past("the subject keeps a boat when this order comes into force") is None  # no guess at a tense


def test_one_handover_point_the_move_date_is_used_throughout():
    text = to_text(transfer().document)
    assert ("The management of the order passes on the day of the move: Lancashire Constabulary does what falls due before "
            "1 March 2028, and Greater Manchester Police what falls due from that day") in text
    assert "send the subject a transfer acceptance letter giving that address on 1 March 2028, when you take the case on" in text
    assert "as soon as you take the case on" not in text
    assert "| 1 March 2028 | Greater Manchester Police: send the subject a transfer acceptance letter" in text
