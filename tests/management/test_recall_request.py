"""The recall request: repeated failures on terms the licence mirrors, nothing sensitive."""

from __future__ import annotations

import pytest

from docgen.conditions import shipped_library
from docgen.errors import DocgenError
from docgen.pipeline import load_inputs
from tests.conftest import SAMPLES
from docgen.model import to_text
from tests.management.conftest import render_edited, sample_data


def recall(data=None, event="EV-007", **options):
    return render_edited("recall-request", "specimen-drugs", data, event=event, **options)


def test_each_occasion_and_the_licence_condition_beside_the_term_are_listed():
    text = to_text(recall().document)
    assert "There are 4 recorded occasions in all; the most recent was on 18 May 2027." in text
    assert "The licence condition that mirrors it says:" in text
    case, _ = load_inputs(SAMPLES / "cases" / "specimen-drugs.yaml")
    term = case.terms[1]
    mirror = shipped_library().get(term.clause, version=term.version).render_mirror(term.params)
    assert " ".join(mirror.split())[:80] in " ".join(text.split())
    assert "Evidence: Search record AF/31; Handset download summary AF/32" in text


def test_previous_warnings_are_listed_with_their_dates():
    text = to_text(recall().document)
    assert "Advisory letter dated 3 February 2027, about term 1" in text
    assert "First warning dated 10 March 2027, about term 1" in text


def test_it_is_addressed_to_the_probation_practitioner():
    assert "| To | Jo Pretendperson, Probation Practitioner" in to_text(recall().document)


def test_sensitive_entries_are_not_in_the_request():
    assert "Covert source reporting" not in to_text(recall().document)


def test_a_single_failure_is_not_enough_for_a_recall_request():
    with pytest.raises(DocgenError, match="repeated breaches"):
        recall(event="EV-002")


def test_a_term_without_a_mirroring_licence_condition_is_refused_with_the_reason():
    data = sample_data("specimen-drugs")
    data["terms"][1] = {"clause": "COM-004", "params": {"reply_days": 2}}
    with pytest.raises(DocgenError, match="no mirroring licence condition") as info:
        recall(data)
    assert info.value.problems[0].field == "history.6.term"


def test_a_request_needs_the_probation_contact_and_the_licence():
    data = sample_data("specimen-drugs")
    del data["probation"], data["licence"]
    with pytest.raises(DocgenError) as info:
        recall(data)
    assert {"probation", "licence"} <= {p.field for p in info.value.problems}
