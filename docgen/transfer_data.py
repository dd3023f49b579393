"""The case data a transfer pack carries, so the receiving force need not re-key the case.

It goes into the pack as the embedded file ``case-data.json``, listed in the pack's
manifest with its SHA-256 (:mod:`docgen.bundle.seal`), and ``docgen case import`` turns
it back into a case file for the receiving force (:mod:`docgen.case_import`).

What is carried: the subject, convictions, order, every term with its clause code, the
clause version it was drafted on (pinned, even where the case file left it to the
newest), its parameters and justification, the application, variation, probation and
licence details, other orders, the non-sensitive risk summary, the moves, the
start-of-order record and the history; every document the register issued for the
case, with its reference, version, date and each file's name and SHA-256, marked when
its file is one of the pack's documents; and the pack's contents as its transfer letter
lists them (``pack``: enclosed, not enclosed with why, the count of sensitive files kept
back).

What is never carried (the sending force keeps it; the count of what was left out is
recorded, never its content):

- history events marked ``sensitive`` (intelligence, covert tactics), and any pointer to
  them from another event (``refers_to``) or from a breach file's interview;
- a risk assessment marked ``sensitive``;
- breach-file exhibits and witnesses marked ``sensitive``, and a breach file about a
  withheld event or left with no exhibit;
- the evidence-file list: it names files on the sending force's disk. The evidence that
  may travel is in the pack as documents; sensitive files are kept back (counted under
  ``withheld``); ``evidence`` counts both the files in the pack and those the letter names
  as not enclosed;
- the offender manager (the receiving force names its own) and the closure record (the
  order is not closing).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from .case import Case, Transfer
from .register.store import IssuedDocument

NAME = "case-data.json"
FORMAT = "docgen-transfer-case"
VERSION = 1
DESCRIPTION = "Case data for the receiving force (docgen case import)"


def case_data(
    case: Case,
    move: Transfer,
    issued: Sequence[IssuedDocument],
    in_pack: Collection[str],
    *,
    library: Any = None,
    contents: Any = None,
) -> dict[str, Any]:
    """The data to embed: the case without what is sensitive, and the register's issued documents.

    ``in_pack`` holds the references of the issued documents whose file is in the pack;
    ``contents`` is the pack's plan (:mod:`docgen.kinds.transfer_letter.pack`), carried as
    ``pack`` so the data lists the documents the letter and the index list, and what the
    letter names as not enclosed, with why.
    """
    from .conditions import shipped_library
    from .kinds.transfer_letter.pack import is_sensitive

    library = library or shipped_library()
    data = case.model_dump(mode="json", exclude_defaults=True)
    withheld: dict[str, int] = {}
    sensitive = {e.id for e in case.history if e.sensitive}
    data["history"] = [_without_refs(e, sensitive) for e in data.get("history", []) if e["id"] not in sensitive]
    withheld["history events"] = len(sensitive)
    if case.risk is not None and case.risk.sensitive:
        data.pop("risk", None)
        withheld["risk assessment"] = 1
    files, dropped = _breach_files(data.get("breach_files", []), sensitive)
    if files:
        data["breach_files"] = files
    else:
        data.pop("breach_files", None)
    withheld["breach-file entries"] = dropped
    data.pop("evidence_files", None)
    kept_back = sum(1 for item in case.evidence_files if is_sensitive(case, item))
    withheld["sensitive evidence files"] = kept_back
    data.pop("offender_manager", None)
    data.pop("closure", None)
    data.pop("document_date", None)
    for term, model in zip(data.get("terms", []), case.terms):
        term["version"] = library.get(model.clause, version=model.version).version
    out = {
        "format": FORMAT,
        "version": VERSION,
        "case_id": case.case_id,
        "from_force": case.managing_force,
        "transfer": {"event": move.event, "to_force": move.to_force, "moving_on": move.moving_on.isoformat()},
        "withheld": {k: v for k, v in withheld.items() if v},
        "case": data,
        "issued": [_issued(doc, doc.reference in in_pack) for doc in issued],
    }
    if contents is not None:
        out["pack"] = _pack(contents)
        # the rest of the evidence list: in the pack as documents, or named as not enclosed
        sent = sum(1 for item in contents.enclosed if item.evidence is not None)
        out["evidence"] = {"in_pack": sent, "not_enclosed": len(case.evidence_files) - kept_back - sent}
    return out


def _pack(contents: Any) -> dict[str, Any]:
    """The pack as its letter lists it: enclosures in order, then what is not enclosed."""
    enclosed = []
    for item in contents.enclosed:
        entry = {"what": item.what, "section": item.section}
        if item.document is not None:
            entry["reference"] = item.document.reference
        elif item.evidence is not None and item.evidence.exhibit:
            entry["exhibit"] = item.evidence.exhibit
        if item.date is not None:
            entry["date"] = item.date.isoformat()
        enclosed.append(entry)
    return {
        "enclosed": enclosed,
        "not_enclosed": [{"what": o.what, "why": o.why} for o in contents.omitted],
        "sensitive_kept_back": len(contents.withheld),
    }


def _without_refs(event: dict[str, Any], withheld: set[str]) -> dict[str, Any]:
    refs = [r for r in event.get("refers_to", []) if r not in withheld]
    out = {k: v for k, v in event.items() if k != "refers_to"}
    if refs:
        out["refers_to"] = refs
    return out


def _breach_files(files: list[dict[str, Any]], withheld: set[str]) -> tuple[list[dict[str, Any]], int]:
    kept, dropped = [], 0
    for file in files:
        if file["event"] in withheld:
            dropped += 1 + len(file.get("evidence", [])) + len(file.get("witnesses", []))
            continue
        file = dict(file)
        for key in ("evidence", "witnesses"):
            items = file.get(key, [])
            clean = [i for i in items if not i.get("sensitive")]
            dropped += len(items) - len(clean)
            if clean:
                file[key] = clean
            else:
                file.pop(key, None)
        if file.get("interview") in withheld:
            file.pop("interview")
        if not file.get("evidence"):
            dropped += 1
            continue
        kept.append(file)
    return kept, dropped


def _issued(doc: IssuedDocument, in_pack: bool) -> dict[str, Any]:
    return {
        "reference": doc.reference,
        "kind": doc.kind,
        "version": doc.version,
        "event": doc.event_id,
        "document_date": doc.document_date.isoformat(),
        "clauses": list(doc.clauses),
        "files": [{"format": f.format, "name": Path(f.path).name, "sha256": f.sha256, "bytes": f.bytes} for f in doc.files],
        "in_pack": in_pack,
    }


def to_bytes(data: dict[str, Any]) -> bytes:
    """The same data always gives the same bytes."""
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
