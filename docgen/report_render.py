"""The performance report as a PDF or an HTML page: a chart beside each table.

Charts are drawn with reportlab's own graphics (no plotting library to install); the
HTML page carries the same drawings as inline SVG. Both outputs are byte-identical for
the same report: the PDF is written invariant (no creation time, a fixed document id).
"""

from __future__ import annotations

import html
import io

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .report import Report, Section

BAR = colors.HexColor("#1f4e79")
WIDTH = 170 * mm


def _title(report: Report) -> str:
    who = f"force {report.force}" if report.force else "all forces in the data"
    return f"Performance report: {who}, {report.start.isoformat()} to {report.end.isoformat()}"


def _subtitle(report: Report) -> str:
    marking = (
        "Marked for sharing outside the force: counts from 1 to 4 are shown as \u201cfewer than 5\u201d."
        if report.sharing
        else "For use within the force. Not for sharing outside it in this form."
    )
    return f"Counted from {report.cases} case files. Counts only: no names, references or addresses. {marking}"


def chart(report: Report, section: Section) -> Drawing | None:
    """The section's chart, or None when it has nothing worth drawing."""
    values = report.charted(section)
    if section.chart is None or not any(values):
        return None
    if section.chart == "line":
        drawing = Drawing(WIDTH, 60 * mm)
        plot = LinePlot()
        plot.x, plot.y, plot.width, plot.height = 12 * mm, 10 * mm, WIDTH - 20 * mm, 45 * mm
        plot.data = [[(i, v) for i, v in enumerate(values)]]
        plot.lines[0].strokeColor = BAR
        plot.lines[0].strokeWidth = 1.5
        plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = 0, max(len(values) - 1, 1)
        step = max(1, len(values) // 10)
        plot.xValueAxis.valueSteps = list(range(0, len(values), step))
        labels = [label for label, _ in section.counts]
        plot.xValueAxis.labelTextFormat = lambda i: labels[int(i)] if 0 <= int(i) < len(labels) else ""
        plot.xValueAxis.labels.fontSize = 6
        plot.yValueAxis.valueMin = 0
        plot.yValueAxis.labels.fontSize = 7
        drawing.add(plot)
        return _noted(report, drawing)
    drawing = Drawing(WIDTH, (12 + 7 * len(values)) * mm)
    bars = HorizontalBarChart()
    bars.x, bars.y = 55 * mm, 6 * mm
    bars.width, bars.height = WIDTH - 65 * mm, 7 * len(values) * mm
    bars.data = [list(reversed(values))]
    bars.categoryAxis.categoryNames = list(reversed([label for label, _ in section.counts]))
    bars.categoryAxis.labels.fontSize = 7
    bars.categoryAxis.labels.boxAnchor = "e"
    bars.valueAxis.valueMin = 0
    bars.valueAxis.labels.fontSize = 7
    bars.bars[0].fillColor = BAR
    drawing.add(bars)
    return _noted(report, drawing)


def _noted(report: Report, drawing: Drawing) -> Drawing:
    if report.sharing:
        drawing.add(String(0, 1 * mm, "Counts fewer than 5 are not drawn.", fontSize=6, fillColor=colors.grey))
    return drawing


def _rows(report: Report, section: Section) -> list[tuple[str, str]]:
    rows = [(label, report.shown(value)) for label, value in section.counts]
    total = report.total(section)
    if total is not None:
        rows.append(("Total", total))
    rows += [(label, report.shown(value)) for label, value in section.details]
    return rows


def to_pdf(report: Report) -> bytes:
    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, invariant=True, title="Performance report", author="docgen",
        leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm, bottomMargin=18 * mm,
    )
    story = [Paragraph(html.escape(_title(report)), styles["Title"]), Paragraph(html.escape(_subtitle(report)), styles["Normal"]), Spacer(1, 6 * mm)]
    for section in report.sections:
        block = [Paragraph(html.escape(section.title), styles["Heading2"]), Paragraph(html.escape(section.explain), styles["Normal"]), Spacer(1, 2 * mm)]
        drawing = chart(report, section)
        if drawing is not None:
            block += [drawing, Spacer(1, 2 * mm)]
        rows = _rows(report, section) + list(section.stats)
        table = Table([section.headers, *rows], colWidths=[110 * mm, 60 * mm], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9),
                    ("FONT", (0, 1), (-1, -1), "Helvetica", 9),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.lightgrey),
                    ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ]
            )
        )
        block.append(table)
        if len(rows) < 20:  # a short table stays on the page with its chart
            story.append(KeepTogether(block))
        else:
            story.extend(block)
        story.append(Spacer(1, 6 * mm))
    doc.build(story)
    return buffer.getvalue()


def to_html(report: Report) -> bytes:
    from reportlab.graphics import renderSVG

    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8"><title>Performance report</title>',
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse}"
        "td,th{padding:.2em .8em;border-bottom:1px solid #ccc;text-align:left}td.n{text-align:right}"
        ".pair{display:flex;gap:2em;align-items:flex-start;flex-wrap:wrap}</style></head><body>",
        f"<h1>{e(_title(report))}</h1>",
        f"<p>{e(_subtitle(report))}</p>",
    ]
    for section in report.sections:
        parts.append(f'<section id="{e(section.key)}"><h2>{e(section.title)}</h2><p>{e(section.explain)}</p><div class="pair">')
        parts.append(f"<table><tr><th>{e(section.headers[0])}</th><th>{e(section.headers[1])}</th></tr>")
        for label, value in _rows(report, section) + list(section.stats):
            parts.append(f'<tr><td>{e(label)}</td><td class="n">{e(value)}</td></tr>')
        parts.append("</table>")
        drawing = chart(report, section)
        if drawing is not None:
            svg = renderSVG.drawToString(drawing)
            parts.append(svg[svg.index("<svg"):])
        parts.append("</div></section>")
    parts.append("</body></html>\n")
    return "\n".join(parts).encode("utf-8")
