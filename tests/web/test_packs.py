"""Transfer packs and breach files built from the browser, verified, downloaded."""

from __future__ import annotations

import datetime as dt

from docgen.issuing import issue
from docgen.register import Register
from docgen.render import Options
from tests.web.conftest import sign_in, text_of, token

CASE = "/cases/WYP-SCPO-0001"
ISSUES = [  # what a breach file for EV-007 draws on, dated as the bundle tests date them
    ("draft-order", None, None),
    ("release-acknowledgement", None, None),
    ("warning-letter", "EV-002", dt.date(2027, 2, 3)),
    ("warning-letter", "EV-004", dt.date(2027, 3, 10)),
    ("mg5", "EV-007", dt.date(2027, 5, 20)),
]


def _issue_all(config):
    for kind, event, date in ISSUES:
        issue(config.cases / "specimen-drugs.yaml", kind, reason="for the breach file", by="olive",
              register=config.register, out_dir=config.out, event_id=event, formats=("pdf",), options=Options(date=date))


def test_a_breach_file_is_built_verified_and_downloaded(client, config):
    _issue_all(config)
    sign_in(client, "olive")
    response = client.post(f"{CASE}/pack", data={"what": "breach", "event": "EV-007", "csrf": token(client, CASE)})
    assert response.status_code == 200, text_of(response.text)
    page = text_of(response.text)
    assert "Breach file built" in page and "Verify report: compliant" in page
    name = "WYP-SCPO-0001-breach-EV-007.pdf"
    download = client.get(f"{CASE}/pack", params={"file": name})
    assert download.status_code == 200 and download.content.startswith(b"%PDF")
    with Register.open(config.register) as reg:
        actions = [(e.user, e.action) for e in reg.log("WYP-SCPO-0001") if e.action in ("bundle", "download")]
    assert actions == [("olive", "bundle"), ("olive", "download")]


def test_a_breach_file_without_its_issued_documents_is_refused_in_words(client):
    sign_in(client, "olive")
    response = client.post(f"{CASE}/pack", data={"what": "breach", "event": "EV-007", "csrf": token(client, CASE)})
    assert response.status_code == 400
    assert "The breach file cannot be built" in text_of(response.text)


def test_a_breach_file_needs_its_event(client):
    sign_in(client, "olive")
    response = client.post(f"{CASE}/pack", data={"what": "breach", "csrf": token(client, CASE)})
    assert response.status_code == 400 and "choose its history event" in text_of(response.text)


def test_building_a_pack_needs_the_form_token(client):
    sign_in(client, "olive")
    assert client.post(f"{CASE}/pack", data={"what": "transfer"}).status_code == 403


def test_a_pack_name_outside_the_cases_packs_is_not_served(client, config):
    sign_in(client, "olive")
    (config.out / "bundles").mkdir(parents=True)
    (config.out / "bundles" / "WYP-SCPO-0005-breach.pdf").write_bytes(b"%PDF-1.7")
    for name in ("../../users.json", "WYP-SCPO-0005-breach.pdf", "WYP-SCPO-0001-breach/../x.pdf"):
        assert client.get(f"{CASE}/pack", params={"file": name}).status_code == 404, name
