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
from . import security
from .base import Refused, case_entry, in_words, issued_for, note, page, posted_form, signed_in, state_of
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
    pattern = re.compile(rf"^{re.escape(entry.case_id)}-(transfer|breach|bundle)[A-Za-z0-9._-]*\.pdf$")
    if not pattern.match(name) or "/" in name or not path.is_file():
        raise Refused(404, "Pack not found", "There is no built pack of that name for this case; build it again.")
    note(request, user, "download", entry.case_id, f"pack {name} downloaded in the workbench")
    return Response(path.read_bytes(), media_type="application/pdf", headers={
        **security.PDF_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'})


# ---------------------------------------------------------------------- a bundle of chosen documents


def _bundle_rows(request: Request, entry: Entry) -> list[dict[str, Any]]:
    """What may go into a bundle: the newest version of each issued document, then the evidence files."""
    from ..bundle.from_case import is_sensitive, newest_versions

    rows = []
    for d in newest_versions(issued_for(request, entry.case_id)):
        title = f"{d.reference}: {d.kind.replace('-', ' ')}"
        detail = f"dated {d.document_date.isoformat()}" + (f", version {d.version}" if d.version > 1 else "")
        rows.append({"key": f"issued:{d.reference}", "title": title, "what": title, "detail": detail, "sensitive": False})
    case = entry.case
    for x in case.evidence_files if case is not None else []:
        detail = ", ".join(p for p in (f"exhibit {x.exhibit}" if x.exhibit else "", x.date.isoformat() if x.date else "", str(x.file)) if p)
        rows.append({"key": f"evidence:{x.file}", "title": str(x.title), "what": f"Evidence: {x.title}", "detail": detail,
                     "sensitive": is_sensitive(case, x)})
    return rows


async def bundle_form(request: Request) -> Response:
    user = signed_in(request)
    entry = case_entry(request, user)
    rows = _bundle_rows(request, entry)
    for i, row in enumerate(rows, 1):
        row.update(position=str(i), picked=row["key"].startswith("issued:"), error="")
    return page(request, "bundle.html", entry=entry, rows=rows, title=f"Bundle: {entry.case_id}", errors=[])


async def bundle(request: Request) -> Response:
    """Reorder the rows (by position numbers or one step up or down), or build the chosen rows
    in order, verify the result and offer it for download."""
    from ..bundle import verify_bundle
    from ..bundle.chosen import chosen_bundle
    from ..bundle.from_case import build_case_bundle, default_out

    user = signed_in(request)
    entry = case_entry(request, user)
    form = await posted_form(request)
    raw = await request.form()
    known = {row["key"]: row for row in _bundle_rows(request, entry)}
    keys = [k for k in raw.getlist("item") if isinstance(k, str) and k in known]
    picked = {k for k in raw.getlist("pick") if isinstance(k, str)}
    title = form.get("title", "")
    rows, errors = [], []
    for i, key in enumerate(keys):
        text = form.get(f"pos-{i}", "").strip()
        row = {**known[key], "picked": key in picked, "position": text, "error": ""}
        if not text.isdigit() or int(text) < 1:
            row["error"] = "Enter the position as a whole number, 1 or more"
            errors.append((f"pos-{i}", f"Position of {row['title']}: enter a whole number, 1 or more"))
        rows.append((int(text) if text.isdigit() else i + 1, i, row))
    ranked = sorted(rows, key=lambda r: (r[0], r[1]))  # by position; ties keep the rows' order
    ordered = [row for _, _, row in ranked]
    where, _, index = form.get("move", "").partition("-")
    if where in ("up", "down") and not errors:
        i = next((n for n, (_, original, _) in enumerate(ranked) if str(original) == index), None)
        j = None if i is None else (i - 1 if where == "up" else i + 1)
        if i is not None and j is not None and 0 <= j < len(ordered):
            ordered[i], ordered[j] = ordered[j], ordered[i]
    if not errors:
        for n, row in enumerate(ordered, 1):
            row["position"] = str(n)
    context = {"entry": entry, "rows": ordered if not errors else [r for _, _, r in rows], "title": title}
    if errors or where or form.get("action") != "build":
        return page(request, "bundle.html", 400 if errors else 200, **context, errors=errors)
    items = [tuple(row["key"].split(":", 1)) for row in ordered if row["picked"]]
    if not items:
        return page(request, "bundle.html", 400, **context, errors=[("pick-0", "Tick at least one document to bundle")])
    try:
        gathered = chosen_bundle(entry.path, items, register=state_of(request).config.register, title=title)
        out = _packs_dir(request) / default_out(entry.case_id, "bundle", None).name
        out.parent.mkdir(parents=True, exist_ok=True)
        report = build_case_bundle(gathered, out, by=user.name, force=True)  # rebuilt on demand, never issued
    except DocgenError as exc:
        return page(request, "bundle.html", 400, **context, errors=[("", m) for m in in_words(exc)])
    checks = [(v.path.name, verify_bundle(v.path)) for v in report.volumes]
    return page(request, "pack.html", entry=entry, what="bundle", report=report, checks=checks,
                 withheld=(), warnings=list(report.warnings))
