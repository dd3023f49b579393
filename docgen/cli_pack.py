"""``docgen pack ...``: commands that write several documents as one deliverable.

A thin shell over :mod:`docgen.pack`. Bad input is reported as ``error: file: field:
reason`` lines and exit status 2, as everywhere else in the CLI, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer

from .cli_support import date_option, reported

app = typer.Typer(
    name="pack",
    help="Write several documents as one folder and one bookmarked PDF.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def _pack() -> None:
    """Write several documents as one folder and one bookmarked PDF."""


@app.command()
def application(
    case: Annotated[Path, typer.Argument(help="The case file (YAML).", show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write into.")] = Path("out"),
    force: Annotated[bool, typer.Option("--force", help="Replace files that already exist.")] = False,
    draft: Annotated[
        bool, typer.Option("--draft", help="Render even if the application is incomplete; mark every page DRAFT and list the findings.")
    ] = False,
    date: Annotated[Optional[dt.date], date_option("--date", help="Document date (default: the case's document_date).")] = None,
    house_style: Annotated[
        Optional[Path], typer.Option("--house-style", help="House-style file (default: house-style/<FORCE>.yaml beside the case).")
    ] = None,
    templates: Annotated[
        Optional[Path], typer.Option("--templates", help="A folder of the force's own templates; they win over the shipped ones.")
    ] = None,
    lang: Annotated[
        Optional[str], typer.Option("--lang", help="en, cy or cy+en (Welsh first); default: the subject's language in the case.")
    ] = None,
) -> None:
    """The application, the draft order and a covering note to the CPS, as one folder and one PDF."""
    from .pack import pack_application
    from .render import Options

    from .i18n import check_language

    with reported():
        language = check_language(lang) if lang is not None else None
        options = Options(date=date, draft=draft, language=language)
        paths = pack_application(case, out_dir=out, house_style=house_style, options=options, templates=templates, force=force)
    for path in paths:
        typer.echo(str(path))
