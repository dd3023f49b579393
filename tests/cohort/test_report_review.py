"""The performance report against the objections of a performance lead: counts that add up
and say what they count, readable charts, a compact holders table, a stated scope, and
statistics that say how many cases lie behind them."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.case import case_from_data, load_case
from docgen.report import build_report
from tests.cohort.conftest import OUTCOMES_CASE, REFUSED_CASE
from tests.cohort.generate_cohort import cohort
from tests.conftest import SAMPLE_CASES


@pytest.fixture(scope="module")
def samples():
    return [load_case(p) for p in SAMPLE_CASES] + [load_case(OUTCOMES_CASE), load_case(REFUSED_CASE)]


@pytest.fixture(scope="module")
def generated():
    return [case_from_data(data, file=f"<cohort {data['case_id']}>") for data in cohort(300)]


def section(report, key):
    return next(s for s in report.sections if s.key == key)


def counts(report, key):
    s = section(report, key)
    return dict(s.counts) | dict(s.details)


def test_sample_applications_worked_by_hand(samples):
    # nine made orders (granted), one refusal, and two proposed orders listed for hearing in
    # January 2027 with no result recorded: twelve applications, none begun before 2014-09-01
    orders = counts(build_report(samples), "orders")
    assert orders["Begun in the period"] == 12
    assert orders["Granted in the period"] == 9 and orders["Refused in the period"] == 1
    assert orders["Awaiting a decision at the end"] == 2
    assert orders["Awaiting at the end: hearing date passed, no result recorded"] == 2
    # ten were authorised by a prosecutor; one made order and one draft record no authorisation
    assert orders["Begun in the period: authorised by a prosecutor"] == 10
    assert orders["Begun in the period: no authorisation recorded"] == 2
    # 2027 alone: both proposed orders are heard and the refusal falls in it; nothing is granted
    year = counts(build_report(samples, start=dt.date(2027, 1, 1), end=dt.date(2027, 12, 31)), "orders")
    assert year["Granted in the period"] == 0 and year["Refused in the period"] == 1
    assert year["Awaiting a decision at the end"] == 2


@pytest.mark.parametrize("start,end", [(dt.date(2020, 1, 1), dt.date(2024, 12, 31)), (dt.date(2021, 7, 1), dt.date(2022, 3, 31)), (dt.date(2023, 2, 1), dt.date(2023, 2, 28))])
def test_applications_add_up_in_any_period(generated, start, end):
    orders = counts(build_report(generated, start=start, end=end), "orders")
    inflow = orders["Awaiting a decision at the start"] + orders["Begun in the period"]
    outflow = orders["Granted in the period"] + orders["Refused in the period"] + orders["Awaiting a decision at the end"]
    assert inflow == outflow
    assert orders["Begun in the period"] == (
        orders["Begun in the period: authorised by a prosecutor"] + orders["Begun in the period: no authorisation recorded"]
    )


def _svg_texts(report, key):
    """Each text a section's chart draws, with its font size."""
    import re

    from reportlab.graphics import renderSVG

    from docgen.report_render import chart

    svg = renderSVG.drawToString(chart(report, section(report, key)))
    found = []
    for match in re.finditer(r"<text[^>]*?font-size\s*[:=]\s*\"?([\d.]+)[^>]*>([^<]*)</text>", svg):
        found.append((float(match.group(1)), match.group(2).strip()))
    assert found, "the chart draws no text"
    return found


@pytest.mark.parametrize("key", ["orders", "holders", "warnings", "breaches", "sentences", "disruptions"])
def test_charts_have_whole_number_ticks_axis_titles_and_readable_text(samples, key):
    report = build_report(samples)
    texts = _svg_texts(report, key)
    assert min(size for size, _ in texts) >= 8
    labels = [text for _, text in texts]
    assert not [t for t in labels if "." in t and t.replace(".", "").isdigit()], labels
    assert section(report, key).axis in labels


def test_holders_are_charted_by_month_with_yearly_ticks_and_tabled_compactly(samples, generated):
    report = build_report(samples)
    holders = section(report, "holders")
    labels = [text for _, text in _svg_texts(report, "holders")]
    assert [t for t in labels if t.isdigit() and len(t) == 4] == [str(y) for y in range(2020, 2029)]
    assert "Month end" in labels
    # the first order came into force on 2 October 2019: nothing before it, then year ends
    # and the period's last day, so the last month is not lost
    assert holders.headers == ("Year end", "Holders")
    assert [label for label, _ in holders.counts] == [f"{y}-12-31" for y in range(2019, 2028)] + ["2028-03-01"]
    assert holders.series[0][0] == dt.date(2019, 10, 31) and holders.series[-1][0] == dt.date(2028, 3, 1)
    five = section(build_report(generated, start=dt.date(2020, 1, 1), end=dt.date(2024, 12, 31)), "holders")
    assert five.headers == ("Quarter end", "Holders") and len(five.counts) == 20


def test_scope_period_marking_and_page_numbers_on_every_page(samples):
    import re

    from docgen.report_render import to_html, to_pdf
    from tests.conftest import pdf_text

    report = build_report(samples)
    pages = re.split(r"--- page \d+ ---", pdf_text(to_pdf(report)))[1:]
    assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        assert "OFFICIAL-SENSITIVE" in page and f"Page {number} of {len(pages)}" in page, page[:200]
    html = to_html(report).decode("utf-8")
    scope = "All forces in the data (LAN, MPS, NWP and WYP): 12 case files."
    period = "1 September 2014 to 1 March 2028, both days included"
    for text in (pages[0], html):
        flat = " ".join(text.split())
        assert scope in flat and period in flat and "Produced on" not in flat
    # a production date comes only from the input, so the same inputs give the same bytes
    dated = build_report(samples, produced=dt.date(2028, 3, 2))
    assert "Produced on 2 March 2028." in to_html(dated).decode("utf-8")
    assert to_pdf(dated) == to_pdf(build_report(samples, produced=dt.date(2028, 3, 2)))
    shared = build_report(samples, force="WYP", sharing=True)
    assert shared.marking == "OFFICIAL" and shared.scope().startswith("Force WYP: the 2 case files it manages")


def test_cli_prints_the_production_date_given(tmp_path):
    from tests.inprocess import run_docgen

    out = tmp_path / "report.html"
    done = run_docgen("report", OUTCOMES_CASE, "--out", out, "--produced-on", "2028-04-03")
    assert done.returncode == 0, done.stderr
    assert "Produced on 3 April 2028." in out.read_text(encoding="utf-8")
    early = run_docgen("report", OUTCOMES_CASE, "--out", tmp_path / "early.pdf", "--to", "2028-03-31", "--produced-on", "2028-03-01")
    assert early.returncode == 2 and "--produced-on" in early.stderr and "Traceback" not in early.stderr
    assert not (tmp_path / "early.pdf").exists()


def test_release_to_first_visit_worked_by_hand(samples):
    # eight releases in the samples; four holders acknowledged the notice in person on the
    # day of release (Exampleton on 6 September 2027 among them), the other four have no
    # visit, contact or check recorded after release. The later check and contact (128 and
    # 124 days) are not the first visit.
    report = build_report(samples)
    visits = counts(report, "first_visit")
    visit = section(report, "first_visit")
    assert sum(v for _, v in visit.counts) == 8 and visits["Visited"] == 4 and visits["No visit recorded yet"] == 4
    assert visits["Same or next day"] == 4 and visits["Over 14 days"] == 0
    assert dict(section(report, "first_visit").stats) == {"Median and longest": "too few to compare (only 4; 5 or more needed)"}


def test_release_to_first_visit_chart_draws_every_release(samples):
    from docgen.report_render import _rows, chart

    # the chart draws a bar for the four releases with no visit yet beside the four visited,
    # and the table's total is all eight releases
    report = build_report(samples)
    visit = section(report, "first_visit")
    bars = next(c for c in chart(report, visit).contents if hasattr(c, "categoryAxis"))
    drawn = dict(zip(bars.categoryAxis.categoryNames, bars.data[0]))
    assert drawn["No visit recorded yet"] == 4 and drawn["Same or next day"] == 4 and sum(drawn.values()) == 8
    assert ("Total", "8") in _rows(report, visit) and ("Visited", "4") in _rows(report, visit)


def test_statistics_say_how_many_they_rest_on(samples, generated):
    one = build_report(samples)
    stats = dict(section(one, "sentences").stats)
    assert stats == {"Shortest, median and longest": "too few to compare (only 1; 5 or more needed)"}
    assert "how consistently" in section(one, "sentences").explain and "fewer there are too few" in section(one, "sentences").explain
    many = build_report(generated, start=dt.date(2020, 1, 1), end=dt.date(2024, 12, 31))
    custodial = dict(section(many, "sentences").details)["Custodial sentences"]
    assert custodial >= 5
    labels = [label for label, _ in section(many, "sentences").stats]
    assert labels == [f"{name} (of {custodial} custodial sentences)" for name in ("Shortest", "Median", "Longest")]


def _received(case):
    """The receiving force's file for a case handed over: the same move, seen from the other side."""
    moves = [m.model_copy(update={"from_force": case.managing_force}) for m in case.transfers]
    return case.model_copy(update={"managing_force": moves[0].to_force, "case_id": "GMP-SCPO-0099", "transfers": moves})


def test_transfers_count_each_move_once_with_a_total_and_say_why_in_and_out_differ(samples):
    from docgen.report_render import _rows

    # the one sample move (LAN to GMP on 1 March 2028) is in the sending force's file only:
    # notified, and not accepted by GMP in the data
    report = build_report(samples)
    transfers = section(report, "transfers")
    assert counts(report, "transfers") == {
        "Accepted by the receiving force": 0, "Notified only: no acceptance in the data": 1,
        "Accepted, recorded by both forces": 0, "Accepted, recorded only by the receiving force": 0,
        "Transferred out (sending force's record)": 1, "Notified in the period, moving after it (not counted above)": 0,
    }
    assert ("Total", "1") in _rows(report, transfers) and "balance only" in transfers.explain
    # with the receiving force's file as well (GMP took the order over), the move is still one
    # move, now accepted and recorded by both
    lan = next(c for c in samples if c.managing_force == "LAN")
    both = counts(build_report([*samples, _received(lan)]), "transfers")
    assert both["Accepted by the receiving force"] == both["Accepted, recorded by both forces"] == 1
    assert both["Notified only: no acceptance in the data"] == 0
    gmp = build_report([*samples, _received(lan)], force="GMP")
    assert dict(section(gmp, "transfers").counts) == {
        "Transferred in, accepted": 1, "Transferred in, notified only": 0,
        "Transferred out, accepted by the receiving force": 0, "Transferred out, notified only": 0,
    }
    lan_only = build_report(samples, force="LAN")
    assert dict(section(lan_only, "transfers").counts)["Transferred out, notified only"] == 1
    assert dict(section(build_report(samples, force="GMP"), "transfers").counts)["Transferred in, notified only"] == 1


def test_a_move_falls_in_the_period_of_its_move_date_not_its_notice(samples):
    # notified on 1 February 2028 (the transfer entry), moving on 1 March 2028: a period that
    # ends between the two counts no move, and shows the notified move apart
    report = build_report(samples, start=dt.date(2028, 1, 1), end=dt.date(2028, 2, 15))
    moved = counts(report, "transfers")
    assert sum(v for _, v in section(report, "transfers").counts) == 0
    assert moved["Notified in the period, moving after it (not counted above)"] == 1
    assert "move date" in section(report, "transfers").explain
    later = counts(build_report(samples, start=dt.date(2028, 2, 15), end=dt.date(2028, 3, 1)), "transfers")
    assert later["Notified only: no acceptance in the data"] == 1
    assert later["Notified in the period, moving after it (not counted above)"] == 0
    ahead = dict(section(build_report(samples, start=dt.date(2028, 1, 1), end=dt.date(2028, 2, 15), force="LAN"), "transfers").details)
    assert ahead["Notified in the period, moving out after it"] == 1


def test_failures_split_breach_from_non_compliance_and_reconcile_with_warnings(samples):
    report = build_report(samples)
    failures = counts(report, "breaches")
    total = sum(v for _, v in section(report, "breaches").counts)
    values = section(report, "breaches").values()
    assert total == 11 == values["Total | Breaches"] + values["Total | Non-compliance"]
    # two recorded as breaches (the drugs sample's 18 May 2027, the outcomes sample's
    # conviction) and one recorded as non-compliance that ended in a caution
    assert values["Total | Breaches"] == 3 and failures["Breaches recorded as non-compliance, then taken further"] == 1
    # the seven failures left at a warning letter are split by level, and none of them is a
    # warning the warnings table does not also count
    only = [failures[f"Warning letter only, at level {lv}"] for lv in ("advisory", "first", "final")]
    assert sum(only) == failures["Warning letter only"] == 7
    warnings = counts(report, "warnings")
    assert all(o <= warnings[lv.capitalize()] for o, lv in zip(only, ("advisory", "first", "final")))
    breaches = section(report, "breaches")
    assert "s.25" in breaches.explain and "No outcome recorded:" in breaches.notes[0]
    assert "Warning letter only:" in breaches.notes[0]


def test_failures_by_furthest_step_split_into_breach_and_non_compliance(samples):
    from docgen.report_render import _header, _lines

    # every failure that reached an interview, caution, recall or charge is a breach, even
    # one first entered as non-compliance (the outcomes sample's handset, then cautioned):
    # the breach column adds up to the interviewed, cautioned and convicted rows
    report = build_report(samples)
    failures = section(report, "breaches")
    assert _header(failures) == ("Furthest step", "Breaches", "Non-compliance", "Failures")
    table = {line[0]: line[1:] for line in _lines(report, failures)}
    assert table["Convicted"] == ("1", "0", "1") and table["Cautioned"] == ("1", "0", "1")
    assert table["Interviewed, no further step"] == ("1", "0", "1")
    assert table["Warning letter only"] == ("0", "7", "7") and table["No outcome recorded"] == ("0", "1", "1")
    assert table["Total"] == ("3", "8", "11")
    # each row and each column adds up
    for label, (breach, other, whole) in ((k, v) for k, v in table.items() if k in dict(failures.counts) or k == "Total"):
        assert int(breach) + int(other) == int(whole), label
    # the chart stacks each step's breaches and non-compliance, with a key
    from docgen.report_render import chart

    drawing = chart(report, failures)
    bars = next(c for c in drawing.contents if hasattr(c, "categoryAxis"))
    assert bars.categoryAxis.style == "stacked"
    names = list(reversed(bars.categoryAxis.categoryNames))
    drawn = {name: (b, n) for name, b, n in zip(names, reversed(bars.data[0]), reversed(bars.data[1]))}
    assert drawn["Cautioned"] == (1, 0) and drawn["Warning letter only"] == (0, 7)
    assert [text for _, text in _svg_texts(report, "breaches") if text in ("Breaches", "Non-compliance")] == ["Breaches", "Non-compliance"]
    html = to_html_text(report)
    assert "<th>Breaches</th><th>Non-compliance</th><th>Failures</th>" in html
    assert '<tr><td>Cautioned</td><td class="n">1</td><td class="n">0</td><td class="n">1</td></tr>' in html


def to_html_text(report):
    from docgen.report_render import to_html

    return to_html(report).decode("utf-8")


def test_shared_cross_table_gives_no_hidden_cell_away(generated):
    report = build_report(generated, start=dt.date(2021, 1, 1), end=dt.date(2021, 12, 31), sharing=True)
    failures = section(report, "breaches")
    printed = report.printed(failures)
    # six breaches in 2021, each step's share of them under 5: the cells are hidden, so the
    # column's total is too, while the seven non-compliance failures stay exact
    assert printed[failures.cell("Cautioned", "Breaches")] == "fewer than 5"
    assert printed[failures.cell("Total", "Breaches")] == "not shown" and printed[failures.cell("Total", "Non-compliance")] == "7"
    for group in failures.groups():
        unknown = [label for label in group if not printed[label].isdigit()]
        assert len(unknown) != 1, f"{unknown} can be worked out from {group}"


def test_the_sample_report_has_no_near_empty_pages(samples):
    from pypdf import PdfReader
    import io

    from docgen.report_render import to_pdf

    # nine pages before the holders table was made compact; each section now keeps its
    # heading, chart and table together on fewer pages
    assert len(PdfReader(io.BytesIO(to_pdf(build_report(samples)))).pages) <= 6


def test_shared_breakdowns_give_no_hidden_count_away(samples):
    from docgen.report import FEWER

    report = build_report(samples, sharing=True)
    for s in report.sections:
        printed = report.printed(s)
        values = dict(s.counts) | dict(s.details) | ({"Total": sum(v for _, v in s.counts)} if s.total else {})
        groups = list(s.relations) + ([("Total", *(label for label, _ in s.counts))] if s.total else [])
        for group in groups:
            unknown = [label for label in group if not printed[label].isdigit()]
            assert len(unknown) != 1, f"{s.key}: {unknown[0]} = {values[unknown[0]]} can be worked out from {group}"
    orders = report.printed(section(report, "orders"))
    # 12 begun = 10 authorised + 2 without: the 2 is hidden, so the 10 cannot stay
    assert orders["Begun in the period: no authorisation recorded"] == FEWER
    assert "not shown" in (orders["Begun in the period"], orders["Begun in the period: authorised by a prosecutor"])


def test_html_charts_each_clip_to_their_own_size(samples):
    import re

    from docgen.report_render import to_html

    page = to_html(build_report(samples)).decode("utf-8")
    ids = re.findall(r'<clipPath id="([^"]+)"', page)
    assert len(ids) >= 6 and len(ids) == len(set(ids))
    assert all(f"url(#{i})" in page for i in ids)
    scope = page.index("Scope: ")
    assert page.index("OFFICIAL-SENSITIVE") < scope and page.rindex("OFFICIAL-SENSITIVE") > page.index("first_visit")


def test_handling_line_names_the_forces_the_report_is_for(samples):
    from docgen.report_render import to_html, to_pdf
    from tests.conftest import pdf_text

    # four forces in the data: the report is for the forces its scope names, not "the force"
    every = build_report(samples)
    for text in (pdf_text(to_pdf(every)), to_html(every).decode("utf-8")):
        flat = " ".join(text.split())
        assert "For use within the forces named. Not for sharing outside them in this form." in flat
        assert "within the force." not in flat
    one = " ".join(to_html(build_report(samples, force="WYP")).decode("utf-8").split())
    assert "For use within West Yorkshire Police (WYP). Not for sharing outside it in this form." in one
    shared = build_report(samples, force="WYP", sharing=True)
    assert shared.handling().startswith("Prepared for sharing outside West Yorkshire Police (WYP):")
    # one force's files without --force: that force is named too
    lan = build_report([c for c in samples if c.managing_force == "LAN"])
    assert lan.handling() == "For use within Lancashire Constabulary (LAN). Not for sharing outside it in this form."
    assert lan.scope() == "All forces in the data (LAN): 1 case file."
    assert build_report(samples, force="LAN").scope().startswith("Force LAN: the 1 case file it manages,")


def test_holders_chart_puts_each_month_end_on_its_day_against_the_year_ticks(samples):
    from reportlab.graphics.charts.lineplots import LinePlot

    from docgen.report_render import chart

    # the table gives 2026-12-31: 2 and the count rises to 3 in January 2027: on the chart
    # the 2027 tick (1 January) has the 2026 year end just before it and January's month end
    # after it, so the line is still at 2 where the year is labelled
    report = build_report(samples)
    holders = section(report, "holders")
    plot = next(c for c in chart(report, holders).contents if isinstance(c, LinePlot))
    points = dict(plot.data[0])
    ticks = dict(zip((plot.xValueAxis.labelTextFormat(t) for t in plot.xValueAxis.valueSteps), plot.xValueAxis.valueSteps))
    year_end, january = dt.date(2026, 12, 31).toordinal(), dt.date(2027, 1, 31).toordinal()
    assert year_end < ticks["2027"] < january
    assert points[year_end] == dict(holders.counts)["2026-12-31"] == 2 and points[january] == 3
    # the period's last day (1 March 2028) is one day after February's month end, not a month
    last, before = (d.toordinal() for d, _ in holders.series[-1:-3:-1])
    assert last - before == 1 and plot.xValueAxis.valueMax == last
