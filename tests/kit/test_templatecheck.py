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
    assert messages(tmp_path) == ["broken.xml.j2:6: '{% if %}' opened here is never closed: add '{% endif %}' where it should end"]


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
    assert message.startswith("cy.po:2: msgid 'Term %(n)s': the translation lacks %(n)s")


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


def test_an_unclosed_if_is_reported_where_it_opens_and_the_other_mistakes_too(tmp_path):
    """Three mistakes in one file: all three, in line order, the unclosed block at its opening."""
    write(tmp_path, "warning-letter.xml.j2", HEADER + (
        '{% extends "_letter.xml.j2" %}\n'
        "{% block body %}\n"
        "<p>{{ subject.full_nmae }}</p>\n"      # line 7
        '{% if level == "final" %}\n'            # line 8: never closed
        "<p>Final.</p>\n"
        "{% for w in earlier_warnings %}<p>{{ w }}</p>{% endfor %}\n"
        "<p>{{ nothere }}</p>\n"                 # line 11
        "{% endblock %}\n"
    ))
    assert messages(tmp_path) == [
        "warning-letter.xml.j2:7: 'subject.full_nmae': Subject has no 'full_nmae'; did you mean 'full_name'?",
        "warning-letter.xml.j2:8: '{% if %}' opened here is never closed: add '{% endif %}' before the '{% endblock %}' at line 12",
        "warning-letter.xml.j2:11: 'nothere' is not provided: no case, house style or document value has that name",
    ]


def test_an_end_tag_that_closes_nothing_and_a_broken_tag_are_both_reported(tmp_path):
    write(tmp_path, "letter.xml.j2", HEADER + '<document title="x">\n<p>{{ subject.full_name }</p>\n{% endfor %}\n<p>{{ subjet }}</p>\n</document>\n')
    found = messages(tmp_path)
    assert [m.split(":")[1] for m in found] == ["6", "7", "8"]
    assert "found a single '}': close '{{' with '}}'" in found[0]
    assert "'{% endfor %}' closes nothing" in found[1]
    assert "did you mean 'subject'?" in found[2]
    assert not any("Jinja" in m for m in found)


def test_a_misspelt_tag_is_named_in_plain_words(tmp_path):
    write(tmp_path, "letter.xml.j2", HEADER + '<document title="x">\n{% iff subject %}{% endif %}\n</document>\n')
    [message] = messages(tmp_path)
    assert message == "letter.xml.j2:6: '{% iff %}' is not a template tag; did you mean 'if'? (the '{% endif %}' at line 6 closes it)"


def test_findings_and_summary_come_out_on_one_stream_in_order(tmp_path):
    write(tmp_path, "letter.xml.j2", HEADER + '<document title="x">\n{% if subject %}\n<p>{{ doc.date | dte }}</p>\n</document>\n')
    result = CliRunner().invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert [line.split(".j2:")[1].split(":")[0] for line in lines[:-1]] == ["6", "7"]
    assert lines[-1] == "2 error(s), 0 warning(s)"


WELSH_HEADER = HEADER.replace("needs: [event]\n", "needs: [event]\naudience: subject\n")


def force_with_catalog(folder: Path, english: str, catalog_english: str) -> None:
    write(folder, "letter.xml.j2", WELSH_HEADER + '<document title="x">\n<p>{% trans %}' + english + '{% endtrans %}</p>\n</document>\n')
    (folder / "locale").mkdir()
    write(folder / "locale", "cy.po", f'\n# review: reviewed\nmsgid "{catalog_english}"\nmsgstr "Rhowch wybod i ni yn ysgrifenedig."\n')


def test_a_changed_english_sentence_that_orphans_its_welsh_is_an_error_naming_both(tmp_path):
    force_with_catalog(tmp_path, "Tell us in writing at once.", "Tell us in writing.")
    found = messages(tmp_path)
    assert found == [
        f"letter.xml.j2:7: no Welsh for 'Tell us in writing at once.': the entry at {tmp_path / 'locale' / 'cy.po'}:3 is for "
        "the old wording 'Tell us in writing.'; change its msgid to the new English and review its Welsh",
        f"cy.po:3: the Welsh entry for 'Tell us in writing.' is never used: no template has that English any more; "
        f"the template now says 'Tell us in writing at once.' at {tmp_path / 'letter.xml.j2'}:7",
    ]
    result = CliRunner().invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 2


def test_a_catalog_that_matches_its_templates_passes(tmp_path):
    force_with_catalog(tmp_path, "Tell us in writing.", "Tell us in writing.")
    assert check(tmp_path) == []


def test_a_welsh_entry_with_a_different_placeholder_names_both(tmp_path):
    write(tmp_path, "letter.xml.j2", HEADER + '<document title="x"><p>{% trans n=1 %}Term {{ n }}{% endtrans %}</p></document>\n')
    (tmp_path / "locale").mkdir()
    write(tmp_path / "locale", "cy.po", '# review: unreviewed\nmsgid "Term %(n)s"\nmsgstr "Amod %(rhif)s"\n')
    [message] = messages(tmp_path)
    assert "lacks %(n)s and has %(rhif)s, which the English does not" in message


def test_render_without_a_check_says_what_the_check_says(tmp_path):
    """A misspelt field stops the render with the checker's words, not a Python class name."""
    import datetime as dt

    from docgen.errors import DocgenError
    from docgen.pipeline import load_inputs, render
    from docgen.render import Options
    from tests.conftest import SAMPLES

    write(tmp_path, "warning-letter.xml.j2", HEADER.replace("needs: [event]\n", "needs: [event]\naudience: subject\n") + (
        '{% extends "_letter.xml.j2" %}\n{% block body %}\n<p>{{ subject.full_nmae }}</p>\n{% endblock %}\n'
    ))
    case, house = load_inputs(SAMPLES / "cases" / "specimen-drugs.yaml")
    with pytest.raises(DocgenError) as caught:
        render(case, house, "warning-letter", event_id="EV-002", templates=tmp_path, formats=("pdf",),
               options=Options(date=dt.date(2027, 2, 3)))
    message = str(caught.value)
    assert "line 8: Subject has no 'full_nmae'; did you mean 'full_name'? in 'subject.full_nmae'" in message
    assert "docgen.case" not in message and "object" not in message
