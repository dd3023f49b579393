"""The workbench's pages: a thin shell over the same library calls the CLI makes.

Every rule (validation, the order's state, lint, the state and timeline checks on a
document, issuing and its register record) is the library's; this module only reads
forms, checks who is asking, calls the library and shows the answer. A user sees only
the cases of their teams; a case they may not see answers exactly as a case that does not
exist. Each view of a case and each document shown or downloaded is logged in the
register through its public ``note``; the server's own log never carries case data.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from ..errors import DocgenError
from ..register import Register
from . import approval, editing, security
from .caseload import CaseFolder, Entry, caseload
from .users import ROLES, User, authenticate, load_users

log = logging.getLogger("docgen.web")
HERE = Path(__file__).parent


@dataclass
class Config:
    """Where the workbench reads and writes, and the day it treats as today."""

    cases: Path
    register: Path
    users: Path
    out: Path
    secure_cookies: bool = False  # set when served over TLS (see docs/deploying.md)
    today: Callable[[], dt.date] = dt.date.today
    login_limit: int = 5


@dataclass
class State:
    config: Config
    folder: CaseFolder
    sessions: security.Sessions = field(default_factory=security.Sessions)
    # lint findings by the case file's SHA-256: the same file with the same library lints the same
    findings: dict[str, list[Any]] = field(default_factory=dict)
    limiter: security.RateLimit = field(default_factory=security.RateLimit)


_env = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
    extensions=["jinja2.ext.loopcontrols"],
)


class Refused(Exception):
    """A request the workbench answers with a page that says why, in words."""

    def __init__(self, status: int, title: str, message: str | list[str]):
        super().__init__(title)
        self.status, self.title = status, title
        self.messages = [message] if isinstance(message, str) else list(message)


# ---------------------------------------------------------------------- plumbing


def _state(request: Request) -> State:
    return request.app.state.workbench


def _page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    session = getattr(request.state, "session", None)
    html = _env.get_template(template).render(
        user=getattr(request.state, "user", None), csrf=session.csrf if session else "", **context
    )
    return HTMLResponse(html, status_code=status)


def _user(request: Request) -> User:
    """The signed-in user; anyone else is sent to the sign-in page."""
    st = _state(request)
    session = st.sessions.get(request.cookies.get(security.SESSION_COOKIE))
    request.state.session = session
    if session is None or session.user is None:
        raise _SignIn()
    user = load_users(st.config.users).get(session.user)
    if user is None:  # the account was removed while signed in
        raise _SignIn()
    request.state.user = user
    return user


class _SignIn(Exception):
    pass


async def _form(request: Request) -> dict[str, str]:
    """The posted form, refused unless it carries this session's CSRF token."""
    form = await request.form()
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    if not security.csrf_ok(getattr(request.state, "session", None), values.get("csrf")):
        raise Refused(403, "This form has expired", "The form was missing its security token or it did not match your session. Go back, reload the page and try again.")
    return values


def _entry(request: Request, user: User) -> Entry:
    """The case named in the path, if this user's teams may see it; else not found."""
    case_id = request.path_params["case_id"]
    entry = _state(request).folder.find(case_id)
    if entry is None or not user.may_see(entry.force):
        raise Refused(404, "Case not found", "There is no case with that id among your teams' cases.")
    return entry


def _note(request: Request, user: User, action: str, case_id: str | None, reason: str, reference: str | None = None) -> None:
    """One line in the register's log (who, when, what, why): DPA 2018 s.62."""
    with Register.open(_state(request).config.register, create=True) as reg:
        reg.note(user=user.name, action=action, case_id=case_id, reason=reason, reference=reference)


def _issued(request: Request, case_id: str) -> list[Any]:
    path = _state(request).config.register
    if not Path(path).is_file():
        return []
    with Register.open(path) as reg:
        return reg.issued(case_id)


def _problems(exc: DocgenError) -> list[str]:
    """A refusal in words, without this machine's paths."""
    return [f"{p.field}: {p.message}" if p.field else p.message for p in exc.problems]


# ---------------------------------------------------------------------- sign in / out


async def login_form(request: Request) -> Response:
    st = _state(request)
    session = st.sessions.get(request.cookies.get(security.SESSION_COOKIE))
    if session is not None and session.user is not None:
        return RedirectResponse("/", status_code=303)
    fresh = session is None
    if fresh:
        sid, session = st.sessions.new()
    request.state.session = session
    response = _page(request, "login.html", errors=[], name="")
    if fresh:
        _set_cookie(request, response, sid)
    return response


async def login(request: Request) -> Response:
    st = _state(request)
    session = st.sessions.get(request.cookies.get(security.SESSION_COOKIE))
    request.state.session = session
    form = await _form(request)
    name = form.get("name", "").strip().lower()
    client = f"ip:{request.client.host if request.client else '-'}"
    if st.limiter.blocked(f"user:{name}", client):
        return _page(request, "login.html", 429, name=name,
                     errors=["Too many failed sign-in attempts. Wait 15 minutes and try again, or ask an administrator to reset your password."])
    user = authenticate(load_users(st.config.users), name, form.get("password", ""))
    if user is None:
        st.limiter.failed(f"user:{name}", client)
        return _page(request, "login.html", 401, name=name, errors=["The user name or password is not right."])
    st.limiter.succeeded(f"user:{name}")
    st.sessions.end(request.cookies.get(security.SESSION_COOKIE))  # a new id at sign-in: no fixation
    sid, _ = st.sessions.new(user.name)
    response = RedirectResponse("/", status_code=303)
    _set_cookie(request, response, sid)
    return response


async def logout(request: Request) -> Response:
    _user(request)
    await _form(request)
    _state(request).sessions.end(request.cookies.get(security.SESSION_COOKIE))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(security.SESSION_COOKIE, path="/", httponly=True, samesite="strict")
    return response


def _set_cookie(request: Request, response: Response, sid: str) -> None:
    response.set_cookie(
        security.SESSION_COOKIE, sid, path="/", httponly=True, samesite="strict",
        secure=_state(request).config.secure_cookies,
    )


# ---------------------------------------------------------------------- pages


async def home(request: Request) -> Response:
    user = _user(request)
    st = _state(request)
    today = st.config.today()
    entries = [e for e in st.folder.entries() if user.may_see(e.force)]
    load = caseload(entries, today)
    return _page(request, "caseload.html", load=load, today=today, groups=GROUPS)


GROUPS = ("proposed", "awaiting release", "live", "expiring", "ended", "invalid")


async def case_page(request: Request) -> Response:
    user = _user(request)
    entry = _entry(request, user)
    today = _state(request).config.today()
    _note(request, user, "view", entry.case_id, "case page viewed in the workbench")
    context: dict[str, Any] = {"entry": entry, "today": today, "issued": _issued(request, entry.case_id)}
    if entry.group(today) == "proposed":
        context["approval"] = approval.approval_of(_state(request).config.register, entry.case_id)
    if entry.case is not None:
        context.update(_case_details(entry, context["issued"], _state(request).findings))
    return _page(request, "case.html", **context)


def _case_details(entry: Entry, issued: list[Any], findings: dict[str, list[Any]]) -> dict[str, Any]:
    from ..fmt import DEFAULT_LOCALE
    from ..lint import lint_case
    from ..pipeline import load_inputs, term_views
    from ..render import kinds, template_dirs

    case = entry.case
    assert case is not None
    details: dict[str, Any] = {"terms": [], "term_problems": [], "findings": [], "kinds": {}}
    try:
        details["terms"] = term_views(case, DEFAULT_LOCALE)
    except DocgenError as exc:
        details["term_problems"] = _problems(exc)
    try:
        if entry.digest not in findings:
            findings[entry.digest] = lint_case(case)
        details["findings"] = findings[entry.digest]
    except DocgenError as exc:
        details["term_problems"] += _problems(exc)
    try:
        _, house = load_inputs(entry.path)
        from ..kinds import spec_for

        found = kinds(template_dirs(house.templates))
        details["kinds"] = {name: (spec_for(name).title if spec_for(name) else info.description) for name, info in found.items()}
    except DocgenError as exc:
        details["term_problems"] += _problems(exc)
    from ..conditions import shipped_library

    library = shipped_library()
    details["clauses"] = [(c.code, c.title) for c in (library.current(code) for code in library.codes()) if c is not None]
    timeline = [(e.date, "event", e) for e in case.history]
    timeline += [(d.document_date, "issued", d) for d in issued]
    details["timeline"] = sorted(timeline, key=lambda t: (t[0], t[1]))
    return details


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
    from ..register.issue import register_extra

    user = _user(request)
    entry = _entry(request, user)
    kind, event, options = _document_request(request, entry, dict(request.query_params))
    try:
        case, house = load_inputs(entry.path)
        options = replace(options, extra={**options.extra, **register_extra(entry.path, _state(request).config.register)})
        rendered = render(case, house, kind, event_id=event, options=options, formats=("pdf",))
    except DocgenError as exc:
        raise Refused(400, "This document cannot be produced", _problems(exc)) from None
    _note(request, user, "preview", entry.case_id, f"{kind} previewed in the workbench")
    return Response(
        rendered.files["pdf"], media_type="application/pdf", headers={
            **security.PDF_HEADERS, "Content-Disposition": f'inline; filename="{rendered.stem}-preview.pdf"'},
    )


async def issue_form(request: Request) -> Response:
    user = _user(request)
    entry = _entry(request, user)
    kind, event, options = _document_request(request, entry, dict(request.query_params))
    return _page(request, "issue.html", entry=entry, kind=kind, event=event or "",
                 date=options.date.isoformat() if options.date else "", errors=[])


async def issue(request: Request) -> Response:
    """Issue as ``docgen render --issue`` does: the same library call, the same record."""
    from ..register.issue import issue as issue_document

    user = _user(request)
    entry = _entry(request, user)
    form = await _form(request)
    kind, event, options = _document_request(request, entry, form)
    reason = form.get("reason", "").strip()
    again = {"entry": entry, "kind": kind, "event": event or "", "date": form.get("date", "")}
    if not reason:
        return _page(request, "issue.html", 400, **again,
                     errors=[("reason", "Say why the document is issued: the register keeps the reason.")])
    if kind in approval.GATED_KINDS:
        state = approval.approval_of(_state(request).config.register, entry.case_id).state
        if state != "authorised":
            return _page(request, "issue.html", 400, **again, reason=reason, errors=[(
                "", f"The application is {state}: it can be issued only once the CPS's authority is recorded "
                    "in its approval (reviewed by a supervisor, sent to the CPS, authorised).")])
    try:
        issued = issue_document(
            entry.path, kind, reason=reason, out_dir=_state(request).config.out, by=user.name,
            register=_state(request).config.register, event_id=event, options=options,
        )
    except DocgenError as exc:
        return _page(request, "issue.html", 400, **again, reason=reason,
                     errors=[("", m) for m in _problems(exc)])
    return RedirectResponse(f"/cases/{entry.case_id}?issued={issued.document.reference}", status_code=303)


async def download(request: Request) -> Response:
    """An issued file, by its reference and format; logged as a disclosure."""
    user = _user(request)
    entry = _entry(request, user)
    reference, fmt = request.query_params.get("reference", ""), request.query_params.get("format", "")
    with Register.open(_state(request).config.register, create=True) as reg:
        document = reg.document(reference)
        if document is None or document.case_id != entry.case_id:
            raise Refused(404, "Document not found", "This case has no issued document with that reference.")
        files = {f.format: reg.resolve(f.path) for f in document.files}
    if fmt not in files or not files[fmt].is_file():
        raise Refused(404, "File not found", f"The {fmt or 'requested'} file of {reference} is not in its output folder; `docgen register verify` reports on every issued file.")
    _note(request, user, "download", entry.case_id, f"issued {fmt} downloaded in the workbench", reference)
    media = "application/pdf" if fmt == "pdf" else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    name = files[fmt].name
    return Response(files[fmt].read_bytes(), media_type=media, headers={
        **security.PDF_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'})


async def edit_form(request: Request) -> Response:
    user = _user(request)
    entry = _entry(request, user)
    section = _section(request)
    values = editing.form_values(entry.path, section)
    if section.key == "terms":
        values["clause"] = request.query_params.get("clause", "")
    return _page(request, "edit.html", entry=entry, section=section, values=values,
                 digest=editing.digest(entry.path.read_bytes()), field_errors={}, other_errors=[])


async def edit(request: Request) -> Response:
    user = _user(request)
    entry = _entry(request, user)
    section = _section(request)
    form = await _form(request)
    values = {f.name: form.get(f.name, "") for f in section.fields}
    again = {"entry": entry, "section": section, "values": values, "digest": form.get("digest", "")}
    where = editing.prefix(entry.path, section)
    try:
        editing.save(entry.path, section, values, form.get("digest", ""))
    except editing.StaleEdit as exc:
        return _page(request, "edit.html", 409, **again, field_errors={}, other_errors=[p.message for p in exc.problems])
    except DocgenError as exc:
        by_field, other = editing.field_messages(exc.problems, section, where)
        return _page(request, "edit.html", 400, **again, field_errors=by_field, other_errors=other)
    done = {"history": "history event added", "terms": "term added"}.get(section.key, f"{section.key} section edited")
    _note(request, user, "edit", entry.case_id, f"{done} in the workbench")
    return RedirectResponse(f"/cases/{entry.case_id}?saved={section.key}", status_code=303)


async def new_case_form(request: Request) -> Response:
    user = _user(request)
    section = editing.new_case_section(user.teams)
    return _page(request, "new.html", section=section, values={f.name: "" for f in section.fields},
                 field_errors={}, other_errors=[])


async def new_case(request: Request) -> Response:
    """A new case file from the first page's fields, checked as ``docgen validate`` checks it."""
    user = _user(request)
    form = await _form(request)
    section = editing.new_case_section(user.teams)
    values = {f.name: form.get(f.name, "") for f in section.fields}
    if values["managing_force"] not in user.teams:
        raise Refused(403, "Not your team", "A new case must be managed by one of your teams.")
    try:
        path = editing.create(_state(request).config.cases, section, values)
    except DocgenError as exc:
        by_field, other = editing.field_messages(exc.problems, section, "")
        return _page(request, "new.html", 400, section=section, values=values, field_errors=by_field, other_errors=other)
    case_id = values["case_id"].strip()
    _note(request, user, "edit", case_id, "case created in the workbench")
    return RedirectResponse(f"/cases/{case_id}?created={path.name}", status_code=303)


async def approval_step(request: Request) -> Response:
    """One approval step, by a user whose role may take it, logged in the register."""
    user = _user(request)
    entry = _entry(request, user)
    form = await _form(request)
    try:
        approval.take_step(_state(request).config.register, entry.case_id, form.get("step", ""),
                           user=user.name, role=user.role, comment=form.get("comment", ""))
    except approval.StepRefused as exc:
        raise Refused(403 if "only a" in str(exc) else 409, "This step cannot be taken", str(exc)) from None
    return RedirectResponse(f"/cases/{entry.case_id}#approval", status_code=303)


PACKS = {"transfer": "transfer pack", "breach": "breach file"}


def _packs_dir(request: Request) -> Path:
    return Path(_state(request).config.out) / "bundles"


async def build_pack(request: Request) -> Response:
    """A transfer pack or breach file from the register's issued documents, as ``docgen
    bundle transfer|breach`` builds it, then its verify report and a download link."""
    from ..bundle import verify_bundle
    from ..bundle.from_case import breach_bundle, build_case_bundle, default_out, transfer_bundle

    user = _user(request)
    entry = _entry(request, user)
    form = await _form(request)
    what, event = form.get("what", ""), form.get("event", "").strip() or None
    if what not in PACKS:
        raise Refused(400, "Choose a pack", "Choose a transfer pack or a breach file.")
    if what == "breach" and event is None:
        raise Refused(400, "Choose the breach", "A breach file is about one breach: choose its history event.")
    register = _state(request).config.register
    try:
        if what == "transfer":
            gathered = transfer_bundle(entry.path, register=register, event_id=event)
        else:
            gathered = breach_bundle(entry.path, event_id=event, register=register)
        out = _packs_dir(request) / default_out(entry.case_id, what, event).name
        out.parent.mkdir(parents=True, exist_ok=True)
        report = build_case_bundle(gathered, out, by=user.name, force=True)  # a pack is rebuilt, never issued
    except DocgenError as exc:
        raise Refused(400, f"The {PACKS[what]} cannot be built", _problems(exc)) from None
    checks = [(v.path.name, verify_bundle(v.path)) for v in report.volumes]
    return _page(request, "pack.html", entry=entry, what=PACKS[what], report=report, checks=checks,
                 withheld=gathered.withheld, warnings=[*gathered.warnings, *report.warnings])


async def download_pack(request: Request) -> Response:
    user = _user(request)
    entry = _entry(request, user)
    name = request.query_params.get("file", "")
    path = _packs_dir(request) / name
    pattern = re.compile(rf"^{re.escape(entry.case_id)}-(transfer|breach)[A-Za-z0-9._-]*\.pdf$")
    if not pattern.match(name) or "/" in name or not path.is_file():
        raise Refused(404, "Pack not found", "There is no built pack of that name for this case; build it again.")
    _note(request, user, "download", entry.case_id, f"pack {name} downloaded in the workbench")
    return Response(path.read_bytes(), media_type="application/pdf", headers={
        **security.PDF_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'})


def _section(request: Request) -> editing.Section:
    if request.path_params["section"] == "terms":
        from ..conditions import shipped_library

        library = shipped_library()
        code = request.query_params.get("clause", "")
        clause = library.current(code) if code and library.versions(code) else None
        if clause is None:
            raise Refused(404, "Choose a clause", "Open the clause library and choose a current clause to add as a term.")
        return editing.term_section(clause)
    section = editing.SECTIONS.get(request.path_params["section"])
    if section is None:
        raise Refused(404, "No such section", "That part of the case cannot be edited here.")
    return section


async def register_log(request: Request) -> Response:
    """Who did what with their teams' cases: for supervisors and administrators only."""
    user = _user(request)
    if not user.is_supervisor:
        raise Refused(403, "Not available to your role", "Only supervisors and administrators can read the register's log.")
    visible = {e.case_id for e in _state(request).folder.entries() if user.may_see(e.force)}
    path = _state(request).config.register
    entries = []
    if Path(path).is_file():
        with Register.open(path) as reg:
            entries = [e for e in reg.log() if e.case_id in visible]
    _note(request, user, "view", None, "register log viewed in the workbench")
    return _page(request, "log.html", entries=list(reversed(entries)))


def _stamp(entries: list[Entry]) -> dt.date:
    """The calendar's time stamp from the case data, as ``docgen calendar`` takes it."""
    return max(e.case.document_date or max(c.sentenced_on for c in e.case.convictions) for e in entries if e.case)


async def calendar(request: Request) -> Response:
    """Key dates as an ICS file for Outlook: one case, or every valid case of the user's teams."""
    from ..register.ical import calendar as ics

    user = _user(request)
    if "case_id" in request.path_params:
        entries, name = [_entry(request, user)], f"SCPO key dates: {request.path_params['case_id']}"
    else:
        entries, name = [e for e in _state(request).folder.entries() if user.may_see(e.force)], "SCPO key dates"
    entries = [e for e in entries if e.case is not None]
    if not entries:
        raise Refused(404, "No key dates", "There is no valid case to take key dates from.")
    data = ics([d for e in entries for d in e.dates], stamp=_stamp(entries), name=name)
    case_id = request.path_params.get("case_id")
    _note(request, user, "export", case_id, "key dates downloaded as a calendar file from the workbench")
    filename = f"{case_id or 'caseload'}-key-dates.ics"
    return Response(data, media_type="text/calendar", headers={"Content-Disposition": f'attachment; filename="{filename}"'})


async def clauses(request: Request) -> Response:
    """The clause library: current clauses, searched by code, title or wording."""
    from ..conditions import shipped_library

    _user(request)
    library = shipped_library()
    query = request.query_params.get("q", "").strip()
    category = request.query_params.get("category", "")
    found = []
    for code in library.codes():
        clause = library.current(code)
        if clause is None or (category and clause.category != category):
            continue
        haystack = " ".join((clause.code, str(clause.title), str(clause.wording))).lower()
        if all(word in haystack for word in query.lower().split()):
            found.append(clause)
    return _page(request, "clauses.html", clauses=found, query=query, category=category,
                 categories=sorted(library.categories))


async def clause(request: Request) -> Response:
    """One clause as ``docgen conditions show`` gives it: wording with its defaults, guidance,
    drafting questions, worked examples and the licence mirror."""
    from ..conditions import shipped_library

    _user(request)
    library = shipped_library()
    code = request.path_params["code"]
    current = library.current(code) if library.versions(code) else None
    if current is None:
        raise Refused(404, "No such clause", f"The library has no current clause {code}.")
    values = current.sample_params()
    return _page(request, "clause.html", clause=current, wording=current.render_wording(values),
                 mirror=current.render_mirror(values), plain=current.plain_words(values),
                 definitions=[library.definitions[k].sentence for k in current.definitions],
                 versions=library.versions(code))


async def stylesheet(request: Request) -> Response:
    return Response((HERE / "static" / "app.css").read_bytes(), media_type="text/css",
                    headers={**security.HEADERS, "Cache-Control": "max-age=3600"})


# ---------------------------------------------------------------------- the app


ROUTES = [
    Route("/", home),
    Route("/login", login_form, methods=["GET"]),
    Route("/login", login, methods=["POST"]),
    Route("/logout", logout, methods=["POST"]),
    Route("/log", register_log),
    Route("/new", new_case_form, methods=["GET"]),
    Route("/new", new_case, methods=["POST"]),
    Route("/static/app.css", stylesheet),
    Route("/calendar.ics", calendar),
    Route("/clauses", clauses),
    Route("/clauses/{code}", clause),
    Route("/cases/{case_id}/calendar.ics", calendar),
    Route("/cases/{case_id}/approval", approval_step, methods=["POST"]),
    Route("/cases/{case_id}/pack", build_pack, methods=["POST"]),
    Route("/cases/{case_id}/pack", download_pack, methods=["GET"]),
    Route("/cases/{case_id}", case_page),
    Route("/cases/{case_id}/preview", preview),
    Route("/cases/{case_id}/issue", issue_form, methods=["GET"]),
    Route("/cases/{case_id}/issue", issue, methods=["POST"]),
    Route("/cases/{case_id}/download", download),
    Route("/cases/{case_id}/edit/{section}", edit_form, methods=["GET"]),
    Route("/cases/{case_id}/edit/{section}", edit, methods=["POST"]),
]


async def _headers(request: Request, call_next):  # noqa: ANN001, ANN202
    """Security headers on every response; a bug answers with a plain page, logged by type only."""
    try:
        response = await call_next(request)
    except Exception as exc:  # never case data in the server log
        log.error("internal error on %s %s: %s", request.method, request.url.path, type(exc).__name__)
        response = _page(request, "refused.html", 500, title="Something went wrong",
                         messages=["The workbench hit an internal error. Nothing was saved or issued by this request."])
    for name, value in security.HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def create_app(config: Config) -> Starlette:
    """The workbench over one case folder and register."""
    async def sign_in(request: Request, exc: Exception) -> Response:
        return RedirectResponse("/login", status_code=303)

    async def refused(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Refused)
        return _page(request, "refused.html", exc.status, title=exc.title, messages=exc.messages)

    app = Starlette(
        routes=ROUTES,
        exception_handlers={_SignIn: sign_in, Refused: refused},
        middleware=[Middleware(BaseHTTPMiddleware, dispatch=_headers)],
    )
    app.state.workbench = State(config, CaseFolder(config.cases), limiter=security.RateLimit(config.login_limit))
    return app


__all__ = ["Config", "ROLES", "create_app"]
