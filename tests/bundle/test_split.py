"""--max-size: volumes that fit, split only between documents."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from typer.testing import CliRunner

from docgen.bundle import build_bundle, verify_bundle
from docgen.cli_bundle import app
from tests.bundle.conftest import spec_of

LIMIT_MB = 0.5


def noisy_jpeg(seed: int, side: int = 300) -> bytes:
    """A picture that does not compress, so its size is predictable (about 150 KB)."""
    rng = random.Random(seed)
    image = Image.frombytes("RGB", (side, side), rng.randbytes(side * side * 3))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95)
    return out.getvalue()


@pytest.fixture
def pictures(write) -> list[Path]:
    return [write(f"exhibit-{n}.jpg", noisy_jpeg(n)) for n in range(6)]


def _manifest(path: Path) -> dict:
    return json.loads(PdfReader(path).attachments["manifest.json"][0])


def test_a_bundle_over_the_limit_is_split_into_volumes_that_fit(tmp_path, pictures):
    report = build_bundle(spec_of(("Exhibits", pictures)), tmp_path / "bundle.pdf", max_size_mb=LIMIT_MB)
    assert len(report.volumes) >= 2
    assert [v.path.name for v in report.volumes][:2] == ["bundle-vol1.pdf", "bundle-vol2.pdf"]
    for volume in report.volumes:
        assert volume.path.stat().st_size <= LIMIT_MB * 1024 * 1024
    assert not (tmp_path / "bundle.pdf").exists()


def test_volumes_split_between_documents_and_each_has_its_own_index(tmp_path, pictures):
    report = build_bundle(spec_of(("Exhibits", pictures)), tmp_path / "bundle.pdf", max_size_mb=LIMIT_MB)
    numbers = []
    for position, volume in enumerate(report.volumes, start=1):
        manifest = _manifest(volume.path)
        assert manifest["volume"] == {"number": position, "of": len(report.volumes)}
        numbers += [d["number"] for s in manifest["sections"] for d in s["documents"]]
        result = verify_bundle(volume.path)
        assert result.compliant and result.checked["index_entries"] >= 2, result.to_text()
        assert f"Volume {position} of {len(report.volumes)}" in PdfReader(volume.path).pages[0].extract_text()
    assert numbers == list(range(1, 7))  # every document once, in order


def test_continuous_numbering_restarts_in_each_volume(tmp_path, pictures):
    report = build_bundle(spec_of(("Exhibits", pictures)), tmp_path / "b.pdf", max_size_mb=LIMIT_MB)
    for volume in report.volumes:
        assert PdfReader(volume.path).page_labels[0] == "1"


def test_section_numbering_carries_on_across_volumes_under_dcs(tmp_path, pictures):
    spec = spec_of(("Exhibits", pictures), profile="crown-court-dcs")
    report = build_bundle(spec, tmp_path / "b.pdf", max_size_mb=LIMIT_MB)
    labels = [d.first_page for v in report.volumes for d in v.documents]
    assert labels == ["A1", "A2", "A3", "A4", "A5", "A6"]
    second = _manifest(report.volumes[1].path)
    assert second["sections"][0]["title"] == "Exhibits (continued)"


def test_a_single_document_over_the_limit_gets_a_volume_of_its_own_and_a_warning(tmp_path, write):
    big = write("big.jpg", noisy_jpeg(1, side=700))
    small = write("small.jpg", noisy_jpeg(2, side=60))
    report = build_bundle(spec_of(("Exhibits", [small, big])), tmp_path / "b.pdf", max_size_mb=LIMIT_MB)
    assert [len(v.documents) for v in report.volumes] == [1, 1]
    assert any("over the 0.5 MB limit" in w for w in report.warnings)


def test_a_bundle_under_the_limit_stays_one_file(tmp_path, pictures):
    report = build_bundle(spec_of(("Exhibits", pictures[:1])), tmp_path / "b.pdf", max_size_mb=LIMIT_MB)
    assert [v.path.name for v in report.volumes] == ["b.pdf"]


def test_cli_build_prints_one_line_per_volume(tmp_path, pictures, write):
    lines = "\n".join(f"      - {{file: {p.name}, title: Exhibit {n}}}" for n, p in enumerate(pictures))
    spec = write("spec.yaml", f"title: T\ncase: R v Fictional\nsections:\n  - title: S\n    documents:\n{lines}\n".encode())
    result = CliRunner().invoke(app, ["build", str(spec), "--out", str(tmp_path / "b.pdf"), "--max-size", str(LIMIT_MB)])
    assert result.exit_code == 0, result.output
    assert result.output.count("Wrote ") >= 2 and "b-vol1.pdf" in result.output
