"""Editing the subject section: validate's messages by the fields, the file kept as written."""

from __future__ import annotations

import re

from docgen.case import load_case
from docgen.register import Register
from tests.web.conftest import sign_in, text_of

EDIT = "/cases/WYP-SCPO-0001/edit/subject"


def _open_form(client) -> dict[str, str]:
    html = client.get(EDIT).text
    fields = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html))
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        fields[name] = body
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        fields[name] = re.search(r'value="([^"]*)" selected', body).group(1)
    import html as html_lib

    return {k: html_lib.unescape(v) for k, v in fields.items()}


def test_the_form_shows_the_subjects_values_with_labels(client):
    sign_in(client, "olive")
    html = client.get(EDIT).text
    form = _open_form(client)
    assert form["family_name"] == "SPECIMEN"
    for name in ("family_name", "date_of_birth", "address-postcode"):
        assert f'<label class="govuk-label" for="f-{name}">' in html


def test_saving_changes_only_the_edited_value_and_keeps_comments_and_order(client, config):
    path = config.cases / "specimen-drugs.yaml"
    before = path.read_text()
    sign_in(client, "olive")
    form = _open_form(client)
    response = client.post(EDIT, data={**form, "address.postcode": "ZZ9 9ZZ"})
    assert response.status_code == 303
    after = path.read_text()
    old_postcode = load_case_text_postcode(before)
    assert after == before.replace(f"postcode: {old_postcode}", "postcode: ZZ9 9ZZ", 1)
    assert load_case(path).subject.address.postcode == "ZZ9 9ZZ"


def load_case_text_postcode(text: str) -> str:
    return re.search(r"postcode: (.+)", text).group(1)


def test_saving_without_a_change_leaves_the_file_byte_for_byte(client, config):
    path = config.cases / "specimen-drugs.yaml"
    before = path.read_bytes()
    sign_in(client, "olive")
    assert client.post(EDIT, data=_open_form(client)).status_code == 303
    assert path.read_bytes() == before


def test_a_bad_value_is_refused_with_validates_message_beside_the_field(client, config):
    path = config.cases / "specimen-drugs.yaml"
    before = path.read_bytes()
    sign_in(client, "olive")
    response = client.post(EDIT, data={**_open_form(client), "pnc": "12345", "date_of_birth": "1980-02-30"})
    assert response.status_code == 400
    page = text_of(response.text)
    assert "There is a problem" in page
    assert "PNC number: String should match pattern" in page
    assert "Date of birth:" in page
    assert 'id="f-pnc-error"' in response.text and 'aria-describedby="f-pnc-hint f-pnc-error"' in response.text
    assert path.read_bytes() == before


def test_a_save_over_a_file_changed_since_it_was_opened_is_refused(client, config):
    path = config.cases / "specimen-drugs.yaml"
    sign_in(client, "olive")
    form = _open_form(client)
    path.write_text(path.read_text() + "# a note added by someone else\n")
    changed = path.read_bytes()
    response = client.post(EDIT, data={**form, "family_name": "OTHERNAME"})
    assert response.status_code == 409
    assert "the case file changed after you opened this form" in text_of(response.text)
    assert path.read_bytes() == changed


def test_saving_without_the_form_token_is_refused(client, config):
    path = config.cases / "specimen-drugs.yaml"
    before = path.read_bytes()
    sign_in(client, "olive")
    form = {k: v for k, v in _open_form(client).items() if k != "csrf"}
    assert client.post(EDIT, data={**form, "family_name": "OTHERNAME"}).status_code == 403
    assert path.read_bytes() == before


def test_a_save_is_logged_in_the_register(client, config):
    sign_in(client, "olive")
    client.post(EDIT, data={**_open_form(client), "family_name": "SPECIMEN-EDITED"})
    with Register.open(config.register) as reg:
        assert [(e.user, e.action) for e in reg.log("WYP-SCPO-0001") if e.action == "edit"] == [("olive", "edit")]


def test_an_unknown_section_is_not_found(client):
    sign_in(client, "olive")
    assert client.get("/cases/WYP-SCPO-0001/edit/secrets").status_code == 404
