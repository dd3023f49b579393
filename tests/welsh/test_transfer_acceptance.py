"""The receiving force's acceptance letter for a subject who prefers Welsh: wholly Welsh,
bilingually Welsh then English, and the force it came from named in each language."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from docgen.case import case_from_data
from docgen.model import PageBreak, to_text
from docgen.pipeline import load_inputs, render
from docgen.render import Options
from docgen.yamlio import read_yaml_mapping

from .conftest import WELSH_CASE, words

MOVED_ON = dt.date(2026, 12, 1)
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
MONTHS_CY = ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr")


def received(from_force: str = "DPP"):
    """The Welsh sample as North Wales Police holds it after the subject moved into its area."""
    data = read_yaml_mapping(WELSH_CASE)
    data["history"].append(
        {
            "id": "EV-003",
            "type": "transfer",
            "date": MOVED_ON.isoformat(),
            "summary": {
                "en": "The subject moved to Llanenghraifft and notified the new address in writing.",
                "cy": "Symudodd y gwrthrych i Lanenghraifft a hysbysodd y cyfeiriad newydd yn ysgrifenedig.",
            },
            "by": "DC Dychmygol",
        }
    )
    data["transfers"] = [
        {
            "event": "EV-003",
            "to_force": "NWP",
            "from_force": from_force,
            "moving_on": MOVED_ON.isoformat(),
            "receiving_contact": {
                "name": "DC Sion Dychmygol",
                "role": "Lifetime Offender Manager",
                "organisation": "North Wales Police",
                "phone": "01632 960201",
                "email": "tim.rtgo@example.police.uk",
            },
        }
    ]
    return case_from_data(data, file=WELSH_CASE)


def acceptance(language: str | None, from_force: str = "DPP", formats: tuple[str, ...] = ()):
    _, house = load_inputs(WELSH_CASE)
    options = Options(language=language, date=MOVED_ON)
    return render(received(from_force), house, "transfer-acceptance", event_id="EV-003", options=options, formats=formats)


def _before_annex(rendered) -> list:
    """The letter's blocks, the review annex (from its page break) left out."""
    blocks = list(rendered.document.blocks)
    for index in range(len(blocks) - 1, -1, -1):
        if isinstance(blocks[index], PageBreak) and index + 1 < len(blocks) and "Annex: Welsh text" in getattr(blocks[index + 1], "text", ""):
            return blocks[:index]
    return blocks


def _halves(rendered) -> tuple[str, str]:
    """The Welsh half and the English half of a bilingual letter."""
    blocks = _before_annex(rendered)
    cut = blocks.index(PageBreak())
    return " ".join(words(blocks[:cut])), " ".join(words(blocks[cut + 1 :]))


def test_the_subjects_preference_gives_the_letter_in_welsh():
    welsh = acceptance(None)
    assert welsh.meta.language == "cy-GB"
    assert welsh.document.title == "Gorchymyn Atal Troseddau Difrifol: Heddlu Gogledd Cymru sydd bellach yn rheoli eich gorchymyn"


def test_the_welsh_letter_is_wholly_welsh():
    welsh = acceptance("cy", formats=("pdf",))
    assert welsh.welsh is not None and welsh.welsh.untranslated == {}
    text = " ".join(words(_before_annex(welsh)))
    for english in (*MONTHS_EN, "North Wales Police", "Dyfed-Powys Police", "Crown Court", "Detective", "Telephone", "Lifetime Offender", "notices"):
        assert not re.search(rf"\b{english}\b", text), english
    assert not re.search(r"%\(\w+\)s", text), "a raw placeholder is printed"
    assert "Hyd yn hyn, Heddlu Dyfed-Powys oedd yn rheoli'r gorchymyn." in text
    assert "1 Rhagfyr 2026, Heddlu Gogledd Cymru sydd bellach yn ei reoli." in text
    assert "Hysbysiadau GAD" in text and "(Heddlu Dyfed-Powys)" in text
    assert "Eich rheolwr troseddwyr bellach yw Ditectif Gwnstabl Sion Dychmygol" in text


def test_bilingual_is_the_welsh_letter_then_the_same_letter_in_english():
    welsh = acceptance("cy")
    both = acceptance("cy+en", formats=("pdf",))
    assert both.meta.language == "cy-GB"
    welsh_blocks = _before_annex(welsh)
    assert list(both.document.blocks[: len(welsh_blocks)]) == welsh_blocks
    welsh_half, english_half = _halves(both)
    assert "Heddlu Dyfed-Powys" in welsh_half
    assert "Until now Dyfed-Powys Police managed the order." in english_half
    assert "North Wales Police now manages your order" in english_half
    for welsh_word in (*MONTHS_CY, "Heddlu Gogledd Cymru", "Heddlu Dyfed-Powys", "Ditectif", "Rheolwr", "Llys y Goron", "Hysbysiadau", "Blwch Post"):
        assert not re.search(rf"\b{welsh_word}\b", english_half), welsh_word
    assert not re.search(r"%\(\w+\)s", welsh_half + english_half), "a raw placeholder is printed"


def test_a_force_with_no_welsh_name_is_named_as_it_is_called():
    """A force in England has no Welsh name (forces.yaml): both halves print its own name."""
    both = acceptance("cy+en", from_force="WYP")
    welsh_half, english_half = _halves(both)
    assert "Hyd yn hyn, West Yorkshire Police oedd yn rheoli'r gorchymyn." in welsh_half
    assert "Until now West Yorkshire Police managed the order." in english_half


def test_english_on_request_prints_no_welsh():
    english = acceptance("en")
    assert english.meta.language == "en-GB"
    text = to_text(english.document)
    assert "Until now Dyfed-Powys Police managed the order." in text
    for welsh_word in (*MONTHS_CY, "Heddlu Gogledd Cymru", "Heddlu Dyfed-Powys", "Ditectif", "Rheolwr", "Hysbysiadau"):
        assert not re.search(rf"\b{welsh_word}\b", text), welsh_word


@pytest.mark.parametrize("lang", ["cy", "cy+en"])
def test_welsh_acceptance_model_snapshot(lang, model_snapshot):
    assert acceptance(lang) == model_snapshot
