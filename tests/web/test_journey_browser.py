"""The whole job in a real browser (Debian's chromium driven by Playwright): sign in, start a
case from nothing one page at a time, add two terms, see a lint finding and fix it, preview,
take the application through its approval and issue it, issue a warning letter, then issue
a transfer letter and build and download the transfer pack.

Skipped where chromium or Playwright is missing; ``.ci/run`` installs both.
"""

from __future__ import annotations

import re

import pytest

from docgen.register import Register
from docgen.web.users import add_user
from tests.web.conftest import BROWSER_TESTS, PASSWORD

pytestmark = BROWSER_TESTS
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect
try:  # the pages this journey adds are scanned too when axe-core is installed
    from axe_playwright_python.sync_playwright import Axe
except ImportError:  # pragma: no cover
    Axe = None

CASE = "WYP-SCPO-0042"
FIRST = {
    "#f-case_id": CASE, "#f-document_date": "2026-11-25", "#f-offender_manager-name": "Pat Madeup",
    "#f-offender_manager-rank": "Detective Constable", "#f-offender_manager-role": "Lifetime Offender Manager",
    "#f-offender_manager-phone": "0113 496 0000", "#f-offender_manager-email": "lom@example.police.uk",
}
SUBJECT = {
    "#f-subject-given_names": "Robin Invented", "#f-subject-family_name": "NEWCASE", "#f-subject-date_of_birth": "1990-04-01",
    "#f-subject-address-lines": "Flat 9\n9 Nowhere Lane\nTestville", "#f-subject-address-postcode": "ZZ9 9AA",
    "#f-subject-pnc": "2015/0000042Z",
}
CONVICTION = {
    "#f-convictions-id": "C1", "#f-convictions-offence": "Being concerned in the supply of a controlled drug of Class A",
    "#f-convictions-statute": "Misuse of Drugs Act 1971 s.4(3)(b)", "#f-convictions-court": "Crown Court at Testville",
    "#f-convictions-convicted_on": "2026-10-01", "#f-convictions-sentenced_on": "2026-11-20",
    "#f-convictions-sentence": "6 years' imprisonment",
}
APPLICATION = {
    "#f-officer_in_case-name": "Sam Notreal", "#f-officer_in_case-role": "Investigating officer",
    "#f-officer_in_case-phone": "0113 496 0001", "#f-officer_in_case-email": "oic@example.police.uk",
    "#f-background": "He ran a supply line from three handsets.", "#f-risk": "The line is still answered.",
    "#f-protection": "The device terms let officers tie each handset to him.",
    "#f-duration_reason": "Five years, as long as the line has run.",
}


def _fill(page, values: dict[str, str]) -> None:
    for selector, value in values.items():
        page.fill(selector, value)


def _sign_in(browser, server: str, name: str):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(server + "/login")
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("Caseload")
    return page


def _justify(page, words: str) -> None:
    """Every justification box of the term form, answered."""
    for box in page.locator("textarea[id^='f-justification']").all():
        box.fill(f"{words} ({box.get_attribute('id')[len('f-justification-'):]})")


# axe-core's default rules with its default options, as ``Axe().run(page)`` runs them; only
# what the assertion reads comes back to Python, not the full result with every rule that passed.
SERIOUS = """async () => (await axe.run({resultTypes: ['violations']})).violations
  .filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => `${v.id}: ${v.help}`)"""


def _serious(page, found: dict[str, list[str]], name: str) -> None:
    """axe-core's serious and critical findings on the page as it is now."""
    if Axe is None:
        return
    page.wait_for_load_state()  # a form just sent: scan the page it leads to, once loaded
    page.evaluate(Axe().axe_script)  # a few scans among many pages: injected into just these
    found[name] = page.evaluate(SERIOUS)


def _step(page, server: str, button: str) -> None:
    page.goto(f"{server}/cases/{CASE}")
    page.click(f"button:has-text(\"{button}\")")
    expect(page.locator("h1")).to_have_text(f"Case {CASE}")


def _issue(page, kind: str, reason: str, event: str = "", date: str = "") -> None:
    page.select_option("#kind", kind)
    if event:
        page.select_option("#event", event)
    if date:
        page.fill("#date", date)
    page.click("button:has-text('Issue')")
    page.fill("#reason", reason)
    page.click("button:has-text('Issue the document')")
    page.wait_for_url(re.compile(r"\?issued="))


def test_an_officer_does_the_whole_job_in_the_browser(live_server, config, chromium):
    server = live_server
    add_user(config.users, "lee", "officer", ["WYP", "LAN"], PASSWORD)  # also holds a LAN case that is moving
    blocked: list[str] = []
    found: dict[str, list[str]] = {}
    page = _sign_in(chromium, server, "lee")
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)

    # a case from nothing, one part a page
    page.click("text=Start a new case")
    expect(page.locator("main")).to_contain_text("step 1 of 4")
    page.select_option("#f-managing_force", "WYP")
    _fill(page, FIRST)
    page.click("button:has-text('Continue')")
    expect(page.locator("main")).to_contain_text("step 2 of 4")
    _fill(page, {**SUBJECT, "#f-subject-pnc": "42"})  # a PNC number validate refuses
    page.click("button:has-text('Continue')")
    expect(page.locator(".error-summary, .govuk-error-summary")).to_contain_text("PNC number")
    _serious(page, found, "new case page with an error")
    page.fill("#f-subject-pnc", SUBJECT["#f-subject-pnc"])
    page.click("button:has-text('Continue')")
    expect(page.locator("main")).to_contain_text("step 3 of 4")
    _fill(page, CONVICTION)
    page.select_option("#f-convictions-schedule1_heading", "drug-trafficking")
    page.click("button:has-text('Continue')")
    expect(page.locator("main")).to_contain_text("step 4 of 4")
    page.fill("#f-order-court", "Crown Court at Testville")
    page.select_option("#f-order-start_rule", "on_release")
    page.fill("#f-order-duration_years", "5")
    page.click("button:has-text('Save the case')")
    expect(page.locator("h1")).to_have_text(f"Case {CASE}")

    # two terms, the second justified with the first's words: the lint says so
    for code in ("COM-001", "COM-002"):
        page.select_option("#add-clause", code)
        page.click("button:has-text('Add a term')")
        expect(page.locator("h1")).to_contain_text(code)
        _justify(page, "Three handsets were found at his home and one ran the supply line")
        page.click("button:has-text('Save')")
        expect(page.locator("h1")).to_have_text(f"Case {CASE}")
    findings = page.locator("#findings + .app-table-scroll table")
    expect(findings).to_contain_text("term 2 has the same justification as term 1")
    page.click(f"a[href='/cases/{CASE}/edit/terms/2']")
    _serious(page, found, "change a term")
    _justify(page, "He kept two handsets running at once so the line never went quiet; one is enough for daily life")
    page.click("button:has-text('Save')")
    expect(page.locator("main")).to_contain_text("No findings: the order passes every drafting check.")

    # the application, its prosecutor, a preview
    page.click(f"a[href='/cases/{CASE}/edit/application']")
    _fill(page, APPLICATION)
    page.click("button:has-text('Save')")
    page.click(f"a[href='/cases/{CASE}/edit/order']")
    _serious(page, found, "change the order")
    _fill(page, {"#f-hearing_on": "2027-01-20", "#f-authorising_prosecutor-name": "Alex Unreal",
                 "#f-authorising_prosecutor-role": "Senior Crown Prosecutor",
                 "#f-authorising_prosecutor-authorised_on": "2026-12-01"})
    page.click("button:has-text('Save')")
    expect(page.locator("h1")).to_have_text(f"Case {CASE}")
    preview = page.context.request.get(f"{server}/cases/{CASE}/preview?kind=scpo-application&date=2026-12-02")
    assert preview.status == 200 and preview.body().startswith(b"%PDF")
    page.select_option("#kind", "scpo-application")
    with page.expect_popup() as opened:
        page.click("button:has-text('Preview PDF')")
    assert "/preview?kind=scpo-application" in opened.value.url

    # not issuable until authorised; then officer -> supervisor -> CPS -> authorised
    page.select_option("#kind", "scpo-application")
    page.fill("#date", "2026-12-02")
    page.click("button:has-text('Issue')")
    page.fill("#reason", "application for the hearing")
    page.click("button:has-text('Issue the document')")
    expect(page.locator("main")).to_contain_text(f"case {CASE}: the SCPO application is drafted")
    supervisor = _sign_in(chromium, server, "sam")
    _step(supervisor, server, "Mark as reviewed")
    _step(page, server, "Record as sent to the CPS")
    _step(supervisor, server, "Record the CPS's authority")
    expect(supervisor.locator("main")).to_contain_text("The application is authorised")
    page.goto(f"{server}/cases/{CASE}")
    _issue(page, "scpo-application", "application for the hearing", date="2026-12-02")

    # the court makes the order; a late notification earns an advisory warning letter
    page.click(f"a[href='/cases/{CASE}/edit/order']")
    page.select_option("#f-status", "made")
    page.fill("#f-made_on", "2027-01-20")
    page.select_option("#f-start_rule", "on_making")
    page.click("button:has-text('Save')")
    page.click("text=Add a history event")
    _fill(page, {"#f-id": "EV-001", "#f-date": "2027-03-01", "#f-summary": "A new handset was notified eight days late.",
                 "#f-term": "1", "#f-by": "DC Pat Madeup"})
    page.select_option("#f-type", "non_compliance")
    page.select_option("#f-level", "advisory")
    page.click("button:has-text('Save')")
    _issue(page, "warning-letter", "late notification of a new handset", event="EV-001", date="2027-03-01")
    expect(page.locator("main")).to_contain_text("late notification of a new handset")

    # a moving case: its transfer letter, then the transfer pack, built, verified, downloaded
    page.goto(f"{server}/cases/LAN-SCPO-0002")
    _issue(page, "transfer-letter", "subject moving to Greater Manchester", event="EV-005")
    page.select_option("#what", "transfer")
    page.select_option("#pack-event", "EV-005")
    page.click("button:has-text('Build from the issued documents')")
    expect(page.locator("h1")).to_have_text("Transfer pack built")
    _serious(page, found, "transfer pack built")
    expect(page.locator("main")).to_contain_text("Verify report: compliant")
    with page.expect_download() as got:
        page.click("a:has-text('Download LAN-SCPO-0002-transfer')")
    download = got.value
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert download.suggested_filename.startswith("LAN-SCPO-0002-transfer") and download.suggested_filename.endswith(".pdf")
    page.goto(f"{server}/cases/{CASE}/bundle")
    with page.expect_navigation():  # the first row moves down, by the server: wait for its page
        page.click("button:has-text('Down')")
    _serious(page, found, "make a bundle")

    assert blocked == []
    assert {name: v for name, v in found.items() if v} == {}
    with Register.open(config.register) as reg:
        kinds = [d.kind for d in reg.issued(CASE)]
        steps = [(e.user, e.action) for e in reg.log(CASE) if e.action.startswith("approval-")]
        downloads = [e.action for e in reg.log("LAN-SCPO-0002") if e.action in ("bundle", "download")]
    assert kinds == ["scpo-application", "warning-letter"]
    assert steps == [("sam", "approval-review"), ("lee", "approval-send"), ("sam", "approval-authorise")]
    assert downloads == ["bundle", "download"]
