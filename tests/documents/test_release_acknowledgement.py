"""The release-day acknowledgement: plain words, a box to initial per term, and who, when, where."""

from __future__ import annotations

from docgen.model import Signature, Table, to_text
from tests.documents.conftest import case_and_house, render_kind, sample_data


def test_every_term_is_in_plain_words_with_an_empty_box_for_initials(rendered):
    document = rendered["release-acknowledgement", "specimen-drugs"].document
    table = next(b for b in document.blocks if isinstance(b, Table) and b.rows[0].cells[-1].blocks and "initials" in b.rows[0].cells[-1].blocks[0].text)
    rows = table.rows[1:]
    assert [r.cells[0].blocks[0].text for r in rows] == ["1", "2", "3"]
    assert all(r.cells[2].blocks == () for r in rows)
    assert rows[0].cells[1].blocks[0].text.startswith("Tell the police in writing within 3 days")


def test_the_officer_date_time_place_and_body_worn_video_reference_are_lines_to_fill_in(rendered):
    labels = [
        label
        for b in rendered["release-acknowledgement", "specimen-drugs"].document.blocks
        if isinstance(b, Signature)
        for label in b.labels
    ]
    for wanted in ("Name, rank and collar number", "Date", "Time", "Place", "Body-worn video reference", "Signed"):
        assert wanted in labels


def test_it_states_the_s25_consequence_and_the_duty_owed_to_the_police(rendered):
    text = to_text(rendered["release-acknowledgement", "exampleton-fraud"].document)
    assert "section 25 of the Serious Crime Act 2007" in text
    assert "imprisonment for a term not exceeding 5 years" in text
    assert "Telling your probation officer, a prison officer or your solicitor is **not** telling the police." in text


def test_a_term_with_its_own_dates_shows_them_beside_its_plain_words():
    data = sample_data("testwood-trafficking")
    data["terms"][2]["ends_on"] = "2029-05-18"
    text = to_text(render_kind("release-acknowledgement", "testwood-trafficking", data).document)
    assert "From the start of the order until the end of 18 May 2029." in text


def test_worked_examples_meant_for_the_subject_sit_beside_the_term(rendered):
    from docgen.conditions import shipped_library

    case, _ = case_and_house("specimen-drugs")
    clause = shipped_library().get(case.terms[0].clause, version=case.terms[0].version)
    shown = [e for e in clause.examples if e.for_subject]
    assert shown, "the sample's first clause has examples for the subject"
    text = to_text(rendered["release-acknowledgement", "specimen-drugs"].document)
    for example in shown:
        verdict = "This breaks the order." if example.breach else "This does not break the order."
        scenario, _ = clause.render_example(example, case.terms[0].params)
        assert f"For example: {' '.join(scenario.split())} {verdict}" in " ".join(text.split())
    hidden = [e for e in clause.examples if not e.for_subject]
    assert all(e.scenario.strip() not in text for e in hidden)


def test_a_welsh_acknowledgement_prints_no_example_in_english():
    text = to_text(render_kind("release-acknowledgement", "ffug-wales", language="cy").document)
    form, _, annex = text.partition("Atodiad: testun Cymraeg heb ei adolygu eto")
    assert "Er enghraifft:" in form and "For example:" not in form
    # the review annex sets the English beside each unreviewed Welsh sentence, by design


def test_the_period_names_the_release_as_done_only_once_it_has_happened():
    import datetime as dt

    before = to_text(render_kind("release-acknowledgement", "specimen-drugs", date=dt.date(2027, 1, 10)).document)
    assert "From the day you are released from custody, expected to be 15 January 2027, until the end of 14 January 2032" in before
    on_the_day = to_text(render_kind("release-acknowledgement", "specimen-drugs", date=dt.date(2027, 1, 15)).document)
    assert "From 15 January 2027, the day you were released from custody, until the end of 14 January 2032" in on_the_day
