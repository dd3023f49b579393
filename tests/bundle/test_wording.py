"""The small things a person reads: plurals, sizes next to limits, roman front matter across volumes."""

from __future__ import annotations

import logging

from pypdf import PdfReader

from docgen.bundle import build_bundle
from docgen.bundle.sources import Refused, open_pdf
from docgen.bundle.wording import count, megabytes
from tests.bundle.conftest import pdf_bytes, spec_of
from tests.bundle.test_split import LIMIT_MB, noisy_jpeg


def test_one_page_is_singular():
    assert count(1, "page") == "1 page"
    assert count(2, "page") == "2 pages"
    assert count(0, "document") == "0 documents"


def test_a_size_over_a_limit_never_reads_as_the_limit():
    assert megabytes(int(0.23 * 1048576), 0.2) == "0.23 MB"
    assert megabytes(int(0.2001 * 1048576), 0.2) == "0.2001 MB"
    assert megabytes(int(3.46 * 1048576), 36) == "3.5 MB"
    assert megabytes(int(0.23 * 1048576)) == "0.2 MB"


def test_a_truncated_pdf_says_nothing_through_pypdf(caplog):
    data = pdf_bytes(2)
    cut = data[: data.rindex(b"%%EOF")]
    with caplog.at_level(logging.DEBUG):
        try:
            open_pdf(cut)
        except Refused:
            pass
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]


def test_front_matter_numbers_carry_on_across_volumes_under_dcs(tmp_path, write):
    pictures = [write(f"exhibit-{n}.jpg", noisy_jpeg(n)) for n in range(6)]
    spec = spec_of(("Exhibits", pictures), profile="crown-court-dcs")
    report = build_bundle(spec, tmp_path / "b.pdf", max_size_mb=LIMIT_MB)
    seen: list[str] = []
    for volume in report.volumes:
        labels = list(PdfReader(volume.path).page_labels)
        roman = [label for label in labels if not label[0].isupper()]
        assert not set(roman) & set(seen), f"{volume.path.name} reuses {sorted(set(roman) & set(seen))}"
        seen += roman
    assert PdfReader(report.volumes[1].path).page_labels[0] != "i"
