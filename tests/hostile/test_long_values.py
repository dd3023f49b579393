"""Long but valid values: every kind renders in both formats, the body keeps every
character, and Word's 255-character document properties are cut safely."""

from __future__ import annotations

import io
import re
import shutil

import pytest
from docx import Document

from docgen.demo import demo_runs, render_dated
from docgen.pipeline import load_inputs
from docgen.render import kinds, template_dirs
from docgen.writers.docx import PROPERTY_LIMIT, _property
from tests.conftest import SAMPLES, docx_text, load_yaml, pdf_text

from .probe_kit import write_case

NAME_LENGTH = 300
FREE_TEXT = 20_000


def _words(length: int, tag: str) -> str:
    """Fictional words, exactly ``length`` characters, ending in a tag to look for."""
    filler = " ".join(["Longname", "Testcase", "Inventedworth"] * (length // 10))
    return (filler[: length - len(tag) - 1].rstrip() + " " + tag).rjust(length, "X")[:length]


def _long_case(source: str, folder) -> object:
    shutil.copytree(SAMPLES / "house-style", folder / "house-style")
    (folder / "cases").mkdir()
    data = load_yaml((SAMPLES / "cases" / source).read_text(encoding="utf-8"))
    data.pop("evidence_files", None)
    data["subject"]["given_names"] = _words(NAME_LENGTH, "Givenend")
    data["subject"]["family_name"] = _words(NAME_LENGTH, "FAMILYEND").upper()
    data["offender_manager"]["name"] = _words(NAME_LENGTH, "Officerend")
    for event in data["history"]:
        event["summary"] = _words(FREE_TEXT, "Summaryend")
    return write_case(folder / "cases" / source, data)


def _runs():
    for source in ("specimen-drugs.yaml", "exampleton-fraud.yaml"):
        case, house = load_inputs(SAMPLES / "cases" / source)
        for kind in kinds(template_dirs(house.templates)).values():
            for event in demo_runs(kind, case):
                yield pytest.param(source, kind.name, event, id=f"{kind.name}-{source[:-5]}" + (f"-{event}" if event else ""))


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def long_cases(tmp_path_factory):
    return {s: _long_case(s, tmp_path_factory.mktemp(s[:-5])) for s in ("specimen-drugs.yaml", "exampleton-fraud.yaml")}


@pytest.mark.parametrize("source, kind, event", list(_runs()))
def test_every_kind_renders_long_values_in_both_formats(source, kind, event, long_cases):
    case, house = load_inputs(long_cases[source])
    assert len(case.subject.full_name) == 2 * NAME_LENGTH + 1
    rendered = render_dated(case, house, kind, event, formats=("docx", "pdf"))
    word = Document(io.BytesIO(rendered.files["docx"]))
    props = word.core_properties
    for value in (props.title, props.subject, props.author, props.keywords):
        assert len(value) <= PROPERTY_LIMIT
    body_docx, body_pdf = _squeezed(docx_text(rendered.files["docx"])), _squeezed(pdf_text(rendered.files["pdf"]))
    name = _squeezed(case.subject.family_name)
    assert name in body_docx and name in body_pdf  # every kind names the subject, in full
    if "Summaryend" in body_docx:  # the kinds that quote the history quote all of it
        assert _squeezed(case.history[0].summary) in body_docx
    assert ("Summaryend" in body_docx) == ("Summaryend" in body_pdf)
    # the PDF splits long text across pages (with the marking between): count the words
    assert body_docx.count("Inventedworth") == body_pdf.count("Inventedworth") > 0


def test_a_long_property_is_cut_at_a_word_with_an_ellipsis():
    value = _words(NAME_LENGTH, "Tail")
    cut = _property(value)
    assert len(cut) <= PROPERTY_LIMIT and cut.endswith("\u2026")
    assert value.startswith(cut[:-1])
    assert _property("Short title") == "Short title"
