"""Worked examples the subject reads speak of their own order's limits and periods.

An example that states a limit or a period the clause takes as a parameter must print the
parameter, not its default: a subject with a £2,500 limit must never be told that £1,300
in cash is a breach. Every example for the subject is rendered at each of the clause's
value sets (the defaults, then each parameter at its extremes), in English and Welsh.
"""

from __future__ import annotations

import re

import pytest

from docgen.conditions import shipped_library
from docgen.locale.clauses import _present, render_field

_LIBRARY = shipped_library()
CURRENT = [c for c in (_LIBRARY.current(code) for code in sorted(_LIBRARY.codes())) if c is not None]


# Numbers an example takes from the wording itself, not from a parameter, that happen to
# equal a parameter's default (a fixed rule of the term, the same in every order).
FIXED_RULES = {
    "EMP-001": [r"3 days in 28", r"3 diwrnod mewn 28"],
    "COM-001": [r"3 or more days in any 28", r"3 diwrnod neu fwy mewn unrhyw 28"],  # regular use, by definition
    "RES-001": [
        r"3 (?:or more )?nights in 4 weeks", r"3 noson (?:neu ragor )?mewn 4 wythnos",
        r"4 nights in 3 weeks", r"4 noson mewn 3 wythnos",  # the facts of the scenario
    ],
    "FIN-004": [r"any 7 days", r"unrhyw 7 diwrnod"],
}
NUMERIC = {"integer", "money", "duration"}


def _forms(param, value, locale: str, language: str) -> list[str]:
    """How a value prints, with a money amount's pence dropped as people write it."""
    shown = _present(param, value, locale, language, {})
    out = []
    for item in shown if isinstance(shown, list) else [shown]:
        text = str(item)
        out.append(text)
        if re.fullmatch(r"£[\d,]+\.00", text):
            out.append(text[:-3])
    return out


def _prints(printed: str, text: str) -> bool:
    if re.fullmatch(r"\d+", printed):
        return re.search(rf"(?<![\d.,£]){printed}(?![\d]|[.,]\d)", text) is not None
    return re.search(rf"(?<![\w.,]){re.escape(printed)}(?![\w]|[.,]\d)", text) is not None


def _examples(clause, values):
    for i, example in enumerate(clause.examples):
        if not example.for_subject:
            continue
        yield f"example {i + 1}", " ".join(clause.render_example(example, values)), "en"
        if example.cy is not None:
            welsh = " ".join(
                render_field(clause, text, f"examples.{i}", values, "cy_GB", "cy", clause.cy.choices if clause.cy else {})
                for text in (example.cy.scenario, example.cy.why)
            )
            yield f"Welsh example {i + 1}", welsh, "cy"


@pytest.mark.parametrize("clause", CURRENT, ids=lambda c: c.ref)
def test_no_example_prints_a_default_the_order_has_changed(clause):
    base = clause.resolve(clause.sample_params())
    problems = []
    for values in clause.value_sets()[1:]:
        resolved = clause.resolve(values)
        changed = [p for p in clause.parameters if p.type in NUMERIC and resolved[p.name] != base[p.name]]
        for where, text, language in _examples(clause, values):
            for rule in FIXED_RULES.get(clause.code, []):
                text = re.sub(rule, "", text)
            locale = "cy_GB" if language == "cy" else "en_GB"
            for param in changed:
                now = set(_forms(param, resolved[param.name], locale, language))
                for default in _forms(param, base[param.name], locale, language):
                    if default not in now and _prints(default, text):
                        problems.append(f"{where} prints {default!r} with {param.name} = {sorted(now)}: {text}")
    assert not sorted(set(problems)), "\n".join(sorted(set(problems)))


def test_the_check_catches_a_hard_coded_limit():
    """A seeded example with "£1,000" in words fails once the limit is changed."""
    clause = _LIBRARY.current("FIN-001")
    limit = clause.parameter("cash_limit")
    text = "With a limit of £1,000, he keeps £1,300."
    other = limit.boundaries()[-1]
    assert _prints("£1,000", text)
    assert any(_prints(f, text) for f in _forms(limit, clause.resolve(clause.sample_params())["cash_limit"], "en_GB", "en"))
    assert not any(_prints(f, text) for f in _forms(limit, clause.resolve({**clause.sample_params(), "cash_limit": other})["cash_limit"], "en_GB", "en"))
