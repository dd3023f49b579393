"""`docgen templates check` finds what would break a document before anything renders."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from docgen.cli_templates import app
from docgen.templatecheck import check

HEADER = "{#-\ndescription: A test letter\nneeds: [event]\n-#}\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def messages(folder: Path) -> list[str]:
    return [f"{Path(f.file).name}:{f.line}: {f.message}" for f in check(folder) if f.severity == "error"]


def test_the_shipped_templates_have_no_errors():
    assert [str(f) for f in check() if f.severity == "error"] == []


def test_a_syntax_error_is_reported_with_its_line(tmp_path):
    write(tmp_path, "broken.xml.j2", HEADER + '<document title="x">\n{% if subject %}\n</document>\n')
    [message] = messages(tmp_path)
    assert message.startswith("broken.xml.j2:")
    assert "syntax error" in message and "endif" in message


def test_a_name_no_case_provides_is_reported_with_a_suggestion(tmp_path):
    write(tmp_path, "letter.xml.j2", HEADER + '<document title="x"><p>{{ subjet.full_name }}</p></document>\n')
    assert messages(tmp_path) == [
        "letter.xml.j2:5: 'subjet' is not provided: no case, house style or document value has that name; did you mean 'subject'?"
    ]


def test_a_misspelt_field_of_the_case_is_reported(tmp_path):
    write(tmp_path, "letter.xml.j2", HEADER + '<document title="x">\n<p>{{ house.signatory.nmae }}</p>\n</document>\n')
    assert messages(tmp_path) == ["letter.xml.j2:6: 'house.signatory.nmae': Signatory has no 'nmae'; did you mean 'name'?"]


def test_a_misspelt_field_of_a_loop_variable_is_reported(tmp_path):
    write(tmp_path, "letter.xml.j2", HEADER + '<document title="x">\n{% for t in terms %}<p>{{ t.wordng }}</p>{% endfor %}\n</document>\n')
    assert messages(tmp_path) == ["letter.xml.j2:6: 't.wordng': TermView has no 'wordng'; did you mean 'wording'?"]


def test_names_set_in_the_template_and_its_layout_are_known(tmp_path):
    write(tmp_path, "letter.xml.j2", HEADER + '{% extends "_letter.xml.j2" %}\n{% set x = 1 %}\n{% block body %}<p>{{ x }} {{ lines("a") }}</p>{% endblock %}\n')
    assert messages(tmp_path) == []


def test_an_unknown_filter_is_reported(tmp_path):
    write(tmp_path, "letter.xml.j2", HEADER + '<document title="x"><p>{{ doc.date | dte }}</p></document>\n')
    assert messages(tmp_path) == ["letter.xml.j2:5: unknown filter 'dte'; did you mean 'date'?"]


def test_a_misspelt_block_in_an_override_is_reported(tmp_path):
    write(tmp_path, "letter.xml.j2", HEADER + '{% extends "_letter.xml.j2" %}\n{% block bdy %}<p>Hello</p>{% endblock %}\n')
    [message] = messages(tmp_path)
    assert message.startswith("letter.xml.j2:6: block 'bdy' is not a block of _letter.xml.j2")
    assert "did you mean 'body'?" in message


def test_a_layout_override_that_drops_a_block_or_macro_is_reported(tmp_path):
    write(tmp_path, "_letter.xml.j2", '<document title="{% block title %}{% endblock %}">{% block body %}{% endblock %}</document>\n')
    found = messages(tmp_path)
    assert "_letter.xml.j2:1: overrides the shipped _letter.xml.j2 but has no block 'signoff', which templates that extend it fill" in found
    assert "_letter.xml.j2:1: overrides the shipped _letter.xml.j2 but has no macro 'quote_term', which templates that extend it call" in found


def test_a_sandbox_violation_is_reported(tmp_path):
    write(tmp_path, "letter.xml.j2", HEADER + '<document title="x"><p>{{ subject.__class__ }}</p></document>\n')
    assert messages(tmp_path) == ["letter.xml.j2:5: the sandbox refuses access to '.__class__' (internal or unsafe attribute)"]


def test_a_missing_header_is_reported(tmp_path):
    write(tmp_path, "letter.xml.j2", '<document title="x"></document>\n')
    assert messages(tmp_path) == [
        "letter.xml.j2:1: a document template must start with a {# ... #} header giving at least 'description'"
    ]


def test_a_missing_parent_template_is_reported(tmp_path):
    write(tmp_path, "letter.xml.j2", HEADER + '{% extends "_leter.xml.j2" %}\n')
    assert messages(tmp_path) == ["letter.xml.j2:5: template '_leter.xml.j2' is not in this folder or the shipped templates"]


def test_wording_with_no_welsh_is_a_warning_not_an_error(tmp_path):
    write(tmp_path, "letter.xml.j2", HEADER + '<document title="x"><p>{% trans %}A sentence nobody translated{% endtrans %}</p></document>\n')
    findings = check(tmp_path)
    assert [f.severity for f in findings] == ["warning"]
    assert "no Welsh translation for 'A sentence nobody translated'" in findings[0].message


def test_a_welsh_entry_that_loses_a_placeholder_is_an_error(tmp_path):
    write(tmp_path, "letter.xml.j2", HEADER + '<document title="x"><p>{% trans n=1 %}Term {{ n }}{% endtrans %}</p></document>\n')
    (tmp_path / "locale").mkdir()
    write(tmp_path / "locale", "cy.po", '# review: unreviewed\nmsgid "Term %(n)s"\nmsgstr "Amod"\n')
    [message] = messages(tmp_path)
    assert message.startswith("cy.po:2: msgid 'Term %(n)s': the translation must use the placeholders")


def test_check_prints_file_line_message_and_exits_2_on_an_error(tmp_path):
    write(tmp_path, "letter.xml.j2", HEADER + '<document title="x"><p>{{ doc.date | dte }}</p></document>\n')
    result = CliRunner().invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{tmp_path / 'letter.xml.j2'}:5: unknown filter 'dte'" in result.output
    assert "1 error(s), 0 warning(s)" in result.output


def test_check_exits_0_for_the_shipped_templates():
    result = CliRunner().invoke(app, ["check"])
    assert result.exit_code == 0, result.output


def test_check_of_a_missing_folder_is_a_message_and_exit_2(tmp_path):
    result = CliRunner().invoke(app, ["check", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "templates folder not found" in result.output
    assert "Traceback" not in result.output


def test_list_shows_which_file_each_kind_resolves_to(tmp_path):
    write(tmp_path, "warning-letter.xml.j2", HEADER + '<document title="x"></document>\n')
    result = CliRunner().invoke(app, ["list", str(tmp_path)])
    assert result.exit_code == 0
    lines = {line.split()[0]: line for line in result.output.splitlines()}
    assert "override" in lines["warning-letter"] and str(tmp_path) in lines["warning-letter"]
    assert "shipped" in lines["_letter.xml.j2"]


@pytest.mark.parametrize("command", ["check", "list"])
def test_commands_have_help(command):
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
