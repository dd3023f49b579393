"""The template reference is read from the code and docs/templates.md is kept up to date."""

from __future__ import annotations

import ast

from typer.testing import CliRunner

from docgen.cli import app
from docgen.templateref import (
    common_names,
    kind_blocks,
    kind_names,
    reference_is_current,
    returned_names,
    undescribed,
    yaml_comments,
)
from tests.conftest import ROOT

runner = CliRunner()


def test_docs_templates_md_is_generated_from_the_current_code() -> None:
    assert reference_is_current(ROOT / "docs" / "templates.md"), "run: docgen templates reference docs/templates.md"


def test_every_context_name_the_code_adds_has_a_meaning() -> None:
    assert undescribed() == []


def test_the_warning_letter_lists_its_layout_blocks_and_its_own_names() -> None:
    parent, blocks = kind_blocks("warning-letter")
    assert parent == "_letter.xml.j2"
    assert [b.name for b in blocks] == ["title", "subject", "heading", "body", "signoff"]
    assert {"level", "next_level", "earlier_warnings", "event"} <= set(kind_names("warning-letter"))
    assert "doc_date" not in kind_names("warning-letter")  # it becomes doc.date
    assert {"officer", "subject", "house", "doc", "timeline"} <= set(common_names())


def test_names_are_read_from_a_returned_dict_or_a_variable_built_as_one() -> None:
    fn = ast.parse(
        "def context(case):\n"
        "    found = {'steps': 1}\n"
        "    found['ended_on'] = 2\n"
        "    if case:\n"
        "        return {'early': 3}\n"
        "    return found\n"
    ).body[0]
    assert returned_names(fn) == {"steps", "ended_on", "early"}


def test_yaml_comments_give_each_field_path_its_meaning() -> None:
    text = "```yaml\norder:\n  court: X    # the court\nhistory:\n  - id: EV-1   # one event\n    date: 2026-01-01  # its day\n```\n"
    assert yaml_comments(text) == {"order.court": "the court", "history.id": "one event", "history.date": "its day"}


def test_describe_prints_blocks_names_and_fields() -> None:
    result = runner.invoke(app, ["templates", "describe", "warning-letter"])
    assert result.exit_code == 0, result.output
    assert "signoff" in result.output and "next_level" in result.output and "officer" in result.output
    everything = runner.invoke(app, ["templates", "describe"])
    assert "full_name" in everything.output and "Subject" in everything.output


def test_describe_refuses_an_unknown_kind() -> None:
    result = runner.invoke(app, ["templates", "describe", "warning-leter"])
    assert result.exit_code == 2
    assert "no document kind 'warning-leter'" in result.output


def test_reference_check_fails_on_a_stale_file(tmp_path) -> None:
    doc = tmp_path / "templates.md"
    doc.write_text("# Our notes\n")
    assert runner.invoke(app, ["templates", "reference", "--check", str(doc)]).exit_code == 1
    assert runner.invoke(app, ["templates", "reference", str(doc)]).exit_code == 0
    assert doc.read_text().startswith("# Our notes\n")
    assert runner.invoke(app, ["templates", "reference", "--check", str(doc)]).exit_code == 0
