"""The performance report as a PDF or an HTML page: a chart beside each table.

Charts are drawn with reportlab's own graphics (no plotting library to install); the
HTML page carries the same drawings as inline SVG. Both outputs are byte-identical for
the same report: the PDF is written invariant (no creation time, a fixed document id).
"""

from __future__ import annotations

import datetime as dt
import html
import io

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .dates import month_end
from .report import Report, Section, long_date

BAR = colors.HexColor("#1f4e79")
SHADES = (BAR, colors.HexColor("#9dc3e6"))  # the parts of a stacked bar, darkest first
WIDTH = 170 * mm


def _title(report: Report) -> str:
    return f"Performance report: {long_date(report.start)} to {long_date(report.end)}"


def _scope(report: Report) -> list[str]:
    """The lines under the title, the same in the PDF and the HTML."""
    return [
        f"Scope: {report.scope()}",
        f"Period: {report.period()}. {report.dated()}",
        f"{report.marking}. Counts only: no names, references or addresses. {report.handling()}",
    ]


def _footer(report: Report) -> str:
    who = f"force {report.force}" if report.force else "all forces in the data"
    return f"Performance report, {who}, {report.start.isoformat()} to {report.end.isoformat()}"


FONT = 8  # the smallest text on a chart
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def nice_step(top: int) -> int:
    """A whole-number tick step that gives at most 8 ticks up to ``top``."""
    for size in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if top / size <= 8:
            return size
    return 10 ** len(str(top))


def _count_axis(axis, values: list[int]) -> None:  # noqa: ANN001
    """Counts are whole numbers: ticks at whole steps from 0, never a fraction."""
    step = nice_step(max(values))
    axis.valueMin, axis.valueStep = 0, step
    axis.valueMax = -(-max(values) // step) * step
    axis.labelTextFormat = "%d"
    axis.labels.fontSize = FONT


def _date_ticks(days: list) -> tuple[list[int], list[str]]:  # noqa: ANN001
    """Tick positions (day ordinals, as the points are placed) and labels for a monthly
    series. Over more than two years, a tick at 1 January of each year (every other year
    past ten), so the year end before it is the point just left of it, as in the table;
    else one at each quarter end, on that month end's point."""
    first, last = days[0], days[-1]
    if len(days) > 24:
        every = 1 if len(days) <= 120 else 2
        starts = [dt.date(y, 1, 1) for y in range(first.year + 1, last.year + 1) if y % every == 0]
        return [d.toordinal() for d in starts], [str(d.year) for d in starts]
    ends = [d for d in days if d.month % 3 == 0 and d == month_end(d)]
    return [d.toordinal() for d in ends], [f"{d.day} {MONTH_ABBR[d.month - 1]} {d.year}" for d in ends]


def chart(report: Report, section: Section) -> Drawing | None:
    """The section's chart, or None when it has nothing worth drawing."""
    values = report.charted(section)
    if section.chart is None or not any(values):
        return None
    if section.chart == "line":
        days = [day for day, _ in section.series]
        drawing = Drawing(WIDTH, 58 * mm)
        plot = LinePlot()
        plot.x, plot.y, plot.width, plot.height = 18 * mm, 16 * mm, WIDTH - 24 * mm, 38 * mm
        # each point at its own day, so a month end sits where the calendar puts it and the
        # period's last day (not a month end) is not drawn a month after the one before it
        plot.data = [[(day.toordinal(), v) for day, v in zip(days, values)]]
        plot.lines[0].strokeColor = BAR
        plot.lines[0].strokeWidth = 1.5
        plot.xValueAxis.valueMin = days[0].toordinal()
        plot.xValueAxis.valueMax = max(days[-1].toordinal(), days[0].toordinal() + 1)
        ticks, labels = _date_ticks(days)
        plot.xValueAxis.valueSteps = ticks
        names = dict(zip(ticks, labels))
        plot.xValueAxis.labelTextFormat = lambda i: names.get(int(round(i)), "")
        plot.xValueAxis.labels.fontSize = FONT
        _count_axis(plot.yValueAxis, values)
        drawing.add(plot)
        drawing.add(String(plot.x + plot.width / 2, 5 * mm, "Month end", fontSize=FONT + 1, textAnchor="middle"))
        drawing.add(_vertical(4 * mm, plot.y + plot.height / 2, section.axis))
        return _noted(report, drawing)
    # a split section stacks its parts in each bar, with a key above the chart
    parts = report.charted_split(section) if section.split else [values]
    key = 6 if section.split else 0
    drawing = Drawing(WIDTH, (16 + key + 4 * len(values)) * mm)
    bars = HorizontalBarChart()
    bars.x, bars.y = 72 * mm, 13 * mm
    bars.width, bars.height = WIDTH - 80 * mm, 4 * len(values) * mm
    bars.data = [list(reversed(part)) for part in parts]
    bars.categoryAxis.categoryNames = list(reversed([label for label, _ in section.counts]))
    bars.categoryAxis.labels.fontSize = FONT
    bars.categoryAxis.labels.boxAnchor = "e"
    _count_axis(bars.valueAxis, [sum(row) for row in zip(*parts)])
    for i, colour in enumerate(SHADES[: len(parts)]):
        bars.bars[i].fillColor = colour
    if section.split:
        bars.categoryAxis.style = "stacked"
        legend = Legend()
        legend.x, legend.y = bars.x, bars.y + bars.height + key * mm - 1 * mm
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.fontSize = FONT
        legend.dx = legend.dy = 3 * mm
        legend.deltax = 35 * mm
        legend.colorNamePairs = list(zip(SHADES, section.split))
        drawing.add(legend)
    drawing.add(bars)
    drawing.add(String(bars.x + bars.width / 2, 5 * mm, section.axis, fontSize=FONT + 1, textAnchor="middle"))
    return _noted(report, drawing)


def _vertical(x: float, y: float, text: str) -> Group:
    """An axis title that reads upwards beside a vertical axis."""
    group = Group(String(0, 0, text, fontSize=FONT + 1, textAnchor="middle"))
    group.transform = (0, 1, -1, 0, x, y)
    return group


def _noted(report: Report, drawing: Drawing) -> Drawing:
    if report.sharing:
        drawing.add(String(WIDTH, 1 * mm, "Counts fewer than 5 are not drawn.", fontSize=FONT, fillColor=colors.grey, textAnchor="end"))
    return drawing


def _rows(report: Report, section: Section) -> list[tuple[str, str]]:
    """The label and printed count of each row: the counts, the total, the breakdown."""
    printed = report.printed(section)
    rows = [(label, printed[label]) for label, _ in section.counts]
    if section.total:
        rows.append(("Total", printed["Total"]))
    return rows + [(label, printed[label]) for label, _ in section.details]


def _header(section: Section) -> tuple[str, ...]:
    """The table's heading: with a split, a column for each part before the whole."""
    return (section.headers[0], *section.split, section.headers[1])


def _lines(report: Report, section: Section) -> list[tuple[str, ...]]:
    """Every row of the section's table, as wide as its heading: a count row and the total
    give each column of the split; a breakdown or statistic row fills only the last."""
    printed = report.printed(section)
    split = [label for label, _ in section.counts] + (["Total"] if section.total else [])
    blank = ("",) * len(section.split)
    lines = []
    for label, value in _rows(report, section) + list(section.stats):
        parts = tuple(printed[section.cell(label, c)] for c in section.split) if label in split else blank
        lines.append((label, *parts, value))
    return lines


def _story(report: Report) -> list:
    styles = getSampleStyleSheet()
    story = [Paragraph(html.escape(_title(report)), styles["Title"])]
    story += [Paragraph(html.escape(line), styles["Normal"]) for line in _scope(report)]
    story.append(Spacer(1, 6 * mm))
    for section in report.sections:
        block = [Paragraph(html.escape(section.title), styles["Heading2"]), Paragraph(html.escape(section.explain), styles["Normal"]), Spacer(1, 2 * mm)]
        drawing = chart(report, section)
        if drawing is not None:
            block += [drawing, Spacer(1, 2 * mm)]
        rows = _lines(report, section)
        widths = [110 * mm, 60 * mm] if not section.split else [80 * mm, *(30 * mm for _ in section.split), 30 * mm]
        table = Table([_header(section), *rows], colWidths=widths, repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9),
                    ("FONT", (0, 1), (-1, -1), "Helvetica", 9),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.lightgrey),
                    ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ]
            )
        )
        if section.details:  # the breakdown rows read as notes to the counts above them
            first = len(rows) - len(section.stats) - len(section.details) + 1
            table.setStyle(TableStyle([("FONT", (0, first), (0, first + len(section.details) - 1), "Helvetica-Oblique", 9)]))
        block.append(table)
        if section.notes:
            block.append(Spacer(1, 2 * mm))
        block += [Paragraph(html.escape(note), styles["Normal"]) for note in section.notes]
        story.append(KeepTogether(block))  # a heading never sits apart from its chart and table
        story.append(Spacer(1, 5 * mm))
    return story


def _build(report: Report, pages: int | None) -> tuple[bytes, int]:
    """One pass of the PDF: every page carries the marking, and once the page count is
    known from a first pass, "Page X of Y"."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, invariant=True, title="Performance report", author="docgen",
        leftMargin=20 * mm, rightMargin=20 * mm, topMargin=20 * mm, bottomMargin=20 * mm,
    )
    seen = [0]

    def decorate(canvas, _doc) -> None:  # noqa: ANN001
        seen[0] += 1
        width, height = A4
        canvas.saveState()
        canvas.setFont("Helvetica-Bold", 9)
        canvas.drawCentredString(width / 2, height - 11 * mm, report.marking)
        canvas.drawCentredString(width / 2, 8 * mm, report.marking)
        canvas.setFont("Helvetica", 8)
        canvas.drawString(20 * mm, 13 * mm, _footer(report))
        canvas.drawRightString(width - 20 * mm, 13 * mm, f"Page {seen[0]} of {pages}" if pages else f"Page {seen[0]}")
        canvas.restoreState()

    doc.build(_story(report), onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue(), seen[0]


def to_pdf(report: Report) -> bytes:
    _, pages = _build(report, None)
    data, again = _build(report, pages)
    assert again == pages, "the page count changed between passes"
    return data


def to_html(report: Report) -> bytes:
    from reportlab.graphics import renderSVG

    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8"><title>Performance report</title>',
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse;min-width:30em}"
        "td,th{padding:.2em .8em;border-bottom:1px solid #ccc;text-align:left}td.n,th+th{text-align:right}"
        "tr.detail td:first-child{font-style:italic}.marking{text-align:center;font-weight:bold}"
        ".chart svg{display:block;width:100%;max-width:48em;height:auto}"
        # the charts are laid out with Helvetica's widths: draw them in a font of the same widths
        '.chart svg text{font-family:Helvetica,Arial,"Liberation Sans","Nimbus Sans","Nimbus Sans L","TeX Gyre Heros",sans-serif !important}</style></head><body>',
        f'<p class="marking">{e(report.marking)}</p>',
        f"<h1>{e(_title(report))}</h1>",
        *(f"<p>{e(line)}</p>" for line in _scope(report)),
    ]
    for section in report.sections:
        parts.append(f'<section id="{e(section.key)}"><h2>{e(section.title)}</h2><p>{e(section.explain)}</p>')
        drawing = chart(report, section)
        if drawing is not None:  # above its table, as in the PDF
            svg = renderSVG.drawToString(drawing)
            svg = svg[svg.index("<svg"):]
            # each inline chart names its clip path "clip": made unique, or every chart is
            # clipped to the first one's size
            svg = svg.replace('id="clip"', f'id="clip-{section.key}"').replace("url(#clip)", f"url(#clip-{section.key})")
            svg = svg.replace('id="group"', f'id="group-{section.key}"')
            parts.append(f'<div class="chart">{svg}</div>')
        parts.append("<table><tr>" + "".join(f"<th>{e(h)}</th>" for h in _header(section)) + "</tr>")
        details = {label for label, _ in section.details}
        for label, *values in _lines(report, section):
            row = ' class="detail"' if label in details else ""
            cells = "".join(f'<td class="n">{e(v)}</td>' for v in values)
            parts.append(f"<tr{row}><td>{e(label)}</td>{cells}</tr>")
        parts.append("</table>")
        parts.extend(f"<p>{e(note)}</p>" for note in section.notes)
        parts.append("</section>")
    parts.append(f'<p class="marking">{e(report.marking)}</p>')
    parts.append("</body></html>\n")
    return "\n".join(parts).encode("utf-8")
