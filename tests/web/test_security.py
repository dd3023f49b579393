"""Signing in, sessions, CSRF, the rate limit, headers and who may see which case."""

from __future__ import annotations

from starlette.testclient import TestClient

from docgen.register import Register
from docgen.web import create_app
from tests.web.conftest import csrf_of, sign_in, text_of, token


def test_every_page_sends_anyone_signed_out_to_the_sign_in_page(client):
    for path in ("/", "/log", "/cases/WYP-SCPO-0001", "/cases/WYP-SCPO-0001/preview?kind=draft-order",
                 "/cases/WYP-SCPO-0001/issue?kind=draft-order", "/cases/WYP-SCPO-0001/edit/subject",
                 "/cases/WYP-SCPO-0001/download?reference=x&format=pdf"):
        response = client.get(path)
        assert response.status_code == 303 and response.headers["location"] == "/login", path


def test_a_right_password_signs_in_with_a_strict_httponly_cookie(client):
    login = client.get("/login")
    response = client.post("/login", data={"name": "olive", "password": "correct horse battery", "csrf": csrf_of(login.text)})
    assert response.status_code == 303
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/" in cookie
    assert "Caseload" in client.get("/").text


def test_signing_in_gives_a_new_session_id(client):
    before = client.get("/login").cookies.get("docgen_session") or client.cookies.get("docgen_session")
    sign_in(client, "olive")
    assert client.cookies.get("docgen_session") != before


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(client):
    response = client.post("/login", data={"name": "olive", "password": "wrong", "csrf": csrf_of(client.get("/login").text)})
    assert response.status_code == 401
    assert "The user name or password is not right." in text_of(response.text)
    assert client.get("/").status_code == 303


def test_an_unknown_user_gets_the_same_answer_as_a_wrong_password(client):
    response = client.post("/login", data={"name": "nobody", "password": "wrong", "csrf": csrf_of(client.get("/login").text)})
    assert response.status_code == 401
    assert "The user name or password is not right." in text_of(response.text)


def test_sign_in_is_refused_after_five_failures_even_with_the_right_password(client):
    for _ in range(5):
        client.post("/login", data={"name": "olive", "password": "wrong", "csrf": csrf_of(client.get("/login").text)})
    response = client.post("/login", data={"name": "olive", "password": "correct horse battery", "csrf": csrf_of(client.get("/login").text)})
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in text_of(response.text)


def test_sign_in_without_the_form_token_is_refused(client):
    client.get("/login")
    response = client.post("/login", data={"name": "olive", "password": "correct horse battery"})
    assert response.status_code == 403
    assert "security token" in text_of(response.text)


def test_signing_out_needs_the_token_and_ends_the_session(client):
    sign_in(client, "olive")
    assert client.post("/logout", data={}).status_code == 403
    assert client.get("/").status_code == 200
    assert client.post("/logout", data={"csrf": token(client)}).status_code == 303
    assert client.get("/").status_code == 303


def test_a_session_cookie_from_another_browser_is_worthless_after_sign_out(config):
    first = sign_in(TestClient(create_app(config), follow_redirects=False), "olive")
    stolen = first.cookies.get("docgen_session")
    first.post("/logout", data={"csrf": token(first)})
    other = TestClient(first.app, follow_redirects=False, cookies={"docgen_session": stolen})
    assert other.get("/").status_code == 303


def test_every_page_carries_a_policy_that_allows_no_inline_script(client):
    sign_in(client, "olive")
    for path in ("/login", "/", "/cases/WYP-SCPO-0001", "/static/app.css", "/cases/NOPE"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp and "unsafe-inline" not in csp, path
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "no-referrer"


def test_no_page_holds_a_script(client):
    sign_in(client, "olive")
    for path in ("/login", "/", "/cases/WYP-SCPO-0001", "/cases/WYP-SCPO-0001/edit/subject"):
        assert "<script" not in client.get(path).text.lower(), path


def test_the_caseload_shows_only_the_users_teams_cases(client):
    sign_in(client, "olive")
    page = text_of(client.get("/").text)
    assert "WYP-SCPO-0001" in page and "WYP-SCPO-0005" in page
    assert "MPS-SCPO-0003" not in page and "TESTWOOD" not in page


def test_another_teams_case_answers_as_if_it_did_not_exist(client):
    sign_in(client, "olive")
    other = client.get("/cases/MPS-SCPO-0003")
    missing = client.get("/cases/NO-SUCH-CASE")
    assert other.status_code == missing.status_code == 404
    assert text_of(other.text) == text_of(missing.text)
    assert "TESTWOOD" not in other.text


def test_another_teams_case_cannot_be_previewed_issued_edited_or_downloaded(client):
    sign_in(client, "olive")
    csrf = token(client)
    assert client.get("/cases/MPS-SCPO-0003/preview?kind=draft-order").status_code == 404
    assert client.get("/cases/MPS-SCPO-0003/issue?kind=draft-order").status_code == 404
    assert client.post("/cases/MPS-SCPO-0003/issue", data={"kind": "draft-order", "reason": "x", "csrf": csrf}).status_code == 404
    assert client.get("/cases/MPS-SCPO-0003/edit/subject").status_code == 404
    assert client.post("/cases/MPS-SCPO-0003/edit/subject", data={"csrf": csrf}).status_code == 404
    assert client.get("/cases/MPS-SCPO-0003/download?reference=x&format=pdf").status_code == 404


def test_an_officer_may_not_read_the_register_log(client):
    sign_in(client, "olive")
    response = client.get("/log")
    assert response.status_code == 403
    assert "Only supervisors and administrators" in text_of(response.text)


def test_a_supervisor_reads_the_log_of_their_teams_cases_only(config):
    officer = sign_in(TestClient(create_app(config), follow_redirects=False), "olive")
    officer.get("/cases/WYP-SCPO-0001")
    other = sign_in(TestClient(officer.app, follow_redirects=False), "mo")
    other.get("/cases/MPS-SCPO-0003")
    supervisor = sign_in(TestClient(officer.app, follow_redirects=False), "sam")
    page = text_of(supervisor.get("/log").text)
    assert "WYP-SCPO-0001" in page and "olive" in page
    assert "MPS-SCPO-0003" not in page


def test_viewing_a_case_is_logged_in_the_register_with_who_and_what(client, config):
    sign_in(client, "olive")
    client.get("/cases/WYP-SCPO-0001")
    with Register.open(config.register) as reg:
        entries = [e for e in reg.log("WYP-SCPO-0001") if e.action == "view"]
    assert [(e.user, e.case_id) for e in entries] == [("olive", "WYP-SCPO-0001")]


def test_the_server_log_carries_no_case_data(client, caplog):
    sign_in(client, "olive")
    with caplog.at_level("DEBUG"):
        client.get("/cases/WYP-SCPO-0001")
        client.get("/cases/WYP-SCPO-0001/preview?kind=warning-letter&event=EV-002&date=2027-02-03")
    assert "SPECIMEN" not in caplog.text and "Jordan" not in caplog.text
