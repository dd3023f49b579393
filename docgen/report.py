"""The performance report: what a team did over a period, as counts only.

Teams are measured on orders granted, holders in the community, warnings, breaches and
what came of them, sentences for breach, disruptions and transfers. Every figure here is
counted from the case files (and, when given, the register's issued warning letters and
transfer acceptance letters); no name, reference or address is ever copied into the
report, only labels this module writes itself. A report marked for sharing outside the force shows any count from 1 to 4
as "fewer than 5", hides a total that would give a hidden count away, and does not print
sentence statistics drawn from fewer than 5 sentences.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .case import Case, Event
from .dates import month_end
from .diary import first_visit
from .errors import DocgenError
from .outcomes import FAILURE_TYPES

if TYPE_CHECKING:
    from .case_import import Received

SMALL = 5  # counts below this (and above 0) are not shown when the report is shared
FEWER = f"fewer than {SMALL}"

WARNING_LEVELS = ("advisory", "first", "final")
# what became of a failure to comply, most serious first: the furthest step it reached
BREACH_OUTCOMES = (
    ("convicted", "Convicted"),
    ("acquitted", "Acquitted"),
    ("withdrawn", "Withdrawn or dismissed"),
    ("charged", "Charged, no result yet"),
    ("recalled", "Recalled to custody"),
    ("caution", "Cautioned"),
    ("interview", "Interviewed, no further step"),
    ("warning", "Warning letter only"),
    ("none", "No outcome recorded"),
)
SENTENCE_BANDS = (
    ("Non-custodial", 0, 0),
    ("1 to 3 months", 1, 3),
    ("4 to 6 months", 4, 6),
    ("7 to 12 months", 7, 12),
    ("13 to 24 months", 13, 24),
    ("Over 24 months", 25, 10_000),
)
DISRUPTION_NAMES = {
    "arrest": "Arrest",
    "seizure": "Seizure",
    "asset_recovery": "Asset recovery",
    "premises_closed": "Premises closed",
    "business_disrupted": "Business disrupted",
    "travel_prevented": "Travel prevented",
    "licence_refused": "Licence refused",
    "other": "Other",
}
VISIT_BANDS = (("Same or next day", 0, 1), ("2 to 3 days", 2, 3), ("4 to 7 days", 4, 7), ("8 to 14 days", 8, 14), ("Over 14 days", 15, 100_000))


@dataclass(frozen=True)
class Section:
    """One measure: labelled counts, how to chart them, and any statistics beside them."""

    key: str
    title: str
    explain: str
    counts: tuple[tuple[str, int], ...]
    chart: str | None = "bar"  # "bar", "line" or None
    stats: tuple[tuple[str, str], ...] = ()
    total: bool = True
    # rows printed after the total and never charted: a breakdown of a row above, or a
    # count that is not part of the sum (hidden like any count when the report is shared)
    details: tuple[tuple[str, int], ...] = ()
    headers: tuple[str, str] = ("Measure", "Count")
    axis: str = "Number"  # the title of the chart's count axis
    notes: tuple[str, ...] = ()  # sentences printed under the table
    series: tuple[tuple[dt.date, int], ...] = ()  # a line chart's points, when not the rows
    # labels of counts bound by a sum (the whole first): when the report is shared, a count
    # that could be worked out from the others is not shown
    relations: tuple[tuple[str, ...], ...] = ()
    # a split of every count row across columns (a cross-table): the column names, and for
    # each count row its value in each column, in the order of ``counts``
    split: tuple[str, ...] = ()
    cells: tuple[tuple[int, ...], ...] = ()

    def cell(self, label: str, column: str) -> str:
        """The key of one cell of the split: a count row (or "Total") in one column."""
        return f"{label} | {column}"

    def values(self) -> dict[str, int]:
        """Every count the section prints, by its label (cells by ``cell``)."""
        values = dict(self.counts) | dict(self.details)
        if self.total:
            values["Total"] = sum(v for _, v in self.counts)
        for (label, _), row in zip(self.counts, self.cells):
            values |= {self.cell(label, column): value for column, value in zip(self.split, row)}
        for i, column in enumerate(self.split):
            values[self.cell("Total", column)] = sum(row[i] for row in self.cells)
        return values

    def groups(self) -> list[tuple[str, ...]]:
        """The sums the counts are bound by, the whole first: the relations, the total, and
        each row and column of the split."""
        groups = list(self.relations)
        rows = [label for label, _ in self.counts]
        if self.split:
            groups += [(label, *(self.cell(label, c) for c in self.split)) for label in [*rows, "Total"]]
            groups += [(self.cell("Total", c), *(self.cell(label, c) for label in rows)) for c in self.split]
        if self.total:
            groups.append(("Total", *rows))
        return groups


@dataclass(frozen=True)
class Report:
    start: dt.date
    end: dt.date
    force: str | None
    sharing: bool
    cases: int
    sections: tuple[Section, ...]
    forces: tuple[str, ...] = ()  # the managing forces of the cases counted
    produced: dt.date | None = None  # given by the user: the report never reads the clock

    @property
    def marking(self) -> str:
        """The protective marking: small counts can point to a person inside the force."""
        return "OFFICIAL" if self.sharing else "OFFICIAL-SENSITIVE"

    def scope(self) -> str:
        """Which cases the figures come from, in words."""
        files = f"{self.cases} case file{'' if self.cases == 1 else 's'}"
        if self.force:
            return (
                f"Force {self.force}: the {files} it manages, and moves into or out of it "
                "recorded in any case file."
            )
        names = list(self.forces)
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return f"All forces in the data ({listed}): {files}."

    def handling(self) -> str:
        """Who may read the report: the force it is for, by name, or the forces named in
        its scope when it counts several."""
        codes = [self.force] if self.force else list(self.forces)
        if len(codes) == 1:
            within, outside = force_name(codes[0]), "it"
        else:
            within, outside = "the forces named", "them"
        if self.sharing:
            return f"Prepared for sharing outside {within}: counts from 1 to 4 are shown as \u201cfewer than 5\u201d."
        return f"For use within {within}. Not for sharing outside {outside} in this form."

    def period(self) -> str:
        return f"{long_date(self.start)} to {long_date(self.end)}, both days included"

    def dated(self) -> str:
        """When the figures stand: the period's last day, and the production date if given."""
        produced = f" Produced on {long_date(self.produced)}." if self.produced else ""
        return f"Figures as at the end of {long_date(self.end)}.{produced}"

    def shown(self, value: int) -> str:
        """A count as printed: small counts are hidden when the report is shared."""
        return FEWER if self.sharing and 0 < value < SMALL else str(value)

    def hidden(self, value: int) -> bool:
        return self.sharing and 0 < value < SMALL

    def printed(self, section: Section) -> dict[str, str]:
        """Every count of the section (its rows, its "Total" and its breakdown rows) as
        printed. When shared, a count from 1 to 4 is "fewer than 5", and a count that could
        be worked out from a total or a breakdown that holds a hidden count is "not shown"."""
        values = section.values()
        groups = section.groups()
        unknown = {label for label, value in values.items() if self.hidden(value)}
        if section.total and unknown & set(groups[-1]):
            unknown.add("Total")
        while self.sharing:
            # a sum with one unknown member gives that member away: hide one more, the whole
            # first (it is listed first), else the smallest count shown
            leaking = next((g for g in groups if len(unknown & set(g)) == 1), None)
            if leaking is None:
                break
            known = [label for label in leaking if label not in unknown and values[label] != 0]
            if not known:
                break
            unknown.add(known[0] if known[0] == leaking[0] else min(known, key=lambda label: values[label]))
        return {
            label: "not shown" if label in unknown and (label == "Total" or not self.hidden(value)) else self.shown(value)
            for label, value in values.items()
        }

    def total(self, section: Section) -> str | None:
        """The section's total, unless a hidden count could be worked out from it."""
        return self.printed(section)["Total"] if section.total else None

    def charted(self, section: Section) -> list[int]:
        """The values a chart draws: counts not printed exactly are drawn as nothing."""
        if section.series:
            return [0 if self.hidden(v) else v for _, v in section.series]
        printed = self.printed(section)
        return [v if printed[label] == str(v) else 0 for label, v in section.counts]

    def charted_split(self, section: Section) -> list[list[int]]:
        """The values a stacked chart draws, one list per column of the split, in the
        order of the count rows: cells not printed exactly are drawn as nothing."""
        printed = self.printed(section)
        values = section.values()
        return [
            [values[key] if printed[key] == str(values[key]) else 0 for key in (section.cell(label, column) for label, _ in section.counts)]
            for column in section.split
        ]


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def force_name(code: str) -> str:
    """A force by its name and code ("West Yorkshire Police (WYP)"); a code the shipped
    directory does not know is given as it is."""
    from .register.forces import shipped_forces

    known = {f.code: f.name for f in shipped_forces().forces}
    return f"{known[code]} ({code})" if code in known else code


def long_date(day: dt.date) -> str:
    """1 March 2028: the same in any locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _in(day: dt.date | None, start: dt.date, end: dt.date) -> bool:
    return day is not None and start <= day <= end


def month_ends(start: dt.date, end: dt.date) -> list[dt.date]:
    """The last day of each month from ``start``'s month, that falls within the period."""
    days = []
    last = month_end(start)
    while last <= end:
        days.append(last)
        last = month_end(last + dt.timedelta(days=1))
    return days


def _dates(case: Case) -> Iterable[dt.date]:
    order = case.order
    for day in (order.hearing_on, order.made_on, order.release_date, order.starts_on):
        if day:
            yield day
    if order.authorising_prosecutor:
        yield order.authorising_prosecutor.authorised_on
    yield from (e.date for e in case.history)
    yield from (t.moving_on for t in case.transfers)


def period_of(cases: Sequence[Case]) -> tuple[dt.date, dt.date]:
    """The period the data covers: from its first dated fact to its last."""
    days = [d for case in cases for d in _dates(case)]
    if not days:
        raise DocgenError("the cases hold no dated facts to report on; give --from and --to", field="--from")
    return min(days), max(days)


def order_end(case: Case) -> dt.date | None:
    """The last day the order had effect: its expiry, or the day before a discharge."""
    end = case.order.expires_on
    for event in case.history:
        if event.type == "discharge":
            end = min(end, event.date - dt.timedelta(days=1)) if end else event.date - dt.timedelta(days=1)
    return end


def in_community(case: Case, day: dt.date) -> bool:
    """The order is in force on ``day`` and its holder is not back in custody (recalled, or
    sentenced to custody for a breach) without a later release."""
    start, end = case.order.starts_on, order_end(case)
    if case.order.status == "proposed" or start is None or end is None or not start <= day <= end:
        return False
    custody = False
    for event in sorted(case.history, key=lambda e: e.date):
        if event.date > day:
            break
        if event.type == "recall_decision" and event.outcome == "recalled":
            custody = True
        elif event.type == "court_result" and event.outcome == "convicted" and (event.custody_months or 0) > 0:
            custody = True
        elif event.type == "release":
            custody = False
    return not custody


def breach_outcome(case: Case, failure: Event) -> str:
    """The furthest step a failure to comply reached, from the events that refer to it."""
    steps: set[str] = set()
    charges = set()
    for event in case.history:
        if failure.id not in event.refers_to:
            continue
        if event.type == "charge":
            charges.add(event.id)
            steps.add("charged")
        elif event.type == "recall_decision" and event.outcome == "recalled":
            steps.add("recalled")
        elif event.type in ("caution", "interview"):
            steps.add(event.type)
    for event in case.history:
        if event.type == "court_result" and charges & set(event.refers_to):
            steps.add({"dismissed": "withdrawn"}.get(event.outcome or "", event.outcome or ""))
    if failure.level:
        steps.add("warning")
    for key, _ in BREACH_OUTCOMES:
        if key in steps:
            return key
    return "none"


def _count(labels: Sequence[tuple[str, str]], found: Iterable[str]) -> tuple[tuple[str, int], ...]:
    tally = Counter(found)
    return tuple((label, tally.get(key, 0)) for key, label in labels)


def _band(value: int, bands: Sequence[tuple[str, int, int]]) -> str:
    return next(label for label, low, high in bands if low <= value <= high)


def _median(values: Sequence[int]) -> str:
    middle = statistics.median(values)
    return f"{middle:g}"


@dataclass(frozen=True)
class RegisterFacts:
    """What the report reads from a register: the documents it issued, and the cases it took
    in on transfer (receiving case id -> where it came from, as ``docgen case import`` logged it)."""

    issued: tuple[Any, ...] = ()
    received: Mapping[str, Received] = field(default_factory=dict)


def read_register(path: str | Path) -> RegisterFacts:
    """The register's issued documents and its cases received on transfer."""
    from .case_import import received_cases
    from .register import Register

    with Register.open(path) as reg:
        return RegisterFacts(tuple(reg.issued()), received_cases(reg.log()))


def build_report(
    cases: Sequence[Case],
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    force: str | None = None,
    sharing: bool = False,
    issued: Sequence[object] = (),
    produced: dt.date | None = None,
    register: RegisterFacts | None = None,
) -> Report:
    """Count the measures over ``cases`` for the period (default: all the data covers).

    ``issued`` are the register's issued documents: when given, warning letters are
    counted from them (what was sent) besides the warnings the histories record. With
    ``register`` (its issued documents are ``issued`` unless those are given), a transfer
    acceptance letter it issued counts its move as accepted, as the receiving force's case
    file does; a move shown by both is counted once.
    """
    if register is not None and not issued:
        issued = register.issued
    if force:
        cases = [c for c in cases if c.managing_force == force or any(force in (t.to_force, t.from_force) for t in c.transfers)]
    if not cases:
        raise DocgenError(f"no cases to report on{' for force ' + force if force else ''}", field="--force" if force else "cases")
    first, last = period_of(cases)
    start, end = start or first, end or last
    if end < start:
        raise DocgenError(f"--to {end.isoformat()} is before --from {start.isoformat()}", field="--to")
    if produced is not None and produced < end:
        raise DocgenError(
            f"--produced-on {produced.isoformat()} is before the end of the period ({end.isoformat()}): "
            "a report cannot be produced before the last day it counts",
            field="--produced-on",
        )
    own = [c for c in cases if not force or c.managing_force == force]
    events = [(c, e) for c in own for e in c.history if _in(e.date, start, end)]
    sections = [
        _orders(own, start, end),
        _holders(own, start, end),
        _warnings(events, issued, start, end, {c.case_id for c in own}),
        _failures(events),
        _sentences(events, sharing),
        Section(
            "disruptions",
            "Disruptions by category",
            "Disruptions of the holders' activity recorded in the period.",
            _count(tuple(DISRUPTION_NAMES.items()), (e.category or "other" for _, e in events if e.type == "disruption")),
            headers=("Category", "Disruptions"),
            axis="Disruptions",
        ),
        _transfers(cases, force, start, end, register),
        _first_visits(own, start, end, sharing),
    ]
    forces = tuple(sorted({c.managing_force for c in own}))
    return Report(start, end, force, sharing, len(own), tuple(sections), forces, produced)


def decision(case: Case) -> tuple[str, dt.date] | None:
    """What the court decided on the application and when: granted on ``made_on``, or
    refused on the first ``refusal`` event; None while it is undecided."""
    if case.order.status != "proposed" and case.order.made_on is not None:
        return "granted", case.order.made_on
    refusals = sorted(e.date for e in case.history if e.type == "refusal")
    return ("refused", refusals[0]) if refusals else None


def application_began(case: Case) -> dt.date | None:
    """The day the application is counted from. The case files hold no date of application,
    so it is the earliest of the prosecutor's authorisation, the hearing and the decision."""
    order = case.order
    decided = decision(case)
    days = [
        order.authorising_prosecutor.authorised_on if order.authorising_prosecutor else None,
        order.hearing_on,
        decided[1] if decided else None,
    ]
    known = [d for d in days if d is not None]
    return min(known) if known else None


def _orders(cases: Sequence[Case], start: dt.date, end: dt.date) -> Section:
    waiting_start = begun = granted = refused = waiting_end = 0
    authorised = unauthorised = overdue = undated = 0
    for case in cases:
        began, decided = application_began(case), decision(case)
        if began is None:
            undated += 1
            continue
        day = decided[1] if decided else None
        if began < start and (day is None or day >= start):
            waiting_start += 1
        if _in(began, start, end):
            begun += 1
            if case.order.authorising_prosecutor:
                authorised += 1
            else:
                unauthorised += 1
        if decided and _in(day, start, end):
            granted += decided[0] == "granted"
            refused += decided[0] == "refused"
        if began <= end and (day is None or day > end):
            waiting_end += 1
            hearing = case.order.hearing_on
            overdue += hearing is not None and hearing <= end and day is None
    details = [
        ("Begun in the period: authorised by a prosecutor", authorised),
        ("Begun in the period: no authorisation recorded", unauthorised),
        ("Awaiting at the end: hearing date passed, no result recorded", overdue),
    ]
    if undated:
        details.append(("Not counted: no date of authorisation, hearing or decision", undated))
    return Section(
        "orders",
        "Applications for orders: begun, granted, refused and awaiting a decision",
        "Each application is counted once, on the day of each step. The case files hold no "
        "date of application, so an application begins on the earliest of its authorisation "
        "by a prosecutor, its hearing and the court's decision. Granted: the court made the "
        "order. Refused: the court refused the application. Awaiting a decision: begun, and "
        "neither granted nor refused by that day. Awaiting at the start plus begun equals "
        "granted plus refused plus awaiting at the end.",
        (
            ("Awaiting a decision at the start", waiting_start),
            ("Begun in the period", begun),
            ("Granted in the period", granted),
            ("Refused in the period", refused),
            ("Awaiting a decision at the end", waiting_end),
        ),
        total=False,
        details=tuple(details),
        relations=(
            ("Begun in the period", "Awaiting a decision at the start", "Granted in the period", "Refused in the period", "Awaiting a decision at the end"),
            ("Begun in the period", "Begun in the period: authorised by a prosecutor", "Begun in the period: no authorisation recorded"),
        ),
        headers=("Applications", "Number"),
        axis="Applications",
    )


def community_test(case: Case) -> Callable[[dt.date], bool]:
    """:func:`in_community` for one case on any day, with the case's order end and its
    custody changes worked out once: the holders' series asks about every month end."""
    start, end = case.order.starts_on, order_end(case)
    if case.order.status == "proposed" or start is None or end is None:
        return lambda day: False
    changes: list[tuple[dt.date, bool]] = []  # (day, in custody after it), in date order
    for event in sorted(case.history, key=lambda e: e.date):
        if event.type == "recall_decision" and event.outcome == "recalled":
            changes.append((event.date, True))
        elif event.type == "court_result" and event.outcome == "convicted" and (event.custody_months or 0) > 0:
            changes.append((event.date, True))
        elif event.type == "release":
            changes.append((event.date, False))

    def on(day: dt.date) -> bool:
        if not start <= day <= end:
            return False
        custody = False
        for changed, state in changes:
            if changed > day:
                break
            custody = state
        return not custody

    return on


def quarter_ends(start: dt.date, end: dt.date, months: int = 3) -> list[dt.date]:
    """The last day of each quarter (``months=3``) or year (``months=12``) from ``start`` to
    ``end``, and ``end`` itself when it is not one, so the period's last day is counted."""
    days = [day for day in month_ends(start, end) if day.month % months == 0]
    return days if days and days[-1] == end else [*days, end]


def _holders(cases: Sequence[Case], start: dt.date, end: dt.date) -> Section:
    starts = [c.order.starts_on for c in cases if c.order.status != "proposed" and c.order.starts_on is not None]
    first = max(start, min(starts)) if starts and min(starts) <= end else None
    if first is None:
        return Section(
            "holders", "Holders in the community", "No order was in force in the period.", (), chart=None, total=False,
            headers=("Day", "Holders"),
        )
    tests = [community_test(c) for c in cases]
    series = tuple((day, sum(1 for on in tests if on(day))) for day in quarter_ends(first, end, months=1))
    yearly = (end - first).days > 5 * 366
    rows = tuple((day.isoformat(), sum(1 for on in tests if on(day))) for day in quarter_ends(first, end, 12 if yearly else 3))
    step = "year" if yearly else "quarter"
    before = f"No order was in force in the period before {long_date(first)}, so the counts start there. " if first > start else ""
    return Section(
        "holders",
        f"Holders in the community at each {step} end",
        "Orders in force on the day whose holder was not back in custody (recalled, or sentenced to custody for a breach). "
        f"{before}The table gives each {step} end and the last day of the period; the chart each month end.",
        rows,
        chart="line",
        total=False,
        headers=(f"{step.capitalize()} end", "Holders"),
        axis="Holders",
        series=series,
    )


def _warnings(events: Sequence[tuple[Case, Event]], issued: Sequence[object], start: dt.date, end: dt.date, ids: set[str]) -> Section:
    levels = [e.level for _, e in events if e.level and (e.type == "warning" or e.type in FAILURE_TYPES)]
    counts = list(_count(tuple((lv, lv.capitalize()) for lv in WARNING_LEVELS), levels))
    if issued:
        letters = [
            d.level for d in issued
            if getattr(d, "kind", None) == "warning-letter" and getattr(d, "case_id", None) in ids
            and getattr(d, "level", None) and _in(getattr(d, "document_date", None), start, end)
        ]
        tally = Counter(letters)
        counts += [(f"{lv.capitalize()} letters issued (register)", tally.get(lv, 0)) for lv in WARNING_LEVELS]
    return Section(
        "warnings",
        "Warnings by level",
        "Warnings given in the period, by their level on the ladder (advisory letter, then first warning, then "
        "final warning): each warning entry in a history, and each breach or non-compliance entry that records "
        "the warning given for it. The failures table below counts the same failures by their furthest step, "
        "so a warned failure that went on to a caution or charge is not a warning letter only there.",
        tuple(counts),
        headers=("Level", "Warnings"),
        axis="Warnings",
    )


# the steps taken only for the offence of failing to comply (s.25): a failure that reached
# one was dealt with as a breach, whatever type it was first recorded as
OFFENCE_STEPS = ("convicted", "acquitted", "withdrawn", "charged", "recalled", "caution", "interview")
FAILURE_KINDS = ("Breaches", "Non-compliance")


def failure_kind(failure: Event, outcome: str) -> str:
    """Breach or non-compliance: recorded as a breach, or taken on to an interview, caution,
    recall or charge (steps for a breach, not for non-compliance)."""
    return "Breaches" if failure.type == "breach" or outcome in OFFENCE_STEPS else "Non-compliance"


def _failures(events: Sequence[tuple[Case, Event]]) -> Section:
    failures = [(c, e) for c, e in events if e.type in FAILURE_TYPES]
    outcomes = [(e, breach_outcome(c, e)) for c, e in failures]
    warned = Counter(e.level for e, outcome in outcomes if outcome == "warning")
    split = Counter((outcome, failure_kind(e, outcome)) for e, outcome in outcomes)
    escalated = sum(1 for e, outcome in outcomes if e.type == "non_compliance" and outcome in OFFENCE_STEPS)
    return Section(
        "breaches",
        "Failures to comply and what came of them",
        "Each failure to comply recorded in the period, by the furthest step it reached, and whether it was a "
        "breach or non-compliance. A breach is the offence of failing to comply with the order (Serious Crime "
        "Act 2007 s.25), dealt with by interview, caution, recall or charge; non-compliance is a lower-level "
        "failure dealt with by warning letters. A failure counts as a breach when it is recorded as one or "
        "when it went on to an interview, caution, recall or charge, so every failure at those steps is a breach.",
        _count(BREACH_OUTCOMES, (outcome for _, outcome in outcomes)),
        split=FAILURE_KINDS,
        cells=tuple(tuple(split.get((key, kind), 0) for kind in FAILURE_KINDS) for key, _ in BREACH_OUTCOMES),
        details=(
            ("Breaches recorded as non-compliance, then taken further", escalated),
            *((f"Warning letter only, at level {level}", warned.get(level, 0)) for level in WARNING_LEVELS),
        ),
        relations=(
            ("Warning letter only", *(f"Warning letter only, at level {level}" for level in WARNING_LEVELS)),
        ),
        headers=("Furthest step", "Failures"),
        axis="Failures to comply",
        notes=(
            "Breaches recorded as non-compliance, then taken further: failures entered as non-compliance that an "
            "interview, caution, recall or charge refers to. Warning letter only: the failure carries a warning "
            "level (advisory, first or final; the ladder starts with an advisory letter) and no later step refers "
            "to it. No outcome recorded: the failure has no warning level and no interview, caution, recall, "
            "charge or court result refers to it yet, so it may still be being dealt with, or its outcome was not "
            "entered.",
        ),
    )


def _sentences(events: Sequence[tuple[Case, Event]], sharing: bool) -> Section:
    months = sorted(e.custody_months or 0 for _, e in events if e.type == "court_result" and e.outcome == "convicted")
    custodial = [m for m in months if m > 0]
    return Section(
        "sentences",
        "Sentences for breach",
        "Sentences passed on conviction for failing to comply, in the period, by length of custody. With "
        f"{SMALL} or more custodial sentences the shortest, median and longest show how consistently breaches "
        "are sentenced; with fewer there are too few to compare.",
        tuple((label, sum(1 for m in months if low <= m <= high)) for label, low, high in SENTENCE_BANDS),
        stats=_statistics(custodial, "months", "custodial sentences", sharing, ("Shortest", "Median", "Longest")),
        details=(("Custodial sentences", len(custodial)),),
        relations=(("Custodial sentences", *(label for label, low, _ in SENTENCE_BANDS if low > 0)),),
        headers=("Sentence", "Sentences"),
        axis="Sentences",
    )


MoveKey = tuple[str, str, str, dt.date]  # (holder's PNC number, sending force, receiving force, move date)


def _records(cases: Sequence[Case], start: dt.date, end: dt.date, notified: bool) -> Iterable[tuple[MoveKey, str, tuple[str, str]]]:
    """Each case file's record of a move: its key, the side that file is on, and (case id, event)."""
    for case in cases:
        notices = {e.id: e.date for e in case.history if e.type == "transfer"}
        for move in case.transfers:
            if notified:
                if not (_in(notices.get(move.event), start, end) and move.moving_on > end):
                    continue
            elif not _in(move.moving_on, start, end):
                continue
            sender = move.from_force or case.managing_force
            if sender == move.to_force:
                continue
            key = (case.subject.pnc, sender, move.to_force, move.moving_on)
            yield key, "receiver" if move.from_force else "sender", (case.case_id, move.event)


def moves(cases: Sequence[Case], start: dt.date, end: dt.date, *, notified: bool = False) -> dict[MoveKey, set[str]]:
    """Each move between forces whose move date (``moving_on``) falls in the period, once,
    with the sides whose case files record it: the sending force's file ("sender") and the
    receiving force's ("receiver"), whose file exists once it has taken the order over.
    With ``notified``, instead the moves notified in the period (the history's transfer
    event) whose move date is after it. The holder's PNC number matches the two records;
    it is used here only and never printed."""
    found: dict[MoveKey, set[str]] = {}
    for key, side, _ in _records(cases, start, end, notified):
        found.setdefault(key, set()).add(side)
    return found


def accepted_in_register(cases: Sequence[Case], start: dt.date, end: dt.date, register: RegisterFacts) -> set[MoveKey]:
    """The moves in the period a transfer acceptance letter in the register accepts.

    A letter is issued from the receiving force's case, about the move's event. It is tied
    to a case file's record of the move by that case (when the receiving file is in the
    data) or, when the register took the case in with ``docgen case import``, by the
    sending force's case and event the import logged (the sending file in the data)."""
    letters = {(d.case_id, d.event_id) for d in register.issued if getattr(d, "kind", None) == "transfer-acceptance"}
    for case_id, event in list(letters):
        came = register.received.get(case_id)
        if came is not None and came.event == event:
            letters.add((came.from_case, event))
    return {key for key, _, record in _records(cases, start, end, False) if record in letters}


_WHEN_MOVED = (
    "A move counts in the period of its move date (the day the holder moves), not of its notice (the transfer "
    "entry in the history); one notified in the period that happens after it is counted apart. Accepted: the "
    "receiving force has taken the order over, so its own case file records the move"
)
TRANSFER_TERMS = _WHEN_MOVED + (
    ". Notified only: only the sending force's file records it; the receiving force has not taken it over, or "
    "its files are not in the data."
)
TRANSFER_TERMS_REGISTER = _WHEN_MOVED + (
    ", or the register holds the transfer acceptance letter it issued to the holder. Notified only: neither "
    "shows an acceptance; only the sending force's file records the move."
)


def _transfer_sources(register: RegisterFacts | None) -> tuple[str, ...]:
    """The note under the transfers table: where each count comes from."""
    if register is None:
        return ("Source: the case files only; no register was read, so its transfer acceptance letters are not counted.",)
    return (
        "Where each count comes from: accepted by the receiving force, from the receiving force's case file or a "
        "transfer acceptance letter in the register (a move shown by both is counted once); the rows naming the "
        "register, from its letters, each tied to a move a case file in the data records, whenever the letter was "
        "issued; every other row, from the case files alone.",
    )


def _transfers(cases: Sequence[Case], force: str | None, start: dt.date, end: dt.date, register: RegisterFacts | None = None) -> Section:
    found = moves(cases, start, end)
    ahead = moves(cases, start, end, notified=True)
    by_file = {key for key, sides in found.items() if "receiver" in sides}
    by_letter = accepted_in_register(cases, start, end, register) if register is not None else set()
    accepted = by_file | by_letter
    letter_only = by_letter - by_file
    terms = TRANSFER_TERMS if register is None else TRANSFER_TERMS_REGISTER
    if force is not None:
        def tally(keys: Iterable[MoveKey], side: int) -> int:
            return sum(1 for key in keys if key[side] == force)

        details = [
            ("Notified in the period, moving in after it", tally(ahead, 2)),
            ("Notified in the period, moving out after it", tally(ahead, 1)),
        ]
        if register is not None:
            details = [
                ("Transferred in, accepted by a letter in the register only", tally(letter_only, 2)),
                ("Transferred out, accepted by a letter in the register only", tally(letter_only, 1)),
                *details,
            ]
        return Section(
            "transfers",
            "Transfers in and out",
            f"Holders moving into or out of {force}'s area, each move counted once whether the sending force's "
            "case file, the receiving force's or both record it. " + terms + " In and out need not "
            "balance: they are different holders, and the total is every move into or out of the force.",
            (
                ("Transferred in, accepted", tally(accepted, 2)),
                ("Transferred in, notified only", tally(found.keys() - accepted, 2)),
                ("Transferred out, accepted by the receiving force", tally(accepted, 1)),
                ("Transferred out, notified only", tally(found.keys() - accepted, 1)),
            ),
            details=tuple(details),
            headers=("Direction", "Moves"),
            axis="Moves",
            notes=_transfer_sources(register),
            )
    both = sum(1 for sides in found.values() if len(sides) == 2)
    received = sum(1 for sides in found.values() if sides == {"receiver"})
    sent_only = {key for key, sides in found.items() if sides == {"sender"}}
    notified_only = len(sent_only - letter_only)
    accepted_rows = [("Accepted, recorded by both forces", both), ("Accepted, recorded only by the receiving force", received)]
    if register is not None:
        accepted_rows.append(("Accepted, shown only by a transfer acceptance letter in the register", len(letter_only)))
    details = list(accepted_rows)
    if register is not None:
        details.append(("Of the accepted moves, with a transfer acceptance letter in the register", len(by_letter)))
    details.append(("Transferred out (sending force's record)", both + len(sent_only)))
    details.append(("Notified in the period, moving after it (not counted above)", len(ahead)))
    out_parts = ["Accepted, recorded by both forces", "Notified only: no acceptance in the data"]
    if register is not None:
        out_parts.append("Accepted, shown only by a transfer acceptance letter in the register")
    return Section(
        "transfers",
        "Transfers between forces",
        "Moves of holders from one force's area to another's, each counted once. " + terms + " Across "
        "the data, transferred out (the sending force's record) and in (accepted) balance only for moves both "
        "files record.",
        (
            ("Accepted by the receiving force", len(accepted)),
            ("Notified only: no acceptance in the data", notified_only),
        ),
        details=tuple(details),
        relations=(
            ("Accepted by the receiving force", *(label for label, _ in accepted_rows)),
            ("Transferred out (sending force's record)", *out_parts),
        ),
        headers=("Moves between forces", "Moves"),
        axis="Moves",
        notes=_transfer_sources(register),
    )


def first_visit_days(case: Case) -> int | None:
    """Days from release to the first time an officer saw the holder (``diary.first_visit``)."""
    seen = first_visit(case)
    return None if seen is None or case.order.release_date is None else (seen[0] - case.order.release_date).days


def _first_visits(cases: Sequence[Case], start: dt.date, end: dt.date, sharing: bool) -> Section:
    released = [c for c in cases if _in(c.order.release_date, start, end)]
    days = sorted(d for c in released if (d := first_visit_days(c)) is not None and c.order.release_date + dt.timedelta(days=d) <= end)
    # every release is a bar, those with no visit yet as well: the chart shows them all
    bands = tuple((label, sum(1 for d in days if low <= d <= high)) for label, low, high in VISIT_BANDS)
    return Section(
        "first_visit",
        "Time from release to first visit",
        "For holders released in the period: days from release to the first time an officer saw them (the start-of-order "
        "release-visit record, else the notice acknowledged in person on or after release, else the first contact or "
        "compliance check), up to the period's last day. A release with none of these has no visit recorded yet. "
        "The total is every release in the period.",
        (*bands, ("No visit recorded yet", len(released) - len(days))),
        stats=_statistics(days, "days", "visited releases", sharing, ("Median", "Longest")),
        details=(("Visited", len(days)),),
        relations=(("Visited", *(label for label, _, _ in VISIT_BANDS)),),
        headers=("Days from release to first visit", "Releases"),
        axis="Releases",
    )


def _statistics(values: Sequence[int], unit: str, noun: str, sharing: bool, names: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """Median, shortest or longest, each saying how many values it rests on; under 5 values
    there are too few to compare, and a shared report never prints the exact number."""
    count = len(values)
    listed = ", ".join(names[:-1]).capitalize() + " and " + names[-1].lower()
    if count == 0:
        return ((listed, f"none: no {noun}"),)
    if count < SMALL:
        how_many = FEWER if sharing else f"only {count}"
        return ((listed, f"too few to compare ({how_many}; {SMALL} or more needed)"),)
    ordered = sorted(values)
    value = {"Median": _median(ordered), "Shortest": str(ordered[0]), "Longest": str(ordered[-1])}
    return tuple((f"{name} (of {count} {noun})", f"{value[name]} {unit}") for name in names)
