"""The ``docgen`` command line: a thin shell over the library.

Every command reports bad input as ``file: field: reason`` lines on standard error and
exits 2; it never prints a Python traceback unless ``--debug`` is given.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .cli_support import date_option, echo_problems
from .errors import DocgenError
from .launch import comma_choices
from .launch import formats_option as _formats
from .launch import options_for, render_one

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
    kind: Annotated[
        str, typer.Argument(metavar="KIND", help="Document kind (see `docgen kinds`); with --all, the first case file.", show_default=False)
    ],
    case: Annotated[
        Optional[list[Path]],
        typer.Argument(metavar="CASE...", help="The case file (YAML); with --all, any more case files.", show_default=False),
    ] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="docx, pdf or docx,pdf.")] = "docx,pdf",
    out: OutOpt = Path("out"),
    force: ForceOpt = False,
    event: Annotated[Optional[str], typer.Option("--event", help="History event the document is about.")] = None,
    date: Annotated[Optional[dt.date], date_option("--date", help="Document date (default: the case's document_date).")] = None,
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
    all_: Annotated[
        bool, typer.Option("--all", help="Render every document each of the CASES allows, into OUT/<case id>/.")
    ] = False,
    kinds_: Annotated[
        Optional[str], typer.Option("--kinds", help="With --all: only these kinds (comma-separated).")
    ] = None,
    jobs: Annotated[
        Optional[int], typer.Option("--jobs", "-j", min=1, help="With --all: processes to use (default: every core).")
    ] = None,
) -> None:
    """Render one document kind for a case as Word and/or PDF, and print the paths.

    Without --issue the document is a preview, marked so on every page.
    `docgen render --all CASES...` renders every kind each case's order state allows
    (as the demo does), on every core; refused documents are listed at the end and the
    exit status is 1 if there were any.
    """
    options = options_for(lang=lang, date=date, draft=draft, reference=reference, pdfa=pdfa)
    if all_:
        _render_all([Path(kind), *(case or [])], out, force, options, format, templates, register, kinds_, jobs,
                    issue=issue, event=event, reference=reference, house_style=house_style)  # fmt: skip
        return
    if kinds_ is not None or jobs is not None:
        raise DocgenError("--kinds and --jobs go with --all", field="--kinds" if kinds_ is not None else "--jobs")
    if not case:
        raise DocgenError("a case file is needed after the kind", field="CASE")
    if len(case) != 1:
        raise DocgenError(f"one case file, not {len(case)}: render several with --all", field="CASE")
    case = case[0]  # type: ignore[assignment]
    if issue:
        _issue(kind, case, out, force, event, options, format, house_style, templates, reason, by, register)
        return
    render_one(kind, case, out=out, force=force, event=event, options=options, format=format,  # type: ignore[arg-type]
               house_style=house_style, templates=templates, register=register, reason=reason, echo=typer.echo)  # fmt: skip


def _render_all(cases, out, force, options, format, templates, register, kinds_, jobs, **alone) -> None:  # noqa: ANN001
    """The --all half of ``render``: a cohort, with a progress bar and a summary of refusals."""
    from .bulk import render_cohort

    for option, value in (("--issue", alone["issue"]), ("--event", alone["event"]), ("--reference", alone["reference"]),
                          ("--house-style", alone["house_style"]), ("--templates", templates)):  # fmt: skip
        if value:
            raise DocgenError(f"{option} is for one document: it does not go with --all", field=option)
    chosen = None
    if kinds_ is not None:
        from .render import kinds as find_kinds
        from .render import template_dirs

        chosen = list(comma_choices(kinds_, find_kinds(template_dirs(None)), option="--kinds", what="kind", hint="see `docgen kinds`"))
    formats = _formats(format)
    with typer.progressbar(length=len(cases), label="Rendering cases", file=sys.stderr) as bar:
        result = render_cohort(cases, out, kinds=chosen, formats=formats, options=options, force=force,
                               register=register, jobs=jobs, progress=bar.update)  # fmt: skip
    for path in result.written:
        typer.echo(str(path))
    for refusal in result.refusals:
        typer.echo(f"refused: {refusal}", err=True)
    typer.echo(f"{result.documents} documents ({len(result.written)} files) for {len(cases)} cases; "
               f"{len(result.refusals)} refused", err=True)  # fmt: skip
    if result.refusals:
        raise typer.Exit(1)


def _issue(kind, case, out, force, event, options, format, house_style, templates, reason, by, register) -> None:  # noqa: ANN001
    """The --issue half of ``render``: the register numbers, writes and records the document."""
    from .issuing import issue as issue_document

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
    from . import cli_case

    app.add_typer(cli_case.app, name="case")
    cli_register.app.command("diary")(cli_record.diary_command)
    from . import cli_web

    app.add_typer(cli_web.users_app, name="users")
    app.command("serve")(cli_web.serve_command)
    # Plain Click help and usage errors: Rich's formatter costs more to import than the
    # rest of `docgen --help` together.
    for typer_app in (app, *(group.typer_instance for group in app.registered_groups)):
        if typer_app is not None:
            typer_app.rich_markup_mode = None  # type: ignore[assignment]


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
