"""Forms that change a case: a new case page by page, sections, list items (terms, events,
convictions) added, changed or taken out, and approval steps."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from ..errors import DocgenError
from ..register import approval
from . import editing
from .base import (
    Refused,
    case_entry,
    in_words,
    note,
    page,
    posted_form,
    signed_in,
    state_of,
)


async def edit_form(request: Request) -> Response:
    user = signed_in(request)
    entry = case_entry(request, user)
    section = _section(request)
    values = editing.form_values(entry.path, section)
    if section.key == "terms" and section.append:
        values["clause"] = request.query_params.get("clause", "")
    return page(request, "edit.html", entry=entry, section=section, values=values, action=_action(request),
                 digest=editing.digest(entry.path.read_bytes()), field_errors={}, other_errors=[])


async def edit(request: Request) -> Response:
    user = signed_in(request)
    entry = case_entry(request, user)
    section = _section(request)
    form = await posted_form(request)
    values = {f.name: form.get(f.name, "") for f in section.fields}
    again = {"entry": entry, "section": section, "values": values, "digest": form.get("digest", ""), "action": _action(request)}
    where = editing.prefix(entry.path, section)
    try:
        editing.save(entry.path, section, values, form.get("digest", ""))
    except editing.StaleEdit as exc:
        return page(request, "edit.html", 409, **again, field_errors={}, other_errors=[p.message for p in exc.problems])
    except DocgenError as exc:
        by_field, other = editing.field_messages(exc.problems, section, where)
        return page(request, "edit.html", 400, **again, field_errors=by_field, other_errors=other)
    if section.item is not None:
        done = f"{section.key}.{section.item} edited"
    else:
        done = {"history": "history event added", "terms": "term added"}.get(section.key, f"{section.key} section edited")
    note(request, user, "edit", entry.case_id, f"{done} in the workbench")
    return RedirectResponse(f"/cases/{entry.case_id}?saved={section.key}", status_code=303)


async def remove_term(request: Request) -> Response:
    """Take a term out of a proposed order; refused in words when anything refers to it by number."""
    user = signed_in(request)
    entry = case_entry(request, user)
    form = await posted_form(request)
    number = _number(request)
    try:
        editing.remove_term(entry.path, number, form.get("digest", ""))
    except editing.StaleEdit as exc:
        raise Refused(409, "The case changed", in_words(exc)) from None
    except DocgenError as exc:
        raise Refused(400, f"Term {number} cannot be removed", in_words(exc)) from None
    note(request, user, "edit", entry.case_id, f"term {number} removed in the workbench")
    return RedirectResponse(f"/cases/{entry.case_id}?saved=terms#terms", status_code=303)


def _action(request: Request) -> str:
    """Where the form posts back to: the page it was opened on, with its clause."""
    query = f"?{request.url.query}" if request.url.query else ""
    return request.url.path + query


def _number(request: Request) -> int:
    text = request.path_params.get("number", "")
    if not text.isdigit() or int(text) < 1:
        raise Refused(404, "No such term", "Terms are numbered from 1.")
    return int(text)


async def new_case_form(request: Request) -> Response:
    user = signed_in(request)
    section = editing.new_case_section(user.teams)
    return _new_case_page(request, section, 1, {f.name: "" for f in section.fields}, {}, [])


async def new_case(request: Request) -> Response:
    """A new case, one part at a time: each page is checked as ``docgen validate`` checks the
    case (messages only for the pages filled in so far), and the file is written after the last."""
    user = signed_in(request)
    form = await posted_form(request)
    section = editing.new_case_section(user.teams)
    values = {f.name: form.get(f.name, "") for f in section.fields}
    last = len(editing.NEW_CASE_STEPS)
    step = int(form["step"]) if form.get("step", "").isdigit() and 1 <= int(form["step"]) <= last else 1
    if form.get("back") and step > 1:
        return _new_case_page(request, section, step - 1, values, {}, [])
    if values["managing_force"] not in user.teams:
        raise Refused(403, "Not your team", "A new case must be managed by one of your teams.")
    folder = state_of(request).config.cases
    try:
        path = editing.create(folder, section, values, write=False)
    except DocgenError as exc:
        by_field, other = editing.field_messages(exc.problems, section, "")
        upto = {name: m for name, m in by_field.items() if editing.step_of(name) <= step}
        if upto or (step == last and (by_field or other)):
            first = min((editing.step_of(name) for name in upto), default=step)
            return _new_case_page(request, section, first, values, upto, other if step == last else [], 400)
    if step < last:
        return _new_case_page(request, section, step + 1, values, {}, [])
    try:
        path = editing.create(folder, section, values)
    except DocgenError as exc:  # the folder changed between the check and the write
        by_field, other = editing.field_messages(exc.problems, section, "")
        return _new_case_page(request, section, step, values, by_field, other, 400)
    case_id = values["case_id"].strip()
    note(request, user, "edit", case_id, "case created in the workbench")
    return RedirectResponse(f"/cases/{case_id}?created={path.name}", status_code=303)


def _new_case_page(request: Request, whole: editing.Section, step: int, values: dict[str, str],
                   field_errors: dict[str, list[str]], other_errors: list[str], status: int = 200) -> Response:
    section = editing.new_case_step(whole, step)
    shown = {f.name for f in section.fields}
    carried = {f.name: values.get(f.name, "") for f in whole.fields if f.name not in shown}
    errors = {name: m for name, m in field_errors.items() if name in shown}
    return page(request, "new.html", status, section=section, values=values, carried=carried, step=step,
                 steps=len(editing.NEW_CASE_STEPS), field_errors=errors, other_errors=other_errors)


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
    if "number" in request.path_params:
        return _term_item(request)
    if "event" in request.path_params:
        return _event_item(request)
    if "conviction" in request.path_params:
        return _conviction_item(request)
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


def _term_item(request: Request) -> editing.Section:
    """The form for a term already in the case, drawn from the clause version it names."""
    from ..conditions import shipped_library

    number = _number(request)
    entry = case_entry(request, request.state.user)
    doc, _ = editing.read(entry.path)
    terms = doc.get("terms") or []
    if not isinstance(terms, list) or number > len(terms) or not isinstance(terms[number - 1], dict):
        raise Refused(404, "No such term", f"The order has no term {number}.")
    status = (doc.get("order") or {}).get("status", "proposed")
    if status != "proposed":
        raise Refused(409, "The order is already made", f"The order is {status}: its terms change only by a "
                      "variation (Serious Crime Act 2007, s.17), recorded under variation in the case file.")
    term = terms[number - 1]
    library = shipped_library()
    code, version = str(term.get("clause", "")), term.get("version")
    try:
        clause = library.get(code, version=str(version)) if version else library.current(code)
    except DocgenError as exc:
        raise Refused(400, "This term's clause cannot be found", in_words(exc)) from None
    if clause is None:
        raise Refused(400, "This term's clause cannot be found", f"The clause library has no clause {code}.")
    return editing.term_section(clause, item=number - 1)


def _event_item(request: Request) -> editing.Section:
    event_id = request.path_params["event"]
    entry = case_entry(request, request.state.user)
    doc, _ = editing.read(entry.path)
    for index, event in enumerate(doc.get("history") or []):
        if isinstance(event, dict) and str(event.get("id")) == event_id:
            return editing.event_section(index, event_id)
    raise Refused(404, "No such event", f"The case's history has no event {event_id}.")


def _conviction_item(request: Request) -> editing.Section:
    text = request.path_params["conviction"]
    entry = case_entry(request, request.state.user)
    doc, _ = editing.read(entry.path)
    convictions = doc.get("convictions") or []
    if not text.isdigit() or not 1 <= int(text) <= len(convictions):
        raise Refused(404, "No such conviction", f"The case has no conviction {text}.")
    return editing.conviction_section(int(text) - 1)
