"""``docgen bundle``: build, extend and verify court and transfer bundles.

A thin shell over :mod:`docgen.bundle`: options are parsed here, the work is done there.
Problems with the input are printed as ``file: field: message`` without a traceback and
end the command with status 2; ``verify`` ends with 0 for a compliant bundle and 1 for
one with findings.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from pydantic import ValidationError

from .bundle import (
    DocumentSpec,
    add_document,
    all_profiles,
    build_bundle,
    get_profile,
    load_spec,
    verify_bundle,
)
from .bundle.add import LATE_SECTION
from .bundle.progress import TerminalProgress
from .bundle.verify import DEFAULT_MAX_MB
from .errors import DocgenError, Problem

app = typer.Typer(
    name="bundle",
    help="Build, extend and verify court and transfer bundles (one PDF with index, bookmarks and page numbers).",
    no_args_is_help=True,
    add_completion=False,
)


class Format(str, Enum):
    text = "text"
    json = "json"


@contextmanager
def _reporting() -> Iterator[None]:
    """Print input problems plainly and exit 2, as every docgen command does."""
    try:
        yield
    except DocgenError as exc:
        for problem in exc.problems:
            typer.echo(f"error: {problem}", err=True)
        raise typer.Exit(2) from None


@contextmanager
def _progress(what: str) -> Iterator[Callable[[int, int], None]]:
    bar = TerminalProgress(sys.stderr, what=what)
    try:
        yield bar
    finally:
        bar.close()


def _megabytes(size: int) -> str:
    return f"{size / 1048576:.1f} MB"


@app.command()
def build(
    spec_file: Annotated[Path, typer.Argument(metavar="SPEC.yaml", help="Bundle spec (see docs/bundles.md).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="PDF to write.")],
    force: Annotated[bool, typer.Option("--force", help="Replace OUT if it exists.")] = False,
    max_size: Annotated[
        Optional[float],
        typer.Option("--max-size", metavar="MB", help="Split into volumes of at most MB megabytes each."),
    ] = None,
    profile: Annotated[
        Optional[str], typer.Option("--profile", help="Override the spec's profile (see `docgen bundle profiles`).")
    ] = None,
) -> None:
    """Build one bundle PDF from a YAML spec."""
    with _reporting():
        if max_size is not None and max_size <= 0:
            raise DocgenError([Problem("--max-size", "", "must be a positive number of megabytes")])
        spec = load_spec(spec_file)
        if profile is not None:
            spec = spec.model_copy(update={"profile": get_profile(profile, file="--profile", field="").name})
        with _progress("pages") as progress:
            report = build_bundle(spec, out, force=force, max_size_mb=max_size, progress=progress)
    for volume in report.volumes:
        typer.echo(
            f"Wrote {volume.path}: {volume.pages} pages, {len(volume.documents)} documents, "
            f"{_megabytes(volume.size)} ({report.profile})"
        )
    for warning in report.warnings:
        typer.echo(f"warning: {warning}", err=True)


@app.command()
def add(
    bundle: Annotated[Path, typer.Argument(metavar="BUNDLE.pdf", help="A bundle built by docgen.")],
    file: Annotated[Path, typer.Argument(metavar="FILE", help="PDF, JPEG, PNG or DOCX to add.")],
    title: Annotated[str, typer.Option("--title", help="Title for the index, bookmark and manifest.")],
    date: Annotated[Optional[str], typer.Option("--date", metavar="YYYY-MM-DD", help="Date of the document.")] = None,
    description: Annotated[str, typer.Option("--description", help="One-line description.")] = "",
    section: Annotated[str, typer.Option("--section", help="Title of the late section.")] = LATE_SECTION,
    out: Annotated[
        Optional[Path], typer.Option("--out", "-o", help="Where to write (default: replace BUNDLE, with --force).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the output file if it exists.")] = False,
) -> None:
    """Add a late document after the last page; pages already served keep their numbers."""
    with _reporting():
        try:
            when = dt.date.fromisoformat(date) if date else None
        except ValueError:
            raise DocgenError([Problem("--date", "", f"{date!r} is not a date in the form YYYY-MM-DD")]) from None
        try:
            doc = DocumentSpec(file=file, title=title, date=when, description=description)
        except ValidationError as exc:
            raise DocgenError(
                [Problem(f"--{e['loc'][0]}", "", e["msg"].removeprefix("Value error, ")) for e in exc.errors()]
            ) from None
        report = add_document(bundle, doc, out=out, section=section, force=force)
    typer.echo(
        f"Added {report.title!r} to {report.path} as pages {report.span} ({report.pages} pages, "
        f"section {report.section}); earlier pages keep their numbers."
    )


@app.command()
def verify(
    file: Annotated[Path, typer.Argument(metavar="FILE.pdf", help="Any bundle PDF, built by docgen or not.")],
    format: Annotated[Format, typer.Option("--format", help="Report as text or JSON.")] = Format.text,
    max_size: Annotated[float, typer.Option("--max-size", metavar="MB", help="Largest acceptable file.")] = DEFAULT_MAX_MB,
    strict: Annotated[bool, typer.Option("--strict", help="Count warnings as failures too.")] = False,
) -> None:
    """Check a bundle against the electronic bundle guidance; exit 0 if compliant, 1 if not."""
    with _reporting():
        with _progress("pages checked") as progress:
            report = verify_bundle(file, max_size_mb=max_size, strict=strict, progress=progress)
    if format is Format.json:
        typer.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    else:
        typer.echo(report.to_text())
    raise typer.Exit(0 if report.compliant else 1)


@app.command()
def profiles() -> None:
    """List the bundle profiles and what each one does."""
    for profile in all_profiles().values():
        typer.echo(f"{profile.name}: {profile.description}")
