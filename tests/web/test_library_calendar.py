"""The clause library browser and the calendar downloads."""

from __future__ import annotations

from docgen.conditions import shipped_library
from docgen.register import Register
from tests.web.conftest import sign_in, text_of


def test_the_clause_library_lists_every_current_clause(client):
    sign_in(client, "olive")
    library = shipped_library()
    current = [c for c in (library.current(code) for code in library.codes()) if c is not None]
    page = text_of(client.get("/clauses").text)
    assert f"{len(current)} clauses found" in page
    assert all(c.code in page for c in current)


def test_a_search_narrows_the_list_by_words_in_the_title_or_wording(client):
    sign_in(client, "olive")
    page = text_of(client.get("/clauses", params={"q": "communication device"}).text)
    assert "COM-001" in page and "FIN-001" not in page


def test_a_clause_page_shows_guidance_questions_examples_and_mirror(client):
    sign_in(client, "olive")
    clause = shipped_library().current("COM-001")
    page = text_of(client.get("/clauses/COM-001").text)
    assert str(clause.title) in page and clause.version in page
    assert str(clause.guidance.questions[0].ask) in page
    assert "Licence mirror" in page and "Questions to answer in the justification" in page
    assert str(clause.examples[0].why) in page
    # an example's values are filled as the wording's are, never shown as template markup
    assert "{{" not in page and "until more than 3 days later" in page


def test_an_unknown_clause_is_not_found(client):
    sign_in(client, "olive")
    assert client.get("/clauses/ZZZ-999").status_code == 404


def test_a_cases_calendar_downloads_as_ics_and_is_logged(client, config):
    sign_in(client, "olive")
    response = client.get("/cases/WYP-SCPO-0001/calendar.ics")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/calendar")
    assert response.text.startswith("BEGIN:VCALENDAR") and "WYP-SCPO-0001" in response.text
    assert "SPECIMEN" not in response.text
    with Register.open(config.register) as reg:
        assert [e.action for e in reg.log("WYP-SCPO-0001")] == ["export"]


def test_the_caseload_calendar_holds_only_the_users_teams_cases(client):
    sign_in(client, "olive")
    body = client.get("/calendar.ics").text
    assert "WYP-SCPO-0001" in body and "MPS-SCPO-" not in body


def test_another_teams_calendar_is_not_found(client):
    sign_in(client, "olive")
    assert client.get("/cases/MPS-SCPO-0003/calendar.ics").status_code == 404


def test_library_and_calendar_need_a_signed_in_user(client):
    for path in ("/clauses", "/clauses/COM-001", "/calendar.ics", "/cases/WYP-SCPO-0001/calendar.ics"):
        assert client.get(path).status_code == 303, path
