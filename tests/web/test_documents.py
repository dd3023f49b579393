"""Preview and issue from the browser: the pipeline's refusals in words, the CLI's record."""

from __future__ import annotations

from docgen.register import Register
from tests.web.conftest import sign_in, text_of, token

CASE = "/cases/WYP-SCPO-0001"
LETTER = {"kind": "warning-letter", "event": "EV-002", "date": "2027-02-03"}


def test_a_preview_is_a_pdf_shown_in_the_browser(client):
    sign_in(client, "olive")
    response = client.get(f"{CASE}/preview", params=LETTER)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline;")
    assert response.content.startswith(b"%PDF")


def test_a_preview_is_logged_in_the_register(client, config):
    sign_in(client, "olive")
    client.get(f"{CASE}/preview", params=LETTER)
    with Register.open(config.register) as reg:
        assert [e.action for e in reg.log("WYP-SCPO-0001")] == ["preview"]


def test_a_document_the_orders_state_refuses_is_explained_in_words(client):
    sign_in(client, "olive")
    response = client.get(f"{CASE}/preview", params={"kind": "expiry-confirmation"})
    assert response.status_code == 400
    page = text_of(response.text)
    assert "This document cannot be produced" in page and "expiry-confirmation" in page and "live" in page


def test_a_letter_about_an_event_without_one_is_refused_in_words(client):
    sign_in(client, "olive")
    page = text_of(client.get(f"{CASE}/preview", params={"kind": "warning-letter"}).text)
    assert "is about one history event" in page


def test_a_date_that_is_not_a_date_is_refused(client):
    sign_in(client, "olive")
    response = client.get(f"{CASE}/preview", params={**LETTER, "date": "3 Feb"})
    assert response.status_code == 400 and "'3 Feb' is not a date" in text_of(response.text)


def test_issuing_asks_for_a_reason_first(client):
    sign_in(client, "olive")
    page = text_of(client.get(f"{CASE}/issue", params=LETTER).text)
    assert "Why is it issued?" in page
    response = client.post(f"{CASE}/issue", data={**LETTER, "reason": "  ", "csrf": token(client)})
    assert response.status_code == 400
    assert "There is a problem" in text_of(response.text) and "Say why the document is issued" in response.text


def test_issuing_without_the_form_token_is_refused_and_nothing_is_issued(client, config):
    sign_in(client, "olive")
    response = client.post(f"{CASE}/issue", data={**LETTER, "reason": "second failure"})
    assert response.status_code == 403
    assert not config.out.exists()


def test_issuing_records_the_document_as_the_cli_does(client, config):
    sign_in(client, "olive")
    response = client.post(f"{CASE}/issue", data={**LETTER, "reason": "late notification of travel", "csrf": token(client)})
    assert response.status_code == 303
    with Register.open(config.register) as reg:
        [document] = reg.issued("WYP-SCPO-0001")
        issues = [e for e in reg.log("WYP-SCPO-0001") if e.action == "issue"]
    assert (document.kind, document.event_id, document.generated_by, document.reason) == (
        "warning-letter", "EV-002", "olive", "late notification of travel")
    assert [(e.user, e.reference) for e in issues] == [("olive", document.reference)]
    assert response.headers["location"].endswith(document.reference)
    assert sorted(p.suffix for p in config.out.iterdir()) == [".docx", ".pdf"]
    page = text_of(client.get(CASE).text)
    assert document.reference in page and "late notification of travel" in page


def test_an_issued_file_downloads_and_the_download_is_logged(client, config):
    sign_in(client, "olive")
    client.post(f"{CASE}/issue", data={**LETTER, "reason": "late notification of travel", "csrf": token(client)})
    with Register.open(config.register) as reg:
        [document] = reg.issued("WYP-SCPO-0001")
    response = client.get(f"{CASE}/download", params={"reference": document.reference, "format": "pdf"})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response.headers["content-disposition"].startswith("attachment;")
    with Register.open(config.register) as reg:
        assert [(e.action, e.reference) for e in reg.log("WYP-SCPO-0001") if e.action == "download"] == [
            ("download", document.reference)]


def test_another_cases_reference_does_not_download(client, config):
    sign_in(client, "olive")
    client.post(f"{CASE}/issue", data={**LETTER, "reason": "late notification of travel", "csrf": token(client)})
    with Register.open(config.register) as reg:
        [document] = reg.issued("WYP-SCPO-0001")
    response = client.get("/cases/WYP-SCPO-0005/download", params={"reference": document.reference, "format": "pdf"})
    assert response.status_code == 404


def test_a_refused_issue_says_why_and_issues_nothing(client, config):
    sign_in(client, "olive")
    response = client.post(f"{CASE}/issue", data={"kind": "expiry-confirmation", "reason": "order ended", "csrf": token(client)})
    assert response.status_code == 400
    assert "expiry-confirmation" in text_of(response.text)
    with Register.open(config.register) as reg:
        assert reg.issued("WYP-SCPO-0001") == []
