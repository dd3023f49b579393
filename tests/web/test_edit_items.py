"""Changing what a case already holds: the officer, the order, a term, a history event; and
taking a term out. validate's messages beside the fields, the file kept as written."""

from __future__ import annotations

from docgen.case import load_case
from docgen.web import editing
from tests.web.conftest import sign_in, text_of, token

PROPOSED = "/cases/MPS-SCPO-0007"
MADE = "/cases/WYP-SCPO-0001"


def _form(client, path):
    import re

    import html as html_lib

    page = client.get(path)
    assert page.status_code == 200, text_of(page.text)
    html = page.text.split('id="section-form"', 1)[1].split("</form>", 1)[0]
    fields = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html))
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        fields[name] = body
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'value="([^"]*)" selected', body)
        fields[name] = chosen.group(1) if chosen else ""
    return {k: html_lib.unescape(v) for k, v in fields.items()}


def test_the_officer_is_changed_and_only_that_line_of_the_file_moves(client, config):
    path = config.cases / "specimen-drugs.yaml"
    before = path.read_text()
    sign_in(client, "olive")
    form = _form(client, f"{MADE}/edit/offender_manager")
    old = form["phone"]
    assert client.post(f"{MADE}/edit/offender_manager", data={**form, "phone": "0113 496 0999"}).status_code == 303
    after = path.read_text()
    assert [line for line in after.splitlines() if line not in before.splitlines()] == [
        next(line for line in before.splitlines() if old in line).replace(old, "0113 496 0999")]
    assert load_case(path).offender_manager.phone == "0113 496 0999"


def test_an_optional_order_field_left_empty_is_removed_and_a_half_given_prosecutor_is_named(client, config):
    path = config.cases / "signwell-authorised.yaml"
    sign_in(client, "mo")
    form = _form(client, f"{PROPOSED}/edit/order")
    assert form["hearing_on"] == "2027-01-29" and form["authorising_prosecutor.name"] == "Alex Unreal"
    response = client.post(f"{PROPOSED}/edit/order", data={**form, "authorising_prosecutor.role": ""})
    assert response.status_code == 400
    assert 'id="f-authorising_prosecutor-role-error"' in response.text
    assert "There is a problem" in text_of(response.text)
    form = _form(client, f"{PROPOSED}/edit/order")
    assert client.post(f"{PROPOSED}/edit/order", data={**form, "hearing_on": ""}).status_code == 303
    assert "hearing_on" not in path.read_text() and load_case(path).order.hearing_on is None
    assert "authorising_prosecutor:\n    name: Alex Unreal" in path.read_text()


def test_a_term_is_changed_with_its_parameters_and_justification(client, config):
    path = config.cases / "signwell-authorised.yaml"
    sign_in(client, "mo")
    form = _form(client, f"{PROPOSED}/edit/terms/1")
    assert form["params.notice_days"] == "7" and form["clause"] == "TRV-001"
    bad = client.post(f"{PROPOSED}/edit/terms/1", data={**form, "params.notice_days": "400"})
    assert bad.status_code == 400 and 'id="f-params-notice_days-error"' in bad.text
    form["justification.proportionality"] = "Travel is allowed; ten days' notice lets officers make enquiries."
    assert client.post(f"{PROPOSED}/edit/terms/1", data={**form, "params.notice_days": "10"}).status_code == 303
    case = load_case(path)
    assert case.terms[0].params["notice_days"] == 10
    assert case.terms[0].justification.proportionality.startswith("Travel is allowed; ten days")


def test_a_term_is_removed_unless_something_refers_to_it_by_number(client, config):
    path = config.cases / "signwell-authorised.yaml"
    sign_in(client, "mo")
    digest = editing.digest(path.read_bytes())
    refused = client.post(f"{PROPOSED}/terms/2/remove", data={"digest": digest, "csrf": token(client, PROPOSED)})
    assert refused.status_code == 400
    assert "application.third_parties.0 (terms [2])" in text_of(refused.text)
    assert len(load_case(path).terms) == 3
    removed = client.post(f"{PROPOSED}/terms/3/remove", data={"digest": digest, "csrf": token(client, PROPOSED)})
    assert removed.status_code == 303
    assert [t.clause for t in load_case(path).terms] == ["TRV-001", "ASC-001"]
    stale = client.post(f"{PROPOSED}/terms/2/remove", data={"digest": digest, "csrf": token(client, PROPOSED)})
    assert stale.status_code == 409


def test_a_made_orders_terms_change_only_by_variation(client, config):
    sign_in(client, "olive")
    assert client.get(f"{MADE}/edit/terms/1").status_code == 409
    path = config.cases / "specimen-drugs.yaml"
    response = client.post(f"{MADE}/terms/1/remove", data={"digest": editing.digest(path.read_bytes()), "csrf": token(client, MADE)})
    assert response.status_code == 400 and "only by a variation" in text_of(response.text)
    assert "Change or remove" not in client.get(MADE).text


def test_a_history_event_is_changed_in_place_and_keeps_its_id(client, config):
    path = config.cases / "signwell-authorised.yaml"
    sign_in(client, "mo")
    form = _form(client, f"{PROPOSED}/edit/history/EV-001")
    assert "id" not in form and form["type"] == "review" and form["date"] == "2026-10-12"
    bad = client.post(f"{PROPOSED}/edit/history/EV-001", data={**form, "date": "12/10/2026"})
    assert bad.status_code == 400 and 'id="f-date-error"' in bad.text
    form["summary"] = "Case conference chose the subject for an application on conviction."
    assert client.post(f"{PROPOSED}/edit/history/EV-001", data=form).status_code == 303
    event = load_case(path).history[0]
    assert (event.id, str(event.summary)) == ("EV-001", "Case conference chose the subject for an application on conviction.")
    assert client.get(f"{PROPOSED}/edit/history/EV-404").status_code == 404


def test_a_change_over_a_file_changed_since_the_form_opened_is_refused(client, config):
    path = config.cases / "signwell-authorised.yaml"
    sign_in(client, "mo")
    form = _form(client, f"{PROPOSED}/edit/history/EV-001")
    path.write_text(path.read_text() + "# edited by hand\n")
    response = client.post(f"{PROPOSED}/edit/history/EV-001", data={**form, "summary": "changed"})
    assert response.status_code == 409 and "changed after you opened this form" in text_of(response.text)
    assert "changed" not in str(load_case(path).history[0].summary)


def test_the_forms_need_their_token_and_another_teams_case_is_not_found(client):
    sign_in(client, "olive")
    form = _form(client, f"{MADE}/edit/offender_manager")
    del form["csrf"]
    assert client.post(f"{MADE}/edit/offender_manager", data=form).status_code == 403
    assert client.get(f"{PROPOSED}/edit/terms/1").status_code == 404
    assert client.get(f"{PROPOSED}/edit/history/EV-001").status_code == 404


def test_a_conviction_takes_its_schedule_1_heading_and_the_lint_finding_goes(client, config):
    path = config.cases / "signwell-authorised.yaml"
    sign_in(client, "mo")
    form = _form(client, f"{PROPOSED}/edit/convictions/1")
    assert "id" not in form and form["schedule1_heading"] == "people-trafficking"
    bad = client.post(f"{PROPOSED}/edit/convictions/1", data={**form, "schedule1_heading": "jaywalking"})
    assert bad.status_code == 400 and 'id="f-schedule1_heading-error"' in bad.text
    assert client.post(f"{PROPOSED}/edit/convictions/1", data={**form, "schedule1_heading": "slavery"}).status_code == 303
    assert load_case(path).convictions[0].schedule1_heading == "slavery"
    assert client.get(f"{PROPOSED}/edit/convictions/2").status_code == 404
