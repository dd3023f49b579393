"""A bundle holds what was issued: a changed or missing file stops it, and nothing is written."""

from __future__ import annotations

import pytest

from docgen.bundle.from_case import breach_bundle, transfer_bundle
from docgen.errors import DocgenError

WARNING_LETTER = "WYP_SCPO_2027_0001_WL-01.pdf"


def test_a_changed_issued_file_is_refused_by_name(workspace_copy):
    changed = workspace_copy.issued / WARNING_LETTER
    changed.write_bytes(changed.read_bytes() + b"\n% edited after issue\n")
    with pytest.raises(DocgenError) as refused:
        breach_bundle(workspace_copy.drugs, event_id="EV-007", register=workspace_copy.register)
    [problem] = refused.value.problems
    assert problem.file == str(changed)
    assert problem.field == "WYP/SCPO/2027/0001/WL-01"
    assert "has changed since it was issued" in problem.message


def test_a_missing_issued_file_is_refused_by_name(workspace_copy):
    missing = workspace_copy.issued / "WYP_SCPO_2027_0001_MG5-01.pdf"
    missing.unlink()
    with pytest.raises(DocgenError) as refused:
        breach_bundle(workspace_copy.drugs, event_id="EV-007", register=workspace_copy.register)
    assert [(p.file, p.message) for p in refused.value.problems] == [
        (str(missing), "is missing; restore the file that was issued")
    ]


def test_every_changed_file_is_named_at_once(workspace_copy):
    for name in ("LAN_SCPO_2028_0001_TL-01.pdf", "LAN_SCPO_2028_0001_ORD-01.pdf"):
        (workspace_copy.issued / name).write_bytes(b"%PDF-1.4 replaced\n")
    with pytest.raises(DocgenError) as refused:
        transfer_bundle(workspace_copy.fraud, register=workspace_copy.register)
    assert sorted(p.field for p in refused.value.problems) == ["LAN/SCPO/2028/0001/ORD-01", "LAN/SCPO/2028/0001/TL-01"]


def test_an_earlier_version_that_changed_does_not_matter_once_superseded(workspace_copy):
    (workspace_copy.issued / "LAN_SCPO_2027_0001_WL-01.pdf").write_bytes(b"%PDF-1.4 replaced\n")
    gathered = transfer_bundle(workspace_copy.fraud, register=workspace_copy.register)
    assert "LAN_SCPO_2027_0001_WL-01_v2.pdf" in [d.manifest_name for d in gathered.spec.documents()]


def test_a_missing_evidence_file_is_refused_naming_the_case_field(workspace_copy):
    (workspace_copy.root / "evidence" / "WYP-SCPO-0001" / "af-31-search-record.pdf").unlink()
    with pytest.raises(DocgenError) as refused:
        breach_bundle(workspace_copy.drugs, event_id="EV-007", register=workspace_copy.register)
    [problem] = refused.value.problems
    assert (problem.file, problem.field) == (str(workspace_copy.drugs), "evidence_files.3.file")
    assert "does not exist (paths are relative to the case file)" in problem.message


def test_evidence_of_a_kind_a_bundle_cannot_take_is_refused(issued_workspace):
    case = issued_workspace.variant(
        issued_workspace.fraud, "spreadsheet.yaml",
        lambda d: d["evidence_files"].append({"file": "../evidence/accounts.xlsx", "title": "Accounts"}),
    )  # fmt: skip
    with pytest.raises(DocgenError, match=r"evidence_files.\d+.file: ../evidence/accounts.xlsx cannot go into a bundle"):
        transfer_bundle(case, register=issued_workspace.register)


def test_evidence_naming_an_event_not_in_the_history_is_refused(issued_workspace):
    case = issued_workspace.variant(
        issued_workspace.drugs, "typo.yaml", lambda d: d["evidence_files"][3].update(events=["EV-07"])
    )
    with pytest.raises(DocgenError, match="evidence_files.3.events: 'EV-07' is not an event in the history"):
        breach_bundle(case, event_id="EV-007", register=issued_workspace.register)
