"""Several processes issuing on one register at once: no duplicate reference, no damage."""

from __future__ import annotations

import os

import pytest

from docgen.register import Register
from docgen.register.verify import verify
from tests.childproc import start_docgen

pytestmark = pytest.mark.slow  # eight docgen processes at once: the point is separate processes
# (forked from a server that has imported docgen, tests/childproc.py, so they start together)

PROCESSES = 8


def spawn(args, cwd):
    env = {**os.environ, "DOCGEN_USER": "Officer Example"}
    return start_docgen(*args, cwd=cwd, env=env)


def test_parallel_issues_get_unique_references_and_the_register_stays_intact(workspace):
    cases = workspace / "cases"
    jobs = []
    for n in range(PROCESSES):
        case, kind, event, date = [
            ("specimen-drugs.yaml", "warning-letter", "EV-002", "2027-02-03"),
            ("specimen-drugs.yaml", "mg5", "EV-007", "2027-05-20"),
            ("pastdate-expired.yaml", "closure-checklist", None, None),
            ("exampleton-fraud.yaml", "transfer-letter", "EV-005", "2028-02-01"),
        ][n % 4]
        args = ["render", kind, str(cases / case), "--out", str(workspace / "out"), "--issue", "--reason", f"run {n}"]
        if event:  # a document about an event is dated when it can first be written
            args += ["--event", event, "--date", date]
        jobs.append(spawn(args, workspace))
    results = [(done.returncode, done.stderr) for done in (job.wait(timeout=300) for job in jobs)]
    assert [code for code, _ in results] == [0] * PROCESSES, results
    with Register.open(cases / "docgen.db") as reg:
        issued = reg.issued()
        assert reg.integrity() == []
        assert len(issued) == PROCESSES
        assert len({d.reference for d in issued}) == PROCESSES
        for kind in ("warning-letter", "mg5", "closure-checklist", "transfer-letter"):
            versions = sorted(d.version for d in issued if d.kind == kind)
            assert versions == [1, 2]
        assert all(c.status == "ok" for c in verify(reg))
        assert len([e for e in reg.log() if e.action == "issue"]) == PROCESSES
        assert sorted(r.case_no for r in reg.cases() if r.force == "WYP") == [1, 2]
