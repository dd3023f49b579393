"""One walk through the workbench in a real browser (Debian's chromium, driven by
Playwright), with an axe-core accessibility scan of every page it visits.

Skipped where chromium or Playwright is missing; ``.ci/run`` installs both.
"""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import BROWSER_TESTS

pytestmark = BROWSER_TESTS
sync_api = pytest.importorskip("playwright.sync_api")
axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")


def _serious(page, axe) -> list[str]:
    result = axe.run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_an_officer_signs_in_fixes_a_field_and_issues_a_warning_letter(live_server, config, chromium):
    axe = axe_module.Axe()
    found: dict[str, list[str]] = {}
    page = chromium.new_page()
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)

    page.goto(live_server + "/login")
    found["sign in"] = _serious(page, axe)
    page.fill("#name", "olive")
    page.fill("#password", "correct horse battery")
    page.click("button[type=submit]")
    sync_api.expect(page.locator("h1")).to_have_text("Caseload")
    found["caseload"] = _serious(page, axe)

    page.click("text=WYP-SCPO-0001")
    sync_api.expect(page.locator("h1")).to_have_text("Case WYP-SCPO-0001")
    found["case"] = _serious(page, axe)

    page.click("text=Change")
    page.fill("#f-pnc", "12345")
    page.click("button:has-text('Save')")
    sync_api.expect(page.locator(".govuk-error-summary")).to_be_visible()
    found["edit with an error"] = _serious(page, axe)
    page.click(".govuk-error-summary a")  # the summary's link takes the keyboard to the field
    assert page.evaluate("document.activeElement.id") == "f-pnc"
    page.fill("#f-pnc", "2011/0000001Z")
    page.click("button:has-text('Save')")
    sync_api.expect(page.locator("h1")).to_have_text("Case WYP-SCPO-0001")

    page.select_option("#kind", "warning-letter")
    page.select_option("#event", "EV-002")
    page.fill("#date", "2027-02-03")
    page.click("button:has-text('Issue')")
    found["issue"] = _serious(page, axe)
    page.fill("#reason", "late notification of a second handset")
    page.click("button:has-text('Issue the document')")
    page.wait_for_url(re.compile(r"/cases/WYP-SCPO-0001\?issued="))
    sync_api.expect(page.locator("main")).to_contain_text("late notification of a second handset")
    page.context.close()
    assert "2011/0000001Z" in (config.cases / "specimen-drugs.yaml").read_text()
    assert blocked == []
    assert {name: v for name, v in found.items() if v} == {}


def test_a_supervisor_reviews_an_application_and_reads_the_library_and_log(live_server, chromium):
    axe = axe_module.Axe()
    found: dict[str, list[str]] = {}
    page = chromium.new_page()
    page.goto(live_server + "/login")
    page.fill("#name", "max")
    page.fill("#password", "correct horse battery")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # the form works from the keyboard alone
    sync_api.expect(page.locator("h1")).to_have_text("Caseload")
    page.goto(live_server + "/cases/MPS-SCPO-0007")
    sync_api.expect(page.locator("main")).to_contain_text("The application is drafted")
    found["case with approval"] = _serious(page, axe)
    page.click("button:has-text('Mark as reviewed')")
    sync_api.expect(page.locator("main")).to_contain_text("The application is reviewed")
    for path in ("/new", "/cases/MPS-SCPO-0007/edit/terms?clause=COM-001", "/cases/MPS-SCPO-0007/edit/history", "/clauses", "/clauses/COM-001", "/log"):
        page.goto(live_server + path)
        found[path] = _serious(page, axe)
    assert "approval-review" in page.inner_text("main")
    page.context.close()
    assert {name: v for name, v in found.items() if v} == {}
