"""`docgen templates extract` writes a force's own Welsh catalog for its own wording only."""

from __future__ import annotations

import shutil

from typer.testing import CliRunner

from docgen.cli_templates import app
from docgen.templatecheck import check
from tests.conftest import SAMPLES

runner = CliRunner()


def copy_sample(tmp_path):
    folder = tmp_path / "templates"
    shutil.copytree(SAMPLES / "force-override" / "templates", folder)
    return folder


def test_extract_keeps_the_welsh_and_adds_only_the_forces_own_wording(tmp_path):
    folder = copy_sample(tmp_path)
    result = runner.invoke(app, ["extract", str(folder)])
    assert result.exit_code == 0, result.output
    assert "0 new to translate, 2 kept" in result.output
    text = (folder / "locale" / "cy.po").read_text(encoding="utf-8")
    assert "Rydym yn croesawu gohebiaeth" in text
    assert 'msgid "Yours sincerely,"' not in text  # the shipped catalog has it
    assert [f for f in check(folder) if f.severity == "error"] == []
    again = (folder / "locale" / "cy.po").read_text(encoding="utf-8")
    runner.invoke(app, ["extract", str(folder)])
    assert (folder / "locale" / "cy.po").read_text(encoding="utf-8") == again  # the same bytes each time


def test_a_changed_sentence_fails_the_check_until_its_welsh_is_moved(tmp_path):
    folder = copy_sample(tmp_path)
    layout = folder / "_letter.xml.j2"
    layout.write_text(layout.read_text(encoding="utf-8").replace("we will reply in", "we shall reply in"), encoding="utf-8")
    errors = [str(f) for f in check(folder) if f.severity == "error"]
    assert len(errors) == 2
    assert any("is never used" in e and "we shall reply" in e for e in errors)
    result = runner.invoke(app, ["extract", str(folder)])
    assert "1 new to translate, 1 kept, 1 no longer used" in result.output
    text = (folder / "locale" / "cy.po").read_text(encoding="utf-8")
    assert "#~ msgid" in text and "we shall reply" in text
    errors = [str(f) for f in check(folder) if f.severity == "error"]
    assert len(errors) == 1 and "no Welsh for" in errors[0] and "we shall reply" in errors[0]


def test_extract_of_a_missing_folder_is_a_message_and_exit_2(tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "templates folder not found" in result.output
