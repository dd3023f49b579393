"""What the release-day acknowledgement needs: terms to go through, one by one.

Each term may carry worked examples from its clause ("keeps an employer's phone in a
locker at work: not a breach") that help a subject with no lawyer see where the line
is. Only examples the clause marks for the subject are printed, and a Welsh document
prints only those with a Welsh version: it never falls back to English.
"""

from __future__ import annotations

from typing import Any

from ..case import Case, Event
from ._order_common import needs_terms, refuse
from .spec import KindSpec

# prepared before release and signed on release day, or again after a variation
SPEC = KindSpec(title="Release-day acknowledgement of the terms", states=("made", "live", "varied"), needs=(), pack_position=70)


def context(case: Case, event: Event | None, options: Any) -> dict[str, Any]:
    refuse(case, needs_terms(case, "release-day acknowledgement"))
    welsh = str(getattr(options, "locale", "") or "").startswith("cy")
    return {"examples": {term.number: subject_examples(term, welsh=welsh) for term in case.terms}}


def subject_examples(term: Any, *, welsh: bool) -> list[dict[str, Any]]:
    """The term's clause examples meant for the subject, in the document's language."""
    from ..conditions import shipped_library

    from ..i18n import example_key, example_welsh, note_unreviewed

    clause = shipped_library().get(term.clause, version=term.version)
    shown = []
    for number, example in enumerate(clause.examples, start=1):
        if not example.for_subject:
            continue
        text = example.cy if welsh else example
        if text is None:
            continue
        if welsh and not (clause.cy is not None and clause.cy.reviewed):
            # an example's Welsh is reviewed with its record's Welsh, or in the register
            note_unreviewed(example_key(clause.ref, number), example_welsh(example), " ".join(f"{example.scenario} {example.why}".split()))
        shown.append({"scenario": text.scenario, "why": text.why, "breach": example.breach})
    return shown
