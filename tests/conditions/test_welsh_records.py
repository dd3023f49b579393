"""Welsh beside the English: each clause record carries its own Welsh and review status."""

from __future__ import annotations

from pathlib import Path

from docgen.conditions import shipped_library
from docgen.locale import clauses as cy_clauses
from docgen.locale.clauses import translation_of, translations


def test_the_welsh_comes_from_the_records_and_there_is_no_separate_file():
    lib = shipped_library()
    found = translations("cy", lib)
    assert {"COM-001@1.0.0", "COM-002@1.0.0", "FIN-001@1.0.0", "RES-001@1.0.0"} <= set(found)
    assert found["COM-001@1.0.0"] is lib.find("COM-001@1.0.0").cy
    assert not (Path(cy_clauses.__file__).parent / "cy" / "clauses.yaml").exists()


def test_a_cy_block_is_the_last_part_of_its_record_file():
    lib = shipped_library()
    for clause in lib.clauses:
        if clause.cy is None:
            continue
        with open(clause.source, encoding="utf-8") as fh:
            keys = list(load_yaml(fh))
        assert keys[-1] == "cy", clause.source


def test_a_record_with_no_welsh_wording_is_not_a_translation():
    lib = shipped_library()
    english_only = [c for c in lib.clauses if c.cy is None]
    assert english_only and all(translation_of(c, "cy") is None for c in english_only)
    assert translation_of(lib.find("COM-001@1.0.0"), "fr") is None


# --------------------------------------------------------------------------- current records

import re  # noqa: E402

import pytest  # noqa: E402

from docgen.locale.clauses import _present, render_field  # noqa: E402
from tests.conftest import load_yaml

_LIBRARY = shipped_library()
CURRENT = [c for c in (_LIBRARY.current(code) for code in sorted(_LIBRARY.codes())) if c is not None]
_ENGLISH = {
    "wording": lambda c, p: c.render_wording(p),
    "plain_words": lambda c, p: c.plain_words(p),
    "mirror": lambda c, p: c.render_mirror(p),
    "remedy": lambda c, p: c.render_remedy(p),
    "startup": lambda c, p: c.render_startup(p),
}


def _welsh(clause, field, params):
    source = getattr(clause.cy, field)
    return render_field(clause, source, field, params, "cy_GB", "cy", clause.cy.choices) if source else None


def test_every_current_clause_is_in_the_list():
    assert len(CURRENT) == len(set(c.code for c in _LIBRARY.clauses if _LIBRARY.current(c.code)))
    assert _LIBRARY.find("FIN-004@3.0.0") in CURRENT and _LIBRARY.find("FIN-004@2.0.0") not in CURRENT


@pytest.mark.parametrize("clause", CURRENT, ids=lambda c: c.ref)
def test_every_example_for_the_subject_has_welsh(clause):
    """The Welsh release-day acknowledgement prints only examples with a Welsh version."""
    missing = [e.scenario for e in clause.examples if e.for_subject and e.cy is None]
    assert not missing, f"{clause.ref}: no Welsh for {missing}"


@pytest.mark.parametrize("clause", CURRENT, ids=lambda c: c.ref)
def test_the_welsh_has_every_field_the_english_prints(clause):
    assert clause.cy is not None and clause.cy.title, clause.ref
    params = clause.sample_params()
    for field, english in _ENGLISH.items():
        if english(clause, params):
            assert getattr(clause.cy, field), f"{clause.ref}: the English prints {field}, the Welsh has none"
    if clause.mirror.reason:
        assert clause.cy.mirror_reason, clause.ref


def _printed(value, param, locale, language, choices):
    shown = _present(param, value, locale, language, choices)
    return [str(v) for v in shown] if isinstance(shown, list) else [str(shown)]


@pytest.mark.parametrize("clause", CURRENT, ids=lambda c: c.ref)
def test_the_welsh_plain_words_carry_every_value_the_english_prints(clause):
    """A limit, a deadline or a name the English summary gives must reach a Welsh reader."""
    params = clause.sample_params()
    values = clause.resolve(params)
    english = clause.plain_words(params)
    welsh = _welsh(clause, "plain_words", params)
    for param in clause.parameters:
        shown_en = _printed(values[param.name], param, "en_GB", "en", {})
        shown_cy = _printed(values[param.name], param, "cy_GB", "cy", clause.cy.choices)
        for en, cy in zip(shown_en, shown_cy):
            if re.search(rf"(?<![\w.,]){re.escape(en)}(?![\w]|[.,]\d)", english):
                assert cy in welsh, f"{clause.ref}: plain words print {param.name} ({en!r}) in English only"


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@pytest.mark.parametrize("clause", CURRENT, ids=lambda c: c.ref)
@pytest.mark.parametrize("field", sorted(_ENGLISH))
def test_every_number_in_the_english_is_in_the_welsh(clause, field):
    """Limits, periods and hours are numbers: a Welsh field with fewer has dropped one."""
    params = clause.sample_params()
    english = _ENGLISH[field](clause, params)
    if not english:
        return
    welsh = _welsh(clause, field, params)
    for number in sorted(set(_NUMBER.findall(english))):
        assert _NUMBER.findall(welsh).count(number) >= _NUMBER.findall(english).count(number), (
            f"{clause.ref} {field}: {number} appears {_NUMBER.findall(english).count(number)} times "
            f"in the English, {_NUMBER.findall(welsh).count(number)} in the Welsh"
        )
