"""What a transfer handover letter needs: the move, the receiving force and the pack.

The receiving force comes from the reference data of the forces of England and Wales.
The letter lists its enclosures: a certified copy of the order, every document the
register has issued for the case (the newest version of each), the application for the
order, the signed acknowledgement of the terms with its body-worn video reference,
earlier warning letters known only from the history, and anything else the case names;
the bundle step puts the pack itself together.

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
from ...errors import DocgenError
from ...register.forces import shipped_forces
from ...register.references import newest_versions
from .. import pack_rank
from .._checks import Check, refuse
from .._history import issued_documents, not_before, open_actions, prior_warnings, transfer_force, transfer_of
from ..spec import KindContext, KindSpec, meaning

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

    actions: list = meaning("actions still open on the date of the letter")
    address_definition: str = meaning("the order's definition of a home address")
    enclosures: list = meaning("the documents sent with this one")
    event: Event = meaning("the history event the document is about (--event)")
    live_terms: list = meaning("the terms in force on the day of the move")
    move: Transfer = meaning("the transfer: from which force, to which, and when")
    notifications: list[Event] = meaning("notifications the subject has made up to the letter's date")
    receiving: Force = meaning("the force that takes over the order")
    receiving_rocu: str = meaning("the regional organised crime unit of the receiving force")


def context(case: Case, event: Event | None, options: Any) -> Context:
    if event is None:
        raise DocgenError("a transfer letter is about one 'transfer' history event: pass --event ID", field="--event")
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
    return Context(
        event=event,
        move=move,
        receiving=receiving,
        receiving_rocu=forces.rocu_of(receiving.code),
        live_terms=live_terms(case, move.moving_on),
        notifications=[e for e in case.history if e.type == "notification" and e.date <= date],
        actions=open_actions(case, date),
        enclosures=enclosures(case, issued_documents(options), move.enclosures, date),
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


@dataclass(frozen=True)
class Enclosure:
    what: str
    reference: str | None = None
    date: dt.date | None = None


def enclosures(case: Case, issued: Any, extra: list[str], on: dt.date) -> list[Enclosure]:
    """The handover pack in a fixed order: the order, issued documents, history, extras."""
    from ...render import kinds, template_dirs

    described = {name: info.description for name, info in kinds(template_dirs()).items()}
    order = case.order
    items = [Enclosure(f"Certified copy of the order made by the {order.court}", order.reference, order.made_on)]
    newest = [doc for doc in newest_versions(issued) if doc.kind != "transfer-letter"]
    listed = set()
    kinds_listed = set()
    proof = proof_of_notice(case)
    for doc in sorted(newest, key=lambda d: (pack_rank(d.kind), d.document_date, d.seq)):
        if proof is not None and pack_rank(doc.kind) > pack_rank(ORDER_GROUP_LAST):
            items.append(proof)  # the pack's order section ends with the proof of notice
            proof = None
        listed.add(doc.event_id)
        kinds_listed.add(doc.kind)
        items.append(Enclosure(described.get(doc.kind, doc.kind), doc.reference, doc.document_date))
    if proof is not None:
        items.append(proof)
    if case.application is not None and "scpo-application" not in kinds_listed:
        items.insert(1, Enclosure("The application for the order (draft SCPO application for the CPS)"))
    for warning in prior_warnings(case, len(case.history), ()):
        if warning.id not in listed and warning.date <= on:
            listed.add(warning.id)
            items.append(Enclosure(f"Warning letter ({warning.name}, term {warning.term})", warning.reference, warning.date))
    for event in case.history:
        if event.reference and event.id not in listed and event.date <= on:
            items.append(Enclosure(f"Document recorded in the history as {event.id}", event.reference, event.date))
    items.extend(Enclosure(text) for text in extra)
    return items


# The last kind of the pack's order section: the proof of notice follows it.
ORDER_GROUP_LAST = "release-acknowledgement"


def proof_of_notice(case: Case) -> Enclosure | None:
    """The signed acknowledgement (with its body-worn video reference) or proof of service."""
    notice = case.order.notice
    if notice is None or notice.how == "represented":
        return None
    if notice.how == "acknowledged":
        video = f", with the body-worn video reference {notice.bwv_reference}" if notice.bwv_reference.strip() else ""
        return Enclosure(f"Signed acknowledgement of the terms, exhibit {notice.exhibit}{video}", None, notice.date)
    how = "in person" if notice.how == "served_in_person" else "by post"
    return Enclosure(f"Proof of service of the order {how}, exhibit {notice.exhibit}", None, notice.date)


def demo_runs(case: Case) -> list[str]:
    if case.risk is None or case.order.status != "made" or case.order.notice is None:
        return []
    return [m.event for m in case.transfers if m.to_force != case.managing_force]
