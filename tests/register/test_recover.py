"""Leftovers of an interrupted issue: told apart from previews and from each other."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.errors import DocgenError
from docgen.issuing import issue
from docgen.output import final_name, promote, temporary_name, write_temporary
from docgen.pipeline import render_to_files
from docgen.register import Register
from docgen.register.recover import find, recover
from docgen.render import Options

STEM = "WYP_SCPO_2027_0001_WL-01"


def issue_letter(drugs):
    return issue(drugs, "warning-letter", event_id="EV-002", reason="advisory", out_dir=drugs.parent / "out",
                 formats=("pdf",), options=Options(date=dt.date(2027, 2, 3)))  # fmt: skip


def test_a_temporary_name_is_found_again_from_the_real_one(tmp_path):
    real = tmp_path / "X_01.pdf"
    assert temporary_name(real) == tmp_path / ".X_01.pdf.docgen-part"
    assert final_name(temporary_name(real)) == real
    assert final_name(tmp_path / "X_01.pdf") is None and final_name(tmp_path / ".docgen-part") is None


def test_promote_never_replaces_a_different_file_but_accepts_the_same_one(tmp_path):
    real = tmp_path / "X.pdf"
    real.write_bytes(b"same")
    promote(write_temporary(real, b"same"), real)  # a recovery that came second
    assert real.read_bytes() == b"same" and not temporary_name(real).exists()
    with pytest.raises(DocgenError, match="already exists and differs"):
        promote(write_temporary(real, b"other"), real)
    assert real.read_bytes() == b"same"


def test_previews_and_unrelated_files_are_never_taken_for_leftovers(drugs):
    issued = issue_letter(drugs)
    out = drugs.parent / "out"
    previews = render_to_files(drugs, "warning-letter", out_dir=out, event_id="EV-004", formats=("pdf",),
                               options=Options(date=dt.date(2027, 3, 10)))  # fmt: skip
    (out / "notes.pdf").write_bytes(b"someone's own file")
    with Register.open(drugs.parent / "docgen.db") as reg:
        assert find(reg) == []
        assert recover(reg, by="Officer Example") == []
    assert all(p.is_file() for p in [*previews, *issued.paths, out / "notes.pdf"])


def test_a_temporary_file_that_does_not_match_the_record_is_removed_not_promoted(drugs):
    issued = issue_letter(drugs)
    [pdf] = issued.paths
    pdf.unlink()
    temporary_name(pdf).write_bytes(b"%PDF-1.7 truncated")
    with Register.open(drugs.parent / "docgen.db") as reg:
        [left] = find(reg)
        assert (left.kind, left.reference) == ("temporary", "WYP/SCPO/2027/0001/WL-01")
        [(item, action)] = recover(reg, by="Officer Example")
        assert action == f"removed out/.{STEM}.pdf.docgen-part"
        assert not pdf.exists() and not temporary_name(pdf).exists()  # still missing: verify says so
        entry = reg.log()[-1]
    assert (entry.action, entry.reference, entry.user) == ("recover", "WYP/SCPO/2027/0001/WL-01", "Officer Example")
    assert entry.reason.startswith(f"removed out/.{STEM}.pdf.docgen-part: temporary file")


def test_an_unfinished_file_is_given_its_real_name_with_the_recorded_bytes(drugs):
    issued = issue_letter(drugs)
    [pdf] = issued.paths
    data = pdf.read_bytes()
    pdf.rename(temporary_name(pdf))
    with Register.open(drugs.parent / "docgen.db") as reg:
        [left] = find(reg)
        assert left.kind == "unfinished"
        [(_, action)] = recover(reg, by="Officer Example")
    assert action == f"completed out/{STEM}.pdf" and pdf.read_bytes() == data
