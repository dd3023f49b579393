"""A partner notice gives the partner only the terms that bear on its functions, and is logged."""

from __future__ import annotations

import copy

import pytest

from docgen.case import case_from_data, load_case
from docgen.housestyle import find_house_style, load_house_style
from docgen.kinds.partner_notice import FUNCTIONS, relevant_terms
from docgen.pipeline import term_views
from docgen.yamlio import read_yaml_mapping
from tests.cohort.conftest import OUTCOMES_CASE
from tests.inprocess import run_docgen
from tests.conftest import SAMPLE_CASES, docx_text

PARTNER = {"name": "Casey Notreal", "role": "Licensing officer", "organisation": "Cohortford Council", "email": "partner@example.gov.uk"}


def _with_notice(path, function: str):
    data = read_yaml_mapping(path)
    data = copy.deepcopy(data)
    day = data.get("document_date") or data["order"].get("made_on")
    data.setdefault("history", []).append(
        {"id": "PN-001", "type": "partner_notice", "date": day, "summary": "Terms shared.", "partner": {"function": function, "contact": PARTNER}}
    )
    return case_from_data(data, file=path)


@pytest.mark.parametrize("path", SAMPLE_CASES, ids=lambda p: p.stem)
def test_each_sample_shares_only_the_relevant_terms(path):
    from docgen.demo import render_dated
    from docgen.orderstate import state_on

    case = load_case(path)
    if case.order.status == "proposed" or not case.terms:
        pytest.skip("no order made: nothing to share")
    views = term_views(case, "en_GB")
    chosen = next((f for f in FUNCTIONS if relevant_terms(case, views, f)), None)
    assert chosen is not None, "every sample order has a term some partner needs"
    case = _with_notice(path, chosen)
    shared = relevant_terms(case, views, chosen)
    assert all(str(t.clause.category) in FUNCTIONS[chosen].categories for t in shared)
    if state_on(case, case.history[-1].date).state not in ("made", "live", "varied"):
        pytest.skip("order not in force on the sample's date")
    house = load_house_style(find_house_style(path, case.managing_force))
    text = docx_text(render_dated(case, house, "partner-notice", "PN-001", formats=("docx",)).files["docx"])
    for view in views:
        heading = f"Term {view.number}: {view.title}"
        assert (heading in text) == (view in shared), heading


def test_no_relevant_term_is_refused(tmp_path):
    from docgen.demo import render_dated
    from docgen.errors import DocgenError

    case = _with_notice(OUTCOMES_CASE, "housing")  # the only term is a communication term
    house = load_house_style(find_house_style(OUTCOMES_CASE, case.managing_force))
    with pytest.raises(DocgenError) as info:
        render_dated(case, house, "partner-notice", "PN-001", formats=("docx",))
    assert "no term of the order bears on housing" in str(info.value.problems[0])


def test_partner_is_only_on_a_partner_notice_event():
    data = read_yaml_mapping(OUTCOMES_CASE)
    data["history"][0]["partner"] = {"function": "nca", "contact": PARTNER}
    from docgen.errors import DocgenError

    with pytest.raises(DocgenError) as info:
        case_from_data(data, file="case.yaml")
    assert any(p.field == "history.0.partner" for p in info.value.problems)


def test_an_issued_notice_is_logged_with_who_received_which_terms(tmp_path):
    from docgen.register import Register

    register = tmp_path / "docgen.db"
    result = run_docgen(
        "render", "partner-notice", OUTCOMES_CASE, "--event", "EV-010", "--format", "docx",
        "--issue", "--reason", "Joint oversight of the device term", "--by", "DS Madeup", "--register", register, "--out", tmp_path / "out",
    )
    assert result.returncode == 0, result.stderr
    with Register.open(register) as reg:
        (doc,) = [d for d in reg.issued() if d.kind == "partner-notice"]
    assert doc.event_id == "EV-010"
    assert doc.record["partner"] == "National Crime Agency" and doc.record["partner_function"] == "nca" and doc.record["terms"] == [1]
