"""``docgen templates check|list|describe|reference``: for the people who maintain a force's templates.

A typer app of its own, mounted under the main ``docgen`` command. Each command reports
problems as ``file:line: message`` and exits 2 when there is an error, so it can gate a
pull request.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .cli_support import echo_problems
from .errors import DocgenError

app = typer.Typer(
    name="templates",
    help="Check a templates folder and show which file each document kind uses.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

FolderArg = Annotated[
    Optional[Path],
    typer.Argument(help="A force's templates folder (default: the shipped templates).", show_default=False),
]


def _fail(exc: DocgenError) -> None:
    echo_problems(exc)
    raise typer.Exit(2)


@app.command()
def check(folder: FolderArg = None) -> None:
    """Report every mistake at once, each at its line: syntax, unknown names, filters and blocks, the sandbox, stale Welsh. Exit 2 on any error."""
    from .templatecheck import check as run_check

    try:
        findings = run_check(folder)
    except DocgenError as exc:
        _fail(exc)
        return
    errors = [f for f in findings if f.severity == "error"]
    # findings and the summary on one stream, in file and line order, so piped output reads in order
    for finding in findings:
        typer.echo(str(finding))
    warnings = len(findings) - len(errors)
    typer.echo(f"{len(errors)} error(s), {warnings} warning(s)")
    if errors:
        raise typer.Exit(2)


@app.command("list")
def list_(folder: FolderArg = None) -> None:
    """Show the file each document kind and shared layout resolves to: shipped or override."""
    from .templatecheck import resolution

    try:
        if folder is not None and not folder.is_dir():
            raise DocgenError("templates folder not found", file=folder)
        rows = resolution(folder)
    except DocgenError as exc:
        _fail(exc)
        return
    width = max((len(name) for name, _, _ in rows), default=0)
    for name, path, overridden in rows:
        typer.echo(f"{name.ljust(width)}  {'override' if overridden else 'shipped '}  {path}")


@app.command()
def describe(
    kind: Annotated[Optional[str], typer.Argument(help="A document kind (default: all kinds, the layouts and the case fields).", show_default=False)] = None,
) -> None:
    """List the blocks a template may override and every name and field it may print."""
    from .templateref import describe as run_describe, shipped_kinds

    if kind is not None and kind not in shipped_kinds():
        typer.echo(f"error: no document kind '{kind}'; the kinds are: {', '.join(shipped_kinds())}", err=True)
        raise typer.Exit(2)
    typer.echo(run_describe(kind), nl=False)


@app.command()
def reference(
    doc: Annotated[Path, typer.Argument(help="The Markdown file whose generated part is rewritten.")] = Path("docs/templates.md"),
    check_only: Annotated[bool, typer.Option("--check", help="Only report whether the file is up to date (exit 1 if not).")] = False,
) -> None:
    """Write the generated reference (blocks, names, fields, markup) into docs/templates.md."""
    from .templateref import reference_is_current, write_reference

    if check_only:
        if not doc.is_file() or not reference_is_current(doc):
            typer.echo(f"{doc}: the generated reference is out of date; run: docgen templates reference {doc}")
            raise typer.Exit(1)
        typer.echo(f"{doc}: up to date")
        return
    changed = write_reference(doc)
    typer.echo(f"{doc}: {'rewritten' if changed else 'already up to date'}")


@app.command()
def extract(
    folder: Annotated[Path, typer.Argument(help="The force's templates folder; its locale/cy.po is written or updated.")],
) -> None:
    """Write or update the force's own Welsh catalog (locale/cy.po) for just its own wording."""
    from .templatecatalog import extract_catalog

    try:
        done = extract_catalog(folder)
    except DocgenError as exc:
        _fail(exc)
        return
    typer.echo(f"{done.path}: {done.added} new to translate, {done.kept} kept, {done.obsolete} no longer used (kept as #~)")
