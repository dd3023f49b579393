"""What the pipeline keeps between documents never leaks from one document into another.

A clause's rendered wording is kept per process (``docgen.pipeline._TEXTS``). Each
document rendered after others must be exactly the document rendered alone, whatever
came before it: another subject, other parameter values, another language or date.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from docgen import pipeline
from docgen.model import to_text
from docgen.pipeline import _frozen, _Unkeyable, load_inputs, render
from docgen.render import Options
from docgen.resources import samples_dir

CASE = samples_dir() / "cases" / "specimen-drugs.yaml"
WELSH_CASE = samples_dir() / "cases" / "ffug-wales.yaml"
EVENT = "EV-002"  # in both cases, a failure to comply with a term


def _variants() -> dict[str, tuple]:
    case, house = load_inputs(CASE)
    first = case.terms[0]
    quicker = first.model_copy(update={"params": {**first.params, "notify_days": 1}})
    quicker._number = first.number
    other = case.model_copy(update={
        "case_id": "WYP-SCPO-0777",
        "subject": case.subject.model_copy(update={"given_names": "Alex", "family_name": "Otherperson"}),
        "terms": [quicker, *case.terms[1:]],
    })  # fmt: skip
    welsh, welsh_house = load_inputs(WELSH_CASE)  # the same clause and values as the first term above
    on, welsh_on = dt.date(2027, 2, 3), dt.date(2026, 11, 10)  # each the day of the failure
    return {
        "as filed": (case, house, Options(date=on)),
        "other subject, 1 day to notify": (other, house, Options(date=on)),
        "a day later": (case, house, Options(date=on + dt.timedelta(days=1))),
        "Welsh subject, in Welsh": (welsh, welsh_house, Options(date=welsh_on)),
        "Welsh subject, in English": (welsh, welsh_house, Options(date=welsh_on, language="en")),
        "Welsh subject, in both": (welsh, welsh_house, Options(date=welsh_on, language="cy+en")),
    }


def _printed(case, house, options) -> tuple[str, object]:  # noqa: ANN001
    done = render(case, house, "warning-letter", event_id=EVENT, options=options, formats=())
    return to_text(done.document), done.meta


def test_documents_rendered_in_turn_are_each_as_rendered_alone() -> None:
    variants = _variants()
    alone = {}
    for name, inputs in variants.items():
        pipeline._TEXTS.clear()
        alone[name] = _printed(*inputs)
    assert len({text for text, _ in alone.values()}) == len(variants)  # each variant prints differently
    assert "within 1 day" in alone["other subject, 1 day to notify"][0]
    assert "within 3 days" in alone["as filed"][0]
    pipeline._TEXTS.clear()
    for _ in range(2):
        for name, inputs in [*variants.items(), *reversed(variants.items())]:
            assert _printed(*inputs) == alone[name], name
    assert pipeline._TEXTS  # the wording was kept, so the turns above did use it


def test_parameter_values_that_compare_equal_but_print_differently_are_kept_apart() -> None:
    same_number = [1, True, 1.0, Decimal("1"), Decimal("1.0"), "1"]
    assert len({_frozen(v) for v in same_number}) == len(same_number)
    assert _frozen(0.0) != _frozen(-0.0)
    assert _frozen(dt.date(2027, 1, 1)) != _frozen(dt.datetime(2027, 1, 1))
    assert _frozen({"a": [1, 2]}) != _frozen({"a": (1, 2)})
    assert _frozen({"a": 1, "b": 2}) == _frozen({"a": 1, "b": 2})


def test_a_value_of_another_type_is_rendered_every_time_not_kept() -> None:
    class Words(str):
        pass

    with pytest.raises(_Unkeyable):
        _frozen({"name": Words("x")})


def test_kept_clause_wording_is_the_clauses_own_rendering_for_every_value_set_and_locale() -> None:
    """Every shipped clause at its sample and extreme values, English and Welsh locales in
    turn (dates and sums print differently in each), twice over: kept or not, the same."""
    from docgen.conditions import shipped_library

    pipeline._TEXTS.clear()
    checked = differ = 0
    for _ in range(2):
        for clause in shipped_library().clauses:
            for params in clause.value_sets():
                by_locale = {}
                for locale in ("en_GB", "cy_GB"):
                    try:
                        direct = (
                            clause.render_wording(params, locale=locale),
                            clause.render_mirror(params, locale=locale),
                            clause.plain_words(params, locale=locale),
                        )
                    except Exception:  # noqa: BLE001 - a value set the clause refuses is refused either way
                        with pytest.raises(Exception):  # noqa: B017
                            pipeline._clause_texts(clause, params, locale)
                        continue
                    assert pipeline._clause_texts(clause, params, locale) == direct, (clause.ref, params, locale)
                    by_locale[locale] = direct
                    checked += 1
                differ += len(set(by_locale.values())) > 1
    assert checked > 300 and differ > 10  # and some wording does depend on the locale


def test_format_filters_print_as_babel_does_from_the_locale_tag_in_either_order() -> None:
    """The template filters hand babel a parsed locale, kept per tag; dates, times, sums and
    numbers must print exactly as from the tag itself, English and Welsh in turn."""
    from docgen import fmt
    from docgen.render import environment, template_dirs

    env = environment(template_dirs())
    source = "{{ d | date }}|{{ d | short_date }}|{{ t | time }}|{{ m | money }}|{{ n | number }}"
    values = {"d": dt.date(2027, 3, 1), "t": "09:05", "m": Decimal("1234.5"), "n": 1234567}
    for locale in ["en_GB", "cy_GB", "en_GB", "cy_GB"]:
        expected = "|".join(
            [
                fmt.long_date(values["d"], locale),
                fmt.short_date(values["d"], locale),
                fmt.clock(values["t"], locale),
                fmt.money(values["m"], locale),
                fmt.number(values["n"], locale),
            ]
        )
        assert env.from_string(source).render(locale=locale, **values) == expected
    assert env.from_string("{{ d | date }}").render(locale="cy_GB", **values) != env.from_string("{{ d | date }}").render(locale="en_GB", **values)
