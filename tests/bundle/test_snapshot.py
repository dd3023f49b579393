"""What the sample bundle's index and bookmarks say, pinned as snapshots."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from docgen.bundle.pdftext import page_fragments
from tests.bundle.conftest import outline_tree


def index_rows(reader: PdfReader) -> list[tuple[str, str]]:
    """Each index row as the reader sees it (left to right) with the page its link opens."""
    labels = reader.page_labels
    ids = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)}
    rows = []
    for page in reader.pages[1:]:
        if "/Annots" not in page:
            break
        fragments, _ = page_fragments(page)
        for annot in page["/Annots"]:
            link = annot.get_object()
            x0, y0, x1, y1 = (float(v) for v in link["/Rect"])
            inside = [f for f in fragments if x0 <= f.x <= x1 and y0 <= f.y <= y1]
            inside.sort(key=lambda f: (-round(f.y), f.x))
            rows.append((" | ".join(f.text for f in inside), labels[ids[link["/Dest"][0].idnum]]))
    return rows


@pytest.mark.parametrize("profile", ["judiciary-2021", "crown-court-dcs"])
def test_index_of_the_sample_bundle(sample_bundles, snapshot, profile):
    assert index_rows(PdfReader(sample_bundles[profile])) == snapshot


@pytest.mark.parametrize("profile", ["judiciary-2021", "crown-court-dcs"])
def test_outline_of_the_sample_bundle(sample_bundles, snapshot, profile):
    assert outline_tree(PdfReader(sample_bundles[profile])) == snapshot
