"""``docgen conditions ...`` and ``docgen lint CASE`` as a user meets them."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from docgen.cli_conditions import app, lint_command
from docgen.conditions import shipped_library
from tests.conftest import dump_yaml, load_yaml

from .builders import (
    BASE_CASE,
    MINIMAL_CLAUSE,
    SECOND_EDITION_CLAUSE,
    term,
    write_clause,
)

runner = CliRunner()


def write_case(folder: Path, name: str, *terms: dict[str, Any]) -> Path:
    data = copy.deepcopy(BASE_CASE)
    data["terms"] = list(terms)
    path = folder / name
    path.write_text(dump_yaml(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def docgen_lint() -> typer.Typer:
    """The lint command mounted the way the main command line mounts it."""
    top = typer.Typer()
    top.command("lint")(lint_command)
    top.command("noop", hidden=True)(lambda: None)
    return top


def test_list_shows_the_current_version_of_every_clause():
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert any(line.startswith("FIN-004  3.0.0   approved") for line in lines)
    assert not any(line.startswith("VEH-003") for line in lines)


def test_list_all_includes_superseded_and_withdrawn_versions():
    result = runner.invoke(app, ["list", "--all"])
    assert "FIN-004  1.0.0   superseded" in result.output
    assert "VEH-003  1.0.0   withdrawn" in result.output


def test_list_filters_by_category():
    result = runner.invoke(app, ["list", "--category", "tro", "--format", "json"])
    assert {row["code"] for row in json.loads(result.output)} == {"TRO-001", "TRO-002", "TRO-003"}


def test_an_unknown_category_is_refused_with_the_known_ones():
    result = runner.invoke(app, ["list", "--category", "boats"])
    assert result.exit_code == 2
    assert "unknown category 'boats'" in result.output and "travel" in result.output


def test_show_prints_wording_with_defaults_guidance_notes_and_versions():
    result = runner.invoke(app, ["show", "FIN-004"])
    assert result.exit_code == 0
    for heading in ("Wording (with defaults):", "Licence mirror:", "In plain words:", "Guidance:",
                    "Future-proofing:", "Monitoring:", "Versions:"):
        assert heading in result.output
    assert "more than £250.00" in result.output
    assert "1.0.0 superseded, replaced by FIN-004@2.0.0" in result.output


def test_show_explains_why_a_clause_is_not_mirrored():
    result = runner.invoke(app, ["show", "COM-004"])
    assert "Not mirrored in the licence, because:" in result.output


def test_show_of_a_withdrawn_clause_shows_it_with_its_status():
    result = runner.invoke(app, ["show", "VEH-003"])
    assert result.exit_code == 0 and "(withdrawn)" in result.output and "replaced by VEH-001@1.0.0" in result.output


def test_show_of_an_unknown_clause_exits_2_without_a_traceback():
    result = runner.invoke(app, ["show", "ZZZ-001"])
    assert result.exit_code == 2
    assert "error:" in result.output and "ZZZ-001" in result.output and "Traceback" not in result.output


def test_conditions_lint_of_the_shipped_library_is_clean():
    result = runner.invoke(app, ["lint"])
    assert result.exit_code == 0
    assert "0 errors, 0 warnings" in result.output


def test_conditions_lint_exits_2_on_a_library_with_an_error(library_copy):
    write_clause(library_copy, "items", "ITM-900.yaml", MINIMAL_CLAUSE.replace("any vehicle", "any iPhone or vehicle"))
    result = runner.invoke(app, ["lint", "--library", str(library_copy), "--format", "json"])
    assert result.exit_code == 2
    report = json.loads(result.output)
    assert [(f["rule"], f["clause"]) for f in report["findings"]] == [("brand-name", "ITM-900@1.0.0")]


def test_lint_of_a_clean_case_exits_0(docgen_lint, tmp_path):
    path = write_case(tmp_path, "clean.yaml", term("COM-001"))
    result = runner.invoke(docgen_lint, ["lint", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("0 errors, 0 warnings")


def test_lint_with_warnings_only_exits_1(docgen_lint, tmp_path):
    path = write_case(tmp_path, "old.yaml", term("FIN-004", version="1.0.0"))
    data = load_yaml(path.read_text(encoding="utf-8"))  # an order still to be made: the version is a choice
    data["order"]["status"] = "proposed"
    for key in ("made_on", "notice", "release_date"):
        data["order"].pop(key, None)
    path.write_text(dump_yaml(data, sort_keys=False), encoding="utf-8")
    result = runner.invoke(docgen_lint, ["lint", str(path)])
    assert result.exit_code == 1
    assert "term 1: warning [clause-version]" in result.output


def test_lint_with_an_error_exits_2_and_prints_rule_severity_term_and_fix(docgen_lint, tmp_path):
    path = write_case(tmp_path, "bad.yaml", {"clause": "COM-001"})
    result = runner.invoke(docgen_lint, ["lint", str(path)])
    assert result.exit_code == 2
    assert f"{path}: term 1: error [justification]" in result.output
    assert "    fix: " in result.output


def test_lint_json_lists_each_finding_for_machines(docgen_lint, tmp_path):
    path = write_case(tmp_path, "bad.yaml", {"clause": "COM-001"})
    result = runner.invoke(docgen_lint, ["lint", str(path), "--format", "json"])
    report = json.loads(result.output)
    assert report["exit_code"] == 2 and report["errors"] == 2
    assert set(report["findings"][0]) == {"rule", "severity", "term", "message", "fix", "clause"}


def test_lint_of_a_missing_file_exits_2_and_names_it(docgen_lint, tmp_path):
    result = runner.invoke(docgen_lint, ["lint", str(tmp_path / "absent.yaml")])
    assert result.exit_code == 2 and "absent.yaml: file not found" in result.output


def test_an_unknown_output_format_is_refused(docgen_lint, tmp_path):
    path = write_case(tmp_path, "clean.yaml", term("COM-001"))
    result = runner.invoke(docgen_lint, ["lint", str(path), "--format", "xml"])
    assert result.exit_code == 2 and "'xml' is not one of" in result.output


def test_migrate_reports_superseded_and_withdrawn_terms_with_their_replacements(tmp_path):
    old = write_case(tmp_path, "old.yaml", term("COM-001"), term("FIN-004", version="1.0.0"), term("VEH-003"))
    fine = write_case(tmp_path, "fine.yaml", term("COM-001"))
    result = runner.invoke(app, ["migrate", str(old), str(fine)])
    assert result.exit_code == 1
    current = shipped_library().current("FIN-004").ref  # the chain of versions ends here
    assert f"{old}: term 2 uses FIN-004@1.0.0 (superseded); replace with {current}" in result.output
    vehicles = shipped_library().current("VEH-001").ref
    assert f"{old}: term 3 uses VEH-003@1.0.0 (withdrawn); replace with {vehicles}" in result.output
    assert str(fine) not in result.output.split("need attention")[0]
    assert "2 terms in 1 case need attention; 2 cases checked" in result.output


def test_migrate_json_carries_what_changed_and_what_live_cases_should_do(tmp_path):
    old = write_case(tmp_path, "old.yaml", term("FIN-004", version="1.0.0"))
    report = json.loads(runner.invoke(app, ["migrate", str(old), "--format", "json"]).output)
    (row,) = report["terms"]
    current = shipped_library().current("FIN-004")
    assert row["replace_with"] == current.ref and row["live_cases"] == current.change_note.live_cases


def test_migrate_exits_0_when_no_case_needs_attention(tmp_path):
    fine = write_case(tmp_path, "fine.yaml", term("COM-001"))
    assert runner.invoke(app, ["migrate", str(fine)]).exit_code == 0


def test_migrate_exits_2_when_a_case_cannot_be_read(tmp_path):
    result = runner.invoke(app, ["migrate", str(tmp_path / "absent.yaml")])
    assert result.exit_code == 2 and "file not found" in result.output


def test_show_prints_examples_remedy_routes_startup_legal_basis_and_welsh_status(library_copy):
    write_clause(library_copy, "items", "ITM-901.yaml", SECOND_EDITION_CLAUSE)
    result = runner.invoke(app, ["show", "ITM-901", "--library", str(library_copy)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Legal basis: Serious Crime Act 2007 s.5(3)(e)" in out
    assert "Welsh: not translated" in out
    assert "Start-up duty (what exists when the order comes into force):\n  Within 3 days of the order coming into force" in out
    assert "Approval route: none" in out
    assert "Remedy a warning letter may ask for:\n  Notify the police in writing, at the notification address, of every vehicle" in out
    assert "  - Hires a van for an afternoon to move house: not a breach (exception short-hire)\n    why: A vehicle hired" in out
    assert "  - Keeps a partner's car at home for a month without telling the police: breach" in out
    assert "short-hire: \u201ca vehicle hired for one day or less\u201d" in out


def test_show_json_carries_the_second_edition_fields(library_copy):
    route = (
        "approval_route:\n  who: the police\n  how: in writing at the notification address\n"
        "  answer_within: 5 working days\n  urgent: by email marked urgent, answered within 1 working day\n"
        "urgent_route: By email marked urgent, as soon as the need is known.\nremedy:\n"
    )
    write_clause(library_copy, "items", "ITM-901.yaml", SECOND_EDITION_CLAUSE.replace("remedy:\n", route, 1))
    data = json.loads(runner.invoke(app, ["show", "ITM-901", "--library", str(library_copy), "--format", "json"]).output)
    assert data["approval_route"]["answer_within"] == "5 working days"
    assert data["urgent_route"].startswith("By email marked urgent")
    assert [e["breach"] for e in data["examples"]] == [False, False, True]
    assert data["remedy"].startswith("Notify the police") and data["remedy_none"] is None
    assert data["startup"].startswith("Within 3 days") and data["second_edition"] is True


def test_show_prints_the_welsh_review_status_of_a_translated_clause():
    result = runner.invoke(app, ["show", "COM-001", "--version", "1.0.0"])
    assert "Welsh: translated, not yet reviewed" in result.output


def test_show_fills_the_examples_and_names_what_a_move_of_home_sets_off():
    out = runner.invoke(app, ["show", "COM-001"]).output
    assert "{{" not in out and "}}" not in out  # an example's values are filled, as the subject reads them
    assert "does not send written notice of it until more than 3 days later: breach" in out
    assert "named in running text as \u201cthe days allowed to notify a device\u201d" in out
    assert ("Notices a move of home sets off (the transfer letter states them):\n  - notify the change to the address "
            "where the device is usually kept, within the days set by notify_days (item (d); a change to details already notified)") in out
    data = json.loads(runner.invoke(app, ["show", "COM-001", "--format", "json"]).output)
    assert data["examples"][-1]["scenario"].endswith("until more than 3 days later.")
    assert data["on_moving"] == [{"notice": "the change to the address where the device is usually kept", "within": "notify_days",
                                  "item": "d", "changes_notified": True, "when": None}]


def test_show_of_every_shipped_clause_prints_no_template_markup():
    from docgen.conditions import load_library

    codes = load_library().codes()
    assert len(codes) > 30
    for code in codes:
        out = runner.invoke(app, ["show", code]).output
        assert "{{" not in out and "{%" not in out, code
