"""The ``docgen`` command line: a thin shell over the library.

Every command reports bad input as ``file: field: reason`` lines on standard error and
exits 2; it never prints a Python traceback unless ``--debug`` is given.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .cli_support import echo_problems, iso_date
from .errors import DocgenError

app = typer.Typer(
    name="docgen",
    help="Draft, issue and bundle the documents around Serious Crime Prevention Orders.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

_state = {"debug": False}

CaseArg = Annotated[Path, typer.Argument(help="The case file (YAML).", show_default=False)]
OutOpt = Annotated[Path, typer.Option("--out", "-o", help="Folder to write into.")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace files that already exist.")]
HouseOpt = Annotated[
    Optional[Path],
    typer.Option("--house-style", help="House-style file (default: house-style/<FORCE>.yaml beside the case)."),
]
TemplatesOpt = Annotated[
    Optional[Path], typer.Option("--templates", help="A folder of the force's own templates; they win over the shipped ones.")
]


@app.callback()
def _main(debug: Annotated[bool, typer.Option("--debug", help="Show the Python traceback on errors.")] = False) -> None:
    _state["debug"] = debug


def _formats(value: str) -> tuple[str, ...]:
    from .writers import FORMATS

    chosen = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise DocgenError(f"unknown format {', '.join(unknown) or '(none)'}; use docx, pdf or docx,pdf", field="--format")
    return chosen


@app.command()
def validate(cases: Annotated[list[Path], typer.Argument(help="One or more case files.", show_default=False)]) -> None:
    """Check case files and print every problem found. Exit 0 valid, 2 invalid."""
    from .case import load_case
    from .fmt import DEFAULT_LOCALE
    from .pipeline import term_views

    failed = False
    for path in cases:
        try:
            case = load_case(path)
            term_views(case, DEFAULT_LOCALE)
        except DocgenError as exc:
            failed = True
            for problem in exc.problems:
                typer.echo(str(problem), err=True)
            continue
        typer.echo(f"{path}: valid ({len(case.terms)} terms, {len(case.history)} history events)")
    if failed:
        raise typer.Exit(2)


@app.command()
def render(
    kind: Annotated[str, typer.Argument(help="Document kind (see `docgen kinds`).", show_default=False)],
    case: CaseArg,
    format: Annotated[str, typer.Option("--format", "-f", help="docx, pdf or docx,pdf.")] = "docx,pdf",
    out: OutOpt = Path("out"),
    force: ForceOpt = False,
    event: Annotated[Optional[str], typer.Option("--event", help="History event the document is about.")] = None,
    date: Annotated[Optional[str], typer.Option("--date", help="Document date YYYY-MM-DD (default: the case's document_date).")] = None,
    draft: Annotated[bool, typer.Option("--draft", help="Mark every page DRAFT.")] = False,
    reference: Annotated[Optional[str], typer.Option("--reference", help="Document reference to print.")] = None,
    house_style: HouseOpt = None,
    templates: TemplatesOpt = None,
    lang: Annotated[
        Optional[str],
        typer.Option("--lang", help="en, cy or cy+en (Welsh first); default: the subject's language in the case."),
    ] = None,
    issue: Annotated[bool, typer.Option("--issue", help="Issue it: take a reference from the register and record it.")] = False,
    reason: Annotated[Optional[str], typer.Option("--reason", help="Why the document is issued (needed with --issue).")] = None,
    by: Annotated[Optional[str], typer.Option("--by", help="Who issues it (default: $DOCGEN_USER, then the login name).")] = None,
    register: Annotated[
        Optional[Path], typer.Option("--register", help="Register file (default: $DOCGEN_REGISTER, then docgen.db beside the case).")
    ] = None,
    pdfa: Annotated[bool, typer.Option("--pdfa", help="Write the PDF as PDF/A-2b, the archival form.")] = False,
) -> None:
    """Render one document kind for a case as Word and/or PDF, and print the paths.

    Without --issue the document is a preview, marked so on every page.
    """
    from .pipeline import render_to_files
    from .render import Options

    from .i18n import check_language

    language = check_language(lang) if lang is not None else None
    options = Options(date=iso_date(date, "--date"), draft=draft, reference=reference, language=language, pdfa=pdfa)
    if issue:
        _issue(kind, case, out, force, event, options, format, house_style, templates, reason, by, register)
        return
    if reason is not None:
        raise DocgenError("--reason is recorded only when a document is issued: add --issue", field="--reason")
    from dataclasses import replace

    from .register.issue import register_extra

    options = replace(options, extra={**options.extra, **register_extra(case, register)})
    paths = render_to_files(
        case,
        kind,
        out_dir=out,
        house_style=house_style,
        event_id=event,
        options=options,
        formats=_formats(format),
        templates=templates,
        force=force,
    )
    for path in paths:
        typer.echo(str(path))


def _issue(kind, case, out, force, event, options, format, house_style, templates, reason, by, register) -> None:  # noqa: ANN001
    """The --issue half of ``render``: the register numbers, writes and records the document."""
    from .register.issue import issue as issue_document

    if force:
        raise DocgenError("an issued document never replaces a file: drop --force", file=case, field="--force")
    issued = issue_document(
        case,
        kind,
        reason=reason or "",
        out_dir=out,
        by=by,
        register=register,
        event_id=event,
        options=options,
        formats=_formats(format),
        templates=templates,
        house_style=house_style,
    )
    for item in issued.leftovers:
        typer.echo(f"warning: {item.path}: {item.describe()}; `docgen register recover` clears it", err=True)
    typer.echo(f"issued {issued.document.reference} (version {issued.document.version})")
    for path in issued.paths:
        typer.echo(str(path))


@app.command()
def kinds(templates: TemplatesOpt = None) -> None:
    """List the document kinds: title, audience, the order states each allows and what it needs."""
    from .kinds import spec_for
    from .kinds.spec import ORDER_STATES
    from .render import kinds as find_kinds
    from .render import template_dirs

    found = find_kinds(template_dirs(templates))
    width = max((len(k) for k in found), default=0)
    for name, info in found.items():
        spec = spec_for(name)
        flag = " (override)" if info.overridden else ""
        title = spec.title if spec else info.description
        states = ", ".join(spec.states if spec else ORDER_STATES)
        needs = ", ".join(dict.fromkeys((*(spec.needs if spec else ()), *info.needs))) or "-"
        typer.echo(f"{name.ljust(width)}  {title}{flag}")
        typer.echo(f"{''.ljust(width)}  for: {info.audience}; order states: {states}; needs: {needs}")


@app.command()
def demo(
    out: OutOpt = Path("out"),
    samples: Annotated[Optional[Path], typer.Option("--samples", help="Folder of sample cases (default: the shipped samples).")] = None,
) -> None:
    """Render the documents for every sample case into OUT (replacing earlier demo files)."""
    from .demo import run_demo

    for path in run_demo(out, samples):
        typer.echo(str(path))


def _mount() -> None:
    """The command groups that live in their own modules."""
    from . import cli_bundle, cli_conditions, cli_pack, cli_register, cli_templates

    app.add_typer(cli_conditions.app, name="conditions")
    app.command("lint")(cli_conditions.lint_command)
    app.add_typer(cli_register.app, name="register")
    app.command("calendar")(cli_register.calendar_command)
    app.add_typer(cli_pack.app, name="pack")
    app.add_typer(cli_bundle.app, name="bundle")
    app.add_typer(cli_templates.app, name="templates")
    from . import cli_welsh

    app.add_typer(cli_welsh.app, name="welsh")
    from . import cli_report

    app.command("report")(cli_report.report_command)
    from . import cli_record

    app.add_typer(cli_record.app, name="record")
    cli_register.app.command("diary")(cli_record.diary_command)
    from . import cli_web

    app.add_typer(cli_web.users_app, name="users")
    app.command("serve")(cli_web.serve_command)


_mount()


def main() -> None:
    """Console entry point: user errors become messages and exit 2, never tracebacks."""
    try:
        app()
    except DocgenError as exc:
        if _state["debug"]:
            raise
        echo_problems(exc)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug: say so plainly, without a traceback unless asked
        if _state["debug"]:
            raise
        typer.echo(f"internal error: {type(exc).__name__}: {exc} (run with --debug for details)", err=True)
        sys.exit(3)


if __name__ == "__main__":
    main()
