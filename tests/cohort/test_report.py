"""The performance report: counts worked by hand, small counts hidden for sharing, no personal data."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.case import case_from_data, load_case
from docgen.report import FEWER, build_report, in_community
from docgen.report_render import to_html, to_pdf
from tests.cohort.conftest import OUTCOMES_CASE
from tests.inprocess import run_docgen
from tests.cohort.generate_cohort import cohort
from tests.conftest import SAMPLE_CASES, pdf_text


@pytest.fixture(scope="module")
def generated():
    return [case_from_data(data, file=f"<cohort {data['case_id']}>") for data in cohort(500)]


def _section(report, key):
    return dict(next(s for s in report.sections if s.key == key).counts)


def _personal(cases) -> set[str]:
    """Everything in the cases that identifies a person or a case."""
    found = set()
    for case in cases:
        s = case.subject
        found |= {s.given_names, s.family_name, s.full_name, s.pnc, s.address.postcode, case.case_id, case.offender_manager.name}
        found |= set(s.address.lines) | set(s.aliases)
        if case.order.reference:
            found.add(case.order.reference)
        for move in case.transfers:
            found.add(move.receiving_contact.name)
    return {f for f in found if len(f) > 3}


def test_outcomes_sample_counts_worked_by_hand():
    case = load_case(OUTCOMES_CASE)
    report = build_report([case], start=dt.date(2027, 1, 1), end=dt.date(2028, 3, 31))
    breaches = _section(report, "breaches")
    # EV-002 ended in a caution, EV-004 in a conviction
    assert breaches["Cautioned"] == 1 and breaches["Convicted"] == 1 and sum(breaches.values()) == 2
    assert _section(report, "sentences")["7 to 12 months"] == 1
    assert _section(report, "disruptions")["Seizure"] == 1
    assert _section(report, "warnings")["Advisory"] == 1
    holders = _section(report, "holders")
    # released 1 March 2027, recalled 13 July 2027 and not released again in the history:
    # the table starts at the quarter the order came into force and ends on the period's last day
    assert holders == {"2027-03-31": 1, "2027-06-30": 1, "2027-09-30": 0, "2027-12-31": 0, "2028-03-31": 0}
    monthly = dict(next(s for s in report.sections if s.key == "holders").series)
    assert [monthly[dt.date(2027, m, d)] for m, d in ((3, 31), (6, 30), (7, 31))] == [1, 1, 0]
    assert in_community(case, dt.date(2027, 7, 12)) and not in_community(case, dt.date(2027, 7, 13))
    released = case.model_copy(update={"history": [e for e in case.history if e.type != "recall_decision"]})
    # without the recall, the custodial sentence on 4 October 2027 is what takes him out of the community
    assert in_community(released, dt.date(2027, 10, 3)) and not in_community(released, dt.date(2027, 10, 4))


def test_sharing_hides_small_counts_and_the_totals_that_would_reveal_them():
    case = load_case(OUTCOMES_CASE)
    report = build_report([case], sharing=True)
    text = pdf_text(to_pdf(report))
    assert FEWER in text
    sentences = next(s for s in report.sections if s.key == "sentences")
    assert report.total(sentences) == "not shown"
    assert dict(sentences.details)["Custodial sentences"] == 1 and report.shown(1) == FEWER
    assert dict(sentences.stats)["Shortest, median and longest"] == f"too few to compare ({FEWER}; 5 or more needed)"
    assert "Median (of" not in text and "Longest (of" not in text and "too few to compare" in text
    assert report.shown(0) == "0" and report.shown(5) == "5" and report.shown(4) == FEWER


def test_the_generated_cohort_report_has_no_personal_data(generated):
    samples = [load_case(p) for p in SAMPLE_CASES] + [load_case(OUTCOMES_CASE)]
    cases = generated + samples
    report = build_report(cases)
    assert report.cases == len(cases)
    texts = {"pdf": pdf_text(to_pdf(report)), "html": to_html(report).decode("utf-8")}
    personal = _personal(cases)
    assert len(personal) > 1500
    for name, text in texts.items():
        leaked = sorted(p for p in personal if p in text)
        assert leaked == [], f"{name} report shows {leaked[:5]}"


def test_cohort_report_counts_are_consistent(generated):
    report = build_report(generated, start=dt.date(2020, 1, 1), end=dt.date(2024, 12, 31))
    orders = _section(report, "orders")
    assert orders["Granted in the period"] <= orders["Begun in the period"] + orders["Awaiting a decision at the start"]
    assert orders["Refused in the period"] > 0
    holders = list(_section(report, "holders").values())
    assert len(holders) == 20 and holders[-1] > holders[0]  # five years by quarter
    assert len(next(s for s in report.sections if s.key == "holders").series) == 60  # charted by month
    sentences = next(s for s in report.sections if s.key == "sentences")
    custodial = dict(sentences.details)["Custodial sentences"]
    assert custodial == sum(v for label, v in sentences.counts if label != "Non-custodial") >= 5
    assert f"Median (of {custodial} custodial sentences)" in dict(sentences.stats)
    mps = build_report(generated, force="MPS")
    assert mps.cases == 100


def test_report_bytes_do_not_change(generated):
    report = build_report(generated[:50])
    assert to_pdf(report) == to_pdf(report)
    assert to_html(report) == to_html(report)


def _docgen(*args):
    return run_docgen(*args)  # in this process: the command's output is what is tested, not its start-up


def test_cli_writes_once_and_refuses_bad_output(tmp_path):
    out = tmp_path / "report.html"
    first = _docgen("report", OUTCOMES_CASE, "--out", out)
    assert first.returncode == 0, first.stderr
    assert "<svg" in out.read_text(encoding="utf-8")
    shared = _docgen("report", OUTCOMES_CASE, "--out", tmp_path / "shared.html", "--sharing")
    # every count in one case is under 5: nothing is drawn and nothing exact is printed
    text = (tmp_path / "shared.html").read_text(encoding="utf-8")
    assert shared.returncode == 0 and "<svg" not in text and FEWER in text
    out.write_text("kept", encoding="utf-8")
    again = _docgen("report", OUTCOMES_CASE, "--out", out)
    assert again.returncode == 2 and "--replace" in again.stderr and out.read_text(encoding="utf-8") == "kept"
    bad = _docgen("report", OUTCOMES_CASE, "--out", tmp_path / "report.txt")
    assert bad.returncode == 2 and ".pdf or .html" in bad.stderr and "Traceback" not in bad.stderr
    backwards = _docgen("report", OUTCOMES_CASE, "--out", tmp_path / "r.pdf", "--from", "2028-01-01", "--to", "2027-01-01")
    assert backwards.returncode == 2 and "before --from" in backwards.stderr
    assert not (tmp_path / "r.pdf").exists()


def test_register_warning_letters_are_counted_by_level_in_the_period():
    from types import SimpleNamespace

    case = load_case(OUTCOMES_CASE)
    letter = lambda level, day, case_id="MPS-SCPO-0090", kind="warning-letter": SimpleNamespace(  # noqa: E731
        kind=kind, case_id=case_id, level=level, document_date=day
    )
    issued = [
        letter("advisory", dt.date(2027, 4, 7)),
        letter("first", dt.date(2027, 5, 1)),
        letter("first", dt.date(2029, 1, 1)),  # after the period
        letter("final", dt.date(2027, 6, 1), case_id="WYP-SCPO-0001"),  # another case
        letter(None, dt.date(2027, 6, 1), kind="mg5"),
    ]
    report = build_report([case], start=dt.date(2027, 1, 1), end=dt.date(2028, 3, 31), issued=issued)
    warnings = _section(report, "warnings")
    assert warnings["Advisory letters issued (register)"] == 1
    assert warnings["First letters issued (register)"] == 1
    assert warnings["Final letters issued (register)"] == 0
