"""``docgen case ...``: commands about a whole case file.

A thin shell over :mod:`docgen.case_import`. Bad input is reported as ``error: file:
field: reason`` lines and exit status 2, and nothing is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .cli_support import reported

app = typer.Typer(name="case", help="Take over a case from another force.", no_args_is_help=True,
                  pretty_exceptions_enable=False, add_completion=False)  # fmt: skip


@app.callback()
def _case() -> None:
    """Take over a case from another force."""


@app.command("import")
def import_command(
    pack: Annotated[Path, typer.Argument(metavar="PACK.pdf", help="The transfer pack the sending force built.", show_default=False)],
    force_code: Annotated[str, typer.Option("--force-code", help="The receiving force's code (the pack's destination).", show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the new case file into.")] = Path("cases"),
    officer: Annotated[
        Optional[Path], typer.Option("--officer", help="YAML file with the receiving offender manager's details (name, rank, role, phone, email, collar).")
    ] = None,
    case_id: Annotated[Optional[str], typer.Option("--case-id", help="The new case id (default: <FORCE>-SCPO-<next number>).")] = None,
    register: Annotated[Optional[Path], typer.Option("--register", help="The receiving force's register (default: beside the new case file).")] = None,
    by: Annotated[Optional[str], typer.Option("--by", help="Who is importing (default: $DOCGEN_USER or the login name).")] = None,
) -> None:
    """Check a transfer pack's integrity and write the case file for the receiving force.

    Every embedded file and page is checked against the pack's manifest; a tampered or
    partial pack is refused, naming what does not match. The transfer is logged in the
    register with the original references of the documents in the pack. It then prints
    what the pack does not hold (the sending force's "Not enclosed" list, with why, and
    how much it kept back as sensitive), so you know what to ask that force for. Without
    --officer the case's officer is left empty, and the case does not validate until it
    is filled in.
    """
    from .case_import import import_case, to_ask_for

    with reported():
        done = import_case(pack, force_code=force_code, out_dir=out, register=register, officer=officer, case_id=case_id, by=by)
    typer.echo(f"Wrote {done.path}: case {done.case_id}, received from {done.from_force} (its case {done.from_case})")
    count = len(done.references)
    typer.echo(f"Logged the transfer in {done.register}; {count} {'document keeps its' if count == 1 else 'documents keep their'} reference{'' if count == 1 else 's'}")
    if done.late_additions:
        titles = "; ".join(done.late_additions)
        typer.echo(f"Added to the pack after it was built, checked against its page digests like the rest: {titles}")
    for line in to_ask_for(done):
        typer.echo(line)
    if not done.officer_set:
        typer.echo(f"Fill in offender_manager in {done.path}, then: docgen validate {done.path} && docgen register sync {done.path}")
