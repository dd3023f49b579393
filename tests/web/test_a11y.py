"""Every page of the workbench, in each of its states (empty, with errors, refused, after a
change), scanned with axe-core in Debian's chromium: no moderate, serious or critical finding.

Also checks what a keyboard user relies on: the skip link is the first stop and reaches
the main content, an error summary's links move focus to their fields, and every page
carries the GOV.UK Frontend stylesheet without the browser blocking anything.

Set DOCGEN_SCREENSHOTS=DIR to keep a full-page screenshot of every page in DIR (for a
person to look at; nothing is compared).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest

from docgen.issuing import issue
from docgen.render import Options
from tests.web.conftest import BROWSER_TESTS

pytestmark = BROWSER_TESTS
sync_api = pytest.importorskip("playwright.sync_api")
axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")

CASE = "/cases/WYP-SCPO-0001"
# axe's default rule set, with WCAG 2.2's target size (2.5.8, level AA) switched on by name
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}
PASSWORD = "correct horse battery"




# One call per scan: axe-core run with AXE_OPTIONS on the page as it is, then what the
# assertions read (each finding's rule, impact, help and first three targets; the heading's
# font), so the full result, with every rule that passed, never crosses to Python.
SCAN = """async (options) => {
  const result = await axe.run(options);
  return {
    violations: result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                             targets: v.nodes.slice(0, 3).map(n => n.target)})),
    font: getComputedStyle(document.querySelector('h1')).fontFamily,
  };
}"""


class Scan:
    """Runs axe on each page shown, keeps what it finds and, when asked, a screenshot."""

    def __init__(self, page):
        self.page = page
        # axe-core goes into every document as it is created: Chromium keeps the compiled
        # script, so this costs less than sending it to each page before its scan
        page.add_init_script(script=axe_module.Axe().axe_script)
        self.found: dict[str, list[str]] = {}
        self.blocked: list[str] = []
        self.unstyled: list[str] = []
        shots = os.environ.get("DOCGEN_SCREENSHOTS")
        self.shots = Path(shots) if shots else None
        # what the CSP refused, and any stylesheet, image or font the page asked for and did not get
        page.on("console", lambda m: self.blocked.append(m.text) if "Content Security Policy" in m.text else None)
        page.on("response", lambda r: self.blocked.append(f"{r.status} {r.url}")
                if r.status >= 400 and r.request.resource_type in ("stylesheet", "image", "font", "script") else None)

    def __call__(self, name: str) -> None:
        self.page.wait_for_load_state()  # a form just sent: scan the page it leads to, once loaded
        result = self.page.evaluate(SCAN, AXE_OPTIONS)
        self.found[name] = [
            f"{v['id']} ({v['impact']}): {v['help']} at {v['targets']}"
            for v in result["violations"] if v["impact"] in ("moderate", "serious", "critical")
        ]
        # GOV.UK Frontend's stylesheet applied, as compiled here: the heading set in Arial
        if "arial" not in result["font"].lower():
            self.unstyled.append(name)
        if self.shots:
            self.shots.mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(self.shots / (re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") + ".png")), full_page=True)

    def with_errors(self, name: str) -> None:
        """Scan a page that must show the error summary (a form sent back with errors)."""
        sync_api.expect(self.page.locator(".govuk-error-summary")).to_be_visible()
        self(name)

    def check(self) -> None:
        assert {name: v for name, v in self.found.items() if v} == {}
        assert self.unstyled == []
        assert self.blocked == []


def _sign_in(page, server: str, name: str) -> None:
    page.goto(server + "/login")
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    page.press("#password", "Enter")  # the form works from the keyboard alone
    sync_api.expect(page.locator("h1")).to_have_text("Caseload")


def _save(page) -> None:
    page.click("main button:has-text('Save')")


def test_every_page_an_officer_uses_passes_axe_in_every_state(live_server, config, chromium):
    for kind, event, date in (("draft-order", None, None), ("release-acknowledgement", None, None),
                              ("warning-letter", "EV-002", dt.date(2027, 2, 3)), ("mg5", "EV-007", dt.date(2027, 5, 20))):
        issue(config.cases / "specimen-drugs.yaml", kind, reason="issued before the scan", by="olive",
              register=config.register, out_dir=config.out, event_id=event, formats=("pdf",), options=Options(date=date))
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    scan = Scan(page)

    page.goto(live_server + "/login")
    scan("sign in")
    page.keyboard.press("Tab")  # the skip link is the first stop, and takes the keyboard to the content
    assert page.evaluate("document.activeElement.className") == "govuk-skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    page.fill("#name", "olive")
    page.fill("#password", "not the password")
    page.click("button:has-text('Sign in')")
    sync_api.expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert page.title().startswith("Error: ")
    scan("sign in with an error")

    _sign_in(page, live_server, "olive")
    scan("caseload")
    page.goto(live_server + CASE)
    scan("case")

    page.click("text=Change")
    scan("change the subject")
    page.fill("#f-pnc", "12345")
    page.fill("#f-date_of_birth", "1980-02-30")
    _save(page)
    scan.with_errors("change the subject with errors")
    assert page.locator("#f-pnc").get_attribute("aria-describedby") == "f-pnc-hint f-pnc-error"
    page.click(".govuk-error-summary a[href='#f-pnc']")
    assert page.evaluate("document.activeElement.id") == "f-pnc"
    page.fill("#f-pnc", "2011/0000001Z")
    page.fill("#f-date_of_birth", "1980-02-28")
    _save(page)
    sync_api.expect(page.locator(".govuk-notification-banner--success")).to_contain_text("subject's details are saved")
    scan("case after a save")

    page.goto(live_server + CASE + "/edit/history")
    scan("add a history event")
    _save(page)
    scan.with_errors("add a history event with errors")

    page.goto(live_server + CASE + "/edit/terms?clause=COM-001")
    scan("add a term")
    page.fill("#f-params-notify_days", "99")
    _save(page)
    scan.with_errors("add a term with errors")

    page.goto(live_server + "/new")
    scan("new case")
    page.click("main button:has-text('Continue')")
    scan.with_errors("new case with errors")

    for path in ("/edit/offender_manager", "/edit/order", "/edit/application", "/edit/convictions/1", "/edit/history/EV-002"):
        page.goto(live_server + CASE + path)
        scan("change " + path)
    page.goto(live_server + CASE + "/edit/history/EV-002")
    page.fill("#f-date", "not a date")
    _save(page)
    scan.with_errors("change a history event with errors")
    page.goto(live_server + CASE + "/bundle")
    scan("make a bundle")
    page.fill("#pos-0", "first")
    page.click("button:has-text('Put in the order of the positions')")
    scan.with_errors("make a bundle with an error")

    page.goto(live_server + CASE + "/issue?kind=warning-letter&event=EV-004&date=2027-03-10")
    scan("issue")
    page.click("button:has-text('Issue the document')")
    sync_api.expect(page.locator(".govuk-error-summary")).to_contain_text("Say why the document is issued")
    scan("issue without a reason")
    page.click(".govuk-error-summary a[href='#reason']")
    assert page.evaluate("document.activeElement.id") == "reason"
    page.fill("#reason", "second late notification")
    page.click("button:has-text('Issue the document')")
    sync_api.expect(page.locator(".govuk-notification-banner--success")).to_contain_text("issued")
    scan("case after issuing")

    page.goto(live_server + CASE + "/preview?kind=expiry-confirmation")
    sync_api.expect(page.locator("h1")).to_have_text("This document cannot be produced")
    scan("a refused preview")
    page.goto(live_server + "/cases/NOT-A-CASE")
    scan("case not found")

    page.goto(live_server + CASE)
    page.select_option("#what", "breach")
    page.select_option("#pack-event", "EV-007")
    page.click("button:has-text('Build from the issued documents')")
    sync_api.expect(page.locator("h1")).to_have_text("Breach file built")
    scan("breach file built")
    page.goto(live_server + CASE)
    page.select_option("#what", "transfer")
    page.click("button:has-text('Build from the issued documents')")
    sync_api.expect(page.locator("h1")).to_have_text("The transfer pack cannot be built")
    scan("a refused transfer pack")

    page.goto(live_server + "/clauses")
    scan("clause library")
    page.goto(live_server + "/clauses?q=no+such+words+anywhere")
    scan("clause library with nothing found")
    page.goto(live_server + "/clauses/COM-001")
    scan("a clause")
    page.context.close()
    scan.check()


def test_the_supervisors_pages_and_an_invalid_case_pass_axe(live_server, config, chromium):
    path = config.cases / "specimen-drugs.yaml"
    path.write_text(path.read_text().replace("pnc: ", "pnc: NOT-A-PNC #", 1))
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    scan = Scan(page)
    _sign_in(page, live_server, "sam")
    scan("caseload with an invalid case")
    page.goto(live_server + CASE)
    sync_api.expect(page.locator(".govuk-error-summary")).to_contain_text("does not validate")
    scan("a case that does not validate")
    page.goto(live_server + "/log")
    scan("register log")
    page.click("button:has-text('Sign out')")
    _sign_in(page, live_server, "max")
    page.goto(live_server + "/cases/MPS-SCPO-0007")
    scan("case with approval")
    page.goto(live_server + "/cases/MPS-SCPO-0007/edit/terms/1")
    sync_api.expect(page.locator("main")).to_contain_text("Remove this term")
    scan("change or remove a term")
    page.goto(live_server + "/cases/MPS-SCPO-0007")
    page.click("button:has-text('Mark as reviewed')")
    sync_api.expect(page.locator("main")).to_contain_text("The application is reviewed")
    scan("case with approval after a step")
    page.context.close()
    scan.check()


# What a focused element looks like in GOV.UK Frontend: a yellow ring, a yellow background
# or a thick black underline (box-shadow); any one of them counts as visible focus.
FOCUS = """() => {
  const e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();
  const ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 && s.outlineColor !== 'rgba(0, 0, 0, 0)';
  const marked = s.backgroundColor === 'rgb(255, 221, 0)' || s.boxShadow !== 'none';
  return {what: e.tagName + ' ' + (e.id || e.getAttribute('href') || e.textContent.trim().slice(0, 30)),
          visible: ring || marked, top: r.top + window.scrollY, tabindex: e.tabIndex};
}"""


def test_keyboard_focus_is_always_visible_in_page_order_and_pages_reflow_at_320_pixels(live_server, config, chromium):
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    scan = Scan(page)
    _sign_in(page, live_server, "olive")
    for path in ("/", CASE, CASE + "/edit/subject"):
        page.goto(live_server + path)
        stops = []
        for _ in range(40):
            page.keyboard.press("Tab")
            stop = page.evaluate(FOCUS)
            if stop["what"].startswith("BODY") or (stops and stop == stops[0]):
                break
            stops.append(stop)
        assert len(stops) >= 8, (path, stops)
        assert [s["what"] for s in stops if not s["visible"]] == [], path
        assert all(s["tabindex"] <= 0 for s in stops), path
        # down the page: no stop is more than a line above the one before it (the sign-out
        # button sits on the navigation's line, so a little upward movement is allowed)
        assert all(b["top"] >= a["top"] - 40 for a, b in zip(stops, stops[1:])), (path, stops)

    page.set_viewport_size({"width": 320, "height": 700})
    for path, name in (("/", "caseload at 320px"), (CASE, "case at 320px"), ("/clauses", "clause library at 320px")):
        page.goto(live_server + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, name
        scan(name)
    page.goto(live_server + CASE + "/edit/subject")
    page.fill("#f-pnc", "12345")
    _save(page)
    sync_api.expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    scan("change the subject with errors at 320px")
    page.context.close()
    scan.check()
