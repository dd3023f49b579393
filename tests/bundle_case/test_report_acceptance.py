"""The performance report reads a transfer acceptance issued through the register.

The sample fraud case moves from Lancashire to Greater Manchester. Greater Manchester
imports the pack into its own register and issues the transfer acceptance letter. A
report over Lancashire's case file alone, given that register, counts the move as
accepted; with Greater Manchester's case file too, the move is still counted once; and
the table's note says where each count comes from.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from docgen.case import load_case
from docgen.case_import import import_case
from docgen.issuing import issue
from docgen.render import Options
from docgen.report import build_report, read_register
from docgen.report_render import to_pdf
from tests.bundle_case.conftest import OFFICER
from tests.conftest import SAMPLES, pdf_text
from tests.inprocess import run_docgen


@dataclass(frozen=True)
class Received:
    sending: Path  # Lancashire's case file
    receiving: Path  # Greater Manchester's, as imported
    register: Path  # Greater Manchester's register, holding the import and the acceptance


@pytest.fixture(scope="module")
def received(transfer_built, tmp_path_factory: pytest.TempPathFactory) -> Received:
    root = tmp_path_factory.mktemp("gmp")
    shutil.copytree(SAMPLES / "house-style", root / "house-style")
    officer = root / "officer.yaml"
    officer.write_text(OFFICER, encoding="utf-8")
    register = root / "cases" / "gmp.db"
    done = import_case(transfer_built.path, force_code="GMP", out_dir=root / "cases", officer=officer,
                       register=register, by="DC Receiving")  # fmt: skip
    issue(done.path, "transfer-acceptance", reason="the order taken over", by="DC Receiving", register=register,
          out_dir=root / "cases" / "issued", event_id="EV-005", formats=("pdf",), options=Options(date=dt.date(2028, 3, 2)))  # fmt: skip
    return Received(SAMPLES / "cases" / "exampleton-fraud.yaml", done.path, register)


def _transfers(report):
    section = next(s for s in report.sections if s.key == "transfers")
    return section, dict(section.counts) | dict(section.details)


def test_the_register_tells_the_report_where_the_imported_case_came_from(received):
    facts = read_register(received.register)
    (came,) = facts.received.values()
    assert (came.case_id, came.from_force, came.from_case, came.event) == (load_case(received.receiving).case_id, "LAN", "LAN-SCPO-0002", "EV-005")
    assert [d.kind for d in facts.issued] == ["transfer-acceptance"]


def test_without_the_register_the_move_is_notified_only(received):
    section, counts = _transfers(build_report([load_case(received.sending)]))
    assert counts["Accepted by the receiving force"] == 0 and counts["Notified only: no acceptance in the data"] == 1
    assert section.notes == ("Source: the case files only; no register was read, so its transfer acceptance letters are not counted.",)


def test_an_acceptance_in_the_register_counts_the_move_as_accepted(received):
    report = build_report([load_case(received.sending)], register=read_register(received.register))
    section, counts = _transfers(report)
    assert counts["Accepted by the receiving force"] == 1
    assert counts["Notified only: no acceptance in the data"] == 0
    assert counts["Accepted, shown only by a transfer acceptance letter in the register"] == 1
    assert counts["Of the accepted moves, with a transfer acceptance letter in the register"] == 1
    assert counts["Transferred out (sending force's record)"] == 1
    assert "case file or a transfer acceptance letter in the register" in section.notes[0] and "counted once" in section.notes[0]


def test_a_move_shown_by_both_the_receiving_file_and_the_register_is_counted_once(received):
    cases = [load_case(received.sending), load_case(received.receiving)]
    _, counts = _transfers(build_report(cases, register=read_register(received.register)))
    assert counts["Accepted by the receiving force"] == 1
    assert counts["Accepted, recorded by both forces"] == 1
    assert counts["Accepted, shown only by a transfer acceptance letter in the register"] == 0
    assert counts["Of the accepted moves, with a transfer acceptance letter in the register"] == 1  # the same move, not another


def test_for_one_force_the_register_acceptance_counts_on_both_sides(received):
    facts = read_register(received.register)
    lan = build_report([load_case(received.sending)], force="LAN", register=facts)
    _, counts = _transfers(lan)
    assert counts["Transferred out, accepted by the receiving force"] == 1 and counts["Transferred out, notified only"] == 0
    assert counts["Transferred out, accepted by a letter in the register only"] == 1
    gmp = build_report([load_case(received.sending)], force="GMP", register=facts)
    _, counts = _transfers(gmp)
    assert counts["Transferred in, accepted"] == 1 and counts["Transferred in, accepted by a letter in the register only"] == 1


def test_the_report_command_reads_the_register_and_prints_the_sources(received, tmp_path):
    out = tmp_path / "report.pdf"
    run = run_docgen("report", received.sending, "--out", out, "--register", received.register)
    assert run.returncode == 0, run.stderr
    text = " ".join(pdf_text(out.read_bytes()).split())
    assert "Accepted, shown only by a transfer acceptance letter in the register" in text
    assert "every other row, from the case files alone" in text
    assert to_pdf(build_report([load_case(received.sending)], register=read_register(received.register))) == out.read_bytes()


def test_the_rows_add_up_with_the_register_and_hide_nothing_away_when_shared(received):
    facts = read_register(received.register)
    for cases in ([load_case(received.sending)], [load_case(received.sending), load_case(received.receiving)]):
        section, _ = _transfers(build_report(cases, register=facts))
        values = section.values()
        for whole, *parts in section.groups():
            assert values[whole] == sum(values[p] for p in parts), (whole, parts)
    shared = build_report([load_case(received.sending)], register=facts, sharing=True)
    section, _ = _transfers(shared)
    printed = shared.printed(section)
    assert printed["Accepted by the receiving force"] == printed["Accepted, shown only by a transfer acceptance letter in the register"] == "fewer than 5"
