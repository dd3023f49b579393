"""Preview, issue, download and packs: the pipeline's and the register's own calls, shown in words."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from ..errors import DocgenError
from ..register import Register
from . import approval, security
from .base import Refused, case_entry, in_words, note, page, posted_form, signed_in, state_of
from .caseload import Entry


def _document_request(request: Request, entry: Entry, values: dict[str, str]) -> tuple[str, str | None, Any]:
    """The kind, event and options a preview or issue form asks for, checked."""
    from ..render import Options

    kind = values.get("kind", "").strip()
    if not kind:
        raise Refused(400, "Choose a document", "Choose which kind of document to produce.")
    event = values.get("event", "").strip() or None
    date_text = values.get("date", "").strip()
    try:
        date = dt.date.fromisoformat(date_text) if date_text else None
    except ValueError:
        raise Refused(400, "The date is not right", f"'{date_text}' is not a date in the form YYYY-MM-DD.") from None
    return kind, event, Options(date=date)


async def preview(request: Request) -> Response:
    """The document as it would print, marked PREVIEW on every page, shown in the browser."""
    from dataclasses import replace

    from ..pipeline import load_inputs, render
    from ..register.where import register_extra

    user = signed_in(request)
    entry = case_entry(request, user)
    kind, event, options = _document_request(request, entry, dict(request.query_params))
    try:
        case, house = load_inputs(entry.path)
        options = replace(options, extra={**options.extra, **register_extra(entry.path, state_of(request).config.register)})
        rendered = render(case, house, kind, event_id=event, options=options, formats=("pdf",))
    except DocgenError as exc:
        raise Refused(400, "This document cannot be produced", in_words(exc)) from None
    note(request, user, "preview", entry.case_id, f"{kind} previewed in the workbench")
    return Response(
        rendered.files["pdf"], media_type="application/pdf", headers={
            **security.PDF_HEADERS, "Content-Disposition": f'inline; filename="{rendered.stem}-preview.pdf"'},
    )


async def issue_form(request: Request) -> Response:
    user = signed_in(request)
    entry = case_entry(request, user)
    kind, event, options = _document_request(request, entry, dict(request.query_params))
    return page(request, "issue.html", entry=entry, kind=kind, event=event or "",
                 date=options.date.isoformat() if options.date else "", errors=[])


async def issue(request: Request) -> Response:
    """Issue as ``docgen render --issue`` does: the same library call, the same record."""
    from ..issuing import issue as issue_document

    user = signed_in(request)
    entry = case_entry(request, user)
    form = await posted_form(request)
    kind, event, options = _document_request(request, entry, form)
    reason = form.get("reason", "").strip()
    again = {"entry": entry, "kind": kind, "event": event or "", "date": form.get("date", "")}
    if not reason:
        return page(request, "issue.html", 400, **again,
                     errors=[("reason", "Say why the document is issued: the register keeps the reason.")])
    if kind in approval.GATED_KINDS:
        state = approval.approval_of(state_of(request).config.register, entry.case_id).state
        if state != "authorised":
            return page(request, "issue.html", 400, **again, reason=reason, errors=[(
                "", f"The application is {state}: it can be issued only once the CPS's authority is recorded "
                    "in its approval (reviewed by a supervisor, sent to the CPS, authorised).")])
    try:
        issued = issue_document(
            entry.path, kind, reason=reason, out_dir=state_of(request).config.out, by=user.name,
            register=state_of(request).config.register, event_id=event, options=options,
        )
    except DocgenError as exc:
        return page(request, "issue.html", 400, **again, reason=reason,
                     errors=[("", m) for m in in_words(exc)])
    return RedirectResponse(f"/cases/{entry.case_id}?issued={issued.document.reference}", status_code=303)


async def download(request: Request) -> Response:
    """An issued file, by its reference and format; logged as a disclosure."""
    user = signed_in(request)
    entry = case_entry(request, user)
    reference, fmt = request.query_params.get("reference", ""), request.query_params.get("format", "")
    with Register.open(state_of(request).config.register, create=True) as reg:
        document = reg.document(reference)
        if document is None or document.case_id != entry.case_id:
            raise Refused(404, "Document not found", "This case has no issued document with that reference.")
        files = {f.format: reg.resolve(f.path) for f in document.files}
    if fmt not in files or not files[fmt].is_file():
        raise Refused(404, "File not found", f"The {fmt or 'requested'} file of {reference} is not in its output folder; `docgen register verify` reports on every issued file.")
    note(request, user, "download", entry.case_id, f"issued {fmt} downloaded in the workbench", reference)
    media = "application/pdf" if fmt == "pdf" else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    name = files[fmt].name
    return Response(files[fmt].read_bytes(), media_type=media, headers={
        **security.PDF_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'})


PACKS = {"transfer": "transfer pack", "breach": "breach file"}


def _packs_dir(request: Request) -> Path:
    return Path(state_of(request).config.out) / "bundles"


async def build_pack(request: Request) -> Response:
    """A transfer pack or breach file from the register's issued documents, as ``docgen
    bundle transfer|breach`` builds it, then its verify report and a download link."""
    from ..bundle import verify_bundle
    from ..bundle.from_case import breach_bundle, build_case_bundle, default_out, transfer_bundle

    user = signed_in(request)
    entry = case_entry(request, user)
    form = await posted_form(request)
    what, event = form.get("what", ""), form.get("event", "").strip() or None
    if what not in PACKS:
        raise Refused(400, "Choose a pack", "Choose a transfer pack or a breach file.")
    if what == "breach" and event is None:
        raise Refused(400, "Choose the breach", "A breach file is about one breach: choose its history event.")
    register = state_of(request).config.register
    try:
        if what == "transfer":
            gathered = transfer_bundle(entry.path, register=register, event_id=event)
        else:
            gathered = breach_bundle(entry.path, event_id=event, register=register)
        out = _packs_dir(request) / default_out(entry.case_id, what, event).name
        out.parent.mkdir(parents=True, exist_ok=True)
        report = build_case_bundle(gathered, out, by=user.name, force=True)  # a pack is rebuilt, never issued
    except DocgenError as exc:
        raise Refused(400, f"The {PACKS[what]} cannot be built", in_words(exc)) from None
    checks = [(v.path.name, verify_bundle(v.path)) for v in report.volumes]
    return page(request, "pack.html", entry=entry, what=PACKS[what], report=report, checks=checks,
                 withheld=gathered.withheld, warnings=[*gathered.warnings, *report.warnings])


async def download_pack(request: Request) -> Response:
    user = signed_in(request)
    entry = case_entry(request, user)
    name = request.query_params.get("file", "")
    path = _packs_dir(request) / name
    pattern = re.compile(rf"^{re.escape(entry.case_id)}-(transfer|breach)[A-Za-z0-9._-]*\.pdf$")
    if not pattern.match(name) or "/" in name or not path.is_file():
        raise Refused(404, "Pack not found", "There is no built pack of that name for this case; build it again.")
    note(request, user, "download", entry.case_id, f"pack {name} downloaded in the workbench")
    return Response(path.read_bytes(), media_type="application/pdf", headers={
        **security.PDF_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'})
