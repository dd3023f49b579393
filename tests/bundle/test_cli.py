"""docgen bundle build / profiles, driven as a user would."""

from __future__ import annotations

from pypdf import PdfReader
from typer.testing import CliRunner

from docgen.cli_bundle import app
from tests.bundle.conftest import SAMPLE_SPEC


def test_build_writes_the_bundle_and_says_what_it_wrote(tmp_path):
    out = tmp_path / "hearing.pdf"
    result = CliRunner().invoke(app, ["build", str(SAMPLE_SPEC), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Wrote {out}: 11 pages, 5 documents" in result.output
    assert "(judiciary-2021)" in result.output
    assert len(PdfReader(out).pages) == 11


def test_build_profile_option_overrides_the_spec(tmp_path):
    out = tmp_path / "dcs.pdf"
    result = CliRunner().invoke(app, ["build", str(SAMPLE_SPEC), "--out", str(out), "--profile", "crown-court-dcs"])
    assert result.exit_code == 0, result.output
    assert PdfReader(out).page_labels[2] == "A1"


def test_build_rejects_an_unknown_profile_option(tmp_path):
    result = CliRunner().invoke(app, ["build", str(SAMPLE_SPEC), "--out", str(tmp_path / "x.pdf"), "--profile", "civil"])
    assert result.exit_code == 2
    assert "unknown profile 'civil'" in result.output


def test_build_rejects_a_size_limit_that_is_not_positive(tmp_path):
    result = CliRunner().invoke(app, ["build", str(SAMPLE_SPEC), "--out", str(tmp_path / "x.pdf"), "--max-size", "0"])
    assert result.exit_code == 2
    assert "'--max-size': must be a positive number of megabytes" in result.output


def test_profiles_lists_each_profile_with_what_it_does():
    result = CliRunner().invoke(app, ["profiles"])
    assert result.exit_code == 0
    assert "judiciary-2021: General guidance on electronic court bundles" in result.output
    assert "crown-court-dcs: Crown Court Digital Case System style" in result.output


def test_no_progress_bar_is_drawn_into_captured_output(tmp_path):
    result = CliRunner().invoke(app, ["build", str(SAMPLE_SPEC), "--out", str(tmp_path / "b.pdf")])
    assert "[#" not in result.output
