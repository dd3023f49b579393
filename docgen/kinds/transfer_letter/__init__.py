"""What a transfer handover letter needs: the move, the receiving force and the pack.

The receiving force comes from the reference data of the forces of England and Wales.
The letter lists its enclosures from the same plan the pack is built from
(:mod:`.pack`): only what the pack holds (the newest version of each issued document and
the case's evidence files that are not sensitive), and under "Not enclosed" what the case
points to but cannot be sent, with why; so the letter, the pack's index and the embedded
case data agree.

The letter says what the order says about when the duty to notify moves: the order's own
definition of the notification address (the address in the order, or a replacement the
police give the subject in writing) moves it when the receiving force tells the subject
in writing where to send notices (its transfer acceptance letter), not on the handover.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...case import Case, Event, Transfer
from ...conditions import shipped_library
from ...errors import DocgenError
from ...register.forces import shipped_forces
from .._checks import Check, refuse
from .._history import issued_documents, not_before, open_actions, transfer_force, transfer_of
from ..spec import KindContext, KindSpec, meaning
from .handover import (described, duties_on_moving, home_notice_required, ladder, overdue_startup, pending_variation, police_actions,
                       startup_notifications)
from .pack import keys, plan

if TYPE_CHECKING:  # names for the Context's annotations only
    from ...register.forces import Force

# only an order in force is handed over
SPEC = KindSpec(
    title="Transfer letter",
    description="Handover letter to the police force whose area the subject moves to, listing the transfer pack",
    abbrev="TL",
    states=("live", "varied"),
    needs=("event", "release_date", "risk"),
    pack_position=10,
)


@dataclass(frozen=True, kw_only=True)
class Context(KindContext):
    """What the transfer letter adds to its template."""

    actions: list = meaning("what the subject was asked to do after a failure to comply and has not yet answered, each with the event it followed")
    overdue: list = meaning("start-up notifications owed without condition with no notification at all recorded under the term, each due on its original date")
    moving_duties: list = meaning("notices the move itself requires, as the terms' clause records declare them (on_moving), by due date")
    home_notice: bool = meaning("whether a term in force requires notice of the change of home address itself (a residence term)")
    police_actions: list = meaning("what the police owe next: a decision on each start-up notification still missing (whatever was done about it so far) "
                                   "or that only a later notification may have met, the acceptance letter (due on the move date), each term's next compliance check, "
                                   "the next review (saying whose review cycle it is)")
    startup: list = meaning("each live term's start-up notification: when it was due and what the history shows (a notification marked "
                            "as a change never counts; a later unmarked one is quoted as not known to cover it)")
    ladder: Any = meaning("the highest warning given before the move under the force's compliance approach and what that approach "
                          "gives next (None when none was given)")
    pending: Any = meaning("the case's variation application, its status and the changes it asks for (None when none)")
    address_definition: str = meaning("the order's definition of a home address")
    enclosures: list = meaning("the documents sent with this one, as the pack holds them")
    not_enclosed: list = meaning("documents the case points to that the pack does not hold, each with why")
    withheld: int = meaning("how many sensitive evidence files the sending force keeps back")
    register_record: dict = meaning("what the register records for this letter: its enclosures and what is not enclosed")
    event: Event = meaning("the history event the document is about (--event)")
    live_terms: list = meaning("the terms in force on the day of the move")
    move: Transfer = meaning("the transfer: from which force, to which, and when")
    notifications: list[Event] = meaning("notifications the subject has made up to the letter's date")
    receiving: Force = meaning("the force that takes over the order")
    receiving_rocu: str = meaning("the regional organised crime unit of the receiving force")


def context(case: Case, event: Event | None, options: Any) -> Context:
    assert event is not None  # the pipeline refuses a kind that needs --event before building it
    found, problems = transfer_of(case, event, document="a transfer letter", add="the receiving force, date and contact")
    if case.risk is None:
        problems.append(Check("risk", "a receiving force needs the current risk assessment (level, summary, assessed_on, by)"))
    if case.order.status != "made":
        problems.append(Check("order.status", f"is '{case.order.status}'; only a live order is handed over"))
    if case.order.notice is None:
        problems.append(
            Check(
                "order.notice",
                "a receiving force needs the proof that the subject knew the terms (the signed "
                "acknowledgement and its body-worn video reference, or the service of the order)",
            )
        )
    if found is not None and found.to_force == case.managing_force:
        problems.append(
            Check(
                f"transfers.{case.transfers.index(found)}.to_force",
                f"this case was received from {found.from_force}; the handover letter is the sending force's "
                "(the receiving force writes a transfer acceptance to the subject)",
            )
        )
    refuse(case, problems)
    assert found is not None  # refused above otherwise
    move = found
    forces = shipped_forces()
    receiving = transfer_force(case, move, "to_force")
    date = not_before(case, event.date, options, f"the event {event.id} it reports")
    contents = plan(case, move, issued_documents(options), date, described_kinds())
    live = live_terms(case, move.moving_on)
    library = shipped_library()
    startup = startup_notifications(case, live, library)
    return Context(
        event=event,
        move=move,
        receiving=receiving,
        receiving_rocu=forces.rocu_of(receiving.code),
        live_terms=live,
        notifications=[e for e in case.history if e.type == "notification" and e.date <= date],
        actions=[(e, described(e)) for e in open_actions(case, date) if e.id != event.id],
        overdue=overdue_startup(startup),
        moving_duties=duties_on_moving(case, move, live, library),
        home_notice=home_notice_required(case, live, library),
        police_actions=police_actions(case, move, date, live, library, _check_rhythm(case), receiving.code, receiving.name, startup),
        startup=startup,
        ladder=ladder(case, event, issued_documents(options)),
        pending=pending_variation(case, date, library),
        enclosures=list(contents.enclosed),
        not_enclosed=list(contents.omitted),
        withheld=len(contents.withheld),
        register_record={"enclosures": keys(contents), "not_enclosed": [o.what for o in contents.omitted]},
        address_definition=address_definition(case),
        doc_date=date,
    )


def address_definition(case: Case) -> dict[str, str]:
    """The order's definitions of "the police" and of the notification address (the latter
    with and without email, as the draft order words it for the force's house style)."""
    from .._order_common import library, sentence
    from ..draft_order import POSTAL_ONLY

    definitions = library().definitions
    return {
        "police": sentence(definitions["the-police"].sentence),
        "email": sentence(definitions["notification-address"].sentence),
        "postal": POSTAL_ONLY["notification-address"],
    }


def live_terms(case: Case, on: dt.date) -> list[int]:
    """Numbers of the terms in force on ``on`` (or due to start later in the order)."""
    end = case.order.expires_on
    return [t.number for t in case.terms if (t.ends_on or end or on) >= on]


def _check_rhythm(case: Case) -> dict[str, Any]:
    """The sending force's compliance-check rhythm from its house style beside the case
    (the diary's default when there is none, as ``docgen register diary`` reads it)."""
    from ...housestyle import find_house_style, load_house_style

    if case.source is None:
        return {}
    try:
        return dict(load_house_style(find_house_style(case.source, case.managing_force)).compliance_checks)
    except DocgenError:
        return {}


def described_kinds() -> dict[str, str]:
    """The words the letter uses for each kind of issued document: its description."""
    from ...render import kinds, template_dirs

    return {name: info.description for name, info in kinds(template_dirs()).items()}


def demo_runs(case: Case) -> list[str]:
    if case.risk is None or case.order.status != "made" or case.order.notice is None:
        return []
    return [m.event for m in case.transfers if m.to_force != case.managing_force]
