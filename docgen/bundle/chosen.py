"""A bundle of documents the user picks and orders: issued documents from the register and
the case's evidence files, in exactly the order given, as one section.

The transfer pack and breach file choose and order their own contents; this is for
everything else an officer hands over (a bundle for a review, a disclosure to the CPS).
Every issued file is checked against the register's SHA-256 and every evidence file is
checked to lie inside the case's folders, as the packs check them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..errors import DocgenError, Problem
from ..pipeline import load_inputs
from .from_case import (
    CaseBundle,
    _evidence_entry,
    _issued_entry,
    _open_register,
    _prepared_by,
    _subject_name,
    check_evidence_files,
    check_issued_files,
    is_sensitive,
)
from .profiles import DEFAULT_PROFILE
from .spec import BundleSpec, SectionSpec

ISSUED, EVIDENCE = "issued", "evidence"


def chosen_bundle(
    case_path: str | Path,
    items: Sequence[tuple[str, str]],
    *,
    register: Path | None = None,
    title: str = "",
    house_style: Path | None = None,
    profile: str = DEFAULT_PROFILE,
) -> CaseBundle:
    """``items`` are ``("issued", reference)`` or ``("evidence", file as the case names it)``,
    in the order they go into the bundle."""
    case, house = load_inputs(Path(case_path), house_style)
    if not items:
        raise DocgenError("choose at least one issued document or evidence file", file=case_path, field="documents")
    evidence = {str(item.file): item for item in case.evidence_files}
    problems = [
        Problem(str(case_path), "evidence_files", f"the case lists no evidence file '{key}'")
        for what, key in items if what == EVIDENCE and key not in evidence
    ]
    problems += [Problem(str(case_path), "documents", f"'{what}' is not issued or evidence") for what, _ in items if what not in (ISSUED, EVIDENCE)]
    with _open_register(Path(case_path), register) as reg:
        documents = {}
        for what, key in items:
            if what == ISSUED:
                doc = reg.document(key)
                if doc is None or doc.case_id != case.case_id:
                    problems.append(Problem(str(reg.path), key, f"is not a document issued for case {case.case_id}"))
                else:
                    documents[key] = doc
        if problems:
            raise DocgenError(problems)
        check_issued_files(reg, documents.values())
        chosen = [evidence[key] for what, key in items if what == EVIDENCE]
        check_evidence_files(case, chosen)
        entries = [
            _issued_entry(reg, case, documents[key]) if what == ISSUED else _evidence_entry(case, evidence[key])
            for what, key in items
        ]
        register_file = reg.path
    spec = BundleSpec(
        title=title.strip() or f"Bundle: {case.case_id}",
        case=f"Serious Crime Prevention Order: {_subject_name(case)}",
        reference=case.case_id,
        prepared_by=_prepared_by(house),
        profile=profile,
        marking=house.marking,
        sections=[SectionSpec(title="Documents", documents=entries)],
    )
    purpose = f"bundle of {len(entries)} chosen documents ({', '.join(key for _, key in items)})"
    if any(is_sensitive(case, item) for item in chosen):
        purpose += ", sensitive evidence included on request"
    return CaseBundle(spec, case.case_id, register_file, purpose)
