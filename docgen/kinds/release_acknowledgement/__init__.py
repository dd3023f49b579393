"""What the release-day acknowledgement needs: terms to go through, one by one.

Each term may carry worked examples from its clause ("keeps an employer's phone in a
locker at work: not a breach") that help a subject with no lawyer see where the line
is. Only examples the clause marks for the subject are printed, and a Welsh document
prints only those with a Welsh version: it never falls back to English.
"""

from __future__ import annotations

from dataclasses import dataclass

from typing import Any

from ...case import Case, Event
from .._checks import refuse
from .._order_common import clause_of, needs_terms
from ..spec import KindContext, KindSpec, meaning

# prepared before release and signed on release day, or again after a variation
SPEC = KindSpec(
    title="Release-day acknowledgement of the terms",
    description="Release-day acknowledgement, every term in plain words for the subject to initial and sign",
    abbrev="ACK",
    audience="subject",
    states=("made", "live", "varied"),
    needs=(),
    pack_position=70,
)


@dataclass(frozen=True, kw_only=True)
class Context(KindContext):
    """What the release-day acknowledgement of the terms adds to its template."""

    examples: dict[int, list[str]] = meaning("for each term number, examples of what it means day to day")
    counts_days: bool = meaning("whether any term's clause counts time in days (the form then says how days are counted)")


def context(case: Case, event: Event | None, options: Any) -> Context:
    refuse(case, needs_terms(case, "release-day acknowledgement"))
    locale = str(getattr(options, "locale", "") or "en_GB")
    return Context(
        examples={term.number: subject_examples(term, locale=locale) for term in case.terms},
        counts_days=any("day" in clause_of(term).definitions for term in case.terms),
    )


def subject_examples(term: Any, *, locale: str) -> list[dict[str, Any]]:
    """The term's clause examples meant for the subject, in the document's language.

    Both languages are rendered with the term's own values; a Welsh example goes into the
    review annex as printed, beside the English it translates, until it is reviewed.
    """
    from ...i18n import example_key, note_unreviewed
    from ...locale.clauses import render_field, translation_of

    clause = clause_of(term)
    welsh = locale.startswith("cy")
    choices = (getattr(translation_of(clause, "cy"), "choices", {}) or {}) if welsh else {}
    reviewed = clause.cy is not None and clause.cy.reviewed
    params = dict(term.params)
    shown = []
    for number, example in enumerate(clause.examples, start=1):
        if not example.for_subject or (welsh and example.cy is None):
            continue
        scenario, why = clause.render_example(example, params, locale=locale)
        if welsh:
            english = " ".join(f"{scenario} {why}".split())
            field = f"examples.{number - 1}"
            scenario = render_field(clause, example.cy.scenario, f"{field}.scenario", params, locale, "cy", choices)
            why = render_field(clause, example.cy.why, f"{field}.why", params, locale, "cy", choices)
            if not reviewed:
                # an example's Welsh is reviewed with its record's Welsh, or in the register
                note_unreviewed(example_key(clause.ref, number), " ".join(f"{scenario} {why}".split()), english)
        shown.append({"scenario": scenario, "why": why, "breach": example.breach})
    return shown
