"""Transfer packs and breach files with --ocr and --pdfa, as a user would ask for them."""

from __future__ import annotations

import json
import re

import pytest
from pypdf import PdfReader

from tests.bundle.pdfa_check import pdfa_problems
from tests.bundle_case.test_cli import run
from tests.conftest import external_tool


def test_breach_file_as_pdfa(workspace_copy):
    out = workspace_copy.root / "breach.pdf"
    result = run("breach", str(workspace_copy.drugs), "--event", "EV-007", "--out", str(out), "--pdfa")
    assert result.exit_code == 0, result.output
    assert "PDF/A-2b" in result.output
    assert pdfa_problems(out) == []


@pytest.mark.external
def test_transfer_pack_with_ocr_records_it(workspace_copy):
    external_tool("ocrmypdf")
    out = workspace_copy.root / "pack.pdf"
    result = run("transfer", str(workspace_copy.fraud), "--out", str(out), "--ocr")
    assert result.exit_code == 0, result.output
    found = re.search(r"page\(s\) without text read: (\d+) \(no words found\)", result.output)  # the evidence photograph
    assert found
    record = json.loads(PdfReader(out).attachments["manifest.json"][0])["ocr"]
    page = found.group(1)  # where the photograph falls depends on the length of the documents before it
    assert record["pages"] == [page] and record["no_words_found"] == [page] and record["languages"] == ["eng", "cym"]
