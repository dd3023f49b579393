"""``docgen conditions ...`` and ``docgen lint CASE``: browse, check and migrate clauses.

A thin shell over :mod:`docgen.conditions` and :mod:`docgen.lint`. Bad input is printed
as ``error: file: field: reason`` on standard error with exit status 2, as everywhere else
in the command line. The linters exit 0 when clean, 1 with warnings only, 2 with errors.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from .cli_support import TextFormat, reports_errors
from .errors import DocgenError

# The library and the linters (a fifth of a second to import) are loaded by the commands
# that use them, not here: this module is imported by every `docgen` command.
if TYPE_CHECKING:
    from .conditions import Clause, Library
    from .lint import Brands, Finding

app = typer.Typer(
    name="conditions",
    help="Browse, lint and migrate the conditions library.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

LibraryOpt = Annotated[
    Optional[Path], typer.Option("--library", help="A conditions library folder (default: the shipped library).")
]
FormatOpt = Annotated[TextFormat, typer.Option("--format", help="text for people, json for machines.")]
BrandsOpt = Annotated[
    Optional[list[Path]],
    typer.Option("--brands", help="An extra brand list (same shape as docgen/data/brands.yaml); may be repeated."),
]

def _library(path: Optional[Path]) -> Library:
    from .conditions import load_library, shipped_library

    return load_library(path) if path is not None else shipped_library()


def _brands(extra: Optional[list[Path]]) -> Optional[Brands]:
    from .lint import load_brands

    return load_brands(*extra) if extra else None


def exit_code(findings: list[Finding]) -> int:
    from .lint import exit_code as code

    return code(findings)


def _json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True))


def _summary(findings: list[Finding]) -> str:
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    return f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"


def _print_findings(source: str, findings: list[Finding], fmt: str) -> None:
    from .lint import as_dict, describe

    if fmt == "json":
        _json(
            {
                "source": source,
                "findings": [as_dict(f) for f in findings],
                "errors": sum(f.severity == "error" for f in findings),
                "warnings": sum(f.severity == "warning" for f in findings),
                "exit_code": exit_code(findings),
            }
        )
        return
    for finding in findings:
        typer.echo(f"{source}: {describe(finding)}")
    typer.echo(f"{source}: {_summary(findings)}")


# --------------------------------------------------------------------------- list / show


@app.command("list")
@reports_errors
def list_clauses(
    category: Annotated[Optional[str], typer.Option("--category", help="Only this category.")] = None,
    all_versions: Annotated[bool, typer.Option("--all", help="Every version, including superseded, withdrawn and draft.")] = False,
    library: LibraryOpt = None,
    format: FormatOpt = TextFormat.text,
) -> None:
    """List the clauses: code, version, status, category and title."""
    fmt = format.value
    lib = _library(library)
    if category is not None and category not in lib.categories:
        raise DocgenError(
            f"unknown category {category!r}; categories: {', '.join(sorted(lib.categories))}", field="--category"
        )
    rows = []
    for code in lib.codes():
        versions = lib.versions(code) if all_versions else [lib.current(code)]
        for clause in versions:
            if clause is None or (category and clause.category != category):
                continue
            rows.append((clause, _status(lib, clause)))
    if fmt == "json":
        _json(
            [
                {"code": c.code, "version": c.version, "status": s, "category": c.category, "kind": c.s5_basis, "title": c.title}
                for c, s in rows
            ]
        )
        return
    for clause, status in rows:
        typer.echo(f"{clause.code}  {clause.version:<7} {status:<10} {clause.category:<13} {clause.title}")


def _status(lib: Library, clause: Clause) -> str:
    return "superseded" if lib.is_superseded(clause) else clause.status


def _shown(param: Any, value: Any) -> str:
    """A parameter value as the wording would print it."""
    shown = param.present(param.coerce(value), "en_GB")
    return "; ".join(shown) if isinstance(shown, list) else str(shown)


def _describe_parameter(param: Any) -> str:
    limits = []
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None and high is not None:
        limits.append(f"from {_shown(param, low)} to {_shown(param, high)}")
    elif low is not None or high is not None:
        limits.append(f"from {_shown(param, low)}" if low is not None else f"up to {_shown(param, high)}")
    if getattr(param, "choices", None):
        limits.append("one of: " + "; ".join(param.choices))
    if param.type == "names":
        limits.append(f"{param.min_items} to {param.max_items} names")
    if param.type == "text":
        limits.append(f"{param.min_length} to {param.max_length} characters")
    if param.default is not None:
        default = f"default {_shown(param, param.default)}"
    else:
        default = f"required, for example {_shown(param, param.example)}"
    named = f"; named in running text as \u201c{param.short_name}\u201d" if param.short_name else ""
    return f"{param.name} ({param.type}{', ' + ', '.join(limits) if limits else ''}; {default}{named}): {param.label}"


def _moving_duties(clause: Clause, values: dict[str, Any]) -> list[str]:
    """The notices a move of home sets off, as the transfer letter states them."""
    out = []
    for duty in clause.on_moving:
        line = f"  - notify {clause.render_moving(duty, values)}, within the days set by {duty.within}"
        details = [f"item ({duty.item})"] if duty.item else []
        details += ["a change to details already notified"] if duty.changes_notified else []
        details += [f"only if {duty.when}"] if duty.when else []
        out.append(line + (f" ({'; '.join(details)})" if details else ""))
    return out


def _block(title: str, text: str) -> list[str]:
    body = [textwrap.indent(p, "  ") for p in text.split("\n\n")]
    return [title, "\n\n".join(body), ""]


@app.command()
@reports_errors
def show(
    code: Annotated[str, typer.Argument(help="The clause code, such as COM-001.", show_default=False)],
    version: Annotated[Optional[str], typer.Option("--version", help="A particular version (default: the current one).")] = None,
    library: LibraryOpt = None,
    format: FormatOpt = TextFormat.text,
) -> None:
    """Show a clause: wording with its defaults, mirror, guidance, notes and versions."""
    fmt = format.value
    lib = _library(library)
    if version is None and lib.versions(code) and lib.current(code) is None:
        clause = lib.versions(code)[-1]
    else:
        clause = lib.get(code, version)
    values = clause.sample_params()
    wording = clause.render_wording(values)
    mirror = clause.render_mirror(values)
    plain = clause.plain_words(values)
    startup = clause.render_startup(values)
    remedy = clause.render_remedy(values)
    kind = lib.kinds[clause.s5_basis]
    if fmt == "json":
        _json(
            {
                "code": clause.code,
                "version": clause.version,
                "status": _status(lib, clause),
                "title": clause.title,
                "category": clause.category,
                "kind": clause.s5_basis,
                "authority": lib.kinds[clause.s5_basis].authority,
                "parameters": [p.model_dump(mode="json") for p in clause.parameters],
                "wording": wording,
                "mirror": mirror,
                "mirror_reason": clause.mirror_reason,
                "plain_words": plain,
                "definitions": {k: lib.definitions[k].sentence for k in clause.definitions},
                "guidance": clause.guidance.model_dump(mode="json"),
                "future_proofing": [f.model_dump(mode="json") for f in clause.future_proofing],
                "monitoring": clause.monitoring.model_dump(mode="json"),
                "versions": [_version_entry(lib, c) for c in lib.versions(clause.code)],
                "second_edition": clause.second_edition,
                "legal_basis": clause.legal_basis or kind.authority,
                "multiple": clause.multiple,
                "startup": startup,
                "exceptions": [e.model_dump(mode="json") for e in clause.exceptions],
                "not_mirrored": [n.model_dump(mode="json") for n in clause.mirror.not_mirrored],
                "approval_route": clause.approval_route.model_dump(mode="json") if clause.approval_route else None,
                "urgent_route": clause.urgent_route,
                "remedy": remedy,
                "remedy_none": clause.remedy_reason,
                "examples": [
                    {**e.model_dump(mode="json"), **dict(zip(("scenario", "why"), clause.render_example(e, values)))}
                    for e in clause.examples
                ],
                "on_moving": [{**d.model_dump(mode="json"), "notice": clause.render_moving(d, values)} for d in clause.on_moving],
                "welsh": _welsh_status(clause),
            }
        )
        return
    out = [
        f"{clause.code} version {clause.version}: {clause.title} ({_status(lib, clause)})",
        f"Category: {clause.category}; rests on {kind.title} ({kind.authority})",
        f"Legal basis: {clause.legal_basis or kind.authority}",
        f"Edition: {'second' if clause.second_edition else 'first'}; "
        + ("several terms of this clause may be used in one order" if clause.multiple else "one term of this clause per order"),
        f"Welsh: {_welsh_status(clause)}",
        "",
    ]
    if clause.parameters:
        out += ["Parameters:", *(f"  {_describe_parameter(p)}" for p in clause.parameters), ""]
    out += _block("Wording (with defaults):", wording)
    out += _block("Licence mirror:", mirror) if mirror else _block("Not mirrored in the licence, because:", clause.mirror_reason or "")
    out += _block("In plain words:", plain)
    if startup:
        out += _block("Start-up duty (what exists when the order comes into force):", startup)
    if clause.on_moving:
        out += ["Notices a move of home sets off (the transfer letter states them):", *_moving_duties(clause, values), ""]
    out += _routes(clause, remedy)
    if clause.examples:
        out += ["Worked examples:"]
        for example in clause.examples:
            verdict = "breach" if example.breach else "not a breach"
            tags = [f"exception {example.exception}"] if example.exception else []
            tags += ["shown to the subject"] if example.for_subject else []
            scenario, why = clause.render_example(example, values)  # with the values the wording shows
            out += [
                f"  - {scenario.rstrip('.')}: {verdict}" + (f" ({', '.join(tags)})" if tags else ""),
                f"    why: {why}",
            ]
        out.append("")
    if clause.definitions:
        out += ["Definitions:", *(f"  {lib.definitions[k].sentence}" for k in clause.definitions), ""]
    g = clause.guidance
    out += ["Guidance:", f"  Purpose: {g.purpose}", f"  Evidence that links it: {g.evidence}", "  Proportionality:"]
    out += [f"    - {p}" for p in g.proportionality]
    out += ["  Questions for the case (answer under justification.answers):"]
    out += [f"    {q.key}: {q.ask}" for q in g.questions]
    out += ["", "Future-proofing:"]
    for note in clause.future_proofing:
        out += [f"  - {note.part}", f"    closes: {note.closes}"]
    out += ["", "Monitoring:", f"  How: {clause.monitoring.how}", f"  Breach: {clause.monitoring.breach}", "", "Versions:"]
    for entry in (_version_entry(lib, c) for c in lib.versions(clause.code)):
        line = f"  {entry['version']} {entry['status']}"
        if entry["replaced_by"]:
            line += f", replaced by {entry['replaced_by']}"
        out.append(line)
        if entry["what_changed"]:
            out.append(f"    What changed: {entry['what_changed']}")
            out.append(f"    Live cases: {entry['live_cases']}")
    typer.echo("\n".join(out))


def _welsh_status(clause: Clause) -> str:
    """The Welsh review status, as `show` prints it."""
    cy = clause.cy
    if cy is None or not cy.wording:
        return "not translated (Welsh documents print the English, marked untranslated)"
    if cy.reviewed:
        return f"reviewed by {cy.reviewed_by} on {cy.reviewed_on.isoformat() if cy.reviewed_on else ''}"
    return "translated, not yet reviewed (Welsh documents carry a review annex)"


def _routes(clause: Clause, remedy: str | None) -> list[str]:
    """Exceptions, approval and urgent routes, and the remedy, for `show`."""
    out: list[str] = []
    if clause.exceptions:
        out += ["Exceptions the wording offers:"]
        for exc in clause.exceptions:
            line = f"  {exc.key}: \u201c{exc.marker}\u201d"
            if exc.not_mirrored:
                line += f" (not in the licence: {exc.not_mirrored})"
            out.append(line)
        out.append("")
    route = clause.approval_route
    if route is not None:
        out += [
            "Approval route:",
            f"  Who decides: {route.who}",
            f"  How to ask: {route.how}",
            f"  Answer within: {route.answer_within}",
            f"  When it cannot wait: {route.urgent}",
            "",
        ]
    elif clause.second_edition:
        out += ["Approval route: none (the term offers no agreement to ask for)", ""]
    else:
        out += ["Approval route: not declared (first-edition record)", ""]
    if clause.urgent_route:
        out += _block("Urgent route (when notice cannot be given in time):", clause.urgent_route)
    if remedy:
        out += _block("Remedy a warning letter may ask for:", remedy)
    elif clause.remedy_reason:
        out += _block("Remedy: none, because:", clause.remedy_reason)
    else:
        out += ["Remedy: not declared (first-edition record)", ""]
    if clause.mirror.not_mirrored:
        out += ["Not carried by the licence mirror:"]
        out += [f"  - {n.part}: {n.reason}" for n in clause.mirror.not_mirrored]
        out.append("")
    return out


def _version_entry(lib: Library, clause: Clause) -> dict[str, Any]:
    note = clause.change_note
    return {
        "version": clause.version,
        "status": _status(lib, clause),
        "replaced_by": clause.replaced_by,
        "what_changed": note.what_changed if note else None,
        "live_cases": note.live_cases if note else None,
    }


# --------------------------------------------------------------------------- lint


@app.command("lint")
@reports_errors
def lint_library_command(
    library: LibraryOpt = None,
    format: FormatOpt = TextFormat.text,
    brands: BrandsOpt = None,
) -> None:
    """Lint every usable clause at its defaults and its boundary values. Exit 0, 1 or 2."""
    from .lint import lint_library

    fmt = format.value
    lib = _library(library)
    findings = lint_library(lib, brands=_brands(brands))
    _print_findings(str(library or "conditions_library"), findings, fmt)
    raise typer.Exit(exit_code(findings))


@reports_errors
def lint_command(
    case: Annotated[Path, typer.Argument(help="The case file (YAML).", show_default=False)],
    format: FormatOpt = TextFormat.text,
    library: LibraryOpt = None,
    brands: BrandsOpt = None,
) -> None:
    """Check a case's drafting: every finding with its rule, severity, term and fix. Exit 0, 1 or 2."""
    from .case import load_case
    from .lint import lint_case

    fmt = format.value
    lib = _library(library)
    found = lint_case(load_case(case), lib, brands=_brands(brands))
    _print_findings(str(case), found, fmt)
    raise typer.Exit(exit_code(found))


# --------------------------------------------------------------------------- migrate


def migration_report(cases: Iterable[Any], library: Library) -> list[dict[str, Any]]:
    """Every term, in every case, that uses a withdrawn or superseded clause version."""
    rows = []
    for case in cases:
        for term in case.terms:
            clause = library.find_for_term(term)
            if clause is None:
                continue
            superseded = library.is_superseded(clause)
            if clause.status != "withdrawn" and not superseded:
                continue
            replacement = library.replacement(clause)
            note = (replacement.change_note if replacement and replacement.code == clause.code else None) or clause.change_note
            rows.append(
                {
                    "case": str(case.source) if case.source else case.case_id,
                    "case_id": case.case_id,
                    "term": term.number,
                    "uses": clause.ref,
                    "status": "withdrawn" if clause.status == "withdrawn" else "superseded",
                    "replace_with": replacement.ref if replacement else None,
                    "replacement_title": replacement.title if replacement else None,
                    "what_changed": note.what_changed if note else None,
                    "live_cases": note.live_cases if note else None,
                }
            )
    return rows


@app.command()
@reports_errors
def migrate(
    cases: Annotated[list[Path], typer.Argument(help="One or more case files.", show_default=False)],
    library: LibraryOpt = None,
    format: FormatOpt = TextFormat.text,
) -> None:
    """Report the cases that use superseded or withdrawn clauses and what to replace them with.

    Exit 0 when no case needs attention, 1 when some do, 2 when a case cannot be read.
    """
    from .case import load_case

    fmt = format.value
    lib = _library(library)
    loaded, unreadable = [], False
    for path in cases:
        try:
            loaded.append(load_case(path))
        except DocgenError as exc:
            unreadable = True
            for problem in exc.problems:
                typer.echo(f"error: {problem}", err=True)
    rows = migration_report(loaded, lib)
    if fmt == "json":
        _json({"cases_checked": len(loaded), "terms": rows})
    else:
        for row in rows:
            instead = f"replace with {row['replace_with']} ({row['replacement_title']})" if row["replace_with"] else "remove the term"
            typer.echo(f"{row['case']}: term {row['term']} uses {row['uses']} ({row['status']}); {instead}")
            if row["what_changed"]:
                typer.echo(f"    what changed: {row['what_changed']}")
                typer.echo(f"    live cases: {row['live_cases']}")
        affected = len({r["case"] for r in rows})
        typer.echo(
            f"{len(rows)} term{'s' if len(rows) != 1 else ''} in {affected} case{'s' if affected != 1 else ''} "
            f"need{'s' if len(rows) == 1 else ''} attention; {len(loaded)} case{'s' if len(loaded) != 1 else ''} checked"
        )
    raise typer.Exit(2 if unreadable else 1 if rows else 0)
