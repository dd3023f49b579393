"""Adding a term from the clause library: parameters and justification, checked as validate checks."""

from __future__ import annotations

import re

from docgen.case import load_case
from docgen.conditions import shipped_library
from tests.web.conftest import sign_in, text_of

CASE = "/cases/WYP-SCPO-0001"
ADD = f"{CASE}/edit/terms?clause=TRV-001"


def _form(client) -> dict[str, str]:
    html = client.get(ADD).text
    return {
        "csrf": re.search(r'name="csrf" value="([^"]+)"', html).group(1),
        "digest": re.search(r'name="digest" value="([^"]+)"', html).group(1),
        "clause": "TRV-001",
    }


def _justified() -> dict[str, str]:
    clause = shipped_library().current("TRV-001")
    answers = {f"justification.answers.{q.key}": f"Answer to {q.key}, from the case papers." for q in clause.guidance.questions}
    return {
        "justification.link": "The subject travelled abroad to recruit couriers.",
        "justification.evidence": "MG11 DC Fictional p.2\nExhibit AF/40 (travel records)",
        "justification.proportionality": "Travel stays allowed; only notice is asked.",
        **answers,
    }


def test_the_form_asks_for_each_parameter_and_each_drafting_question(client):
    sign_in(client, "olive")
    page = text_of(client.get(ADD).text)
    clause = shipped_library().current("TRV-001")
    for p in clause.parameters:
        assert str(p.label) in page
    for q in clause.guidance.questions:
        assert str(q.ask) in page


def test_a_justified_term_is_added_at_the_end_of_the_terms(client, config):
    path = config.cases / "specimen-drugs.yaml"
    count = len(load_case(path).terms)
    sign_in(client, "olive")
    response = client.post(ADD, data={**_form(client), **_justified(), "params.notice_days": "7"})
    assert response.status_code == 303, text_of(response.text)
    case = load_case(path)
    assert len(case.terms) == count + 1
    term = case.terms[-1]
    assert (term.clause, term.params, term.justification.evidence) == (
        "TRV-001", {"notice_days": 7}, ["MG11 DC Fictional p.2", "Exhibit AF/40 (travel records)"])
    assert "TRV-001" in text_of(client.get(CASE).text)


def test_a_parameter_outside_its_limits_is_shown_beside_it_and_nothing_is_saved(client, config):
    path = config.cases / "specimen-drugs.yaml"
    before = path.read_bytes()
    sign_in(client, "olive")
    response = client.post(ADD, data={**_form(client), **_justified(), "params.notice_days": "900"})
    assert response.status_code == 400
    assert 'id="f-params-notice_days-error"' in response.text
    assert path.read_bytes() == before


def test_an_unknown_clause_is_refused(client):
    sign_in(client, "olive")
    assert client.get(f"{CASE}/edit/terms?clause=ZZZ-999").status_code == 404
