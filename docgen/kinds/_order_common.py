"""Checks and derived values shared by the order's documents.

The application, the draft order, the licence mirror, the release-day acknowledgement,
the variation application and the covering note all rest on the same terms. The checks
here run before any template does, so a refusal names the case file's fields and nothing
is written.
"""

from __future__ import annotations

from typing import Any

from .. import fmt
from ..case import Case, Term
from ..law import law_on, shipped_law
from ._checks import Check, refuse


def library() -> Any:
    from ..conditions import shipped_library

    return shipped_library()


def locale_of(options: Any) -> str:
    return getattr(options, "locale", None) or fmt.DEFAULT_LOCALE


def needs_terms(case: Case, document: str) -> list[Check]:
    if case.terms:
        return []
    return [Check("terms", f"the {document} needs at least one term; the case has none")]


def clause_of(term: Term) -> Any:
    """The clause record behind a case term (the pipeline has already checked it exists)."""
    return library().for_term(term)


def definitions_used(terms: list[Term]) -> list[str]:
    """The definitions the terms rely on, each once, in the order of the definitions schedule."""
    lib = library()
    wanted = {key for term in terms for key in clause_of(term).definitions}
    return [sentence(entry.sentence) for key, entry in lib.definitions.items() if key in wanted]


def s5_kinds() -> dict[str, Any]:
    """The kinds of term the law allows, keyed as clause records name them (``s5_basis``)."""
    return dict(library().kinds)


def schedule1_rows(case: Case, options: Any) -> list[dict[str, Any]]:
    """Each conviction beside the title of the Schedule 1 heading it falls under, if any,
    in the words of the Schedule on the document's date (headings have been substituted)."""
    date = getattr(options, "date", None) or case.document_date
    law = law_on(date) if date is not None else shipped_law()
    rows = []
    missing = []
    for number, conviction in enumerate(case.convictions):
        heading = law.schedule1.get(conviction.schedule1_heading) if conviction.schedule1_heading else None
        if conviction.schedule1_heading and heading is None:
            missing.append(Check(
                f"convictions.{number}.schedule1_heading",
                f"'{conviction.schedule1_heading}' is not a heading of {law.schedule1.source} on "
                f"{law.as_of.isoformat()}, the document's date; the headings then were: "
                f"{', '.join(h.code for h in law.schedule1.headings)}",
            ))  # fmt: skip
        rows.append(
            {
                "conviction": conviction,
                "heading": heading.title if heading else "",
                # "Schedule 1 Part 1, para 1 (Drug trafficking)": where the Act lists it
                "cite": heading.cite if heading else "",
                "offence": lower_first(conviction.offence),
            }
        )
    refuse(case, missing)
    return rows


def lower_first(text: str) -> str:
    """"Conspiracy to supply" becomes "conspiracy to supply" mid-sentence; "MDMA ..." stays."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def sentence(text: str) -> str:
    """Text that ends with a full stop, whether or not it came with one."""
    text = text.rstrip()
    return text if text.endswith((".", "?", "!")) else text + "."

