"""The migration report lists every case whose terms use a superseded or withdrawn clause."""

from __future__ import annotations

from pathlib import Path

import yaml

from docgen.case import load_case
from docgen.cli_conditions import migration_report
from docgen.conditions import load_library, shipped_library
from tests.conftest import SAMPLE_CASES

PASTDATE = next(p for p in SAMPLE_CASES if p.stem == "pastdate-expired")


def supersede(root: Path, folder: str, code: str) -> None:
    """Give ``code`` a 2.0.0 that supersedes its 1.0.0, as a redraft does."""
    old_path = root / folder / f"{code}.yaml"
    old = yaml.safe_load(old_path.read_text(encoding="utf-8"))
    old.pop("cy", None)
    new = {
        **old,
        "version": "2.0.0",
        "supersedes": f"{code}@1.0.0",
        "change_note": {"what_changed": "A fictional redraft.", "live_cases": "Propose 2.0.0 at the next variation."},
    }
    (root / folder / f"{code}-2.0.0.yaml").write_text(yaml.safe_dump(new, sort_keys=False, allow_unicode=True), encoding="utf-8")
    old_path.write_text(old_path.read_text(encoding="utf-8") + f"replaced_by: {code}@2.0.0\n", encoding="utf-8")


def test_the_expired_sample_stays_pinned_to_the_first_edition():
    assert {t.version for t in load_case(PASTDATE).terms} == {"1.0.0"}


def test_a_redraft_puts_the_expired_sample_in_the_migration_report(library_copy):
    for folder, code in (("communication", "COM-001"), ("items", "ITM-001"), ("association", "ASC-002")):
        supersede(library_copy, folder, code)
    rows = migration_report([load_case(PASTDATE)], load_library(library_copy))
    assert [(r["case_id"], r["term"], r["uses"], r["status"], r["replace_with"]) for r in rows] == [
        ("WYP-SCPO-0005", 1, "COM-001@1.0.0", "superseded", "COM-001@2.0.0"),
        ("WYP-SCPO-0005", 2, "ITM-001@1.0.0", "superseded", "ITM-001@2.0.0"),
        ("WYP-SCPO-0005", 3, "ASC-002@1.0.0", "superseded", "ASC-002@2.0.0"),
    ]
    assert rows[0]["live_cases"] == "Propose 2.0.0 at the next variation."


def test_the_shipped_report_lists_every_sample_on_a_superseded_clause_and_the_expired_sample():
    library = shipped_library()
    cases = [load_case(p) for p in SAMPLE_CASES]
    listed = {(r["case_id"], r["term"]) for r in migration_report(cases, library)}
    expected = set()
    for case in cases:
        for term in case.terms:
            clause = library.find(f"{term.clause}@{term.version}") if term.version else library.current(term.clause)
            if clause is not None and (clause.status == "withdrawn" or library.is_superseded(clause)):
                expected.add((case.case_id, term.number))
    assert listed == expected
    # the second edition supersedes every first-edition clause the expired order was made on
    assert {term for case_id, term in listed if case_id == "WYP-SCPO-0005"} == {1, 2, 3}
