"""What the receiving force must know to act from the day of the move, read from case data.

A pending variation and what it would change; the subject's place on the warning ladder;
which start-up notifications the terms required and whether the history shows them; the
duties the move itself sets off under the terms (as each clause record declares them in
``on_moving``); and what the police owe next (the acceptance letter, the next
compliance check of each term, the next review). Every duty is read from a term's clause
record (its wording, or the duties it declares) or the diary's rules (:mod:`docgen.diary`),
never from free text in the history, so the letter never claims a duty the order does not
contain.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from numbers import Real
from typing import Any

from ...case import Case, Event, Transfer, Variation
from ...diary import DEFAULT_CHECK_DAYS, check_due_dates, review_due_dates, review_months, startup_days
from ...fmt import long_date, money
from .._history import FAILURES, LEVEL_NAMES, NEXT_LEVEL, prior_warnings

_CONDITION = re.compile(r"^If (.+?), the subject must\b")
TYPE_WORDS = {"non_compliance": "failure to comply", "breach": "breach", "warning": "warning", "transfer": "notice of the move",
              "compliance_check": "compliance check", "contact": "contact", "notification": "notification"}  # fmt: skip


@dataclass(frozen=True)
class Due:
    """Something owed by a date: by the subject under a term, or by the police."""

    what: str
    due: dt.date
    term: int | None = None
    when: str = ""  # the due column's words for something owed with no deadline of its own


# a condition's verb as the start-up duty words it, and as it reads once the order is in force
_PAST = {"has": "had", "holds": "held", "is": "was", "are": "were", "owns": "owned", "controls": "controlled",
         "lives": "lived", "begins": "began", "works": "worked", "uses": "used"}  # fmt: skip
_VERB = re.compile(r"\b(" + "|".join(_PAST) + r")\b")


def in_the_past(condition: str) -> str | None:
    """A start-up condition ("the subject has ... when this order comes into force") as it
    reads after the order came into force, or None when its verb is not one known here
    (the caller then quotes the term's own words rather than guess at a tense)."""
    verb = _VERB.search(condition)
    if verb is None:
        return None
    past = condition[: verb.start()] + _PAST[verb.group(1)] + condition[verb.end() :]
    return past.replace("when this order comes into force", "when the order came into force")


@dataclass(frozen=True)
class StartUp:
    """A start-up notification a term required, and what the history shows of it.

    A ``notification`` event that gives ``changed_on`` notifies a change and never counts
    here. One without it is the start-up notice when it came within the period (as the
    diary closes it); a later one may be about anything under the term, so the letter says
    what it records and that whether it met the start-up duty is not known."""

    term: int
    title: str
    due: dt.date
    notified: Event | None  # the first notification under the term not marked as a change
    condition: str | None = None  # the duty is owed only if this held when the order started
    action: Event | None = None  # the first warning or failure recorded about the term after the due date
    wording: str = ""  # the term's own start-up sentence

    @property
    def done_on(self) -> dt.date | None:
        """The day the start-up notice was made, when the history shows it within its period."""
        if self.notified is not None and self.notified.date <= self.due:
            return self.notified.date
        return None

    @property
    def later(self) -> Event | None:
        """A notification under the term after the due date that may or may not be the start-up notice."""
        if self.notified is not None and self.notified.date > self.due:
            return self.notified
        return None

    @property
    def status(self) -> str:
        """What the history shows, without guessing what a later notice was about."""
        if self.done_on is not None:
            return f"Notified on {long_date(self.done_on)}"
        if self.condition:
            past = in_the_past(self.condition)
            owed = (f"owed only if {past}" if past else
                    f"owed only if this held when the order came into force: \u201cIf {self.condition}\u201d")  # fmt: skip
            shown = f"None recorded by the due date; {owed}."
        else:
            shown = f"Missing: none recorded by the due date; {self.dealt_with}."
        later = self.later
        if later is not None:
            summary = " ".join(later.summary.en.split()).rstrip(".")
            shown += (f" A notification under this term was recorded on {long_date(later.date)}: \u201c{summary}.\u201d "
                      "It is not recorded whether it covered the start-up notification.")  # fmt: skip
        return shown

    @property
    def overdue(self) -> bool:
        """Owed without condition and no notification at all recorded under the term: still outstanding."""
        return self.notified is None and self.condition is None

    @property
    def dealt_with(self) -> str:
        """What the history records about the term after the notice fell due, or that nothing is."""
        if self.action is None:
            return "no action about it is recorded"
        return recorded(self.action)


@dataclass(frozen=True)
class Ladder:
    """The highest warning given so far under the force's compliance approach (the order
    itself provides no warnings), and what that approach gives next."""

    name: str
    date: dt.date
    term: int | None
    next_step: str


@dataclass(frozen=True)
class PendingVariation:
    status: str
    section: str
    court: str
    applicant: str
    changes: tuple[str, ...]


def _clause(term: Any, library: Any) -> Any:
    return library.get(term.clause, version=term.version)


def startup_notifications(case: Case, live: Sequence[int], library: Any) -> list[StartUp]:
    """Each live term's start-up duty, due as the diary counts it, with the first
    notification for the term on or after its start that is not marked as a change."""
    start = case.order.starts_on
    found = []
    for term in case.terms:
        if term.number not in live or start is None:
            continue
        clause = _clause(term, library)
        days = startup_days(clause, clause.resolve(term.params))
        if days is None:
            continue
        begins = term.starts_on or start
        notified = next((e for e in sorted(case.history, key=lambda e: e.date) if e.type == "notification"
                         and e.term == term.number and e.date >= begins and e.changed_on is None), None)  # fmt: skip
        words = " ".join((clause.render_startup(clause.resolve(term.params)) or "").split())
        condition = _CONDITION.match(words)
        due = begins + dt.timedelta(days=days)
        action = next((e for e in case.history if e.type in (*FAILURES, "warning") and e.term == term.number and e.date > due), None)
        found.append(StartUp(term.number, clause.title, due, notified, condition.group(1) if condition else None, action, words))
    return found


def overdue_startup(startup: Sequence[StartUp]) -> list[Due]:
    """Each start-up notification owed and never made, due on its original date: the
    subject's oldest outstanding duty, listed before anything the move adds."""
    return [
        Due(f"Term {s.term}, {s.title}: the start-up notification is overdue and {s.dealt_with}. The term says: {s.wording}", s.due, s.term)
        for s in startup
        if s.overdue
    ]


def duties_on_moving(case: Case, move: Transfer, live: Sequence[int], library: Any) -> list[Due]:
    """The notices the move itself requires, as each live term's clause declares them
    (``on_moving`` in the clause record), each due within the term's days of moving.

    Read from the record, never from the wording: a force's own clause, in its own words,
    is found as long as it declares its duties (the library linter refuses one whose
    wording asks for notice of a changed address and that declares none)."""
    found = []
    notified = {e.term for e in case.history if e.type == "notification" and e.term is not None}
    for term in case.terms:
        if term.number not in live:
            continue
        clause = _clause(term, library)
        if not clause.on_moving:
            continue
        params = clause.resolve(term.params)
        for duty in clause.on_moving:
            days = int(params[duty.within])
            plural = "s" if days != 1 else ""
            where = f"Term {term.number}({duty.item})" if duty.item else f"Term {term.number}"
            only = f", if {duty.when}" if duty.when else ""
            due = move.moving_on + dt.timedelta(days=days)
            notice = clause.render_moving(duty, term.params)
            if duty.changes_notified and term.number not in notified:
                what = _before_or_after(notice, days, due, only)
            else:
                what = f"tell the police in writing, at the notification address, of {notice}, within {days} day{plural} of moving{only}"
            found.append(Due(f"{where}, {clause.title}: {what}", due, term.number))
    return sorted(found, key=lambda d: (d.due, d.term or 0))  # the table reads by date; a term's items keep their order


def _before_or_after(notice: str, days: int, due: dt.date, only: str) -> str:
    """A change duty on a term with nothing yet notified under it: what the subject must do
    depends on whether the start-up notice comes before the move (then the change is owed
    within the term's days of moving) or after it (then that notice already gives the detail
    as it is after the move). Either goes to the notification address of its own day, which
    changes once the receiving force gives the subject its own."""
    plural = "s" if days != 1 else ""
    detail = notice.removeprefix("the change to ")
    given = f"{detail} as it is after the move" if detail != notice else "the details as they are after the move"
    return (f"no notification under this term is recorded. If the start-up notice is given before the move, tell the police "
            f"in writing of {notice}, within {days} day{plural} of moving (by {long_date(due)}){only}; if it is given after "
            f"the move, the start-up notice itself must give {given}. Either notice goes to the notification address that "
            "applies on the day it is given")  # fmt: skip


def home_notice_required(case: Case, live: Sequence[int], library: Any) -> bool:
    """Whether a term in force requires notice of the change of home address itself: a
    term whose clause is about where the subject lives (the residence category). Other
    terms' notices on moving are about what the move changes for them (``on_moving``)."""
    return any(_clause(t, library).category == "residence" for t in case.terms if t.number in live)


def police_actions(case: Case, move: Transfer, on: dt.date, live: Sequence[int], library: Any, checks: dict[str, Any],
                   receiving_code: str, receiving_name: str, startup: Sequence[StartUp] = ()) -> list[Due]:  # fmt: skip
    """What the police owe next: a decision on each start-up notification that is still
    missing (or whose later notification may not have met it), the
    acceptance letter, each term's next compliance check (at the sending force's rhythm,
    until the receiving force sets its own) and the next review (at the review cycle held
    for the receiving force, counted from the order's start)."""
    from ...register.forces import shipped_forces

    forces = shipped_forces()
    sending_name = forces.get(case.managing_force).name

    def owner(due: dt.date) -> str:
        """The force that manages the order on ``due``: the sending force until the move."""
        return sending_name if due < move.moving_on else receiving_name

    start = case.order.starts_on
    actions = [
        Due(f"{receiving_name}: send the subject a transfer acceptance letter giving its own notification address "
            "(until then the duty to notify stays with the address in the order)", move.moving_on),  # fmt: skip
        *startup_decisions(startup, owner(on), on, move.moving_on),
    ]
    if start is None:
        return sorted(actions, key=lambda a: (a.due, a.term or 0))
    horizon = on + dt.timedelta(days=366)
    for term in case.terms:
        if term.number not in live:
            continue
        clause = _clause(term, library)
        every = checks.get(clause.category, checks.get("default", DEFAULT_CHECK_DAYS))
        begins = term.starts_on or start
        last = min(horizon, term.ends_on or horizon, case.order.expires_on or horizon)
        later = [d for d in check_due_dates(begins, last, every) if d > on]
        if later:
            actions.append(Due(f"{owner(later[0])}: next compliance check of term {term.number} ({clause.title})", later[0], term.number))
    variation = case.variation
    decided = any(e.type == "variation" and e.date <= on for e in case.history)
    if variation is not None and variation.hearing_on is not None and variation.hearing_on >= on and not decided:
        actions.append(Due(f"{owner(variation.hearing_on)}: hearing of the application to vary the order, at the {variation.court}",
                           variation.hearing_on))  # fmt: skip
    months = review_months(receiving_code)
    reviews = [d for d in review_due_dates(start, horizon, months, case.order.expires_on) if d > on]
    if reviews:
        own = any(f.code == receiving_code and f.review_every_months is not None for f in forces.forces)
        plan = (f"{receiving_name}'s review plan as {sending_name} holds it" if own else
                f"the standard cycle {sending_name} uses where no review plan of {receiving_name}'s own is held")  # fmt: skip
        actions.append(Due(f"{owner(reviews[0])}: next review of the order (every {months} months from the order's start: "
                           f"{plan}; the order itself sets no review cycle)", reviews[0]))  # fmt: skip
    return sorted(actions, key=lambda a: (a.due, a.term or 0))


def startup_decisions(startup: Sequence[StartUp], owner: str, on: dt.date, moving_on: dt.date) -> list[Due]:
    """A decision the police owe on each start-up notification that is still missing (whatever
    was recorded about it so far), or that only a later notification may have met. Nothing sets it a
    deadline: it is owed now, before the move by the sending force (after it, by the
    receiving force), and listed first. What to do is the police's decision; the letter
    names no consequence the order does not state."""
    when = f"Before {long_date(moving_on)}" if on < moving_on else "As soon as possible"
    owed = []
    for s in startup:
        if s.overdue and s.action is None:
            what = (f"decide and record what is done about the missing term {s.term} start-up notification "
                    f"(due {long_date(s.due)})")  # fmt: skip
        elif s.overdue and s.action is not None:
            # something was done, yet the notice is still missing: someone must own what comes next
            what = (f"decide and record what further is done about the term {s.term} start-up notification "
                    f"(due {long_date(s.due)}), still missing after {recorded(s.action, definite=True)}")  # fmt: skip
        elif s.later is not None:
            what = (f"establish and record whether the notification under term {s.term} recorded on {long_date(s.later.date)} "
                    f"covered the term {s.term} start-up notification (due {long_date(s.due)})")  # fmt: skip
        else:
            continue
        owed.append(Due(f"{owner}: {what}", on, s.term, when))
    return owed


def ladder(case: Case, event: Event, issued: Sequence[Any]) -> Ladder | None:
    """The highest warning given before ``event``, or None when no warning was given."""
    warnings = prior_warnings(case, case.history.index(event), issued)
    if not warnings:
        return None
    order = list(LEVEL_NAMES)
    top = max(warnings, key=lambda w: (order.index(w.level), w.date))
    following = NEXT_LEVEL[top.level]
    step = (f"the next warning would be a {LEVEL_NAMES[following]}" if following else
            "no further warning follows a final warning: a further failure goes to interview under caution or arrest")  # fmt: skip
    return Ladder(top.name, top.date, top.term, step)


def pending_variation(case: Case, on: dt.date, library: Any) -> PendingVariation | None:
    """The case's variation application and whether the history shows it decided."""
    variation: Variation | None = case.variation
    if variation is None:
        return None
    decided = [e for e in case.history if e.type == "variation" and e.date <= on]
    if decided:
        status = f"the history records the order varied on {long_date(decided[-1].date)}"
    elif variation.hearing_on is not None:
        status = f"applied for and not yet decided; the hearing is listed for {long_date(variation.hearing_on)}"
    else:
        status = "applied for and not yet decided; no hearing date is recorded"
    applicant = str(variation.applicant)
    if applicant.startswith("The "):  # an organisation's name mid-sentence: "made by the Director of ..."
        applicant = "the " + applicant[4:]
    return PendingVariation(status, variation.section, str(variation.court), applicant,
                            tuple(_change_words(case, change, library) for change in variation.changes))  # fmt: skip


def _change_words(case: Case, change: Any, library: Any) -> str:
    if change.action == "add":
        clause = library.get(change.clause, version=change.version)
        return f"add a term: {clause.title}"
    term = case.terms[change.term - 1]
    clause = _clause(term, library)
    if change.action == "remove":
        return f"remove term {term.number} ({clause.title})"
    before = clause.resolve(term.params)
    after = clause.resolve(change.params) if change.params is not None else before
    kinds = {p.name: p for p in clause.parameters}
    moved = [_moved(kinds.get(name), name, before.get(name), value) for name, value in sorted(after.items()) if before.get(name) != value]
    return f"vary term {term.number} ({clause.title})" + (f": {'; '.join(moved)}" if moved else "")


def _moved(param: Any, name: str, old: Any, new: Any) -> str:
    """One changed value, named as running text names it (the parameter's short name, else
    its label quoted whole: a label is a heading, not a phrase to take apart), with whether
    a number goes down or up."""
    label = param.in_text if param is not None else name
    verb = "change"
    if isinstance(old, Real | Decimal) and isinstance(new, Real | Decimal) and not isinstance(old, bool):
        verb = "reduce" if new < old else "increase"
    return f"{verb} {label} from {_value(param, old)} to {_value(param, new)}"


def _value(param: Any, value: Any) -> str:
    if param is not None and param.type == "money" and value is not None:
        return money(value)
    return str(value)


def described(event: Event) -> str:
    """An event as a reader outside the force knows it: what happened and when, no id."""
    words = TYPE_WORDS.get(event.type, event.type.replace("_", " "))
    joined = {"non_compliance": " with", "breach": " of"}.get(event.type)
    term = f"{joined} term {event.term}" if event.term and joined else ""
    return f"the {words}{term} recorded on {long_date(event.date)}"


def recorded(event: Event, *, definite: bool = False) -> str:
    """An event stated as a plain fact ("a failure to comply with term 1 was recorded on ..."),
    claiming no link to anything else; ``definite`` names it instead ("the failure to comply
    with term 1 recorded on ...")."""
    words = TYPE_WORDS.get(event.type, event.type.replace("_", " "))
    joined = {"non_compliance": " with", "breach": " of"}.get(event.type)
    term = f"{joined} term {event.term}" if event.term and joined else (f" about term {event.term}" if event.term else "")
    if definite:
        return f"the {words}{term} recorded on {long_date(event.date)}"
    article = "an" if words[0] in "aeiou" else "a"
    return f"{article} {words}{term} was recorded on {long_date(event.date)}"
