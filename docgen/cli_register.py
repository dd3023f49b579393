"""``docgen register ...`` and ``docgen calendar``: the register from the command line.

Like every docgen command, bad input is reported as ``file: field: reason`` lines on
standard error with exit status 2, never a traceback. ``register verify`` exits 1 on any
finding: a broken hash chain, a missing trigger, a changed or missing file, a leftover.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from .cli_support import TableFormat, date_option, reported
from .errors import DocgenError

if TYPE_CHECKING:
    from .register import KeyDate, Register

app = typer.Typer(
    name="register",
    help="The issued-documents register: cases, key dates, issued documents and the log.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

RegisterOpt = Annotated[
    Optional[Path],
    typer.Option("--register", help="Register file (default: $DOCGEN_REGISTER, then docgen.db beside the cases or here)."),
]
FormatOpt = Annotated[TableFormat, typer.Option("--format", help="table or csv.")]
ByOpt = Annotated[Optional[str], typer.Option("--by", help="Who is acting (default: $DOCGEN_USER, then the login name).")]


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], format: str) -> str:
    """Rows as aligned columns, or as CSV with a header line."""
    if format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        return buffer.getvalue()
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(str(cell).ljust(w) for cell, w in zip(row, widths)).rstrip() for row in [header, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def _open(register: Optional[Path], cases: Sequence[Path] = (), *, create: bool = False) -> Register:
    from .register import Register
    from .register.where import register_path

    return Register.open(register_path(register, cases), create=create)


def _iso(day: Optional[dt.date]) -> str:
    return day.isoformat() if day else "-"


@app.command()
def sync(
    cases: Annotated[list[Path], typer.Argument(help="Case files to record or refresh.", show_default=False)],
    register: RegisterOpt = None,
    by: ByOpt = None,
    reason: Annotated[str, typer.Option("--reason", help="Why the cases are synced (kept in the log).")] = "case files synced",
) -> None:
    """Record case files in the register (or refresh them), with their key dates."""
    from .case import load_cases
    from .register.where import current_user

    with reported():
        user = current_user(by)
        loaded = load_cases(cases)  # every file is checked before anything is written
        with _open(register, cases, create=True) as reg, reg.writing():
            rows = [reg.sync(case, by=user, reason=reason) for case in loaded]
            counts = [len(reg.key_dates(case_id=row.case_id)) for row in rows]
        for row, count in zip(rows, counts):
            typer.echo(f"{row.case_id}: case {row.case_no} of {row.force}, {row.status}, {count} key dates")


@app.command("list")
def list_cases(register: RegisterOpt = None, format: FormatOpt = TableFormat.table) -> None:
    """The cases the register knows, with their dates and issued documents."""
    with reported(), _open(register) as reg:
        issued: dict[str, int] = {}
        for doc in reg.issued():
            issued[doc.case_id] = issued.get(doc.case_id, 0) + 1
        rows = [
            (
                row.case_id, row.force, str(row.case_no), row.status, _iso(row.release_date), _iso(row.starts_on),
                _iso(row.expires_on), str(issued.get(row.case_id, 0)), row.closed_at[:10] if row.closed_at else "-",
            )
            for row in reg.cases()
        ]
        header = ("case", "force", "no", "status", "release", "starts", "expires", "issued", "closed")
        typer.echo(_table(header, rows, format), nl=False)


@app.command()
def due(
    within: Annotated[str, typer.Option("--within", help="How far ahead: days as 90d, or weeks as 12w.")] = "90d",
    start: Annotated[Optional[dt.date], date_option("--from", help="First day (default: today).")] = None,
    case: Annotated[Optional[str], typer.Option("--case", help="Only this case id.")] = None,
    register: RegisterOpt = None,
    format: FormatOpt = TableFormat.table,
) -> None:
    """Releases, visits, reviews, actions and expiries coming up, for open cases."""
    from .register.due import parse_within

    with reported():
        first = start or dt.date.today()
        last = first + parse_within(within)
        with _open(register) as reg:
            dates = reg.key_dates(first, last, case_id=case)
        rows = [(d.on.isoformat(), d.case_id, d.kind, d.label) for d in dates]
        typer.echo(_table(("date", "case", "kind", "what"), rows, format), nl=False)
        if format == "table":
            typer.echo(f"{len(rows)} due from {first.isoformat()} to {last.isoformat()}")


@app.command()
def log(
    case: Annotated[Optional[str], typer.Option("--case", help="Only this case id.")] = None,
    register: RegisterOpt = None,
    format: FormatOpt = TableFormat.table,
) -> None:
    """Who produced or disclosed what, when and why (Data Protection Act 2018 s.62)."""
    with reported(), _open(register) as reg:
        rows = [(e.at, e.user, e.action, e.case_id or "-", e.reference or "-", e.reason) for e in reg.log(case)]
        typer.echo(_table(("when (UTC)", "who", "action", "case", "reference", "why"), rows, format), nl=False)


class ApprovalStepName(str, Enum):
    review = "review"
    send = "send"
    authorise = "authorise"
    return_ = "return"


class ApprovalRole(str, Enum):
    officer = "officer"
    supervisor = "supervisor"
    admin = "admin"


@app.command()
def approval(
    case: Annotated[str, typer.Argument(help="The case id, e.g. MPS-SCPO-0007.", show_default=False)],
    step: Annotated[
        Optional[ApprovalStepName],
        typer.Argument(help="review, send, authorise or return; without it, where the approval stands.", show_default=False),
    ] = None,
    role: Annotated[
        Optional[ApprovalRole],
        typer.Option("--role", help="The role you act in (officer, supervisor or admin): each step says who may take it."),
    ] = None,
    comment: Annotated[str, typer.Option("--comment", help="Comments; returning the application needs them.")] = "",
    register: RegisterOpt = None,
    by: ByOpt = None,
    format: FormatOpt = TableFormat.table,
) -> None:
    """The SCPO application's approval: where it stands, or the next step (drafted -> reviewed ->
    sent to the CPS -> authorised, or returned with comments). The same steps and rule as the
    workbench; each step is a line in the register's log."""
    from .register.approval import STEPS, StepRefused, approval_of, take_step
    from .register.where import current_user, register_path

    with reported():
        path = register_path(register, ())
        if step is not None:
            if role is None:
                allowed = " or ".join(STEPS[step.value].roles)
                raise DocgenError(f"say which role you act in: '{step.value}' may be taken by a {allowed}", field="--role")
            with _open(path) as reg:
                if reg.case(case) is None:
                    raise DocgenError(f"case {case} is not in the register: `docgen register sync CASE_FILE` first",
                                      file=path, field="case")
            try:
                take_step(path, case, step.value, user=current_user(by), role=role.value, comment=comment)
            except StepRefused as refused:
                raise DocgenError(f"case {case}: {refused}", file=path, field="approval") from None
        standing = approval_of(path, case)
        rows = [(e.at, e.user, e.action.removeprefix("approval-"), e.reason) for e in standing.history]
        typer.echo(f"case {case}: the application is {standing.state}")
        if rows:
            typer.echo(_table(("when (UTC)", "who", "step", "comments"), rows, format), nl=False)


KeyOpt = Annotated[
    Optional[Path],
    typer.Option("--key", help="HMAC key file to sign the head with (default: $DOCGEN_REGISTER_KEY, if set)."),
]
OutDirsOpt = Annotated[
    Optional[list[Path]],
    typer.Option("--out", help="Also look in this output folder for leftover files (repeatable)."),
]


@app.command()
def verify(
    register: RegisterOpt = None,
    out: OutDirsOpt = None,
    since: Annotated[
        Optional[str], typer.Option("--since", help="A head printed earlier: check the register still holds what it sealed.")
    ] = None,
    key: KeyOpt = None,
) -> None:
    """Check the hash chain, the guards, every issued file and leftovers; print the head (exit 1 on any finding)."""
    from .register import chain
    from .register.verify import verify_register

    with reported():
        key_file = _key_file(key)
        secret = chain.read_key(key_file) if key_file is not None else None
        with _open(register) as reg:
            report = verify_register(reg, out=out or (), since=since)
    for finding in report.findings:
        typer.echo(f"BROKEN: {finding}")
    for c in report.files:
        if c.status != "ok":
            typer.echo(f"{c.status.upper()}: {c.reference} ({c.format}) {c.path}")
    for item in report.leftovers:
        typer.echo(f"LEFTOVER: {item.path}: {item.describe()}; `docgen register recover` clears it")
    bad = [c for c in report.files if c.status != "ok"]
    changed = sum(1 for c in bad if c.status == "changed")
    typer.echo(
        f"{report.documents} issued documents and {report.log_entries} log entries checked: "
        + (f"{len(report.findings)} broken" if report.findings else "hash chain, triggers and schema intact")
    )
    typer.echo(f"{len(report.files)} issued files checked: {len(report.files) - len(bad)} unchanged, {changed} changed, {len(bad) - changed} missing")
    typer.echo(f"{len(report.leftovers)} leftover files from interrupted issues")
    typer.echo(f"head: {report.head}")
    if secret is not None:
        typer.echo(f"head HMAC-SHA256: {chain.sign(report.head, secret)}")
    if not report.ok:
        raise typer.Exit(1)


def _key_file(key: Optional[Path]) -> Optional[Path]:
    import os

    if key is not None:
        return key
    named = os.environ.get("DOCGEN_REGISTER_KEY", "").strip()
    return Path(named) if named else None


@app.command()
def recover(
    register: RegisterOpt = None,
    out: OutDirsOpt = None,
    by: ByOpt = None,
) -> None:
    """Finish or remove the files an interrupted issue left behind, logging each."""
    from .register.recover import recover as clear
    from .register.where import current_user

    with reported():
        user = current_user(by)
        with _open(register) as reg:
            done = clear(reg, by=user, extra=out or ())
    for item, action in done:
        typer.echo(f"{action}: {item.describe()}")
    typer.echo(f"{len(done)} leftover files recovered")


@app.command()
def close(
    case_id: Annotated[str, typer.Argument(help="The case id to close.", show_default=False)],
    reason: Annotated[str, typer.Option("--reason", help="Why the case is closed (kept in the log).")],
    register: RegisterOpt = None,
    by: ByOpt = None,
) -> None:
    """Close a case whose order has ended: it leaves the due list and the calendar."""
    from .register.where import current_user

    with reported():
        if not reason.strip():
            raise DocgenError("closing a case needs a reason", field="--reason")
        with _open(register) as reg:
            row = reg.close_case(case_id, by=current_user(by), reason=reason.strip())
        typer.echo(f"{row.case_id}: closed {row.closed_at} by {row.closed_by}")


def calendar_command(
    case: Annotated[Optional[str], typer.Argument(help="A case file, or a case id in the register.", show_default=False)] = None,
    all: Annotated[bool, typer.Option("--all", help="Every open case in the register.")] = False,
    out: Annotated[Path, typer.Option("--out", "-o", help="The .ics file to write.")] = Path("scpo-key-dates.ics"),
    register: RegisterOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")] = False,
    by: ByOpt = None,
) -> None:
    """Export key dates (release visit, start, reviews, final checks, expiry) for Outlook."""
    from .output import write_atomic
    from .register.ical import calendar

    with reported():
        if all == (case is not None):
            raise DocgenError("name one CASE (a case file or a case id) or pass --all, not both", field="CASE")
        dates, stamp, name = _calendar_dates(case, all, register, by)
        written = write_atomic(out, calendar(dates, stamp=stamp, name=name), force=force)
        typer.echo(f"{written}: {len(dates)} key dates")


def _calendar_dates(
    case: Optional[str], all: bool, register: Optional[Path], by: Optional[str]
) -> tuple[list[KeyDate], dt.date, str]:
    """The key dates to export, the file's time stamp (from the case data) and its name."""
    from .case import load_case
    from .register import key_dates, shipped_forces
    from .register.where import current_user

    if case is not None and Path(case).is_file():
        loaded = load_case(case)
        stamp = loaded.document_date or max(c.sentenced_on for c in loaded.convictions)
        dates = key_dates(loaded, shipped_forces().settings_for(loaded.managing_force))
        return dates, stamp, f"SCPO key dates: {loaded.case_id}"
    with _open(register) as reg:
        rows = [r for r in reg.cases() if not r.closed] if all else [reg.case(case)]
        if rows == [None]:
            raise DocgenError(f"'{case}' is neither a case file nor a case id in the register", file=reg.path, field="CASE")
        if not rows:
            raise DocgenError("the register has no open cases", file=reg.path)
        dates = [d for row in rows for d in reg.key_dates(case_id=row.case_id)]
        reg.note(user=current_user(by), action="export", case_id=None if all else case, reason="key dates exported to a calendar file")
    stamp = max(row.stamp_date for row in rows)
    return dates, stamp, "SCPO key dates" if all else f"SCPO key dates: {case}"

