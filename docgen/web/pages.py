"""The caseload, a case, the register's log, calendars and the clause library: pages that read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from ..errors import DocgenError
from ..register import Register, approval
from . import security
from .base import (
    HERE,
    Refused,
    case_entry,
    in_words,
    issued_for,
    note,
    page,
    signed_in,
    state_of,
)
from .caseload import Entry, caseload


async def home(request: Request) -> Response:
    user = signed_in(request)
    st = state_of(request)
    today = st.config.today()
    entries = [e for e in st.folder.entries() if user.may_see(e.force)]
    load = caseload(entries, today)
    return page(request, "caseload.html", load=load, today=today, groups=GROUPS)


GROUPS = ("proposed", "awaiting release", "live", "expiring", "ended", "invalid")


async def case_page(request: Request) -> Response:
    user = signed_in(request)
    entry = case_entry(request, user)
    today = state_of(request).config.today()
    note(request, user, "view", entry.case_id, "case page viewed in the workbench")
    context: dict[str, Any] = {"entry": entry, "today": today, "issued": issued_for(request, entry.case_id)}
    if entry.group(today) == "proposed":
        context["approval"] = approval.approval_of(state_of(request).config.register, entry.case_id)
    if entry.case is not None:
        context.update(_case_details(entry, context["issued"], state_of(request).findings))
    return page(request, "case.html", **context)


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
        details["term_problems"] = in_words(exc)
    try:
        if entry.digest not in findings:
            findings[entry.digest] = lint_case(case)
        details["findings"] = findings[entry.digest]
    except DocgenError as exc:
        details["term_problems"] += in_words(exc)
    try:
        _, house = load_inputs(entry.path)
        from ..kinds import spec_for

        found = kinds(template_dirs(house.templates))
        details["kinds"] = {name: (spec_for(name).title if spec_for(name) else info.description) for name, info in found.items()}
    except DocgenError as exc:
        details["term_problems"] += in_words(exc)
    from ..conditions import shipped_library

    library = shipped_library()
    details["clauses"] = [(c.code, c.title) for c in (library.current(code) for code in library.codes()) if c is not None]
    timeline = [(e.date, "event", e) for e in case.history]
    timeline += [(d.document_date, "issued", d) for d in issued]
    details["timeline"] = sorted(timeline, key=lambda t: (t[0], t[1]))
    return details


async def register_log(request: Request) -> Response:
    """Who did what with their teams' cases: for supervisors and administrators only."""
    user = signed_in(request)
    if not user.is_supervisor:
        raise Refused(403, "Not available to your role", "Only supervisors and administrators can read the register's log.")
    visible = {e.case_id for e in state_of(request).folder.entries() if user.may_see(e.force)}
    path = state_of(request).config.register
    entries = []
    if Path(path).is_file():
        with Register.open(path) as reg:
            entries = [e for e in reg.log() if e.case_id in visible]
    note(request, user, "view", None, "register log viewed in the workbench")
    return page(request, "log.html", entries=list(reversed(entries)))


def _stamp(entries: list[Entry]) -> dt.date:
    """The calendar's time stamp from the case data, as ``docgen calendar`` takes it."""
    return max(e.case.document_date or max(c.sentenced_on for c in e.case.convictions) for e in entries if e.case)


async def calendar(request: Request) -> Response:
    """Key dates as an ICS file for Outlook: one case, or every valid case of the user's teams."""
    from ..register.ical import calendar as ics

    user = signed_in(request)
    if "case_id" in request.path_params:
        entries, name = [case_entry(request, user)], f"SCPO key dates: {request.path_params['case_id']}"
    else:
        entries, name = [e for e in state_of(request).folder.entries() if user.may_see(e.force)], "SCPO key dates"
    entries = [e for e in entries if e.case is not None]
    if not entries:
        raise Refused(404, "No key dates", "There is no valid case to take key dates from.")
    data = ics([d for e in entries for d in e.dates], stamp=_stamp(entries), name=name)
    case_id = request.path_params.get("case_id")
    note(request, user, "export", case_id, "key dates downloaded as a calendar file from the workbench")
    filename = f"{case_id or 'caseload'}-key-dates.ics"
    return Response(data, media_type="text/calendar", headers={"Content-Disposition": f'attachment; filename="{filename}"'})


async def clauses(request: Request) -> Response:
    """The clause library: current clauses, searched by code, title or wording."""
    from ..conditions import shipped_library

    signed_in(request)
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
    return page(request, "clauses.html", clauses=found, query=query, category=category,
                 categories=sorted(library.categories))


async def clause(request: Request) -> Response:
    """One clause as ``docgen conditions show`` gives it: wording with its defaults, guidance,
    drafting questions, worked examples and the licence mirror."""
    from ..conditions import shipped_library

    signed_in(request)
    library = shipped_library()
    code = request.path_params["code"]
    current = library.current(code) if library.versions(code) else None
    if current is None:
        raise Refused(404, "No such clause", f"The library has no current clause {code}.")
    values = current.sample_params()
    return page(request, "clause.html", clause=current, wording=current.render_wording(values),
                 mirror=current.render_mirror(values), plain=current.plain_words(values),
                 definitions=[library.definitions[k].sentence for k in current.definitions],
                 examples=[(e, *current.render_example(e, values)) for e in current.examples],
                 versions=library.versions(code))


async def stylesheet(request: Request) -> Response:
    return Response((HERE / "static" / "app.css").read_bytes(), media_type="text/css",
                    headers={**security.HEADERS, "Cache-Control": "max-age=3600"})
