"""Bundles made from a case: the documents the register issued and the evidence it lists.

``transfer_bundle`` gathers the handover pack for a move to another force, and
``breach_bundle`` the file for a prosecution for breach of the order (SCA 2007 s.25).
Both take the newest version of each issued document and refuse to go on when an issued
file is missing or no longer matches the SHA-256 recorded when it was issued: a bundle
holds what was issued, never what a file later became. ``build_case_bundle`` builds the
gathered spec and records in the register's log who produced it and why.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..case import BreachFile, Case, Event, EvidenceFile, Transfer
from ..containment import OutsideRoots, case_roots, contained
from ..errors import DocgenError, Problem
from ..fmt import long_date
from ..housestyle import HouseStyle
from ..kinds import pack_rank, spec_for
from ..kinds._history import LEVEL_NAMES, prior_warnings
from ..pipeline import load_inputs, term_views
from ..register import verified_register
from ..register.forces import shipped_forces
from ..register.references import newest_versions
from ..register.store import IssuedDocument, Register, sha256_file
from ..register.where import current_user, register_path
from .assemble import Progress
from .builder import BuildReport, build_bundle
from .profiles import DEFAULT_PROFILE
from .seal import Attachment
from .sources import SUFFIXES, Refused, check_input
from .spec import BundleSpec, DocumentSpec, SectionSpec

# Documents sort by their kind's pack_position (docgen/kinds: the covering letter, then
# the order and how the subject came to know it, then what happened under it) and are
# titled by their kind's SPEC; a force's own kinds come after these, by name.
from ..kinds.transfer_letter.pack import (  # noqa: E402  one list of sections for the letter and the pack
    ENFORCEMENT_SECTION,
    EVIDENCE_SECTION,
    ORDER_SECTION,
    OTHER_SECTION,
)


@dataclass(frozen=True)
class CaseBundle:
    """A bundle gathered from a case, ready to build, with what the user should know."""

    spec: BundleSpec
    case_id: str
    register: Path
    purpose: str
    warnings: tuple[str, ...] = ()
    withheld: tuple[str, ...] = ()  # titles of sensitive evidence files left out
    attachments: tuple[Attachment, ...] = ()  # files embedded in the bundle (a transfer pack's case data)


# ---------------------------------------------------------------------- the register


def check_issued_files(register: Register, documents: Iterable[IssuedDocument]) -> None:
    """Refuse, naming every file, when an issued file is missing or has changed."""
    problems = []
    for doc in documents:
        for item in doc.files:
            path = register.resolve(item.path)
            if not path.is_file():
                problems.append(Problem(str(path), doc.reference, "is missing; restore the file that was issued"))
            elif sha256_file(path) != item.sha256:
                problems.append(
                    Problem(
                        str(path),
                        doc.reference,
                        "has changed since it was issued (its SHA-256 differs from the register's); restore "
                        "the issued file, or issue the document again",
                    )
                )
    if problems:
        raise DocgenError(problems)


def _bundle_file(register: Register, doc: IssuedDocument) -> Path:
    """The PDF when the document was issued as one, else its Word file (converted later)."""
    by_format = {item.format: item for item in doc.files}
    chosen = by_format.get("pdf") or by_format.get("docx")
    if chosen is None:
        raise DocgenError(f"{doc.reference} was issued with no PDF or Word file", file=register.path, field=doc.reference)
    return register.resolve(chosen.path)


# ---------------------------------------------------------------------- describing


def _issued_entry(register: Register, case: Case, doc: IssuedDocument, title: str | None = None, note: str = "") -> DocumentSpec:
    parts = [f"Reference {doc.reference}" + (f", version {doc.version}" if doc.version > 1 else "")]
    if doc.event_id:
        event = case.event(doc.event_id)
        parts.append(f"about {described(event)}" + (f", term {event.term}" if event.term and event.type not in ("non_compliance", "breach") else ""))
    description = "; ".join(parts) + (f". {note}" if note else "")
    path = _bundle_file(register, doc)
    return DocumentSpec(file=path, title=title or _title(doc), date=doc.document_date, description=description)


def described(event: Event) -> str:
    """An event as a reader outside the force knows it (what and when), never its internal id."""
    from ..kinds.transfer_letter.handover import described as words

    return words(event)


def _title(doc: IssuedDocument) -> str:
    spec = spec_for(doc.kind)
    title = spec.title if spec is not None else doc.kind.replace("-", " ").capitalize()
    if doc.kind == "warning-letter" and doc.level in LEVEL_NAMES:
        title = f"{title}: {LEVEL_NAMES[doc.level]}"
    return title


def _evidence_entry(case: Case, item: EvidenceFile) -> DocumentSpec:
    description = f"Exhibit {item.exhibit}. {item.description}" if item.exhibit else item.description
    return DocumentSpec(file=_evidence_path(case, item), title=item.title, date=item.date, description=description)


def _evidence_base(case: Case) -> Path:
    return case.source.parent if case.source is not None else Path(".")


def _evidence_path(case: Case, item: EvidenceFile) -> Path:
    return _evidence_base(case) / item.file


def check_evidence_files(case: Case, included: Iterable[EvidenceFile]) -> None:
    """Refuse, naming the case's field, an included file that is missing, unreadable, of
    a kind a bundle cannot take or outside the folders evidence may come from (after
    symlinks: :mod:`docgen.containment`), and any evidence file naming an event the
    history does not hold."""
    source, ids, chosen = str(case.source or ""), {e.id for e in case.history}, {id(i) for i in included}
    roots = case_roots(case.source)
    problems = []
    for index, item in enumerate(case.evidence_files):
        problems.extend(
            Problem(source, f"evidence_files.{index}.events", f"'{event_id}' is not an event in the history")
            for event_id in item.events
            if event_id not in ids
        )
        if id(item) not in chosen:
            continue
        path, field = _evidence_path(case, item), f"evidence_files.{index}.file"
        try:
            contained(_evidence_base(case), item.file, roots)
        except OutsideRoots as exc:
            problems.append(Problem(source, field, f"{item.file} {exc}"))
            continue
        if path.suffix.lower() not in SUFFIXES:
            kinds = ", ".join(sorted(SUFFIXES))
            problems.append(Problem(source, field, f"{item.file} cannot go into a bundle; use one of: {kinds}"))
        elif not path.exists():
            problems.append(Problem(source, field, f"{item.file} does not exist (paths are relative to the case file)"))
        else:
            try:
                check_input(path)  # refused here, against the case's field, not the bundle's
            except Refused as exc:
                problems.append(Problem(source, field, f"{item.file} {exc}"))
    if problems:
        raise DocgenError(problems)


def is_sensitive(case: Case, item: EvidenceFile) -> bool:
    """A file is sensitive when marked so, or when it is evidence of a sensitive event."""
    from ..kinds.transfer_letter.pack import is_sensitive as sensitive

    return sensitive(case, item)


def _by_date(case: Case, items: Iterable[EvidenceFile]) -> list[EvidenceFile]:
    return sorted(items, key=lambda i: (i.date is None, i.date or dt.date.min, case.evidence_files.index(i)))


def _exhibit(case: Case, reference: str) -> EvidenceFile | None:
    wanted = " ".join(reference.split()).casefold()
    for item in case.evidence_files:
        if item.exhibit and " ".join(item.exhibit.split()).casefold() == wanted:
            return item
    return None


def _notice_proof(case: Case) -> EvidenceFile | None:
    notice = case.order.notice
    return _exhibit(case, notice.exhibit) if notice is not None and notice.exhibit else None


def _subject_name(case: Case) -> str:
    return f"{case.subject.given_names} {case.subject.family_name}"


def _sections(pairs: Iterable[tuple[str, list[DocumentSpec]]]) -> list[SectionSpec]:
    return [SectionSpec(title=title, documents=docs) for title, docs in pairs if docs]


def _history_warnings_without_letters(case: Case, before: int, issued: Sequence[IssuedDocument]) -> list[str]:
    lettered = {doc.event_id for doc in issued if doc.kind == "warning-letter"}
    return [
        f"the {warning.name} recorded as {warning.id} ({long_date(warning.date)}) has no warning letter in the "
        "register, so it is not in the bundle"
        for warning in prior_warnings(case, before, issued)
        if warning.id not in lettered
    ]


def _prepared_by(house: HouseStyle) -> str:
    return f"{house.unit}, {house.force_name}" if house.unit else house.force_name


def _open_register(case_path: Path, register: Path | None) -> Register:
    return verified_register(register_path(register, [Path(case_path)]))  # a tampered register is refused


# ---------------------------------------------------------------------- transfer


def transfer_bundle(
    case_path: str | Path,
    *,
    register: Path | None = None,
    event_id: str | None = None,
    include_sensitive: bool = False,
    house_style: Path | None = None,
    profile: str = DEFAULT_PROFILE,
) -> CaseBundle:
    """The transfer pack: the transfer letter, then every document it lists, then evidence.

    The pack follows the newest issue of the transfer letter for the move (the last move
    in the case unless ``event_id`` names one) and holds exactly what that letter lists:
    both come from one plan (:mod:`docgen.kinds.transfer_letter.pack`), read as of the
    letter. What the letter names as not enclosed is repeated on its index entry. A
    document issued after that letter is not listed in it, so the pack is refused until
    the letter is issued again. Sensitive evidence added with ``include_sensitive`` is
    marked so in the index, since the letter counts it as kept back. The case data
    the receiving force imports goes with it as an attachment (:mod:`docgen.transfer_data`).
    """
    from ..kinds.transfer_letter import described_kinds
    from ..kinds.transfer_letter.pack import keys, plan

    case, house = load_inputs(Path(case_path), house_style)
    move = _choose_move(case, event_id)
    with _open_register(Path(case_path), register) as reg:
        issued = reg.issued(case.case_id)
        letter = _transfer_letter(case, move, issued, reg)
        before = issued[: issued.index(letter)]
        _refuse_later_documents(case, move, letter, issued[issued.index(letter) + 1 :])
        # the same plan the letter listed its enclosures from, as of the letter
        contents = plan(case, move, before, letter.document_date, described_kinds())
        documents = [e.document for e in contents.enclosed if e.document is not None]
        check_issued_files(reg, [letter, *documents])
        receiving = shipped_forces().get(move.to_force)
        handover = [_issued_entry(reg, case, letter, title=f"Transfer letter to {receiving.name}", note=_not_enclosed_note(contents))]
        by_section: dict[str, list[DocumentSpec]] = {}
        for item in contents.enclosed:
            if item.document is not None:
                entry = _issued_entry(reg, case, item.document)
            else:
                assert item.evidence is not None
                entry = _evidence_entry(case, item.evidence)
                if item.evidence is _notice_proof(case):
                    entry = _with_video(case, entry)
            by_section.setdefault(item.section, []).append(entry)
        register_file = reg.path
        carried = _case_data(case, move, issued, [letter, *documents], contents)
    evidence = [e.evidence for e in contents.enclosed if e.evidence is not None]
    extra = list(contents.withheld) if include_sensitive else []
    withheld = [] if include_sensitive else [i.title for i in contents.withheld]
    check_evidence_files(case, evidence + extra)
    _refuse_disagreement(case, move, letter, keys(contents))  # after the files: a bad file is the first thing to fix
    for item in extra:
        entry = _evidence_entry(case, item)
        note = "Sensitive: added to the pack at the sending force's request; the transfer letter counts it as kept back"
        by_section.setdefault(EVIDENCE_SECTION, []).append(entry.model_copy(update={"description": f"{entry.description.rstrip('.')}. {note}"}))
    warnings = [f"{o.what} is not in the pack: {o.why}" for o in contents.omitted]
    index = case.transfers.index(move)
    spec = BundleSpec(
        title=f"Transfer pack: {house.force_name} to {receiving.name}",
        case=f"Serious Crime Prevention Order: {_subject_name(case)}",
        reference=case.case_id,
        prepared_by=_prepared_by(house),
        profile=profile,
        marking=house.marking,
        sections=_sections([
            ("Handover", handover),
            *((title, by_section.get(title, [])) for title in (ORDER_SECTION, ENFORCEMENT_SECTION, OTHER_SECTION, EVIDENCE_SECTION)),
        ]),
    )
    purpose = f"transfer pack for the move to {move.to_force} (transfers.{index}, {move.event})"
    if extra:
        purpose += ", sensitive evidence included on request"
    return CaseBundle(spec, case.case_id, register_file, purpose, tuple(warnings), tuple(withheld), (carried,))


def _refuse_disagreement(case: Case, move: Transfer, letter: IssuedDocument, planned: Sequence[str]) -> None:
    """Refuse a pack whose documents differ from the enclosures the issued letter recorded
    (the case's evidence files changed after the letter), naming each difference."""
    recorded = letter.record.get("enclosures")
    if recorded is None or list(recorded) == list(planned):
        return  # a letter issued before letters recorded their enclosures is followed as before
    listed_only = [k for k in recorded if k not in planned]
    packed_only = [k for k in planned if k not in recorded]
    parts = [f"the letter lists {', '.join(listed_only)}, which the pack cannot hold"] if listed_only else []
    parts += [f"the pack would hold {', '.join(packed_only)}, which the letter does not list"] if packed_only else []
    parts = parts or ["the pack would hold the letter's enclosures in another order"]
    raise DocgenError(
        f"the transfer letter {letter.reference} and the pack disagree: {'; '.join(parts)}. The case's evidence "
        f"files changed after the letter was issued; issue the letter again (docgen render transfer-letter CASE "
        f"--event {move.event} --issue --reason ...) so that the letter and the pack list the same documents",
        file=case.source or "",
        field=f"transfers.{case.transfers.index(move)}",
    )


def _not_enclosed_note(contents: object) -> str:
    """The letter's "Not enclosed" list, repeated on its index entry so the index says it too."""
    omitted = getattr(contents, "omitted", ())
    kept = len(getattr(contents, "withheld", ()))
    named = [o.what for o in omitted] + ([f"{kept} sensitive evidence file{'s' if kept != 1 else ''}"] if kept else [])
    return f"Not enclosed, as the letter explains: {'; '.join(named)}" if named else ""


def _case_data(case: Case, move: Transfer, issued: Sequence[IssuedDocument], packed: Sequence[IssuedDocument], contents: object) -> Attachment:
    """The case data the receiving force imports, as the pack's embedded file (:mod:`docgen.transfer_data`)."""
    from .. import transfer_data

    data = transfer_data.case_data(case, move, issued, {d.reference for d in packed}, contents=contents)
    return Attachment(transfer_data.NAME, transfer_data.to_bytes(data), transfer_data.DESCRIPTION)


def _with_video(case: Case, entry: DocumentSpec) -> DocumentSpec:
    """The signed acknowledgement's entry, naming the body-worn video of the explanation."""
    notice = case.order.notice
    if notice is None or not notice.bwv_reference.strip():
        return entry
    described = f"{entry.description.rstrip('.')}. " if entry.description else ""
    return entry.model_copy(update={"description": f"{described}Body-worn video of the explanation: reference {notice.bwv_reference}"})


def _choose_move(case: Case, event_id: str | None) -> Transfer:
    if not case.transfers:
        raise DocgenError("the case has no transfers; add one to build a transfer pack", file=case.source or "", field="transfers")
    if event_id is None:
        return case.transfers[-1]
    for move in case.transfers:
        if move.event == event_id:
            return move
    known = ", ".join(m.event for m in case.transfers)
    raise DocgenError(f"no transfer names the event '{event_id}' (transfers in this case: {known})", field="--event")


def _transfer_letter(case: Case, move: Transfer, issued: Sequence[IssuedDocument], reg: Register) -> IssuedDocument:
    letters = [d for d in newest_versions(issued) if d.kind == "transfer-letter" and d.event_id == move.event]
    if not letters:
        raise DocgenError(
            f"no transfer letter for {move.event} has been issued for case {case.case_id}; issue one first: "
            f"docgen render transfer-letter CASE --event {move.event} --issue --reason ...",
            file=reg.path,
            field="transfer-letter",
        )
    return letters[-1]


def _refuse_later_documents(case: Case, move: Transfer, letter: IssuedDocument, later: Sequence[IssuedDocument]) -> None:
    missed = [d.reference for d in later if d.kind != "transfer-letter"]
    if missed:
        raise DocgenError(
            f"{', '.join(missed)} {'was' if len(missed) == 1 else 'were'} issued after the transfer letter "
            f"{letter.reference}, which therefore does not list {'it' if len(missed) == 1 else 'them'}; issue the "
            f"letter again (docgen render transfer-letter CASE --event {move.event} --issue --reason ...) so that "
            "the pack and its list of enclosures agree",
            file=case.source or "",
            field=f"transfers.{case.transfers.index(move)}",
        )


def breach_bundle(
    case_path: str | Path,
    *,
    event_id: str,
    register: Path | None = None,
    house_style: Path | None = None,
    profile: str = DEFAULT_PROFILE,
) -> CaseBundle:
    """The breach file for one breach: order, proof of notice, MG5, earlier warnings, evidence.

    It may be served on the defence, so sensitive evidence (a file marked sensitive, or
    evidence of a sensitive event) is never included, and a sensitive breach is refused.
    """
    case, house = load_inputs(Path(case_path), house_style)
    event = case.event(event_id)
    file = _breach_file(case, event)
    term = next(t for t in term_views(case, "en_GB") if t.number == event.term)
    position = case.history.index(event)
    certified = _disclosable(case, _exhibit(case, file.order_exhibit))
    proof = _disclosable(case, _notice_proof(case))
    with _open_register(Path(case_path), register) as reg:
        issued = reg.issued(case.case_id)
        picked = _breach_documents(case, reg, event, file.order_exhibit, newest_versions(issued), certified, proof)
        check_issued_files(reg, picked.all())
        breached = f"Term {term.number} ({term.title}) is the term breached"
        if certified is not None:
            order = _evidence_entry(case, certified)
            order = order.model_copy(update={"description": f"{order.description}. {breached}"})
        else:
            assert picked.order is not None
            order = _issued_entry(reg, case, picked.order, note=f"The certified copy is exhibit {file.order_exhibit}. {breached}")
        notice = [_evidence_entry(case, proof)] if proof is not None else []
        notice += [_issued_entry(reg, case, picked.acknowledgement)] if picked.acknowledgement is not None else []
        summary = [_issued_entry(reg, case, picked.mg5)]
        warned = [_issued_entry(reg, case, d) for d in picked.warnings]
        register_file = reg.path
    used = {id(i) for i in (certified, proof) if i is not None}
    about = [i for i in _by_date(case, case.evidence_files) if event.id in i.events and id(i) not in used]
    evidence = [i for i in about if not is_sensitive(case, i)]
    check_evidence_files(case, [i for i in (certified, proof) if i is not None] + evidence)
    spec = BundleSpec(
        title=f"Breach file: term {term.number}, {long_date(event.date)}",
        case=f"R v {_subject_name(case)}",
        reference=case.case_id,
        prepared_by=_prepared_by(house),
        profile=profile,
        marking=house.marking,
        sections=_sections([
            (ORDER_SECTION, [order, *notice]),
            ("Case summary", summary),
            ("Earlier warnings", warned),
            ("Evidence of the breach", [_evidence_entry(case, i) for i in evidence]),
        ]),
    )
    return CaseBundle(
        spec,
        case.case_id,
        register_file,
        f"breach file for {event.id} (term {term.number})",
        tuple(_history_warnings_without_letters(case, position, issued)),
        tuple(i.title for i in about if is_sensitive(case, i)),
    )


@dataclass(frozen=True)
class _BreachDocuments:
    """The issued documents a breach file takes from the register."""

    order: IssuedDocument | None
    acknowledgement: IssuedDocument | None
    mg5: IssuedDocument
    warnings: list[IssuedDocument]

    def all(self) -> list[IssuedDocument]:
        return [d for d in (self.order, self.acknowledgement, self.mg5, *self.warnings) if d is not None]


def _breach_file(case: Case, event: Event) -> BreachFile:
    at, source = f"history.{case.history.index(event)}", str(case.source or "")
    problems = []
    if event.type not in ("breach", "non_compliance"):
        problems.append(Problem(source, f"{at}.type", f"is '{event.type}'; a breach file is about a breach or non_compliance event"))
    if event.sensitive:
        problems.append(Problem(source, f"{at}.sensitive", "a sensitive event cannot be the subject of a breach file, which may go to the defence"))
    if event.term is None:
        problems.append(Problem(source, f"{at}.term", "a breach file needs the term breached"))
    files = [f for f in case.breach_files if f.event == event.id]
    if not files:
        problems.append(Problem(source, "breach_files", f"no breach file names the event {event.id}"))
    if problems:
        raise DocgenError(problems)
    return files[0]


def _disclosable(case: Case, item: EvidenceFile | None) -> EvidenceFile | None:
    return None if item is None or is_sensitive(case, item) else item


def _breach_documents(
    case: Case,
    reg: Register,
    event: Event,
    order_exhibit: str,
    newest: Sequence[IssuedDocument],
    certified: EvidenceFile | None,
    proof: EvidenceFile | None,
) -> _BreachDocuments:
    """Pick the order, proof of notice, MG5 and earlier warnings; say what is missing."""

    def latest(kind: str, event_id: str | None = None) -> IssuedDocument | None:
        found = [d for d in newest if d.kind == kind and d.event_id == event_id]
        return found[-1] if found else None

    where, source = str(reg.path), str(case.source or "")
    problems = []
    mg5 = latest("mg5", event.id)
    if mg5 is None:
        problems.append(Problem(where, "mg5", f"no MG5 for {event.id} has been issued; issue one first: "
                                f"docgen render mg5 CASE --event {event.id} --issue --reason ..."))  # fmt: skip
    order = None if certified is not None else latest("draft-order")
    if certified is None and order is None:
        problems.append(Problem(where, "draft-order", "no evidence file is the certified copy of the order (exhibit "
                                f"'{order_exhibit}') and no draft order has been issued; list the copy under "
                                "evidence_files, or issue the draft order: docgen render draft-order CASE --issue "
                                "--reason ..."))  # fmt: skip
    notice, acknowledgement = case.order.notice, None
    if notice is None:
        problems.append(Problem(source, "order.notice", "a breach file must show how the subject knew the terms"))
    elif proof is None and notice.how != "represented":
        acknowledgement = latest("release-acknowledgement") if notice.how == "acknowledged" else None
        if acknowledgement is None:
            problems.append(Problem(source, "order.notice.exhibit", f"no evidence file carries the exhibit "
                                    f"'{notice.exhibit}' (the proof of notice) and no release-day acknowledgement has "
                                    "been issued; list the proof under evidence_files, or issue the acknowledgement: "
                                    "docgen render release-acknowledgement CASE --issue --reason ..."))  # fmt: skip
    if problems:
        raise DocgenError(problems)
    assert mg5 is not None
    earlier = {e.id: i for i, e in enumerate(case.history[: case.history.index(event)])}
    warnings = sorted(
        (d for d in newest if d.kind == "warning-letter" and d.event_id in earlier),
        key=lambda d: (earlier[d.event_id or ""], d.seq),
    )
    return _BreachDocuments(order, acknowledgement, mg5, warnings)


# ---------------------------------------------------------------------- building


def build_case_bundle(
    gathered: CaseBundle,
    out: str | Path,
    *,
    by: str | None = None,
    force: bool = False,
    max_size_mb: float | None = None,
    progress: Progress | None = None,
    ocr: bool | None = None,
    pdfa: bool = False,
) -> BuildReport:
    """Build a gathered bundle and log in the register who produced it, when and why."""
    user = current_user(by)
    report = build_bundle(gathered.spec, out, force=force, max_size_mb=max_size_mb, progress=progress, ocr=ocr, pdfa=pdfa,
                          attachments=gathered.attachments)  # fmt: skip
    files = ", ".join(v.path.name for v in report.volumes)
    with Register.open(gathered.register) as reg:
        reg.note(user=user, action="bundle", case_id=gathered.case_id, reason=f"{gathered.purpose}: {files}")
    return report


def default_out(case_id: str, what: str, event_id: str | None) -> Path:
    """``out/<CASE>-<what>[-<EVENT>].pdf``, with any character unsafe in a file name replaced."""
    stem = "-".join(p for p in (case_id, what, event_id) if p)
    return Path("out") / f"{re.sub(r'[^A-Za-z0-9._-]', '_', stem)}.pdf"
