"""Forms that change a case: sections, new events, terms and cases, and approval steps."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from ..errors import DocgenError
from . import approval, editing
from .base import Refused, case_entry, note, page, posted_form, signed_in, state_of


async def edit_form(request: Request) -> Response:
    user = signed_in(request)
    entry = case_entry(request, user)
    section = _section(request)
    values = editing.form_values(entry.path, section)
    if section.key == "terms":
        values["clause"] = request.query_params.get("clause", "")
    return page(request, "edit.html", entry=entry, section=section, values=values,
                 digest=editing.digest(entry.path.read_bytes()), field_errors={}, other_errors=[])


async def edit(request: Request) -> Response:
    user = signed_in(request)
    entry = case_entry(request, user)
    section = _section(request)
    form = await posted_form(request)
    values = {f.name: form.get(f.name, "") for f in section.fields}
    again = {"entry": entry, "section": section, "values": values, "digest": form.get("digest", "")}
    where = editing.prefix(entry.path, section)
    try:
        editing.save(entry.path, section, values, form.get("digest", ""))
    except editing.StaleEdit as exc:
        return page(request, "edit.html", 409, **again, field_errors={}, other_errors=[p.message for p in exc.problems])
    except DocgenError as exc:
        by_field, other = editing.field_messages(exc.problems, section, where)
        return page(request, "edit.html", 400, **again, field_errors=by_field, other_errors=other)
    done = {"history": "history event added", "terms": "term added"}.get(section.key, f"{section.key} section edited")
    note(request, user, "edit", entry.case_id, f"{done} in the workbench")
    return RedirectResponse(f"/cases/{entry.case_id}?saved={section.key}", status_code=303)


async def new_case_form(request: Request) -> Response:
    user = signed_in(request)
    section = editing.new_case_section(user.teams)
    return page(request, "new.html", section=section, values={f.name: "" for f in section.fields},
                 field_errors={}, other_errors=[])


async def new_case(request: Request) -> Response:
    """A new case file from the first page's fields, checked as ``docgen validate`` checks it."""
    user = signed_in(request)
    form = await posted_form(request)
    section = editing.new_case_section(user.teams)
    values = {f.name: form.get(f.name, "") for f in section.fields}
    if values["managing_force"] not in user.teams:
        raise Refused(403, "Not your team", "A new case must be managed by one of your teams.")
    try:
        path = editing.create(state_of(request).config.cases, section, values)
    except DocgenError as exc:
        by_field, other = editing.field_messages(exc.problems, section, "")
        return page(request, "new.html", 400, section=section, values=values, field_errors=by_field, other_errors=other)
    case_id = values["case_id"].strip()
    note(request, user, "edit", case_id, "case created in the workbench")
    return RedirectResponse(f"/cases/{case_id}?created={path.name}", status_code=303)


async def approval_step(request: Request) -> Response:
    """One approval step, by a user whose role may take it, logged in the register."""
    user = signed_in(request)
    entry = case_entry(request, user)
    form = await posted_form(request)
    try:
        approval.take_step(state_of(request).config.register, entry.case_id, form.get("step", ""),
                           user=user.name, role=user.role, comment=form.get("comment", ""))
    except approval.StepRefused as exc:
        raise Refused(403 if "only a" in str(exc) else 409, "This step cannot be taken", str(exc)) from None
    return RedirectResponse(f"/cases/{entry.case_id}#approval", status_code=303)


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
