"""``docgen welsh ...``: which Welsh still needs a reviewer, and recording the reviews.

A Welsh speaker reads the review annex of a document (or ``docgen welsh pending``),
checks each Welsh string against its English and records it with ``docgen welsh review``.
The register keeps the review and logs it; ``docgen render --issue`` then counts the
string as reviewed for as long as its Welsh stays the same.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer

from .cli_support import date_option, reported
from .errors import DocgenError, Problem

app = typer.Typer(
    name="welsh",
    help="Welsh wording: what is not yet reviewed, and recording reviews in the register.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

RegisterOpt = Annotated[
    Optional[Path],
    typer.Option("--register", help="Register file (default: $DOCGEN_REGISTER, then docgen.db beside the case or here)."),
]
TemplatesOpt = Annotated[
    Optional[Path], typer.Option("--templates", help="A force's templates folder, whose locale/cy.po entries win.")
]


def _dirs(templates: Optional[Path]) -> tuple[Path, ...]:
    from .render import template_dirs

    return template_dirs(templates)


@app.command()
def review(
    keys: Annotated[
        list[str],
        typer.Argument(
            help="What was reviewed: catalog msgids ('Dear %(name)s,'), clause fields ('COM-001@1.0.0 wording') "
            "or a whole clause version ('COM-001@1.0.0'), as the review annex and `docgen welsh pending` name them.",
            show_default=False,
        ),
    ],
    by: Annotated[Optional[str], typer.Option("--by", help="The Welsh speaker who reviewed them (default: $DOCGEN_USER, then the login name).")] = None,
    note: Annotated[str, typer.Option("--note", help="Anything the reviewer wants kept with the review.")] = "",
    register: RegisterOpt = None,
    templates: TemplatesOpt = None,
) -> None:
    """Record that a Welsh speaker checked these strings against their English."""
    from . import i18n
    from .register import Register
    from .register.where import current_user, register_path
    from .register.welsh import record_reviews

    with reported():
        user = current_user(by)
        dirs = _dirs(templates)
        texts = {key: i18n.welsh_text(key, dirs) for key in _expand(keys)}
        unknown = [key for key, text in texts.items() if text is None]
        if unknown:
            raise DocgenError(
                [Problem("", "KEYS", f"no Welsh for {key!r}: not a catalog msgid nor a translated clause field") for key in unknown]
            )
        with Register.open(register_path(register), create=True) as reg:
            rows = record_reviews(
                reg, {key: i18n.welsh_sha256(text) for key, text in texts.items() if text is not None}, by=user, note=note.strip()
            )
    typer.echo(f"recorded {len(rows)} review(s) by {user}")


@app.command()
def pending(
    kind: Annotated[Optional[str], typer.Option("--kind", help="Only what this document kind prints for --case.")] = None,
    case: Annotated[Optional[Path], typer.Option("--case", help="The case file the document is for (with --kind).")] = None,
    event: Annotated[Optional[str], typer.Option("--event", help="History event the document is about.")] = None,
    lang: Annotated[str, typer.Option("--lang", help="cy or cy+en (with --kind).")] = "cy",
    date: Annotated[Optional[dt.date], date_option("--date", help="Document date, as for render (with --kind).")] = None,
    register: RegisterOpt = None,
    templates: TemplatesOpt = None,
) -> None:
    """List, one per line, the Welsh strings neither marked reviewed nor reviewed in the
    register: all of them, or those one document prints (--kind and --case)."""
    from . import i18n
    from .locale.clauses import translations
    from .register import Register
    from .register.where import register_path
    from .register.welsh import reviewed_versions

    with reported():
        dirs = _dirs(templates)
        if (kind is None) != (case is None):
            raise DocgenError("--kind and --case go together: the strings one document prints", field="--kind")
        path = register_path(register, [case] if case else [])
        versions = {}
        if path.is_file():
            with Register.open(path) as reg:
                versions = reviewed_versions(reg)
        accepted = i18n.reviewed_now(versions, dirs)
        if kind is not None and case is not None:
            keys = _printed_by(kind, case, event, i18n.check_language(lang), templates, versions, date)
        else:
            keys = {msgid for (_, msgid), m in i18n.catalog("cy", dirs).messages.items() if not m.reviewed}
            for ref, entry in translations("cy").items():
                if not entry.reviewed:
                    keys.update(f"{ref} {name}" for name in CLAUSE_FIELDS if i18n.welsh_text(f"{ref} {name}"))
    for key in sorted(keys - accepted):
        typer.echo(key)


def _printed_by(kind: str, case: Path, event: Optional[str], lang: str, templates: Optional[Path], versions: dict, date: Optional[dt.date] = None) -> set[str]:  # type: ignore[type-arg]
    """The unreviewed Welsh one document prints, exactly as its review annex lists it."""
    from .pipeline import load_inputs, render
    from .render import Options

    loaded, house = load_inputs(case)
    options = Options(date=date, language=lang, extra={"welsh_reviews": versions})
    rendered = render(loaded, house, kind, event_id=event, options=options, formats=(), templates=templates)
    usage = rendered.welsh
    return set(usage.unreviewed) if usage is not None else set()


CLAUSE_FIELDS = ("title", "wording", "plain", "mirror", "mirror_reason", "remedy")


def _expand(keys: list[str]) -> list[str]:
    """A bare clause version ("COM-001@1.0.0") stands for each of its translated fields."""
    from . import i18n
    from .locale.clauses import translations

    known = translations("cy")
    out: list[str] = []
    for key in keys:
        if key in known:
            out += [f"{key} {name}" for name in CLAUSE_FIELDS if i18n.welsh_text(f"{key} {name}")]
        else:
            out.append(key)
    return list(dict.fromkeys(out))
