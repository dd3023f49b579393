"""Enforcement outcomes: the history events that record what was done about a failure.

A failure to comply (``non_compliance`` or ``breach``) can end in a caution, an interview,
a recall decision, a charge and a court result, and an operation can disrupt the subject's
activity. Each outcome type carries its own fields (a court result its plea, outcome and
sentence; a disruption its category) and refers to what it follows, so the performance
report can count outcomes and sentences without reading free text. The rules are kept
here, apart from the case model, and return ``field: message`` lines for it to report.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

OUTCOME_TYPES = ("caution", "recall_decision", "charge", "court_result", "disruption", "refusal")
FAILURE_TYPES = ("non_compliance", "breach")

Plea = Literal["guilty", "not guilty", "no plea"]
Outcome = Literal["recalled", "not_recalled", "convicted", "acquitted", "withdrawn", "dismissed"]
DisruptionCategory = Literal[
    "arrest",
    "seizure",
    "asset_recovery",
    "premises_closed",
    "business_disrupted",
    "travel_prevented",
    "licence_refused",
    "other",
]

OUTCOMES_FOR = {
    "recall_decision": ("recalled", "not_recalled"),
    "court_result": ("convicted", "acquitted", "withdrawn", "dismissed"),
}
# the fields only one event type may carry, and the ones it must
ONLY_ON = {
    "plea": ("court_result",),
    "outcome": ("recall_decision", "court_result"),
    "sentence": ("court_result",),
    "custody_months": ("court_result",),
    "category": ("disruption",),
    "changed_on": ("notification",),
    "partner": ("partner_notice",),
}
REQUIRED = {
    "recall_decision": ("outcome",),
    "court_result": ("plea", "outcome"),
    "disruption": ("category",),
    "partner_notice": ("partner",),
}
# what an outcome must refer to (an earlier event of one of these types)
FOLLOWS = {
    "caution": FAILURE_TYPES,
    "recall_decision": FAILURE_TYPES,
    "charge": FAILURE_TYPES,
    "court_result": ("charge",),
}

TYPE_NAMES = {
    "caution": "Caution",
    "recall_decision": "Recall decision",
    "charge": "Charge",
    "court_result": "Court result",
    "disruption": "Disruption",
    "refusal": "Application refused",
}


def event_field_problems(event: Any) -> list[tuple[str, str]]:
    """Problems with one event's own outcome fields, each (field, message)."""
    problems = []
    for name, types in ONLY_ON.items():
        if getattr(event, name) is not None and event.type not in types:
            problems.append((name, f"is only for {' or '.join(repr(t) for t in types)} events, not '{event.type}'"))
    for name in REQUIRED.get(event.type, ()):
        if getattr(event, name) is None:
            problems.append((name, f"a '{event.type}' event needs '{name}'"))
    allowed = OUTCOMES_FOR.get(event.type)
    if allowed and event.outcome is not None and event.outcome not in allowed:
        problems.append(("outcome", f"'{event.outcome}' is not an outcome of a {event.type}; use one of: {', '.join(allowed)}"))
    if event.type == "court_result" and event.outcome == "convicted" and event.sentence is None:
        problems.append(("sentence", "a conviction needs its sentence"))
    if event.type == "court_result" and event.outcome != "convicted" and event.sentence is not None:
        problems.append(("sentence", f"a court result of '{event.outcome}' has no sentence"))
    if event.changed_on is not None and event.changed_on > event.date:
        problems.append(("changed_on", "is after the day the notification was received"))
    if event.custody_months is not None and event.sentence is None:
        problems.append(("custody_months", "goes with 'sentence'"))
    return problems


def history_problems(history: Sequence[Any], order_status: str = "proposed") -> list[tuple[str, str]]:
    """Each outcome refers to an earlier event it follows, and never comes before it.

    A ``refusal`` (the court refusing the application) leaves the order proposed: an
    order that was made was not refused.
    """
    problems = []
    refusals = [i for i, e in enumerate(history) if e.type == "refusal"]
    if refusals and order_status != "proposed":
        problems.append((f"history.{refusals[0]}.type", f"the application was refused, but the order is {order_status}"))
    by_id = {}
    for i, event in enumerate(history):
        wanted = FOLLOWS.get(event.type)
        if wanted:
            followed = [by_id[r] for r in event.refers_to if r in by_id and by_id[r].type in wanted]
            if not followed:
                problems.append(
                    (
                        f"history.{i}.refers_to",
                        f"a '{event.type}' must refer to the earlier "
                        f"{' or '.join(wanted)} event it follows",
                    )
                )
            for earlier in followed:
                if event.date < earlier.date:
                    problems.append(
                        (
                            f"history.{i}.date",
                            f"{event.date.isoformat()} is before the {earlier.type} "
                            f"{earlier.id} it follows ({earlier.date.isoformat()})",
                        )
                    )
        by_id[event.id] = event
    return problems
