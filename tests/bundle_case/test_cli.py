"""`docgen bundle transfer` and `docgen bundle breach`, driven as a user would."""

from __future__ import annotations

from typer.testing import CliRunner

from docgen.cli_bundle import app
from tests.bundle_case.conftest import USER


def run(*args: str):
    return CliRunner().invoke(app, list(args), env={"DOCGEN_USER": USER, "DOCGEN_REGISTER": ""})


def test_breach_writes_the_file_and_says_what_it_wrote(workspace_copy):
    out = workspace_copy.root / "breach.pdf"
    result = run("breach", str(workspace_copy.drugs), "--event", "EV-007", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert f"Wrote {out}: " in result.output and "7 documents" in result.output
    assert out.is_file()


def test_transfer_says_which_sensitive_files_it_left_out(workspace_copy):
    out = workspace_copy.root / "pack.pdf"
    result = run("transfer", str(workspace_copy.fraud), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "Left out 1 sensitive evidence file(s): Intelligence report" in result.output


def test_a_refusal_exits_2_with_the_file_named_and_writes_nothing(workspace_copy):
    changed = workspace_copy.issued / "WYP_SCPO_2027_0001_MG5-01.pdf"
    changed.write_bytes(b"%PDF-1.4 replaced\n")
    out = workspace_copy.root / "breach.pdf"
    result = run("breach", str(workspace_copy.drugs), "--event", "EV-007", "--out", str(out))
    assert result.exit_code == 2
    assert f"error: {changed}: WYP/SCPO/2027/0001/MG5-01: has changed since it was issued" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()
    assert list(workspace_copy.root.glob("*.pdf")) == []


def test_an_existing_output_is_kept_without_force(workspace_copy):
    out = workspace_copy.root / "pack.pdf"
    out.write_bytes(b"earlier pack")
    result = run("transfer", str(workspace_copy.fraud), "--out", str(out))
    assert result.exit_code == 2
    assert out.read_bytes() == b"earlier pack"
    assert run("transfer", str(workspace_copy.fraud), "--out", str(out), "--force").exit_code == 0


def test_the_register_defaults_to_the_one_beside_the_case(workspace_copy, monkeypatch):
    monkeypatch.chdir(workspace_copy.root)
    result = run("breach", "cases/specimen-drugs.yaml", "--event", "EV-007")
    assert result.exit_code == 0, result.output
    assert (workspace_copy.root / "out" / "WYP-SCPO-0001-breach-EV-007.pdf").is_file()


def test_an_unknown_profile_is_refused(workspace_copy):
    result = run("breach", str(workspace_copy.drugs), "--event", "EV-007", "--profile", "civil")
    assert result.exit_code == 2
    assert "unknown profile 'civil'" in result.output


def test_breach_help_says_sensitive_evidence_is_never_included():
    result = CliRunner().invoke(app, ["breach", "--help"], terminal_width=200)
    assert "sensitive evidence is never included" in " ".join(result.output.split())


def test_transfer_help_offers_include_sensitive():
    result = CliRunner().invoke(app, ["transfer", "--help"], terminal_width=200)
    assert "--include-sensitive" in result.output


def test_max_size_splits_the_pack_into_volumes(workspace_copy):
    out = workspace_copy.root / "pack.pdf"
    result = run("transfer", str(workspace_copy.fraud), "--out", str(out), "--max-size", "0.3")
    assert result.exit_code == 0, result.output
    assert (workspace_copy.root / "pack-vol1.pdf").is_file() and (workspace_copy.root / "pack-vol2.pdf").is_file()


def test_max_size_must_be_positive(workspace_copy):
    result = run("breach", str(workspace_copy.drugs), "--event", "EV-007", "--max-size", "0")
    assert result.exit_code == 2
    assert "'--max-size': must be a positive number of megabytes" in result.output
