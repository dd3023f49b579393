"""--pdfa: bundles and rendered documents pass an independent PDF/A-2b check."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from docgen.bundle import DocumentSpec, add_document, build_bundle, load_spec, verify_bundle
from docgen.cli_bundle import app
from tests.bundle.conftest import SAMPLE_SPEC, pdf_bytes
from tests.bundle.pdfa_check import pdfa_problems
from tests.conftest import external_tool


@pytest.fixture(scope="module")
def pdfa_bundle(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pdfa") / "bundle.pdf"
    build_bundle(load_spec(SAMPLE_SPEC).model_copy(update={"profile": "crown-court-dcs"}), out, pdfa=True)
    return out


def test_a_pdfa_bundle_passes_the_check(pdfa_bundle):
    assert pdfa_problems(pdfa_bundle) == []


@pytest.mark.external
def test_a_pdfa_bundle_passes_qpdf_too(pdfa_bundle):
    assert pdfa_problems(pdfa_bundle, qpdf=external_tool("qpdf")) == []


def test_the_check_fails_an_ordinary_bundle(sample_bundles):
    problems = pdfa_problems(sample_bundles["judiciary-2021"])
    assert any(p.startswith("6.6.2") for p in problems)  # no XMP
    assert any(p.startswith("6.2.3") for p in problems)  # no output intent
    assert any(p.startswith("6.2.11.4") for p in problems)  # the sources' Helvetica is not embedded
    assert any(p.startswith("6.8") for p in problems)  # manifest.json attached


def test_a_pdfa_bundle_is_still_a_whole_bundle(pdfa_bundle, sample_bundles):
    report = verify_bundle(pdfa_bundle)
    assert report.compliant and report.built_by_docgen, report.to_text()
    plain = PdfReader(sample_bundles["crown-court-dcs"])
    reader = PdfReader(pdfa_bundle)
    assert list(reader.page_labels) == list(plain.page_labels)
    assert len(reader.outline) == len(plain.outline)
    manifest = json.loads(reader.trailer["/Root"]["/DocgenManifest"].get_object().get_data())
    assert manifest["profile"] == "crown-court-dcs"


def test_pdfa_output_is_repeatable(tmp_path):
    spec = load_spec(SAMPLE_SPEC)
    build_bundle(spec, tmp_path / "a.pdf", pdfa=True)
    build_bundle(spec, tmp_path / "b.pdf", pdfa=True)
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_a_late_addition_to_a_pdfa_bundle_keeps_its_manifest(pdfa_bundle, tmp_path, write):
    out = tmp_path / "late.pdf"
    add_document(pdfa_bundle, DocumentSpec(file=write("l.pdf", pdf_bytes(1)), title="Late"), out=out)
    assert verify_bundle(out).compliant


def test_cli_build_pdfa(tmp_path):
    out = tmp_path / "b.pdf"
    result = CliRunner().invoke(app, ["build", str(SAMPLE_SPEC), "--out", str(out), "--pdfa"])
    assert result.exit_code == 0, result.output
    assert "PDF/A-2b" in result.output and pdfa_problems(out) == []


def _one_run_per_kind() -> list[tuple[Path, str, str | None]]:
    from docgen.demo import demo_runs, sample_cases
    from docgen.pipeline import load_inputs
    from docgen.render import kinds, template_dirs

    runs: dict[str, tuple[Path, str, str | None]] = {}
    for case_path in sample_cases():
        case, house = load_inputs(case_path)
        for kind in kinds(template_dirs(house.templates)).values():
            if kind.name not in runs:
                for event_id in demo_runs(kind, case)[:1]:
                    runs[kind.name] = (case_path, kind.name, event_id)
    return [runs[name] for name in sorted(runs)]


@pytest.mark.parametrize(("case_path", "kind", "event_id"), _one_run_per_kind(), ids=lambda v: str(getattr(v, "stem", v)))
def test_every_kind_of_document_renders_as_pdfa(case_path, kind, event_id, tmp_path):
    from docgen.demo import demo_options, render_dated
    from docgen.pipeline import load_inputs

    case, house = load_inputs(case_path)
    options = dataclasses.replace(demo_options(case, kind, event_id), pdfa=True)
    rendered = render_dated(case, house, kind, event_id, options=options, formats=("pdf",))
    out = tmp_path / f"{rendered.stem}.pdf"
    out.write_bytes(rendered.files["pdf"])
    assert pdfa_problems(out) == []


def test_cli_render_pdfa_writes_a_pdfa_document(tmp_path):
    from docgen.cli import app as main_app
    from tests.conftest import SAMPLES

    result = CliRunner().invoke(main_app, ["render", "draft-order", str(SAMPLES / "cases" / "exampleton-fraud.yaml"),
                                           "--format", "pdf", "--pdfa", "--out", str(tmp_path)])  # fmt: skip
    assert result.exit_code == 0, result.output
    (pdf,) = tmp_path.glob("*.pdf")
    assert pdfa_problems(pdf) == []
