"""Choosing the language, the catalog's rules, and Welsh grammar in clause wording."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from docgen import i18n
from docgen.errors import DocgenError
from docgen.locale.clauses import _join_and_cy, duration_cy, translations
from docgen.model import Document, Paragraph, Run


@pytest.mark.parametrize("value, expected", [("en", "en"), ("cy", "cy"), ("cy+en", "cy+en"), (" CY+EN ", "cy+en")])
def test_the_three_languages_are_accepted(value, expected):
    assert i18n.check_language(value) == expected


def test_english_first_bilingual_is_refused_because_welsh_comes_first():
    with pytest.raises(DocgenError, match="use cy\\+en"):
        i18n.check_language("en+cy")


def test_an_unknown_language_is_refused_naming_the_option():
    with pytest.raises(DocgenError) as info:
        i18n.check_language("fr")
    assert info.value.problems[0].field == "--lang"


def test_an_explicit_choice_wins_over_the_preference():
    assert i18n.choose_language(None, "cy") == "cy"
    assert i18n.choose_language("en", "cy") == "en"


def test_the_shipped_welsh_catalog_is_valid_and_every_entry_has_a_status():
    path = i18n.catalog_files("cy")[0]
    entries = [m for m in i18n.read_catalog(path, "cy") if m.id]
    assert entries and all(m.string for m in entries)


def test_every_shipped_template_string_has_welsh():
    from docgen.templatecheck import shipped_template_files  # layouts and each kind's own

    catalog = i18n.catalog("cy")
    missing = [f.msgid for f in i18n.extract(shipped_template_files()) if (f.context, f.msgid) not in catalog.messages]
    assert missing == []


def test_every_string_code_prints_has_welsh():
    catalog = i18n.catalog("cy")
    assert [m for m in i18n.CODE_MESSAGES if (None, m) not in catalog.messages] == []


def test_an_entry_without_a_review_status_is_refused_with_its_line(tmp_path):
    path = tmp_path / "cy.po"
    path.write_text('msgid ""\nmsgstr ""\n"Language: cy\\n"\n\nmsgid "Date"\nmsgstr "Dyddiad"\n', encoding="utf-8")
    with pytest.raises(DocgenError) as info:
        i18n.read_catalog(path, "cy")
    [problem] = info.value.problems
    assert problem.field == "line 5" and "review" in problem.message


def test_an_entry_that_drops_bold_markup_is_refused(tmp_path):
    path = tmp_path / "cy.po"
    path.write_text('# review: unreviewed\nmsgid "By <b>%(d)s</b>"\nmsgstr "Erbyn %(d)s"\n', encoding="utf-8")
    with pytest.raises(DocgenError, match="same <b>"):
        i18n.read_catalog(path, "cy")


def test_a_reviewed_entry_is_not_listed_in_the_annex(tmp_path):
    (tmp_path / "locale").mkdir()
    (tmp_path / "locale" / "cy.po").write_text('# review: reviewed\nmsgid "Date"\nmsgstr "Dyddiad"\n', encoding="utf-8")
    catalog = i18n.catalog("cy", (tmp_path,))
    with i18n.recording() as usage:
        assert catalog.gettext("Date") == "Dyddiad"
        catalog.gettext("Our reference")
    assert list(usage.unreviewed) == ["Our reference"]


def test_a_render_that_used_only_reviewed_welsh_has_no_annex(tmp_path):
    (tmp_path / "locale").mkdir()
    entries = [("Page {page} of {pages}", "Tudalen {page} o {pages}"), ("Reference", "Cyfeirnod"), ("Version", "Fersiwn")]
    (tmp_path / "locale" / "cy.po").write_text(
        "".join(f'# review: reviewed\nmsgid "{en}"\nmsgstr "{cy}"\n\n' for en, cy in entries), encoding="utf-8"
    )
    doc = Document("Teitl", "", (Paragraph((Run("Testun"),)),))
    version = i18n.render_in("cy", lambda lang: (doc, {"locale": "cy_GB"}), (tmp_path,))
    assert version.usage.clean
    assert version.document.blocks == doc.blocks


def test_unreviewed_page_furniture_alone_brings_the_annex():
    doc = Document("Teitl", "", (Paragraph((Run("Testun"),)),))
    version = i18n.render_in("cy", lambda lang: (doc, {"locale": "cy_GB"}))
    assert "Tudalen N o M" in [welsh for welsh, _ in version.usage.unreviewed.values()]
    assert len(version.document.blocks) > 1


def test_the_translated_clauses_are_valid():
    assert {"COM-001@1.0.0", "RES-001@1.0.0", "FIN-001@1.0.0"} <= set(translations("cy"))


@pytest.mark.parametrize("names, expected", [(["Alun", "Emyr"], "Alun ac Emyr"), (["Siân", "Dewi", "Ben"], "Siân, Dewi a Ben")])
def test_welsh_lists_use_a_or_ac(names, expected):
    assert _join_and_cy(names) == expected


@pytest.mark.parametrize(
    "amount, unit, expected",
    [
        (3, "days", "3 diwrnod"),
        (1, "days", "1 diwrnod"),
        (2, "days", "2 ddiwrnod"),
        (7, "days", "7 diwrnod"),
        (10, "days", "10 diwrnod"),
        (10, "years", "10 mlynedd"),
        (14, "days", "14 diwrnod"),
        (28, "days", "28 diwrnod"),
        (1, "years", "1 flwyddyn"),
        (2, "years", "2 flynedd"),
        (3, "years", "3 blynedd"),
        (5, "years", "5 mlynedd"),
        (6, "months", "6 mis"),
        (2, "months", "2 fis"),
        (2, "weeks", "2 wythnos"),
        (1, "weeks", "1 wythnos"),
    ],
)
def test_welsh_periods_keep_the_noun_singular_and_mutate_it_after_the_number(amount, unit, expected):
    assert duration_cy(amount, unit) == expected


def test_render_command_takes_lang(tmp_path):
    from docgen.cli import app
    from tests.conftest import SAMPLES

    result = CliRunner().invoke(
        app, ["render", "warning-letter", str(SAMPLES / "cases" / "ffug-wales.yaml"), "--event", "EV-002", "--date", "2026-11-10", "--lang", "cy+en", "--format", "pdf", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "NWP-SCPO-0004-warning-letter-EV-002.pdf").is_file()


@pytest.mark.parametrize("field", ["remedy", "startup"])
def test_a_clause_remedy_or_start_up_duty_in_the_annex_can_be_reviewed(field):
    """The annex keys a warning letter's remedy 'CODE@VERSION remedy'; a review must find it."""
    assert i18n.welsh_text(f"FIN-001@2.0.0 {field}") == getattr(translations("cy")["FIN-001@2.0.0"], field)
