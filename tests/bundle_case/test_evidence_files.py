"""The case file's `evidence_files`: what a case may list for its bundles."""

from __future__ import annotations

import pytest

from docgen.case import case_from_data
from docgen.errors import DocgenError
from tests.conftest import SAMPLES, load_yaml

DRUGS = SAMPLES / "cases" / "specimen-drugs.yaml"


def drugs_with(evidence: list[dict]) -> dict:
    data = load_yaml(DRUGS.read_text(encoding="utf-8"))
    data["evidence_files"] = evidence
    return data


def test_the_samples_list_their_evidence_with_paths_relative_to_the_case():
    case = case_from_data(load_yaml(DRUGS.read_text(encoding="utf-8")), file=DRUGS)
    for item in case.evidence_files:
        assert (DRUGS.parent / item.file).is_file(), item.file


@pytest.mark.parametrize("path", ["/srv/evidence/statement.pdf", "C:\\evidence\\statement.pdf"])
def test_an_absolute_evidence_path_is_refused(path):
    with pytest.raises(DocgenError) as refused:
        case_from_data(drugs_with([{"file": path, "title": "Statement"}]), file="case.yaml")
    [problem] = refused.value.problems
    assert problem.field == "evidence_files.0.file"
    assert problem.message == "must be a path relative to the case file, not an absolute path"


def test_an_evidence_file_needs_a_title():
    with pytest.raises(DocgenError, match="evidence_files.0.title"):
        case_from_data(drugs_with([{"file": "statement.pdf", "title": " "}]), file="case.yaml")


def test_a_misspelt_evidence_field_is_refused():
    with pytest.raises(DocgenError, match="evidence_files.0.sensitve"):
        case_from_data(drugs_with([{"file": "statement.pdf", "title": "Statement", "sensitve": True}]), file="case.yaml")


def test_evidence_is_not_sensitive_unless_marked():
    case = case_from_data(drugs_with([{"file": "statement.pdf", "title": "Statement"}]), file="case.yaml")
    assert case.evidence_files[0].sensitive is False
