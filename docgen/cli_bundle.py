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
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

# The bundle package (pypdf, reportlab) is imported inside each command, not here: this
# module is loaded by every `docgen` command and the import cost half a second of start-up.
from .cli_support import TextFormat, date_option, positive_megabytes, reported
from .errors import DocgenError, Problem

if TYPE_CHECKING:
    from .bundle.from_case import CaseBundle

app = typer.Typer(
    name="bundle",
    help="Build, extend and verify court and transfer bundles (one PDF with index, bookmarks and page numbers).",
    no_args_is_help=True,
    add_completion=False,
)


OcrOpt = Annotated[
    Optional[bool],
    typer.Option("--ocr/--no-ocr", help="Add a text layer (English and Welsh OCR) to pages without one (default: the profile's setting)."),
]
PdfaOpt = Annotated[bool, typer.Option("--pdfa", help="Write PDF/A-2b, the archival form courts and the CPS keep.")]


def _say_ocr(path: object, pages: tuple[str, ...]) -> None:
    if pages:
        typer.echo(f"OCR: {path}: page(s) without text read: {', '.join(pages)}")


# a volume's size in megabytes: zero or less is refused before the command runs
VolumeSizeOpt = Annotated[
    Optional[float],
    typer.Option("--max-size", metavar="MB", parser=positive_megabytes, help="Split into volumes of at most MB megabytes each."),
]


@contextmanager
def _progress(what: str) -> Iterator[Callable[[int, int], None]]:
    from .bundle.progress import TerminalProgress

    bar = TerminalProgress(sys.stderr, what=what)
    try:
        yield bar
    finally:
        bar.close()


@app.command()
def build(
    spec_file: Annotated[Path, typer.Argument(metavar="SPEC.yaml", help="Bundle spec (see docs/bundles.md).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="PDF to write.")],
    force: Annotated[bool, typer.Option("--force", help="Replace OUT if it exists.")] = False,
    max_size: VolumeSizeOpt = None,
    profile: Annotated[
        Optional[str], typer.Option("--profile", help="Override the spec's profile (see `docgen bundle profiles`).")
    ] = None,
    ocr: OcrOpt = None,
    pdfa: PdfaOpt = False,
) -> None:
    """Build one bundle PDF from a YAML spec."""
    from .bundle import build_bundle, get_profile, load_spec
    from .bundle.wording import count, megabytes

    with reported():
        spec = load_spec(spec_file)
        if profile is not None:
            spec = spec.model_copy(update={"profile": get_profile(profile, file="--profile", field="").name})
        with _progress("pages") as progress:
            report = build_bundle(spec, out, force=force, max_size_mb=max_size, progress=progress, ocr=ocr, pdfa=pdfa)
    for volume in report.volumes:
        typer.echo(
            f"Wrote {volume.path}: {count(volume.pages, 'page')}, {count(len(volume.documents), 'document')}, "
            f"{megabytes(volume.size)} ({report.profile}{', PDF/A-2b' if pdfa else ''})"
        )
        _say_ocr(volume.path, volume.ocr_pages)
    for warning in report.warnings:
        typer.echo(f"warning: {warning}", err=True)


@app.command()
def add(
    bundle: Annotated[Path, typer.Argument(metavar="BUNDLE.pdf", help="A bundle built by docgen.")],
    file: Annotated[Path, typer.Argument(metavar="FILE", help="PDF, JPEG, PNG or DOCX to add.")],
    title: Annotated[str, typer.Option("--title", help="Title for the index, bookmark and manifest.")],
    date: Annotated[Optional[dt.date], date_option("--date", help="Date of the document.")] = None,
    description: Annotated[str, typer.Option("--description", help="One-line description.")] = "",
    section: Annotated[
        Optional[str], typer.Option("--section", help="Title of the late section (default: the bundle's late-additions section).")
    ] = None,
    out: Annotated[
        Optional[Path], typer.Option("--out", "-o", help="Where to write (default: replace BUNDLE, with --force).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the output file if it exists.")] = False,
    reindex: Annotated[
        bool, typer.Option("--reindex", help="Reissue the index, on its own pages, listing the late additions as such.")
    ] = False,
    ocr: OcrOpt = None,
) -> None:
    """Add a late document after the last page; pages already served keep their numbers."""
    from pydantic import ValidationError

    from .bundle import DocumentSpec, add_document
    from .bundle.add import LATE_SECTION
    from .bundle.wording import count

    with reported():
        when = date
        try:
            doc = DocumentSpec(file=file, title=title, date=when, description=description)
        except ValidationError as exc:
            raise DocgenError(
                [Problem(f"--{e['loc'][0]}", "", e["msg"].removeprefix("Value error, ")) for e in exc.errors()]
            ) from None
        report = add_document(bundle, doc, out=out, section=section or LATE_SECTION, force=force, reindex=reindex, ocr=ocr)
    where = "page" if report.pages == 1 else "pages"
    typer.echo(
        f"Added {report.title!r} to {report.path} as {where} {report.span} ({count(report.pages, 'page')}, "
        f"section {report.section}); earlier pages keep their numbers."
    )
    _say_ocr(report.path, report.ocr_pages)
    if report.reindexed:
        typer.echo("The index was reissued on its own pages and lists the late additions.")
    for warning in report.warnings:
        typer.echo(f"warning: {warning}", err=True)


@app.command()
def verify(
    file: Annotated[Path, typer.Argument(metavar="FILE.pdf", help="Any bundle PDF, built by docgen or not.")],
    format: Annotated[TextFormat, typer.Option("--format", help="Report as text or JSON.")] = TextFormat.text,
    max_size: Annotated[
        Optional[float], typer.Option("--max-size", metavar="MB", help="Largest acceptable file (default: the e-mail limit).")
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Count warnings as failures too.")] = False,
) -> None:
    """Check a bundle against the electronic bundle guidance; exit 0 if compliant, 1 if not."""
    from .bundle import verify_bundle
    from .bundle.verify import DEFAULT_MAX_MB

    with reported():
        with _progress("pages checked") as progress:
            report = verify_bundle(
                file, max_size_mb=DEFAULT_MAX_MB if max_size is None else max_size, strict=strict, progress=progress
            )
    if format is TextFormat.json:
        typer.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    else:
        typer.echo(report.to_text())
    raise typer.Exit(0 if report.compliant else 1)


@app.command()
def profiles() -> None:
    """List the bundle profiles and what each one does."""
    from .bundle import all_profiles

    for profile in all_profiles().values():
        typer.echo(f"{profile.name}: {profile.description}")


RegisterOpt = Annotated[
    Optional[Path],
    typer.Option("--register", help="Register file (default: $DOCGEN_REGISTER, then docgen.db beside the case)."),
]
CaseOutOpt = Annotated[
    Optional[Path], typer.Option("--out", "-o", help="PDF to write (default: out/<CASE>-<what>-<EVENT>.pdf).")
]
CaseForceOpt = Annotated[bool, typer.Option("--force", help="Replace OUT if it exists.")]
CaseProfileOpt = Annotated[str, typer.Option("--profile", help="Bundle profile (see `docgen bundle profiles`).")]
CaseHouseOpt = Annotated[
    Optional[Path], typer.Option("--house-style", help="House-style file (default: house-style/<FORCE>.yaml).")
]
CaseByOpt = Annotated[
    Optional[str], typer.Option("--by", help="Who builds it, for the register's log (default: $DOCGEN_USER, then login).")
]


def _build_from_case(
    gathered: CaseBundle,
    out: Path,
    force: bool,
    max_size: Optional[float],
    by: Optional[str],
    ocr: Optional[bool] = None,
    pdfa: bool = False,
) -> None:
    """Build a gathered case bundle and report it as `build` does, plus what was left out."""
    from .bundle.from_case import build_case_bundle
    from .bundle.wording import count, megabytes

    with _progress("pages") as progress:
        report = build_case_bundle(gathered, out, by=by, force=force, max_size_mb=max_size, progress=progress,
                                   ocr=ocr, pdfa=pdfa)  # fmt: skip
    for volume in report.volumes:
        typer.echo(
            f"Wrote {volume.path}: {count(volume.pages, 'page')}, {count(len(volume.documents), 'document')}, "
            f"{megabytes(volume.size)} ({report.profile}{', PDF/A-2b' if pdfa else ''})"
        )
        _say_ocr(volume.path, volume.ocr_pages)
    if gathered.withheld:
        typer.echo(f"Left out {len(gathered.withheld)} sensitive evidence file(s): {'; '.join(gathered.withheld)}")
    for warning in [*gathered.warnings, *report.warnings]:
        typer.echo(f"warning: {warning}", err=True)


@app.command()
def transfer(
    case: Annotated[Path, typer.Argument(metavar="CASE", help="The case file (YAML).")],
    event: Annotated[
        Optional[str], typer.Option("--event", help="The transfer's history event (default: the case's last transfer).")
    ] = None,
    include_sensitive: Annotated[
        bool, typer.Option("--include-sensitive", help="Also include evidence files marked sensitive (left out by default).")
    ] = False,
    register: RegisterOpt = None,
    out: CaseOutOpt = None,
    force: CaseForceOpt = False,
    max_size: VolumeSizeOpt = None,
    profile: CaseProfileOpt = "judiciary-2021",
    house_style: CaseHouseOpt = None,
    by: CaseByOpt = None,
    ocr: OcrOpt = None,
    pdfa: PdfaOpt = False,
) -> None:
    """Build the transfer pack for a move to another force from the case's issued documents.

    The pack holds the issued transfer letter, every document it lists (the newest version
    of each, checked against the SHA-256 the register recorded) and the case's evidence
    files. Sensitive evidence is left out unless --include-sensitive is given. The pack
    also embeds the case data the receiving force imports with `docgen case import`
    (never its sensitive parts), listed in the manifest with its SHA-256.
    """
    from .bundle import get_profile
    from .bundle.from_case import default_out, transfer_bundle

    with reported():
        gathered = transfer_bundle(
            case, register=register, event_id=event, include_sensitive=include_sensitive,
            house_style=house_style, profile=get_profile(profile, file="--profile", field="").name,
        )  # fmt: skip
        _build_from_case(gathered, out or default_out(gathered.case_id, "transfer", event), force, max_size, by, ocr, pdfa)


@app.command()
def breach(
    case: Annotated[Path, typer.Argument(metavar="CASE", help="The case file (YAML).")],
    event: Annotated[str, typer.Option("--event", help="The breach's history event.")],
    register: RegisterOpt = None,
    out: CaseOutOpt = None,
    force: CaseForceOpt = False,
    max_size: VolumeSizeOpt = None,
    profile: CaseProfileOpt = "judiciary-2021",
    house_style: CaseHouseOpt = None,
    by: CaseByOpt = None,
    ocr: OcrOpt = None,
    pdfa: PdfaOpt = False,
) -> None:
    """Build the breach file for one breach (s.25) from the case's issued documents.

    The file holds the order, proof of notice, the term breached, the MG5 for EVENT, the
    warning letters before it and the evidence listed for it. It may go to the defence, so
    sensitive evidence is never included, whatever the options.
    """
    from .bundle import get_profile
    from .bundle.from_case import breach_bundle, default_out

    with reported():
        gathered = breach_bundle(
            case, event_id=event, register=register, house_style=house_style,
            profile=get_profile(profile, file="--profile", field="").name,
        )  # fmt: skip
        _build_from_case(gathered, out or default_out(gathered.case_id, "breach", event), force, max_size, by, ocr, pdfa)
