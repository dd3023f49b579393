"""``docgen record`` and ``docgen register diary``: recording monitoring and seeing what is owed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer

from .cli_register import ByOpt, FormatOpt, RegisterOpt, _table
from .cli_support import TableFormat, date_option, reported
from .errors import DocgenError

app = typer.Typer(help="Record a notification received, or a compliance check, visit or review made, in the case's history.", no_args_is_help=True)

CaseArg = Annotated[Path, typer.Argument(help="The case file (YAML).", show_default=False)]
DateOpt = Annotated[dt.date, date_option("--date", help="The day it happened.", show_default=False)]
SummaryOpt = Annotated[str, typer.Option("--summary", help="What happened, in a sentence.", show_default=False)]


def _record(case: Path, fields: dict) -> None:  # noqa: ANN001
    from .record import append_event

    with reported():
        event_id, _ = append_event(case, fields)
        typer.echo(f"{case}: recorded {event_id} ({fields['type'].replace('_', ' ')} on {fields['date']})")


@app.command()
def notification(
    case: CaseArg,
    term: Annotated[int, typer.Option("--term", help="The number of the term the notification is made under.", show_default=False)],
    date: DateOpt,
    summary: SummaryOpt,
    changed_on: Annotated[Optional[dt.date], date_option("--changed-on", help="The day of the change it notifies (for a change notification).")] = None,
    by: ByOpt = None,
    reference: Annotated[Optional[str], typer.Option("--reference", help="The reference of the notice received.")] = None,
) -> None:
    """A notification received from the subject: closes the diary's start-up or change item."""
    from .register.where import current_user

    with reported():
        day, changed = date, changed_on
        fields = {"type": "notification", "date": day, "summary": summary, "term": term, "changed_on": changed, "by": current_user(by), "reference": reference}
    _record(case, fields)


@app.command()
def check(
    case: CaseArg,
    date: DateOpt,
    summary: SummaryOpt,
    term: Annotated[Optional[int], typer.Option("--term", help="The term checked (default: the whole order).")] = None,
    by: ByOpt = None,
) -> None:
    """A compliance check made: closes the diary's check item it falls in."""
    from .register.where import current_user

    with reported():
        fields = {"type": "compliance_check", "date": date, "summary": summary, "term": term, "by": current_user(by)}
    _record(case, fields)


@app.command()
def visit(
    case: CaseArg,
    date: DateOpt,
    summary: SummaryOpt,
    by: ByOpt = None,
) -> None:
    """A visit to the subject (a ``contact`` event): closes the release-day or home visit it falls in."""
    _record_dated(case, "contact", date, summary, by)


@app.command()
def review(
    case: CaseArg,
    date: DateOpt,
    summary: SummaryOpt,
    by: ByOpt = None,
) -> None:
    """A review of the order and its terms: closes the diary's review it falls in."""
    _record_dated(case, "review", date, summary, by)


def _record_dated(case: Path, event_type: str, date: dt.date, summary: str, by: str | None) -> None:
    """Record an event that carries only its date, summary and who made it."""
    from .register.where import current_user

    with reported():
        fields = {"type": event_type, "date": date, "summary": summary, "by": current_user(by)}
    _record(case, fields)


def diary_command(
    cases: Annotated[Optional[list[Path]], typer.Argument(help="Case files (default: the open cases the register holds).", show_default=False)] = None,
    week: Annotated[bool, typer.Option("--week", help="Only this week's items, with what was missed in the four weeks before.")] = False,
    on: Annotated[Optional[dt.date], date_option("--on", help="The day to read the diary on (default: today).")] = None,
    register: RegisterOpt = None,
    format: FormatOpt = TableFormat.table,
) -> None:
    """Per officer: notifications, checks, visits and reviews due, done, late or missed under each live order.

    Late and missed items are candidate non-compliance for the officer to judge; nothing
    is recorded or escalated automatically.
    """
    from .case import load_cases
    from .diary import diary as build_diary
    from .diary import in_view
    from .housestyle import find_house_style, load_house_style

    with reported():
        day = on or dt.date.today()
        paths = list(cases or ())
        if not paths:
            from .register import Register
            from .register.where import register_path

            with Register.open(register_path(register, ())) as reg:
                paths = [reg.resolve(row.source) for row in reg.cases() if not row.closed and row.source]
        loaded = load_cases(paths)  # every file is checked before anything is written
        frequencies = {}
        for case in loaded:
            if case.managing_force not in frequencies and case.source is not None:
                try:
                    frequencies[case.managing_force] = load_house_style(find_house_style(case.source, case.managing_force)).compliance_checks
                except DocgenError:
                    frequencies[case.managing_force] = {}  # no house style: the default frequency
        items = in_view(build_diary(loaded, day, frequencies=frequencies), day, week=week)
        rows = [
            (i.officer, i.case_id, str(i.term or "-"), i.kind, i.due.isoformat(), i.status + (" *" if i.candidate_non_compliance else ""),
             i.done_on.isoformat() if i.done_on else "-", i.what)
            for i in items
        ]
        typer.echo(_table(("officer", "case", "term", "item", "due", "status", "done", "what"), rows, format), nl=False)
        if format == "table":
            flagged = sum(1 for i in items if i.candidate_non_compliance)
            typer.echo(f"{len(items)} items on {day.isoformat()}; {flagged} late or missed (*): candidate non-compliance, for an officer to judge")
