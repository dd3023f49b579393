"""The application's approval: each step by its role, in order, logged; issue waits for it."""

from __future__ import annotations

from starlette.testclient import TestClient

from docgen.register import Register
from docgen.web import create_app
from tests.web.conftest import sign_in, text_of, token

CASE = "/cases/MPS-SCPO-0007"


def _step(client, step, comment=""):
    return client.post(f"{CASE}/approval", data={"step": step, "comment": comment, "csrf": token(client, CASE)})


def _clients(config):
    app = create_app(config)
    return (sign_in(TestClient(app, follow_redirects=False), "mo"),
            sign_in(TestClient(app, follow_redirects=False), "max"))


def test_a_new_application_is_drafted_and_an_officer_cannot_review_it(config):
    officer, _ = _clients(config)
    assert "The application is drafted" in text_of(officer.get(CASE).text)
    response = _step(officer, "review")
    assert response.status_code == 403 and "only a supervisor or admin" in text_of(response.text)


def test_steps_out_of_order_are_refused_in_words(config):
    officer, supervisor = _clients(config)
    response = _step(officer, "send")
    assert response.status_code == 409
    assert "the application is drafted" in text_of(response.text)
    assert _step(supervisor, "authorise").status_code == 409


def test_returning_needs_comments(config):
    officer, supervisor = _clients(config)
    _step(supervisor, "review")
    _step(officer, "send")
    response = _step(supervisor, "return")
    assert response.status_code == 409 and "returning needs comments" in text_of(response.text)
    assert _step(supervisor, "return", "justify term 2 with the search evidence").status_code == 303
    assert "The application is returned" in text_of(officer.get(CASE).text)


def test_an_approval_step_without_the_form_token_is_refused(config):
    _, supervisor = _clients(config)
    assert supervisor.post(f"{CASE}/approval", data={"step": "review"}).status_code == 403


def test_each_step_is_logged_in_the_register_by_who_took_it(config):
    officer, supervisor = _clients(config)
    _step(supervisor, "review")
    _step(officer, "send", "sent through the CPS gateway")
    _step(supervisor, "authorise", "authorised by the reviewing lawyer")
    with Register.open(config.register) as reg:
        steps = [(e.user, e.action, e.reason) for e in reg.log("MPS-SCPO-0007") if e.action.startswith("approval-")]
    assert steps == [
        ("max", "approval-review", "reviewed"),
        ("mo", "approval-send", "sent through the CPS gateway"),
        ("max", "approval-authorise", "authorised by the reviewing lawyer"),
    ]


def test_the_application_is_issued_only_once_authorised(config):
    officer, supervisor = _clients(config)
    form = {"kind": "scpo-application", "reason": "application for the hearing"}
    refused = officer.post(f"{CASE}/issue", data={**form, "csrf": token(officer, CASE)})
    assert refused.status_code == 400 and "can be issued only once the CPS's authority is recorded" in text_of(refused.text)
    _step(supervisor, "review")
    _step(officer, "send")
    _step(supervisor, "authorise")
    issued = officer.post(f"{CASE}/issue", data={**form, "csrf": token(officer, CASE)})
    assert issued.status_code == 303, text_of(issued.text)
    with Register.open(config.register) as reg:
        assert [d.kind for d in reg.issued("MPS-SCPO-0007")] == ["scpo-application"]


def test_another_teams_application_cannot_be_stepped(config):
    app = create_app(config)
    other = sign_in(TestClient(app, follow_redirects=False), "sam")
    response = other.post(f"{CASE}/approval", data={"step": "review", "csrf": token(other)})
    assert response.status_code == 404
