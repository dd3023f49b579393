"""A register holding the documents the sample cases' bundles need, issued once per run.

The workspace copies the sample cases, house styles and evidence into a temporary folder
and issues PDFs into ``cases/issued`` beside the register, so the register stores paths
relative to itself and a copy of the whole folder is a working register of its own.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from docgen.bundle import BuildReport
from docgen.bundle.from_case import (
    CaseBundle,
    breach_bundle,
    build_case_bundle,
    transfer_bundle,
)
from docgen.issuing import issue
from docgen.register.approval import GATED_KINDS, approval_of, take_step
from docgen.render import Options
from tests.conftest import SAMPLES, dump_yaml, load_yaml

USER = "Officer Example"
# the receiving force's officer, as `docgen case import --officer FILE` reads it
OFFICER = """\
name: Riley Notarealname
rank: Detective Constable
role: Offender Manager
phone: "0161 496 0123"
email: riley.lom@example.police.uk
collar: "DC 4242"
"""
BEFORE_THE_ORDER = ("scpo-application", "cps-covering-note")

# (kind, event, date): a document about an event is dated on the day it can first be
# written (the event, or for the MG5 the supervisor's review); others take the case's date
DRUGS_ISSUES = [
    ("draft-order", None, None),
    ("release-acknowledgement", None, None),
    ("warning-letter", "EV-002", dt.date(2027, 2, 3)),
    ("warning-letter", "EV-004", dt.date(2027, 3, 10)),
    ("mg5", "EV-007", dt.date(2027, 5, 20)),
]
FRAUD_ISSUES = [
    ("scpo-application", None, None),
    ("draft-order", None, None),
    ("licence-mirror", None, None),
    ("release-acknowledgement", None, None),
    ("warning-letter", "EV-002", dt.date(2027, 10, 11)),
    ("warning-letter", "EV-002", dt.date(2027, 10, 11)),  # issued again: the pack must take version 2
    ("transfer-letter", "EV-005", None),  # on the case date, after every enclosure it lists
]


@dataclass(frozen=True)
class Workspace:
    root: Path

    @property
    def cases(self) -> Path:
        return self.root / "cases"

    @property
    def register(self) -> Path:
        return self.cases / "docgen.db"

    @property
    def issued(self) -> Path:
        return self.cases / "issued"

    @property
    def drugs(self) -> Path:
        return self.cases / "specimen-drugs.yaml"

    @property
    def fraud(self) -> Path:
        return self.cases / "exampleton-fraud.yaml"

    def issue(self, case: Path, kind: str, event: str | None = None, date: dt.date | None = None) -> Path:
        # the application and its covering note go out before the order is made: unless told
        # otherwise they are issued as of the day before the sample's order was made
        made_on = load_yaml(case.read_text(encoding="utf-8"))["order"].get("made_on")
        if date is None and kind in BEFORE_THE_ORDER and made_on is not None:
            date = made_on - dt.timedelta(days=1)
        if kind in GATED_KINDS:  # the application goes out only once its approval is authorised
            case_id = load_yaml(case.read_text(encoding="utf-8"))["case_id"]
            if approval_of(self.register, case_id).state != "authorised":
                for step, role in (("review", "supervisor"), ("send", "officer"), ("authorise", "supervisor")):
                    take_step(self.register, case_id, step, user=USER, role=role, comment="")
        issued = issue(case, kind, reason="bundle test", by=USER, register=self.register,
                       out_dir=self.issued, event_id=event, formats=("pdf",), options=Options(date=date))  # fmt: skip
        return issued.paths[0]

    def variant(self, case: Path, name: str, change: Callable[[dict[str, Any]], object]) -> Path:
        """A copy of a case file beside it (so evidence paths still work), changed by ``change``."""
        data = load_yaml(case.read_text(encoding="utf-8"))
        change(data)
        path = self.cases / name
        path.write_text(dump_yaml(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
        return path


@pytest.fixture(scope="session")
def issued_workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """Shared and read-only: tests that change files work on ``workspace_copy``."""
    ws = Workspace(tmp_path_factory.mktemp("case-bundles"))
    for folder in ("cases", "house-style", "evidence"):
        shutil.copytree(SAMPLES / folder, ws.root / folder, ignore=shutil.ignore_patterns("*.db", "*.py"))
    for kind, event, date in DRUGS_ISSUES:
        ws.issue(ws.drugs, kind, event, date)
    for kind, event, date in FRAUD_ISSUES:
        ws.issue(ws.fraud, kind, event, date)
    return ws


@pytest.fixture
def workspace_copy(issued_workspace: Workspace, tmp_path: Path) -> Workspace:
    ws = Workspace(tmp_path / "copy")
    shutil.copytree(issued_workspace.root, ws.root)
    return ws


@dataclass(frozen=True)
class Built:
    gathered: CaseBundle
    report: BuildReport
    path: Path

    def titles(self) -> list[str]:
        return [doc.title for volume in self.report.volumes for doc in volume.documents]


@pytest.fixture(scope="session")
def transfer_built(issued_workspace: Workspace, tmp_path_factory: pytest.TempPathFactory) -> Built:
    gathered = transfer_bundle(issued_workspace.fraud, register=issued_workspace.register)
    path = tmp_path_factory.mktemp("transfer") / "transfer.pdf"
    return Built(gathered, build_case_bundle(gathered, path, by=USER), path)


@pytest.fixture(scope="session")
def breach_built(issued_workspace: Workspace, tmp_path_factory: pytest.TempPathFactory) -> Built:
    gathered = breach_bundle(issued_workspace.drugs, event_id="EV-007", register=issued_workspace.register)
    path = tmp_path_factory.mktemp("breach") / "breach.pdf"
    return Built(gathered, build_case_bundle(gathered, path, by=USER), path)


def spec_text(gathered: CaseBundle) -> str:
    """The gathered bundle as a reader of its index would see it, without page numbers."""
    spec = gathered.spec
    lines = [f"{spec.title} | {spec.case} | {spec.reference} | {spec.prepared_by} | {spec.marking}"]
    for section in spec.sections:
        lines.append(f"[{section.title}]")
        for doc in section.documents:
            date = doc.date.isoformat() if doc.date else "undated"
            lines.append(f"  {date} {doc.title} <{doc.manifest_name}>")
            if doc.description:
                lines.append(f"      {doc.description}")
    lines += [f"warning: {w}" for w in gathered.warnings]
    lines += [f"withheld: {w}" for w in gathered.withheld]
    return "\n".join(lines) + "\n"


def refused_import(path: Path, tmp_path: Path) -> list[str]:
    """The problems ``import_case`` gives for the pack at ``path`` into Greater Manchester,
    checking that nothing was written; each as "field: message"."""
    from docgen.case_import import import_case
    from docgen.errors import DocgenError

    out = tmp_path / "refused-out"
    with pytest.raises(DocgenError) as refused:
        import_case(path, force_code="GMP", out_dir=out, register=tmp_path / "refused.db")
    assert not out.exists() and not (tmp_path / "refused.db").exists()  # nothing written
    return [f"{p.field}: {p.message}" for p in refused.value.problems]
