"""Each half of a bilingual Word file says which language it is in."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from docgen.pipeline import load_inputs, render
from docgen.render import Options

from .conftest import WELSH_CASE
LETTER_DATE = dt.date(2026, 11, 10)  # the day of the failure EV-002; the case's date is after its deadline


def _runs(lang: str) -> list[tuple[str | None, str]]:
    case, house = load_inputs(WELSH_CASE)
    rendered = render(case, house, "warning-letter", event_id="EV-002", options=Options(date=LETTER_DATE, language=lang), formats=("docx",))
    xml = zipfile.ZipFile(io.BytesIO(rendered.files["docx"])).read("word/document.xml").decode()
    out = []
    for run in re.findall(r"<w:r>(.*?)</w:r>", xml, flags=re.S):
        tag = re.search(r'<w:lang w:val="([^"]+)"', run)
        out.append((tag.group(1) if tag else None, re.sub(r"<[^>]+>", "", run)))
    return out


def test_the_welsh_half_is_cy_and_the_english_half_en():
    runs = _runs("cy+en")
    assert all(tag is not None for tag, _ in runs), "every run of a bilingual file carries its language"
    by_text: dict[str, str | None] = {}
    for tag, text in runs:
        by_text.setdefault(text, tag)  # first printing: the annex repeats some sentences
    assert by_text["Heddlu Gogledd Cymru"] == "cy-GB"
    assert by_text["North Wales Police"] == "en-GB"
    assert by_text["Annwyl Dafydd Ŵyn FFUG,"] == "cy-GB"
    assert by_text["Dear Dafydd Ŵyn FFUG,"] == "en-GB"
    english_start = next(i for i, (_, text) in enumerate(runs) if text == "North Wales Police")
    annex = next(i for i, (_, text) in enumerate(runs) if text.startswith("Atodiad"))
    assert {tag for tag, _ in runs[:english_start]} == {"cy-GB"}
    assert {tag for tag, text in runs[english_start:annex] if text} == {"en-GB"}


def test_the_annex_of_a_welsh_file_tags_its_english_paragraphs_english():
    tags = {text: tag for tag, text in _runs("cy") if text}
    assert tags["Annwyl Dafydd Ŵyn FFUG,"] == "cy-GB"
    assert tags[next(t for t in tags if t.startswith("Some of the Welsh wording"))] == "en-GB"
    assert tags[next(t for t in tags if t.startswith("Nid yw siaradwr Cymraeg"))] == "cy-GB"


def test_an_english_file_has_no_run_tags():
    assert {tag for tag, _ in _runs("en")} == {None}
