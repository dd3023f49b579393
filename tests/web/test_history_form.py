"""Adding a history event from the browser: appended, validated like any case file."""

from __future__ import annotations

import re

from docgen.case import load_case
from tests.web.conftest import sign_in, text_of, token

ADD = "/cases/WYP-SCPO-0001/edit/history"


def _digest(client) -> str:
    return re.search(r'name="digest" value="([^"]+)"', client.get(ADD).text).group(1)


def test_an_event_is_added_at_the_end_of_the_history_and_nothing_else_changes(client, config):
    path = config.cases / "specimen-drugs.yaml"
    before = path.read_text()
    sign_in(client, "olive")
    response = client.post(ADD, data={
        "csrf": token(client, ADD), "digest": _digest(client), "id": "EV-099", "type": "compliance_check",
        "date": "2027-05-20", "summary": "Home visit: the notified handset only.", "term": "1", "level": "",
    })
    assert response.status_code == 303, text_of(response.text)
    after = path.read_text()
    assert after.startswith(before.split("\nhistory:")[0])
    case = load_case(path)
    assert (case.history[-1].id, case.history[-1].type, case.history[-1].term) == ("EV-099", "compliance_check", 1)
    assert len(case.history) == len(load_case_text(before))
    assert "EV-099" in text_of(client.get("/cases/WYP-SCPO-0001").text)


def load_case_text(text: str) -> list[str]:
    return re.findall(r"\n  - id: EV-", text.split("\nhistory:")[1]) + ["new"]


def test_a_bad_time_is_shown_beside_its_field_and_nothing_is_saved(client, config):
    path = config.cases / "specimen-drugs.yaml"
    before = path.read_bytes()
    sign_in(client, "olive")
    response = client.post(ADD, data={
        "csrf": token(client, ADD), "digest": _digest(client), "id": "EV-001", "type": "contact",
        "date": "2027-05-20", "time": "25:00", "summary": "Phone call.",
    })
    assert response.status_code == 400
    page = text_of(response.text)
    assert "There is a problem" in page
    assert "Time: String should match pattern" in page
    assert 'id="f-time-error"' in response.text
    assert path.read_bytes() == before


def test_a_duplicate_event_id_is_refused_with_validates_message(client, config):
    path = config.cases / "specimen-drugs.yaml"
    before = path.read_bytes()
    sign_in(client, "olive")
    response = client.post(ADD, data={
        "csrf": token(client, ADD), "digest": _digest(client), "id": "EV-001", "type": "contact",
        "date": "2027-05-20", "summary": "Phone call.",
    })
    assert response.status_code == 400
    assert "EV-001" in text_of(response.text.split("There is a problem")[1].split("</div>")[0])
    assert path.read_bytes() == before


def test_a_value_yaml_would_read_as_a_number_is_written_quoted(client, config):
    sign_in(client, "olive")
    form = {"csrf": token(client, ADD), "digest": _digest(client), "id": "EV-098", "type": "contact",
            "date": "2027-05-20", "time": "09:30", "summary": "1234", "by": "yes"}
    assert client.post(ADD, data=form).status_code == 303
    event = load_case(config.cases / "specimen-drugs.yaml").history[-1]
    assert (event.time, str(event.summary), event.by) == ("09:30", "1234", "yes")
