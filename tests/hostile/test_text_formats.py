"""Text reads the same in the Word and the PDF copy of a document.

Bidi controls are refused when the case is read (Word would obey them, the PDF writer
would not); characters DejaVu Sans lacks are drawn in Symbola rather than as empty boxes;
characters no installed font has are refused with the field named; and a missing fallback
font is a clear error naming it.
"""

from __future__ import annotations

import pytest

from docgen import fonts
from docgen.errors import DocgenError
from docgen.pipeline import load_inputs, render
from docgen.writers import pdf as pdf_writer
from tests.conftest import docx_text, pdf_text

from .probe_kit import assert_refused, case_data, run, workspace, write_case

BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f"]


def _case(tmp_path, change) -> object:
    ws = workspace(tmp_path / "ws")
    data = case_data()
    change(data)
    return write_case(ws / "cases" / "case.yaml", data)


@pytest.mark.parametrize("char", BIDI, ids=[f"U+{ord(c):04X}" for c in BIDI])
def test_a_bidi_control_is_refused_at_validate_naming_the_field(char, tmp_path, capsys):
    def change(data):
        data["subject"]["family_name"] = f"SPECIMEN{char}evil"
        data["history"][0]["summary"] = f"Paid {char}0001 pounds"

    path = _case(tmp_path, change)
    result = run(capsys, "validate", path)
    assert result.code == 2
    for field in ("subject.family_name", "history.0.summary"):
        assert f"{path}: {field}: contains the bidirectional control character U+{ord(char):04X}" in result.err


def test_a_bidi_control_in_a_clause_parameter_is_refused_too(tmp_path, capsys):
    def change(data):
        data["terms"][0]["params"] = {**data["terms"][0].get("params", {}), "note": "\u202eabc"}

    result = run(capsys, "validate", _case(tmp_path, change))
    assert "terms.0.params.note: contains the bidirectional control character U+202E" in result.err


def test_a_character_no_font_can_draw_is_refused_at_validate(tmp_path, capsys):
    if fonts.find_fallback() is None:
        pytest.skip("Symbola is not installed (bash .ci/run installs it)")
    path = _case(tmp_path, lambda d: d["subject"].update(given_names="Jordan \U0001fae0"))
    result = run(capsys, "validate", path)
    assert result.code == 2
    assert f"{path}: subject.given_names: contains characters no embedded font can draw (U+1FAE0)" in result.err


def test_emoji_are_drawn_in_the_fallback_font_and_read_the_same_in_both_formats(tmp_path):
    if fonts.find_fallback() is None:
        pytest.skip("Symbola is not installed (bash .ci/run installs it)")
    name = "Jordan \u2b50 Star \u2705 \U0001f680 Rocket"
    assert [fonts.font_for(c) for c in "\u2b50\u2705\U0001f680"] == ["fallback"] * 3  # DejaVu lacks them
    path = _case(tmp_path, lambda d: d["subject"].update(given_names=name))
    case, house = load_inputs(path)
    rendered = render(case, house, "licence-mirror", formats=("docx", "pdf"))
    assert name in docx_text(rendered.files["docx"])
    assert name in pdf_text(rendered.files["pdf"])  # the rocket (beyond U+FFFF) copies as a rocket
    assert b"Symbola" in rendered.files["pdf"]  # embedded, so every reader draws the star


def test_without_the_fallback_font_the_error_names_it(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(fonts, "find_fallback", lambda: None)
    monkeypatch.setattr(pdf_writer, "find_fallback", lambda: None)
    fonts._coverage.cache_clear()
    pdf_writer._register_fallback.cache_clear()
    try:
        path = _case(tmp_path, lambda d: d["subject"].update(given_names="Jordan \u2b50 Star"))
        assert run(capsys, "validate", path).code == 0  # it could be drawn once Symbola is installed
        result = run(capsys, "render", "licence-mirror", path, "--format", "pdf", "--out", tmp_path / "out")
        assert_refused(result, file="Symbola", field="fonts-symbola")
        assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    finally:
        fonts._coverage.cache_clear()
        pdf_writer._register_fallback.cache_clear()


def test_plain_text_never_needs_the_fallback_font(tmp_path):
    case, house = load_inputs(_case(tmp_path, lambda d: None))
    rendered = render(case, house, "licence-mirror", formats=("pdf",))
    assert b"Symbola" not in rendered.files["pdf"]


def test_the_pdf_writer_refuses_what_no_font_draws_rather_than_print_a_box():
    if fonts.find_fallback() is None:
        pytest.skip("Symbola is not installed")
    with pytest.raises(DocgenError, match="U\\+1FAE0"):
        pdf_writer.with_fallback("melting \U0001fae0")
