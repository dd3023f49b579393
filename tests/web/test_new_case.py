"""Starting a case from nothing: one part of the case file a page, each checked as validate checks."""

from __future__ import annotations

from docgen.case import load_case
from docgen.register import Register
from tests.web.conftest import sign_in, text_of, token

NEW = {
    "case_id": "WYP-SCPO-0042", "managing_force": "WYP", "document_date": "2027-01-05",
    "offender_manager.name": "Pat Madeup", "offender_manager.rank": "Detective Constable",
    "offender_manager.role": "Lifetime Offender Manager", "offender_manager.phone": "0113 496 0000",
    "offender_manager.email": "lom@example.police.uk",
    "subject.given_names": "Robin Invented", "subject.family_name": "NEWCASE", "subject.date_of_birth": "1990-04-01",
    "subject.address.lines": "Flat 9\n9 Nowhere Lane\nTestville", "subject.address.postcode": "ZZ9 9AA",
    "subject.pnc": "2015/0000042Z",
    "convictions.id": "C1", "convictions.offence": "Being concerned in the supply of a controlled drug of Class A",
    "convictions.statute": "Misuse of Drugs Act 1971 s.4(3)(b)", "convictions.court": "Crown Court at Testville",
    "convictions.convicted_on": "2026-10-01", "convictions.sentenced_on": "2026-11-20", "convictions.sentence": "6 years' imprisonment",
    "order.court": "Crown Court at Testville", "order.start_rule": "on_release", "order.duration_years": "5",
}


LAST = {"step": "4"}


def _hidden(html: str) -> dict[str, str]:
    import html as html_lib
    import re

    return {k: html_lib.unescape(v) for k, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html)}


def test_the_case_is_entered_one_part_a_page_and_each_page_carries_the_last(client, config):
    sign_in(client, "olive")
    first = client.get("/new").text
    assert "step 1 of 4" in text_of(first) and 'name="case_id"' in first and 'id="f-subject-pnc"' not in first
    page_one = {k: v for k, v in NEW.items() if k.split(".")[0] in ("case_id", "managing_force", "document_date", "offender_manager")}
    second = client.post("/new", data={**page_one, "step": "1", "csrf": token(client, "/new")})
    assert second.status_code == 200 and "step 2 of 4" in text_of(second.text)
    assert "There is a problem" not in second.text  # the subject is not asked for yet
    carried = _hidden(second.text)
    assert carried["case_id"] == "WYP-SCPO-0042" and carried["step"] == "2"
    form = {**carried}
    for step in (2, 3, 4):
        form.update({k: v for k, v in NEW.items() if k not in page_one})
        response = client.post("/new", data=form)
        if step < 4:
            assert response.status_code == 200 and f"step {step + 1} of 4" in text_of(response.text), text_of(response.text)
            form = _hidden(response.text)
    assert response.status_code == 303, text_of(response.text)
    assert load_case(config.cases / "wyp-scpo-0042.yaml").subject.address.lines == ["Flat 9", "9 Nowhere Lane", "Testville"]


def test_going_back_keeps_what_was_entered(client):
    sign_in(client, "olive")
    response = client.post("/new", data={**NEW, "step": "3", "back": "1", "csrf": token(client, "/new")})
    assert "step 2 of 4" in text_of(response.text) and 'value="2015/0000042Z"' in response.text


def test_a_new_case_is_written_validated_and_shown(client, config):
    sign_in(client, "olive")
    response = client.post("/new", data={**NEW, **LAST, "csrf": token(client, "/new")})
    assert response.status_code == 303, text_of(response.text)
    path = config.cases / "wyp-scpo-0042.yaml"
    case = load_case(path)
    assert (case.case_id, case.order.status, case.subject.address.lines) == (
        "WYP-SCPO-0042", "proposed", ["Flat 9", "9 Nowhere Lane", "Testville"])
    assert "WYP-SCPO-0042" in text_of(client.get("/").text)
    with Register.open(config.register) as reg:
        assert [(e.action, e.reason) for e in reg.log("WYP-SCPO-0042")] == [("edit", "case created in the workbench")]


def test_a_new_case_with_problems_shows_them_beside_the_fields_and_writes_nothing(client, config):
    sign_in(client, "olive")
    before = sorted(p.name for p in config.cases.iterdir())
    response = client.post("/new", data={**NEW, **LAST, "subject.pnc": "12", "convictions.sentenced_on": "", "csrf": token(client, "/new")})
    assert response.status_code == 400
    page = text_of(response.text)
    assert "step 2 of 4" in page and "PNC number:" in page and "Sentenced on:" not in page  # the first page with a problem
    response = client.post("/new", data={**NEW, **LAST, "convictions.sentenced_on": "", "csrf": token(client, "/new")})
    assert "step 3 of 4" in text_of(response.text) and "Sentenced on:" in text_of(response.text)
    assert 'id="f-convictions-sentenced_on-error"' in response.text
    assert sorted(p.name for p in config.cases.iterdir()) == before


def test_a_case_id_already_in_the_folder_is_refused(client, config):
    sign_in(client, "olive")
    response = client.post("/new", data={**NEW, "step": "1", "case_id": "WYP-SCPO-0001", "csrf": token(client, "/new")})
    assert response.status_code == 400 and "already holds case WYP-SCPO-0001" in text_of(response.text)


def test_a_new_case_for_another_team_is_refused(client):
    sign_in(client, "olive")
    response = client.post("/new", data={**NEW, **LAST, "managing_force": "MPS", "csrf": token(client, "/new")})
    assert response.status_code == 403


def test_a_new_case_needs_the_form_token(client, config):
    sign_in(client, "olive")
    assert client.post("/new", data={**NEW, **LAST}).status_code == 403
    assert not (config.cases / "wyp-scpo-0042.yaml").exists()


def test_a_group_left_empty_is_reported_at_its_first_field(client):
    sign_in(client, "olive")
    empty = {k: ("" if k.startswith("offender_manager.") else v) for k, v in NEW.items()}
    response = client.post("/new", data={**empty, **LAST, "csrf": token(client, "/new")})
    assert response.status_code == 400
    assert 'id="f-offender_manager-name-error"' in response.text
