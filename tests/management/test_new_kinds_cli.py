"""The new kinds as a user meets them on the command line: written when the case allows,
refused with exit 2 and the field named, and nothing written, when it does not."""

from __future__ import annotations

import sys
from dataclasses import dataclass

import pytest

from docgen.cli import main
from tests.conftest import SAMPLES

CASES = SAMPLES / "cases"


@dataclass
class Result:
    exit_code: int
    output: str


@pytest.fixture
def run(monkeypatch, capsys):
    """Run the console entry point in-process, as a user's shell would."""

    def invoke(*args) -> Result:
        monkeypatch.setattr(sys, "argv", ["docgen", *(str(a) for a in args)])
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = int(exc.code or 0)
        out = capsys.readouterr()
        return Result(code, out.out + out.err)

    return invoke


def test_the_start_of_order_checklist_is_written(run, tmp_path):
    result = run("render", "start-of-order-checklist", CASES / "specimen-drugs.yaml", "--format", "pdf", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "WYP-SCPO-0001-start-of-order-checklist.pdf").is_file()


def test_a_transfer_acceptance_for_a_case_the_sender_still_manages_is_refused_and_nothing_written(run, tmp_path):
    result = run("render", "transfer-acceptance", CASES / "exampleton-fraud.yaml", "--event", "EV-005", "--out", tmp_path)
    assert result.exit_code == 2
    assert "transfers.0.to_force" in result.output
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_a_warning_letter_whose_action_the_term_cannot_ask_is_refused_with_its_field(run, tmp_path, monkeypatch):
    from docgen.conditions import Remedy
    from docgen.kinds import warning_letter

    original = warning_letter._clause
    monkeypatch.setattr(
        warning_letter, "_clause",
        lambda case, n: original(case, n).model_copy(update={"remedy": Remedy(none="A device over the limit is a breach as soon as it is held.")}),
    )  # fmt: skip
    result = run("render", "warning-letter", CASES / "specimen-drugs.yaml", "--event", "EV-006", "--out", tmp_path)
    assert result.exit_code == 2
    assert "history.5.action_required" in result.output
    assert list(tmp_path.iterdir()) == []
