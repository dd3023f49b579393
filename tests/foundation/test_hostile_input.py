"""Case data is text, never markup: whatever it holds prints literally or is refused."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen.case import case_from_data
from docgen.errors import DocgenError
from docgen.housestyle import load_house_style
from docgen.model import to_text
from docgen.pipeline import render
from docgen.render import Options
from tests.conftest import SAMPLES, docx_text, load_yaml, pdf_text

CASE_FILE = SAMPLES / "cases" / "specimen-drugs.yaml"
LETTER = Options(date=dt.date(2027, 2, 3))  # dated on the day of the failure EV-002 reports
HOUSE = load_house_style(SAMPLES / "house-style" / "WYP.yaml")
HOSTILE = [
    "Smith & Sons <Ltd>",
    "O'Brien \"the quote\"",
    "{{ subject.family_name }}",
    "{% if true %}x{% endif %}",
    "</p><heading level=\"1\">injected</heading><p>",
    "&amp; &lt;not an entity&gt;",
    "Gwŷn ap Ŵyn",
    "مرحبا بالعالم",
    "Emoji 🙂 name",
]


def base_data():
    with open(CASE_FILE, encoding="utf-8") as fh:
        return load_yaml(fh.read())


def letter(data):
    case = case_from_data(data, file="hostile.yaml")
    return render(case, HOUSE, "warning-letter", event_id="EV-002", options=LETTER)


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_names_print_literally_in_every_format(value):
    data = base_data()
    data["subject"]["family_name"] = value
    rendered = letter(data)
    assert f"Dear Jordan Testcase {value}," in to_text(rendered.document)
    assert f"Dear Jordan Testcase {value}," in docx_text(rendered.files["docx"])
    if value.isascii():
        assert f"Dear Jordan Testcase {value}," in " ".join(pdf_text(rendered.files["pdf"]).split())


def test_template_syntax_in_free_text_is_not_evaluated():
    data = base_data()
    data["history"][1]["summary"] = "{{ house.signatory.name }} {% for x in range(3) %}loop{% endfor %}"
    text = to_text(letter(data).document)
    assert "{{ house.signatory.name }} {% for x in range(3) %}loop{% endfor %}" in text
    assert "looploop" not in text


def test_welsh_letters_survive_into_the_pdf_text():
    data = base_data()
    data["subject"]["given_names"] = "Siân Ŵyn Ŷr"
    assert "Siân Ŵyn Ŷr" in pdf_text(letter(data).files["pdf"])


def test_a_ten_thousand_character_field_renders_across_pages():
    data = base_data()
    words = ("evidence " * 1250).strip()  # 11,249 characters
    data["history"][1]["summary"] = words[:10_000]
    rendered = letter(data)
    assert words[:10_000].strip() in to_text(rendered.document)
    import io

    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(rendered.files["pdf"])).pages) >= 3


def test_a_ten_thousand_character_word_still_wraps():
    data = base_data()
    data["subject"]["aliases"] = ["x" * 10_000]
    data["history"][1]["summary"] = "y" * 10_000
    rendered = letter(data)
    assert rendered.files["pdf"].startswith(b"%PDF")


def test_an_over_long_field_is_refused_with_its_length():
    data = base_data()
    data["history"][1]["summary"] = "z" * 20_001
    with pytest.raises(DocgenError, match="20001 characters long"):
        case_from_data(data)


def fold(text: str) -> str:
    """The model folds layout whitespace (any run with a line break or tab) to one space."""
    return re.sub(r"[ ]*[\n\r\t]\s*", " ", text)


names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x85"),
    min_size=1,
    max_size=60,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(family=names, summary=names)
def test_any_text_either_renders_literally_or_is_refused_by_field(family, summary):
    data = base_data()
    data["subject"]["family_name"] = family
    data["history"][1]["summary"] = summary
    try:
        case = case_from_data(data, file="generated.yaml")
    except DocgenError as exc:
        assert {p.field for p in exc.problems} <= {"subject.family_name", "history.1.summary"}
        return
    rendered = render(case, HOUSE, "warning-letter", event_id="EV-002", options=LETTER, formats=("docx",))
    text = to_text(rendered.document)
    assert fold(f"Dear Jordan Testcase {family},").strip() in text
    assert fold(summary).strip() in text
    assert rendered.files["docx"][:2] == b"PK"
