"""``docgen render`` with and without --issue, as separate processes."""

from __future__ import annotations

import datetime as dt

from docgen.issuing import issue
from docgen.render import Options
from tests.conftest import docx_text
from tests.inprocess import run_docgen


def docgen(*args, cwd):
    return run_docgen(*args, cwd=cwd, env={"DOCGEN_USER": "Officer Example"})


def test_issue_prints_the_reference_then_the_files(workspace, drugs):
    result = docgen("render", "warning-letter", drugs, "--event", "EV-002", "--date", "2027-02-03", "--out", "out", "--issue", "--reason", "advisory", cwd=workspace)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "issued WYP/SCPO/2027/0001/WL-01 (version 1)",
        "out/WYP_SCPO_2027_0001_WL-01.docx",
        "out/WYP_SCPO_2027_0001_WL-01.pdf",
    ]


def test_a_preview_reads_the_register_for_the_ladder_but_is_marked_as_a_preview(workspace, drugs):
    drugs.write_text(drugs.read_text(encoding="utf-8").replace("    level: advisory\n", "").replace("    level: first\n", ""), encoding="utf-8")
    for event, day in (("EV-002", dt.date(2027, 2, 3)), ("EV-004", dt.date(2027, 3, 10))):
        issue(drugs, "warning-letter", event_id=event, reason="ladder", out_dir=workspace / "issued", options=Options(date=day))
    result = docgen("render", "warning-letter", drugs, "--event", "EV-006", "--date", "2027-04-22", "--out", "preview", "--format", "docx", cwd=workspace)
    assert result.returncode == 0, result.stderr
    text = docx_text((workspace / result.stdout.strip()).read_bytes())
    assert "[header] PREVIEW - NOT ISSUED" in text
    assert "Serious Crime Prevention Order: final warning" in text
    assert "First warning, reference WYP/SCPO/2027/0001/WL-02, dated 10 March 2027, about term 1" in text


def test_a_reason_without_issue_and_force_with_issue_are_refused(workspace, drugs):
    alone = docgen("render", "warning-letter", drugs, "--event", "EV-002", "--reason", "why", cwd=workspace)
    forced = docgen("render", "warning-letter", drugs, "--event", "EV-002", "--issue", "--reason", "why", "--force", cwd=workspace)
    assert alone.returncode == 2 and "add --issue" in alone.stderr
    assert forced.returncode == 2 and "drop --force" in forced.stderr
    assert not (drugs.parent / "docgen.db").exists()
