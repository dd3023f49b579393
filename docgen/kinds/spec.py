"""What a document kind declares about itself: what it is, when it may be produced, what it
needs, and the values it adds to its template.

Every kind package (``docgen/kinds/<kind_name>/``) defines ``SPEC = KindSpec(...)`` and a
``Context`` dataclass (a :class:`KindContext`) that its ``context()`` returns. The
order's state on the document's date (see :data:`ORDER_STATES`) must be one of
``states``; each entry of ``needs`` names a fact the case must hold. The registry of kinds
reads these declarations, so the pack order, the bundle titles and ``docgen kinds`` come
from one place instead of lists kept by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any

# The states an order passes through, in order. "made" is an order the court has made
# whose start (release, or a start date) has not come yet; "varied" is a live order whose
# terms a court has varied.
ORDER_STATES = ("proposed", "authorised", "made", "live", "varied", "expired", "discharged")
IN_FORCE = ("live", "varied")

# What each common entry of ``KindSpec.needs`` asks of the case, for ``docgen kinds`` and
# the docs. "event" and "release_date" are checked before anything is built; the others
# are checked by the kind itself, which reports them with everything else it finds.
NEEDS = {
    "event": "a history event, given with --event",
    "release_date": "the order's start date (the release date, for an order that starts on release)",
    "authorising_prosecutor": "the prosecutor who authorised the application (order.authorising_prosecutor)",
    "application": "the application section of the case",
    "variation": "the variation section of the case",
    "licence": "the licence the subject was released on",
    "probation": "the probation practitioner (probation)",
    "risk": "the current risk assessment (risk)",
}


def either(words: tuple[str, ...] | list[str]) -> str:
    """"live", "live or varied", "proposed, authorised or made"."""
    words = list(words)
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


@dataclass(frozen=True)
class KindSpec:
    """One document kind's declaration."""

    title: str  # as a court or a reader names it ("Draft SCPO application")
    states: tuple[str, ...]  # order states the kind may be produced in
    needs: tuple[str, ...] = ()  # facts the case must hold: "event", "release_date", ...
    pack_position: int = 99  # where it sorts in a transfer pack or breach bundle
    # True when the document goes out on the day of the event it is about (a warning letter
    # answers one failure at once), so the demo and the samples date it on that day
    sent_on_event_date: bool = False
    # one line for ``docgen kinds``, the transfer letter's enclosures and the CPS note
    description: str = ""
    abbrev: str = ""  # the kind's part of a document reference ("WL" in .../WL/0001)
    # "subject": written to the subject, so it follows their language preference (Welsh
    # Language Standards); "agency": for a court, the CPS, probation or another force
    audience: str = "agency"

    def allowed(self) -> str:
        """The rule in words: "may be produced only while the order is live or varied"."""
        return f"may be produced only while the order is {either(self.states)}"

    def __post_init__(self) -> None:
        unknown = [s for s in self.states if s not in ORDER_STATES]
        if unknown or not self.states:
            raise ValueError(f"unknown order states {unknown!r}; states are {', '.join(ORDER_STATES)}")
        if self.audience not in ("subject", "agency"):
            raise ValueError(f"audience must be 'subject' or 'agency', not {self.audience!r}")


def meaning(doc: str, **kwargs: Any) -> Any:
    """A context field with its one-line meaning, which ``docgen templates describe`` and the
    template reference print (``steps: list[Step] = meaning("each step ...")``)."""
    return field(metadata={"doc": doc}, **kwargs)


@dataclass(frozen=True, kw_only=True)
class KindContext:
    """The values one kind adds to its template, each field a template variable.

    A kind's ``Context`` subclasses this, so its fields are the names the template checker
    accepts and the reference documents: they cannot drift apart from what ``context()``
    builds. ``doc_date`` is not a variable: when set, it becomes ``doc.date``.
    """

    doc_date: dt.date | None = meaning("the document's date as the kind read it; becomes doc.date", default=None)

    def variables(self) -> dict[str, Any]:
        """The template variables, by name (shallow: values stay the objects they are)."""
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        if out["doc_date"] is None:
            del out["doc_date"]
        return out


def context_fields(cls: type[KindContext]) -> list[tuple[str, str, str]]:
    """(name, type, meaning) for each template variable a kind's context declares."""
    def shown(tp: Any) -> str:  # "dt.date" reads as "date" in the reference
        return (tp if isinstance(tp, str) else getattr(tp, "__name__", str(tp))).replace("dt.", "")

    return [(f.name, shown(f.type), f.metadata.get("doc", "")) for f in fields(cls) if f.name != "doc_date"]
