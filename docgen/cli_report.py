"""``docgen report``: the performance report for a period, as PDF or HTML."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer

from .cli_support import date_option, reported
from .errors import DocgenError

FORMATS = {".pdf": "pdf", ".html": "html"}


def case_files(paths: list[Path]) -> list[Path]:
    """The case files named, with every ``*.yaml`` in a named folder, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(path.glob("*.yaml")))
        elif path.is_file():
            found.append(path)
        else:
            raise DocgenError("no such file or folder", file=path)
    if not found:
        raise DocgenError("no case files found", field="cases")
    return found


def report_command(
    cases: Annotated[list[Path], typer.Argument(help="Case files, or folders of them.", show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="report.pdf or report.html.", show_default=False)],
    start: Annotated[Optional[dt.date], date_option("--from", help="First day (default: the first date in the cases).")] = None,
    end: Annotated[Optional[dt.date], date_option("--to", help="Last day (default: the last date in the cases).")] = None,
    force: Annotated[Optional[str], typer.Option("--force", help="Only this police force (its code, e.g. MPS).")] = None,
    sharing: Annotated[bool, typer.Option("--sharing", help="For sharing outside the force: counts under 5 shown as 'fewer than 5'.")] = False,
    register: Annotated[
        Optional[Path], typer.Option("--register", help="Also count the warning letters and transfer acceptance letters this register issued.")
    ] = None,
    produced: Annotated[
        Optional[dt.date],
        date_option("--produced-on", help="The production date to print (never read from the clock; left out, the report is dated by --to only)."),
    ] = None,
    replace: Annotated[bool, typer.Option("--replace", help="Replace the output file if it exists.")] = False,
) -> None:
    """Counts of orders, holders, warnings, breaches, sentences, disruptions and transfers."""
    from .case import load_cases
    from .output import write_atomic
    from .report import build_report, read_register
    from .report_render import to_html, to_pdf

    with reported():
        kind = FORMATS.get(out.suffix.lower())
        if kind is None:
            raise DocgenError("must end in .pdf or .html", file=out, field="--out")
        loaded = load_cases(case_files(cases))  # every file is checked before anything is written
        facts = read_register(register) if register is not None else None
        report = build_report(
            loaded, start=start, end=end,
            force=force.upper() if force else None, sharing=sharing, produced=produced, register=facts,
        )
        data = to_pdf(report) if kind == "pdf" else to_html(report)
        if out.exists() and not replace:  # --force names a police force here, so the switch is --replace
            raise DocgenError("already exists; pass --replace to replace it", file=out, field="--out")
        typer.echo(str(write_atomic(out, data, force=True)))
