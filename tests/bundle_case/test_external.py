"""Case bundles read by independent tools: qpdf checks them, LibreOffice converts Word issues."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from docgen.bundle.from_case import breach_bundle, build_case_bundle
from docgen.issuing import issue
from docgen.render import Options
from tests.bundle_case.conftest import USER
from tests.conftest import external_tool


@pytest.mark.external
@pytest.mark.parametrize("built", ["transfer_built", "breach_built"])
def test_qpdf_finds_no_errors_in_a_case_bundle(built, request):
    qpdf = external_tool("qpdf")
    path = request.getfixturevalue(built).path
    result = subprocess.run([qpdf, "--check", str(path)], check=False, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.external
def test_a_document_issued_only_in_word_goes_in_converted(workspace_copy):
    external_tool("soffice")
    issued = issue(workspace_copy.drugs, "mg5", reason="Word copy for the CPS", by=USER, register=workspace_copy.register,
                   out_dir=workspace_copy.issued, event_id="EV-007", formats=("docx",),
                   options=Options(date=dt.date(2027, 5, 20)))  # fmt: skip
    gathered = breach_bundle(workspace_copy.drugs, event_id="EV-007", register=workspace_copy.register)
    summary = next(d for d in gathered.spec.documents() if d.title == "MG5 case summary")
    assert summary.file == issued.paths[0]
    report = build_case_bundle(gathered, workspace_copy.root / "breach.pdf", by=USER)
    [entry] = [d for d in report.volumes[0].documents if d.title == "MG5 case summary"]
    assert entry.pages >= 1
