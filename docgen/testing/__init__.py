"""Snapshot testing for template authors: readable snapshots and a render fixture.

Use it from a force's own tests by adding, in the top-level ``conftest.py``::

    pytest_plugins = ["docgen.testing"]

and then, in a test::

    def test_warning_letter(docgen_render, docx_snapshot, pdf_snapshot):
        rendered = docgen_render("warning-letter", "cases/example.yaml", event="EV-002")
        assert rendered == docx_snapshot
        assert rendered == pdf_snapshot

Failing snapshots start with the changed words and where they are. The layout checks
(``overlapping_lines``, ``unembedded_fonts``) and :func:`docgen.templatecheck.check` are part
of the kit too. See docs/testing-templates.md.
"""

from .fixtures import (
    docgen_house_style,
    docgen_render,
    docgen_templates,
    docx_snapshot,
    model_snapshot,
    pdf_snapshot,
)
from .layout import DrawnLine, drawn_lines, overlapping_lines, unembedded_fonts
from .readers import docx_text, pdf_text
from .snapshots import DocxSnapshotExtension, ModelSnapshotExtension, PdfSnapshotExtension

__all__ = [
    "DocxSnapshotExtension",
    "DrawnLine",
    "drawn_lines",
    "overlapping_lines",
    "unembedded_fonts",
    "ModelSnapshotExtension",
    "PdfSnapshotExtension",
    "docgen_house_style",
    "docgen_render",
    "docgen_templates",
    "docx_snapshot",
    "docx_text",
    "model_snapshot",
    "pdf_snapshot",
    "pdf_text",
]
