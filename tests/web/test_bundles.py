"""A bundle of chosen issued documents and evidence files, in the order the officer sets,
built, verified and downloaded from the browser without any script."""

from __future__ import annotations

import re

from pypdf import PdfReader

from docgen.issuing import issue
from docgen.register import Register
from tests.web.conftest import sign_in, text_of, token

CASE = "/cases/WYP-SCPO-0001"
ORDER = "evidence:../evidence/WYP-SCPO-0001/af-29-certified-order.pdf"
CHECK = "evidence:../evidence/WYP-SCPO-0001/cc-3-compliance-check.pdf"


def _issue_draft_order(config) -> str:
    issued = issue(config.cases / "specimen-drugs.yaml", "draft-order", reason="for the bundle", by="olive",
                   register=config.register, out_dir=config.out, formats=("pdf",))
    return issued.document.reference


def _rows(html: str) -> list[str]:
    return re.findall(r'<input type="hidden" name="item" value="([^"]+)">', html.replace("&#34;", '"'))


def _post(client, rows, picks, **extra):
    import html as html_lib

    data = {"csrf": token(client, CASE), "title": "Bundle for the review", "item": [html_lib.unescape(r) for r in rows],
            "pick": picks, **{f"pos-{i}": str(i + 1) for i in range(len(rows))}, **extra}
    return client.post(f"{CASE}/bundle", data=data)


def test_the_chooser_lists_issued_documents_then_evidence_with_positions(client, config):
    reference = _issue_draft_order(config)
    sign_in(client, "olive")
    html = client.get(f"{CASE}/bundle").text
    rows = _rows(html)
    assert rows[0] == f"issued:{reference}" and ORDER in rows and CHECK in rows
    assert 'for="pos-0"' in html and 'for="pick-0"' in html  # every field labelled
    assert "<script" not in html


def test_rows_move_up_and_down_and_by_position_number(client, config):
    _issue_draft_order(config)
    sign_in(client, "olive")
    rows = _rows(client.get(f"{CASE}/bundle").text)
    moved = _post(client, rows, [], move="down-0")
    assert _rows(moved.text)[:2] == [rows[1], rows[0]]
    by_number = _post(client, rows, [], action="order", **{"pos-0": str(len(rows) + 1)})
    assert _rows(by_number.text)[-1] == rows[0]
    bad = _post(client, rows, [], action="order", **{"pos-1": "second"})
    assert bad.status_code == 400
    assert 'id="pos-1-error"' in bad.text and "There is a problem" in text_of(bad.text)


def test_the_chosen_rows_are_built_in_order_verified_and_downloaded(client, config):
    reference = _issue_draft_order(config)
    sign_in(client, "olive")
    rows = _rows(client.get(f"{CASE}/bundle").text)
    # evidence first, then the draft order: set by position numbers
    positions = {f"pos-{rows.index(CHECK)}": "1", f"pos-{rows.index(f'issued:{reference}')}": "3", f"pos-{rows.index(ORDER)}": "2"}
    built = _post(client, rows, [CHECK, ORDER, f"issued:{reference}"], action="build", **positions)
    assert built.status_code == 200, text_of(built.text)
    page = text_of(built.text)
    assert "Bundle built" in page and "Verify report: compliant" in page
    titles = re.findall(r"<li>([^<]+)</li>", built.text.split("Verify report")[0])
    assert titles == ["Compliance check record", "Certified copy of the order", "Draft order and schedule of terms"], titles
    download = client.get(f"{CASE}/pack", params={"file": "WYP-SCPO-0001-bundle.pdf"})
    assert download.status_code == 200 and download.content.startswith(b"%PDF")
    assert "Bundle for the review" in PdfReader(config.out / "bundles" / "WYP-SCPO-0001-bundle.pdf").pages[0].extract_text()
    with Register.open(config.register) as reg:
        logged = [(e.user, e.action) for e in reg.log("WYP-SCPO-0001") if e.action in ("bundle", "download")]
    assert logged == [("olive", "bundle"), ("olive", "download")]


def test_nothing_ticked_or_a_document_of_another_case_is_refused(client, config):
    _issue_draft_order(config)
    sign_in(client, "olive")
    rows = _rows(client.get(f"{CASE}/bundle").text)
    none = _post(client, rows, [], action="build")
    assert none.status_code == 400 and "Tick at least one document" in text_of(none.text)
    forged = _post(client, [*rows, "issued:MPS/SCPO/2027/0001/APP-01"], ["issued:MPS/SCPO/2027/0001/APP-01"], action="build")
    assert forged.status_code == 400 and "Tick at least one document" in text_of(forged.text)  # unknown rows are dropped


def test_building_needs_the_form_token_and_the_teams_case(client, config):
    sign_in(client, "olive")
    assert client.post(f"{CASE}/bundle", data={"action": "build", "item": [ORDER], "pick": [ORDER]}).status_code == 403
    assert client.get("/cases/MPS-SCPO-0007/bundle").status_code == 404
