"""The same register and case give the same bundle, byte for byte."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from docgen.bundle.from_case import breach_bundle, build_case_bundle, transfer_bundle
from tests.bundle_case.conftest import USER


def test_building_the_transfer_pack_again_gives_identical_bytes(transfer_built, issued_workspace, tmp_path):
    again = transfer_bundle(issued_workspace.fraud, register=issued_workspace.register)
    build_case_bundle(again, tmp_path / "again.pdf", by=USER)
    assert (tmp_path / "again.pdf").read_bytes() == transfer_built.path.read_bytes()


@pytest.mark.slow  # separate processes with different hash seeds are the point
def test_the_breach_file_is_identical_across_processes_and_hash_seeds(workspace_copy):
    runs = {}
    for seed in ("1", "2"):
        out = workspace_copy.root / f"breach-{seed}.pdf"
        command = [sys.executable, "-m", "docgen.cli", "bundle", "breach", str(workspace_copy.drugs), "--event",
                   "EV-007", "--register", str(workspace_copy.register), "--out", str(out)]  # fmt: skip
        env = {**os.environ, "PYTHONHASHSEED": seed, "DOCGEN_USER": USER}
        runs[out] = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for out, process in runs.items():
        assert process.wait() == 0, process.stderr.read() if process.stderr else ""
    first, second = runs
    assert first.read_bytes() == second.read_bytes()


def test_gathering_twice_gives_the_same_spec(issued_workspace):
    first = breach_bundle(issued_workspace.drugs, event_id="EV-007", register=issued_workspace.register)
    second = breach_bundle(issued_workspace.drugs, event_id="EV-007", register=issued_workspace.register)
    assert first == second
