"""What the receiving force's acceptance letter to the subject needs: the move it follows.

After a move, the receiving force tells the subject that it now manages the order and
where to send notices from now on. The order defines the notification address as the
address in the order or a replacement the police give the subject in writing, so this
letter is what moves the duty to notify: from the day the subject receives it, notices go
to the receiving force's notification address (its house style's). The case is the one
the receiving force now manages: ``managing_force`` is the receiving force and the
transfer names the force it came from in ``from_force``.
"""

from __future__ import annotations

from dataclasses import dataclass

from typing import TYPE_CHECKING, Any

from ...case import Case, Event, Transfer
from ...errors import DocgenError
from .._checks import Check, refuse
from .._history import not_before, transfer_force, transfer_of
from ..spec import KindContext, KindSpec, meaning

if TYPE_CHECKING:  # names for the Context's annotations only
    from ...register.forces import Force

SPEC = KindSpec(
    title="Transfer acceptance letter to the subject",
    description="Letter from the receiving force telling the subject that it now manages the order and where to send notifications from now on",
    abbrev="TA",
    audience="subject",
    states=("live", "varied"),
    needs=("event", "release_date"),
    pack_position=15,  # after the transfer letter (10)
)


@dataclass(frozen=True, kw_only=True)
class Context(KindContext):
    """What the transfer acceptance letter to the subject adds to its template."""

    event: Event = meaning("the history event the document is about (--event)")
    move: Transfer = meaning("the transfer: from which force, to which, and when")
    sending: Force = meaning("the force that hands over the order")


def context(case: Case, event: Event | None, options: Any) -> Context:
    assert event is not None  # the pipeline refuses a kind that needs --event before building it
    found, problems = transfer_of(case, event, document="a transfer acceptance", add="the move (to_force, from_force, moving_on)")
    if found is not None and (found.to_force != case.managing_force or found.from_force is None):
        problems.append(
            Check(
                f"transfers.{case.transfers.index(found)}.to_force",
                "the acceptance is the receiving force's letter; the case must be managed by the receiving force "
                f"({found.to_force}, now '{case.managing_force}') and the transfer must name the force it came "
                "from in from_force",
            )
        )
    if case.order.status != "made" or case.order.expires_on is None:
        problems.append(Check("order.status", f"is '{case.order.status}'; only an order in force is taken over"))
    refuse(case, problems)
    assert found is not None  # refused above otherwise
    move = found
    sending = transfer_force(case, move, "from_force")
    date = not_before(case, max(event.date, move.moving_on), options, "the transfer and the move it follows")
    if date > case.order.expires_on:
        raise DocgenError(
            f"{date.isoformat()} is after the order's last day ({case.order.expires_on.isoformat()}); an order that "
            "has ended is not taken over",
            file=case.source or "",
            field="order",
        )
    return Context(event=event, move=move, sending=sending, doc_date=date)


def demo_runs(case: Case) -> list[str]:
    """The acceptance of each move that brought the case to the force now managing it."""
    if case.order.status != "made":
        return []
    return [m.event for m in case.transfers if m.to_force == case.managing_force and m.from_force]
