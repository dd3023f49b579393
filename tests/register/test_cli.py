"""``docgen register ...`` and ``docgen calendar`` as a user meets them."""

from __future__ import annotations

import datetime as dt

import typer
from typer.testing import CliRunner

from docgen.cli_register import app, calendar_command
from docgen.issuing import issue
from docgen.render import Options

LETTER = Options(date=dt.date(2027, 2, 3))  # dated on the day of the failure EV-002 reports

runner = CliRunner()
calendar_app = typer.Typer()
calendar_app.command()(calendar_command)


def run(*args, cwd=None):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_sync_records_every_case_and_says_how_many_key_dates(workspace):
    result = run("sync", *sorted((workspace / "cases").glob("*.yaml")))
    assert result.exit_code == 0, result.output
    assert "WYP-SCPO-0005: case 1 of WYP, expired" in result.output  # numbered in the order given
    assert "WYP-SCPO-0001: case 2 of WYP, made, 17 key dates" in result.output
    assert (workspace / "cases" / "docgen.db").is_file()


def test_sync_refuses_every_bad_file_before_writing_anything(workspace):
    bad = workspace / "cases" / "bad.yaml"
    bad.write_text("case_id: [", encoding="utf-8")
    result = run("sync", workspace / "cases" / "specimen-drugs.yaml", bad)
    assert result.exit_code == 2
    assert "bad.yaml" in result.output and "not valid YAML" in result.output
    assert not (workspace / "cases" / "docgen.db").exists()


def test_list_shows_each_case_with_its_dates_and_issued_count(workspace, drugs):
    issue(drugs, "warning-letter", event_id="EV-002", reason="advisory", out_dir=workspace / "out", options=LETTER)
    result = run("list", "--register", drugs.parent / "docgen.db", "--format", "csv")
    assert result.output.splitlines() == [
        "case,force,no,status,release,starts,expires,issued,closed",
        "WYP-SCPO-0001,WYP,1,made,2027-01-15,2027-01-15,2032-01-14,1,-",
    ]


def test_due_lists_what_is_coming_up_in_the_window(workspace):
    run("sync", *sorted((workspace / "cases").glob("*.yaml")))
    db = workspace / "cases" / "docgen.db"
    result = run("due", "--register", db, "--from", "2027-04-01", "--within", "30d")
    assert result.exit_code == 0
    assert "2027-04-24  NWP-SCPO-0004  review" in result.output
    assert "2027-04-24  WYP-SCPO-0001  action" in result.output
    assert "2 due from 2027-04-01 to 2027-05-01" in result.output


def test_due_as_csv_has_a_header_and_one_row_per_date(workspace, drugs):
    run("sync", drugs)
    result = run("due", "--register", drugs.parent / "docgen.db", "--from", "2027-01-15", "--within", "1d", "--format", "csv")
    assert result.output.splitlines()[0] == "date,case,kind,what"
    assert "2027-01-15,WYP-SCPO-0001,visit,\"Release-day visit: go through every term, signed acknowledgement, body-worn video\"" in result.output


def test_a_closed_case_leaves_the_due_list(workspace, drugs):
    run("sync", drugs)
    db = drugs.parent / "docgen.db"
    assert run("close", "WYP-SCPO-0001", "--reason", "closure checklist complete", "--register", db).exit_code == 0
    assert "0 due" in run("due", "--register", db, "--from", "2027-01-01", "--within", "365d").output


def test_log_shows_who_did_what_when_and_why_for_one_case(workspace, drugs):
    issue(drugs, "warning-letter", event_id="EV-002", reason="advisory after home visit", by="DC Example", out_dir=workspace / "out", options=LETTER)
    run("sync", workspace / "cases" / "pastdate-expired.yaml", "--register", drugs.parent / "docgen.db")
    result = run("log", "--case", "WYP-SCPO-0001", "--register", drugs.parent / "docgen.db", "--format", "csv")
    lines = result.output.splitlines()
    assert lines[0] == "when (UTC),who,action,case,reference,why"
    assert len(lines) == 2 and lines[1].endswith(",DC Example,issue,WYP-SCPO-0001,WYP/SCPO/2027/0001/WL-01,advisory after home visit")


def test_verify_passes_untouched_files_and_exits_1_on_a_changed_or_missing_one(workspace, drugs):
    issued = issue(drugs, "warning-letter", event_id="EV-002", reason="advisory", out_dir=drugs.parent / "out", options=LETTER)
    db = drugs.parent / "docgen.db"
    ok = run("verify", "--register", db)
    assert ok.exit_code == 0 and "2 issued files checked: 2 unchanged, 0 changed, 0 missing" in ok.output
    issued.paths[0].write_bytes(issued.paths[0].read_bytes() + b"edited")
    issued.paths[1].unlink()
    bad = run("verify", "--register", db)
    assert bad.exit_code == 1
    assert "CHANGED: WYP/SCPO/2027/0001/WL-01 (docx) out/WYP_SCPO_2027_0001_WL-01.docx" in bad.output
    assert "MISSING: WYP/SCPO/2027/0001/WL-01 (pdf)" in bad.output


def test_a_missing_register_is_a_message_not_a_traceback(workspace):
    result = run("list", "--register", workspace / "nowhere.db")
    assert result.exit_code == 2 and "no register here" in result.output


def test_the_calendar_from_a_case_file_needs_no_register(workspace):
    out = workspace / "one.ics"
    result = runner.invoke(calendar_app, [str(workspace / "cases" / "specimen-drugs.yaml"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert not (workspace / "cases" / "docgen.db").exists()


def test_the_calendar_for_all_open_cases_comes_from_the_register_and_is_logged(workspace):
    run("sync", *sorted((workspace / "cases").glob("*.yaml")))
    db = workspace / "cases" / "docgen.db"
    run("close", "WYP-SCPO-0005", "--reason", "closed", "--register", db)
    out = workspace / "all.ics"
    result = runner.invoke(calendar_app, ["--all", "--register", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "WYP-SCPO-0001/expiry" in text and "WYP-SCPO-0005" not in text
    assert "export" in run("log", "--register", db).output


def test_the_calendar_never_overwrites_without_force(workspace):
    out = workspace / "one.ics"
    out.write_text("mine", encoding="utf-8")
    case = str(workspace / "cases" / "specimen-drugs.yaml")
    assert runner.invoke(calendar_app, [case, "--out", str(out)]).exit_code == 2
    assert out.read_text(encoding="utf-8") == "mine"
    assert runner.invoke(calendar_app, [case, "--out", str(out), "--force"]).exit_code == 0


def test_the_calendar_needs_one_case_or_all(workspace):
    result = runner.invoke(calendar_app, ["--out", str(workspace / "x.ics")])
    assert result.exit_code == 2 and "or pass --all" in result.output
