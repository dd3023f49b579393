"""The caseload and the case page: what an officer sees, read from the library."""

from __future__ import annotations

from docgen.case import load_case
from docgen.lint import lint_case
from docgen.orderstate import state_on
from tests.web.conftest import TODAY, sign_in, text_of


def test_the_caseload_counts_cases_by_state_and_lists_them_by_force_and_officer(client):
    sign_in(client, "mo")
    page = text_of(client.get("/").text)
    assert "6 cases" in page
    assert "2 proposed" in page and "1 awaiting release" in page and "2 live" in page and "1 ended" in page
    rows = [cid for cid in ("MPS-SCPO-0003", "MPS-SCPO-0006", "MPS-SCPO-0008") if cid in page]
    assert rows == ["MPS-SCPO-0003", "MPS-SCPO-0006", "MPS-SCPO-0008"]


def test_the_caseload_lists_dates_due_in_30_days_and_overdue_actions(client):
    sign_in(client, "olive")
    page = text_of(client.get("/").text)
    due = page.split("Due in the next 30 days")[1].split("Due in 31 to 90 days")[0]
    overdue = page.split("Overdue")[-1].split("Due in the next 30 days")[0]
    assert "2027-04-24 WYP-SCPO-0001 Action due from the subject (EV-006, term 2)" in overdue
    assert "Nothing." in due


def test_the_case_page_states_the_order_as_orderstate_reads_it(client, config):
    sign_in(client, "olive")
    case = load_case(config.cases / "specimen-drugs.yaml")
    page = text_of(client.get("/cases/WYP-SCPO-0001").text)
    assert state_on(case, TODAY).describe() in page


def test_the_case_page_shows_history_terms_with_clause_codes_and_lint_findings(client, config):
    sign_in(client, "olive")
    case = load_case(config.cases / "specimen-drugs.yaml")
    page = text_of(client.get("/cases/WYP-SCPO-0001").text)
    for event in case.history:
        assert f"({event.id})" in page
    for term in case.terms:
        assert term.clause in page
    findings = lint_case(case)
    if findings:
        assert findings[0].message in page
    else:
        assert "No findings" in page


def test_a_case_file_that_does_not_validate_is_shown_with_its_problems(client, config):
    path = config.cases / "specimen-drugs.yaml"
    path.write_text(path.read_text().replace("pnc: ", "pnc: NOT-A-PNC #", 1))
    sign_in(client, "olive")
    assert "invalid" in text_of(client.get("/").text)
    page = text_of(client.get("/cases/WYP-SCPO-0001").text)
    assert "The case file does not validate" in page and "subject.pnc" in page


def test_the_stylesheet_is_served(client):
    response = client.get("/static/app.css")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/css")
