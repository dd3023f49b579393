"""What a transfer pack holds and what it cannot hold: one plan for the letter and the pack.

The transfer letter lists its enclosures from this plan and the pack builder
(:mod:`docgen.bundle.from_case`) takes its documents from the same plan, so the letter,
the pack's index and manifest, and the case data embedded in the pack name the same
documents. A document the case expects but cannot send (the application was never
issued through the register, a warning recorded in the history has no letter, no copy of
the order is held as a file, sensitive material) is never listed as enclosed: it is
named under "Not enclosed", with why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ...case import Case, EvidenceFile
from ...register.references import newest_versions
from .. import pack_rank

# Sections of the pack, in order; the letter lists its enclosures in the same order.
ORDER_SECTION = "The order and its service"
ENFORCEMENT_SECTION = "Warnings and breaches"
OTHER_SECTION = "Other documents"
EVIDENCE_SECTION = "Evidence"
ORDER_KINDS = ("scpo-application", "cps-covering-note", "draft-order", "variation-application",
               "licence-mirror", "release-acknowledgement")  # fmt: skip
ENFORCEMENT_KINDS = ("warning-letter", "recall-request", "mg5")
LEVEL_WORDS = {"advisory": "advisory letter", "first": "first warning", "final": "final warning"}


@dataclass(frozen=True)
class Enclosure:
    """One document in the pack: an issued document or an evidence file."""

    what: str
    section: str
    reference: str | None = None
    date: dt.date | None = None
    document: Any = None  # the register's IssuedDocument
    evidence: EvidenceFile | None = None


@dataclass(frozen=True)
class Omission:
    """A document the case points to that the pack does not hold, and why."""

    what: str
    why: str


@dataclass(frozen=True)
class PackPlan:
    enclosed: tuple[Enclosure, ...]
    omitted: tuple[Omission, ...]
    withheld: tuple[EvidenceFile, ...]  # sensitive evidence, left out unless asked for


def keys(contents: PackPlan) -> list[str]:
    """The enclosures as the register records them when the letter is issued: an issued
    document by its reference, an evidence file by its title."""
    return [e.document.reference if e.document is not None else f"evidence: {e.evidence.title if e.evidence else e.what}"
            for e in contents.enclosed]  # fmt: skip


def is_sensitive(case: Case, item: EvidenceFile) -> bool:
    """A file is sensitive when marked so, or when it is evidence of a sensitive event."""
    sensitive_events = {e.id for e in case.history if e.sensitive}
    return item.sensitive or any(event_id in sensitive_events for event_id in item.events)


def exhibit(case: Case, reference: str) -> EvidenceFile | None:
    """The evidence file carrying an exhibit reference (spaces and case ignored)."""
    wanted = " ".join(reference.split()).casefold()
    for item in case.evidence_files:
        if item.exhibit and " ".join(item.exhibit.split()).casefold() == wanted:
            return item
    return None


def certified_order(case: Case) -> EvidenceFile | None:
    """The certified copy of the order: the evidence file a breach file names as its exhibit."""
    for file in case.breach_files:
        found = exhibit(case, file.order_exhibit)
        if found is not None:
            return found
    return None


def notice_proof(case: Case) -> EvidenceFile | None:
    notice = case.order.notice
    return exhibit(case, notice.exhibit) if notice is not None and notice.exhibit else None


def plan(case: Case, move: Any, issued: Sequence[Any], on: dt.date, described: dict[str, str]) -> PackPlan:
    """The pack for a transfer letter dated ``on``, given the register's issued documents.

    ``described`` maps a kind to the words the letter uses for it.
    """
    newest = sorted(
        (d for d in newest_versions(issued) if d.kind != "transfer-letter"),
        key=lambda d: (pack_rank(d.kind), d.document_date, d.seq),
    )
    copy, proof = certified_order(case), notice_proof(case)
    usable = [i for i in case.evidence_files if not is_sensitive(case, i)]
    withheld = tuple(i for i in case.evidence_files if is_sensitive(case, i))
    enclosed: list[Enclosure] = []
    omitted: list[Omission] = []
    order = case.order
    order_words = f"Certified copy of the order made by the {order.court}" + (f", case number {order.reference}" if order.reference else "")
    if copy is not None and copy in usable:
        enclosed.append(_evidence(copy, ORDER_SECTION, order_words))
    else:
        omitted.append(Omission(f"{order_words}, made on {_long(order.made_on)}", "no copy of the order is held as a file in the case; the court that made it can supply a certified copy"))
    for doc in newest:
        if doc.kind in ORDER_KINDS:
            enclosed.append(_issued(doc, ORDER_SECTION, described))
    if proof is not None and proof is not copy and proof in usable:
        enclosed.append(_evidence(proof, ORDER_SECTION, _proof_words(case, proof)))
    elif order.notice is not None and order.notice.how != "represented" and proof is None:
        if not any(d.kind == "release-acknowledgement" for d in newest):
            omitted.append(Omission(f"The proof that the subject knew the terms (exhibit {order.notice.exhibit})",
                                    "no file of it is held in the case"))  # fmt: skip
    for doc in newest:
        if doc.kind in ENFORCEMENT_KINDS:
            enclosed.append(_issued(doc, ENFORCEMENT_SECTION, described))
    for doc in newest:
        if doc.kind not in (*ORDER_KINDS, *ENFORCEMENT_KINDS):
            enclosed.append(_issued(doc, OTHER_SECTION, described))
    for item in sorted(usable, key=lambda i: (i.date is None, i.date or dt.date.min, case.evidence_files.index(i))):
        if item is copy or item is proof:
            continue
        if item.date is not None and item.date > on:  # the letter cannot list what did not yet exist
            omitted.append(Omission(item.title, f"it is dated {_long(item.date)}, after the transfer letter; issue the letter again to send it"))
        else:
            enclosed.append(_evidence(item, EVIDENCE_SECTION, item.title))
    omitted.extend(_not_issued(case, newest, on))
    omitted.extend(_named_extras_missing(case, move, usable))
    return PackPlan(tuple(enclosed), tuple(omitted), withheld)


def _issued(doc: Any, section: str, described: dict[str, str]) -> Enclosure:
    what = described.get(doc.kind, doc.kind.replace("-", " ").capitalize())
    if doc.kind == "warning-letter" and doc.level in LEVEL_WORDS:
        what = f"{what} ({LEVEL_WORDS[doc.level]})"
    return Enclosure(what, section, doc.reference, doc.document_date, document=doc)


def _evidence(item: EvidenceFile, section: str, what: str) -> Enclosure:
    exhibit_words = f"exhibit {item.exhibit}" if item.exhibit and item.exhibit not in what else None
    return Enclosure(what, section, exhibit_words, item.date, evidence=item)


def _proof_words(case: Case, proof: EvidenceFile) -> str:
    notice = case.order.notice
    assert notice is not None
    if notice.how == "acknowledged":
        video = f", with the body-worn video reference {notice.bwv_reference}" if notice.bwv_reference.strip() else ""
        return f"Signed acknowledgement of the terms, exhibit {proof.exhibit}{video}"
    how = "in person" if notice.how == "served_in_person" else "by post"
    return f"Proof of service of the order {how}, exhibit {proof.exhibit}"


def _not_issued(case: Case, newest: Sequence[Any], on: dt.date) -> list[Omission]:
    """The application and earlier letters the case records but the register never issued."""
    from .._history import prior_warnings

    found: list[Omission] = []
    kinds = {d.kind for d in newest}
    lettered = {d.event_id for d in newest}
    if case.application is not None and "scpo-application" not in kinds:
        found.append(Omission("The application for the order", "it was not issued through the register, so no issued copy exists to send"))
    warned = set()
    for warning in prior_warnings(case, len(case.history), newest):
        if warning.id in lettered or warning.date > on:
            continue
        warned.add(warning.id)
        found.append(
            Omission(
                f"Warning letter ({warning.name}, term {warning.term}) of {_long(warning.date)}",
                "the warning is recorded in the case history, but no letter about it was issued through the register",
            )
        )
    for event in case.history:
        if event.reference and event.id not in lettered and event.id not in warned and event.date <= on and not event.sensitive:
            found.append(Omission(f"Document {event.reference} of {_long(event.date)}", "it is recorded in the case history but was not issued through the register"))
    return found


def _long(date: dt.date) -> str:
    from ...fmt import long_date

    return long_date(date)


def _named_extras_missing(case: Case, move: Any, usable: Sequence[EvidenceFile]) -> list[Omission]:
    """An extra the transfer names (``transfers.N.enclosures``) that no evidence file the
    pack can carry has as its title: named as not enclosed, never listed as enclosed."""
    titles = {_folded(i.title) for i in usable}
    return [
        Omission(text, "no file with that title is held in the case (or it is sensitive), so it cannot be sent")
        for text in move.enclosures
        if _folded(text) not in titles
    ]


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()
