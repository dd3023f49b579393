"""What the documents about managing an order read from the history and the register.

Shared by the warning letter, the recall request, the MG5, the transfer letter and the
expiry documents: the enforcement ladder, earlier warnings by reference and date, the
occasions a term was not complied with, open actions, and the view of a case with its
sensitive entries taken out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from ..case import Case, Event, Transfer
from ..errors import DocgenError
from ..timeline import TimelineError
from ._checks import Check, refuse

if TYPE_CHECKING:
    from ..register.forces import Force

LEVELS = ("advisory", "first", "final")
NEXT_LEVEL = {"advisory": "first", "first": "final", "final": None}
LEVEL_NAMES = {"advisory": "advisory letter", "first": "first warning", "final": "final warning"}
FAILURES = ("non_compliance", "breach")


@dataclass(frozen=True)
class PriorWarning:
    """An earlier warning: the event it was about and, when issued, its letter."""

    id: str
    level: str
    date: dt.date
    reference: str | None
    term: int | None

    @property
    def name(self) -> str:
        return LEVEL_NAMES[self.level]


def where(case: Case, event: Event) -> str:
    return f"history.{case.history.index(event)}"


def failure_checks(case: Case, event: Event, *, type_needed: str, term_needed: str, not_sensitive: str) -> list[Check]:
    """What a document about one failure to comply checks of its event: a failure, naming a
    term, and not sensitive (it is disclosed). Each document words the reasons its own way."""
    at = where(case, event)
    checks = []
    if event.type not in FAILURES:
        checks.append(Check(f"{at}.type", f"is '{event.type}'; {type_needed}"))
    if event.term is None:
        checks.append(Check(f"{at}.term", term_needed))
    if event.sensitive:
        checks.append(Check(f"{at}.sensitive", not_sensitive))
    return checks


def transfer_of(case: Case, event: Event, *, document: str, add: str) -> tuple[Transfer | None, list[Check]]:
    """The transfer a 'transfer' event records, or the check saying why there is none.

    ``document`` names the letter ("a transfer letter"); ``add`` says what a missing
    transfer entry should carry.
    """
    if event.type != "transfer":
        return None, [Check(f"{where(case, event)}.type", f"is '{event.type}'; {document} needs a 'transfer' event")]
    move = next((m for m in case.transfers if m.event == event.id), None)
    if move is None:
        return None, [Check("transfers", f"no transfer names the event {event.id}; add {add}")]
    return move, []


def transfer_force(case: Case, move: Transfer, side: Literal["to_force", "from_force"]) -> Force:
    """The force at one end of a transfer, or a refusal naming the transfer's field."""
    from ..register.forces import shipped_forces

    try:
        return shipped_forces().get(getattr(move, side))
    except DocgenError as exc:
        raise DocgenError(exc.problems[0].message, file=case.source or "", field=f"transfers.{case.transfers.index(move)}.{side}") from None


def issued_documents(options: Any) -> tuple[Any, ...]:
    """The register's issued documents for the case, when the caller read the register."""
    extra = getattr(options, "extra", None) or {}
    return tuple(extra.get("issued", ()))


def latest_letters(issued: Sequence[Any], kind: str) -> dict[str, Any]:
    """The newest issued version of each document of ``kind``, by the event it is about."""
    from ..register.references import newest_versions

    letters = [doc for doc in issued if doc.kind == kind and doc.event_id]
    return {doc.event_id: doc for doc in newest_versions(letters, key=lambda doc: doc.event_id)}


def prior_warnings(case: Case, before: int, issued: Sequence[Any]) -> list[PriorWarning]:
    """Every warning given before history entry ``before``: the one reading of the ladder.

    Every kind (warning letter, MG5, recall request, transfer letter, bundles) reads the
    ladder here, with or without the register, so a preview and an issued document quote
    the same warnings. An entry counts as warned when it is a ``warning``, or a failure
    that carries a level, that the register holds a letter about, or that required the
    subject to act (the action was put to the subject in a letter). A failure with no
    level of its own takes the level its letter had, or else the level the ladder gives it
    (one step above the highest so far); a failure after a final warning had no letter.
    The register's letter, when there is one, gives the reference and the date.
    """
    letters = latest_letters(issued, "warning-letter")
    found: list[PriorWarning] = []
    problems: list[Check] = []
    top: str | None = None
    for index, event in enumerate(case.history[:before]):
        letter = letters.get(event.id)
        level = event.level or (letter.level if letter is not None else None)
        if event.type == "warning":
            if level is None:
                problems.append(Check(f"history.{index}.level", "a warning needs its level (advisory, first or final) for the ladder"))
                continue
        elif event.type not in FAILURES:
            continue
        elif level is None:
            if not event.action_required:
                continue
            level = "advisory" if top is None else NEXT_LEVEL[top]
            if level is None:
                continue  # after a final warning a failure goes to interview or arrest
        if top is None or LEVELS.index(level) > LEVELS.index(top):
            top = level
        found.append(
            PriorWarning(
                id=event.id,
                level=level,
                date=letter.document_date if letter is not None else event.date,
                reference=letter.reference if letter is not None else event.reference,
                term=event.term,
            )
        )
    refuse(case, problems)
    return found


def ladder_level(case: Case, event: Event, prior: Sequence[PriorWarning]) -> str:
    """The level a letter about ``event`` must have: one step above the highest so far.

    A level written on the event may go higher (a serious failure can go straight to a
    final warning) but never lower; after a final warning there is no further letter.
    """
    field = f"{where(case, event)}.level"
    top = max(prior, key=lambda w: LEVELS.index(w.level), default=None)
    if top is None:
        learned = "advisory"
    else:
        learned = NEXT_LEVEL[top.level]
        if learned is None:
            raise DocgenError(
                f"a final warning was already given ({describe(top)}); a further failure goes to "
                "interview under caution or arrest, not another warning letter",
                file=case.source or "",
                field=field,
            )
    if event.level is None:
        return learned
    if LEVELS.index(event.level) < LEVELS.index(learned):
        raise DocgenError(
            f"is '{event.level}' but the ladder has reached '{learned}' after the {top.name} "
            f"({describe(top)}); a warning never steps down",
            file=case.source or "",
            field=field,
        )
    return event.level


def describe(warning: PriorWarning) -> str:
    ref = f"reference {warning.reference}, " if warning.reference else ""
    return f"{ref}dated {warning.date.isoformat()}, history entry {warning.id}"


def not_before(case: Case, event_date: dt.date, options: Any, what: str) -> dt.date:
    """The document's date (``--date``, else the case's), refused when earlier than what it reports.

    A document is never re-dated silently: a date the reader chose that contradicts the
    history is an error to fix, whether it came from ``--date`` or the case file.
    """
    chosen = getattr(options, "date", None)
    date, field = (chosen, "--date") if chosen is not None else (case.document_date, "document_date")
    if date is None:
        raise DocgenError(
            "no document date: set document_date in the case file or pass --date YYYY-MM-DD "
            "(the clock is never used silently)",
            file=case.source or "",
            field="document_date",
        )
    if date < event_date:
        raise TimelineError(
            f"{date.isoformat()} is before {what} ({event_date.isoformat()}); a document cannot "
            "be dated before what it reports",
            earliest=event_date,
            file=str(case.source or ""),
            field=field,
        )
    return date


def disclosed_warnings(case: Case, event: Event, issued: Sequence[Any]) -> list[PriorWarning]:
    """The warnings before ``event`` that a disclosed document may quote.

    The ladder is read from the whole case (so levels agree with the letters actually
    sent); entries marked sensitive are then left out.
    """
    hidden = {e.id for e in case.history if e.sensitive}
    return [w for w in prior_warnings(case, case.history.index(event), issued) if w.id not in hidden]


def without_sensitive(case: Case) -> Case:
    """The case with every history entry marked ``sensitive`` taken out.

    Documents that are disclosed (an MG5 to the defence, a recall dossier to the subject)
    are rendered from this view only, so no template can reach a sensitive entry.
    """
    history = [e for e in case.history if not e.sensitive]
    kept = {e.id for e in history}
    history = [e.model_copy(update={"refers_to": [r for r in e.refers_to if r in kept]}) for e in history]
    files = [
        f.model_copy(
            update={
                "evidence": [x for x in f.evidence if not x.sensitive],
                "witnesses": [w for w in f.witnesses if not w.sensitive],
            }
        )
        for f in case.breach_files
    ]
    risk = case.risk if case.risk is None or not case.risk.sensitive else None
    return case.model_copy(update={"history": history, "breach_files": files, "risk": risk})


def failures_on(case: Case, upto: int, terms: Iterable[int]) -> list[Event]:
    """Each recorded failure to comply with one of ``terms``, up to history entry ``upto``."""
    wanted = set(terms)
    return [e for e in case.history[: upto + 1] if e.type in FAILURES and e.term in wanted]


def open_actions(case: Case, on: dt.date | None = None) -> list[Event]:
    """Actions the subject was told to take (up to ``on``) that no later entry answers."""
    seen = [e for e in case.history if on is None or e.date <= on]
    answered = {ref for e in seen for ref in e.refers_to}
    return [e for e in seen if e.action_required and e.action_by and e.id not in answered]
