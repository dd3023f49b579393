"""The covering note to the CPS: what is enclosed, the order asked for, and the authority."""

from __future__ import annotations

from docgen.conditions import shipped_library
from docgen.model import to_text
from tests.documents.conftest import render_kind, sample_data


def test_it_lists_the_enclosures_with_the_references_they_carry(rendered):
    text = to_text(rendered["cps-covering-note", "specimen-drugs"].document)
    assert "| 1 | Application to the Crown Court for a Serious Crime Prevention Order on conviction (draft for the CPS) | WYP-SCPO-0001/APP" in text
    assert "| 2 | Draft Serious Crime Prevention Order with its schedule of terms, notification address and definitions | WYP-SCPO-0001/ORD" in text
    app = rendered["scpo-application", "specimen-drugs"].meta.reference
    order = rendered["draft-order", "specimen-drugs"].meta.reference
    assert (app, order) == ("WYP-SCPO-0001/APP", "WYP-SCPO-0001/ORD")


def test_it_is_addressed_to_the_authorising_prosecutor_and_confirms_the_authority(rendered):
    text = to_text(rendered["cps-covering-note", "testwood-trafficking"].document)
    assert "Dear Alex Unreal," in text
    assert "you authorised this application on 30 October 2023" in text


def test_without_an_authority_it_asks_for_one_in_writing():
    data = sample_data("specimen-drugs")
    del data["order"]["authorising_prosecutor"]
    text = to_text(render_kind("cps-covering-note", "specimen-drugs", data, draft=True).document)
    assert "Dear Prosecutor," in text
    assert "**We hold no record that this application has been authorised.**" in text


def test_it_names_the_people_who_may_ask_to_be_heard(rendered):
    text = to_text(rendered["cps-covering-note", "exampleton-fraud"].document)
    assert "(section 9)" in text
    assert "Her brother and her mother, in whose names accounts were opened" in text


def test_it_summarises_each_term_with_its_clause_and_version(rendered):
    text = to_text(rendered["cps-covering-note", "exampleton-fraud"].document)
    clause = shipped_library().current("FIN-002")
    assert f"| 1 | {clause.title} | FIN-002 {clause.version}" in text
