"""Issuing: render a document with a reference from the register, write it, record it.

The reference is handed out, the document rendered, its files written under temporary
names and its row recorded inside one register transaction that holds the write lock;
only after the commit do the files get their real names. So a crash at any step leaves
either nothing recorded (and only temporary files, which the retry overwrites or
``register recover`` removes) or a recorded document whose files ``register recover``
finishes. No file ever carries a reference the register does not hold. The steps are
named in ``register/faults.py`` so tests can stop the process at each one.

It lives beside the pipeline, not inside ``register/``: issuing renders, writes and
records, while the register package only stores.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .case import Case
from .errors import DocgenError, Problem
from .i18n import refuse_unreviewed
from .law import shipped_law
from .output import promote, write_temporary
from .pipeline import build_context, load_inputs, render
from .register import faults
from .register.approval import refuse_unless_authorised
from .register.forces import shipped_forces
from .register.recover import Leftover
from .register.recover import find as find_leftovers
from .register.references import Numbering, file_stem, format_reference
from .register.store import IssuedDocument, NewDocument, Register, utc_now
from .register.welsh import reviewed_versions
from .register.where import current_user, register_path
from .render import KindInfo, Options, get_kind, template_dirs
from .writers import FORMATS


@dataclass(frozen=True)
class Issued:
    """An issued document and the files written for it."""

    document: IssuedDocument
    paths: tuple[Path, ...]
    leftovers: tuple[Leftover, ...] = ()  # found in the output folder before issuing (see recover.py)


def template_fingerprint(kind: KindInfo, dirs: Sequence[Path]) -> str:
    """SHA-256 over the kind's template and every shared partial it may draw on."""
    digest = hashlib.sha256()
    partials = sorted({p.name: p for d in reversed(list(dirs)) if d.is_dir() for p in d.glob("_*.j2")}.items())
    for name, path in [(kind.path.name, kind.path), *partials]:
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def clause_versions(case: Case) -> tuple[str, ...]:
    """``CODE@version`` of every clause the case's terms are drawn from."""
    if not case.terms:
        return ()
    from .conditions import shipped_library

    library = shipped_library()
    found = []
    for term in case.terms:
        clause = library.for_term(term)
        found.append(f"{clause.code}@{clause.version}")
    return tuple(found)


def issue(
    case_path: Path,
    kind_name: str,
    *,
    reason: str,
    out_dir: Path,
    by: str | None = None,
    register: Path | None = None,
    event_id: str | None = None,
    options: Options = Options(),
    formats: tuple[str, ...] = FORMATS,
    templates: Path | None = None,
    house_style: Path | None = None,
    now: dt.datetime | None = None,
) -> Issued:
    """Issue one document: reference from the register, files written, row recorded."""
    if not reason or not reason.strip():
        raise DocgenError("issuing needs a reason (why the document is produced): pass --reason TEXT", field="--reason")
    if options.draft:
        raise DocgenError("a draft cannot be issued: drop --draft, or render a draft without --issue", field="--draft")
    if options.reference:
        raise DocgenError("an issued document takes its reference from the register: drop --reference", field="--reference")
    user = current_user(by)
    case, house = load_inputs(Path(case_path), house_style)
    dirs = template_dirs(templates or house.templates)
    kind = get_kind(kind_name, dirs)
    settings = shipped_forces().settings_for(case.managing_force)
    now = now or utc_now()
    out_dir = Path(out_dir)
    temporary: dict[Path, Path] = {}  # real name -> temporary name
    with Register.open(register_path(register, [Path(case_path)]), create=True) as reg:
        leftovers = tuple(find_leftovers(reg, [out_dir]))
        reg.remember_folder(out_dir, now)
        try:
            with reg.writing():
                refuse_unless_authorised(reg, case.case_id, kind.name, case_path)
                row = reg.refresh_case(case, now)
                seq, version = reg.numbering(case.case_id, kind.name, event_id)
                extra = {**options.extra, "issued": tuple(reg.issued(case.case_id)), "case_row": row}
                extra["welsh_reviews"] = reviewed_versions(reg)
                probe = build_context(case, house, kind, dataclasses.replace(options, extra=extra), event_id)
                reference = format_reference(
                    settings.reference_pattern,
                    Numbering(case.managing_force, probe["doc"]["date"].year, row.case_no, case.case_id, kind.abbrev, seq, version),
                )
                if reg.reference_taken(reference):
                    raise DocgenError(
                        f"the reference pattern gave '{reference}', which is already issued; the force's "
                        "reference_pattern cannot tell these documents apart",
                        field="reference_pattern",
                    )
                faults.reached("numbered")
                final = dataclasses.replace(options, reference=reference, version=version, preview=False, extra=extra)
                rendered = render(case, house, kind.name, event_id=event_id, options=final, formats=formats, templates=templates)
                refuse_unreviewed(rendered.welsh, kind.name, str(case_path))
                faults.reached("rendered")
                files = {out_dir / f"{file_stem(reference)}.{fmt}": data for fmt, data in rendered.files.items()}
                _refuse_unrecorded(files, reference)
                for path, data in files.items():
                    # Under the write lock, with the reference unrecorded, a temporary file of the
                    # same name can only be left over from a crash: it is overwritten.
                    temporary[path] = write_temporary(path, data)
                    faults.reached("first-file-written")
                faults.reached("files-written")
                document = reg.record_issue(
                    NewDocument(
                        reference=reference,
                        case_id=case.case_id,
                        kind=kind.name,
                        event_id=event_id,
                        seq=seq,
                        version=version,
                        document_date=rendered.meta.date,
                        template=kind.template,
                        template_sha256=template_fingerprint(kind, dirs),
                        clauses=clause_versions(case),
                        law_version=shipped_law().version,
                        docgen_version=__version__,
                        record=dict(rendered.record),
                        generated_by=user,
                        reason=reason.strip(),
                        files=tuple(
                            (path.suffix[1:], path, hashlib.sha256(data).hexdigest(), len(data))
                            for path, data in files.items()
                        ),
                    ),
                    now=now,
                )
                faults.reached("recorded")
        except BaseException:
            for path in temporary.values():  # nothing recorded, so nothing may stay on disk
                path.unlink(missing_ok=True)
            raise
        faults.reached("committed")
        try:
            for path, tmp in temporary.items():
                promote(tmp, path)
                faults.reached("first-file-named")
        except DocgenError as exc:
            raise DocgenError(
                [
                    *exc.problems,
                    Problem(
                        str(reg.path), reference,
                        "the document is issued and recorded, but its files could not all be given their real "
                        "names; `docgen register recover` finishes them",
                    ),
                ]
            ) from None
        faults.reached("files-named")
    return Issued(document, tuple(temporary), leftovers)


def _refuse_unrecorded(files: dict[Path, bytes], reference: str) -> None:
    """A file already holding this unrecorded reference's name is not an issued document."""
    taken = [path for path in files if path.exists() or path.is_symlink()]
    if taken:
        raise DocgenError(
            [
                Problem(
                    str(path), "reference",
                    f"a file named for '{reference}' is already here, but the register never recorded that "
                    "reference (left by an interrupted issue, or copied in); `docgen register recover "
                    f"--out {path.parent}` removes it",
                )
                for path in taken
            ]
        )
