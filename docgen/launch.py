"""The ``docgen`` console entry point, with the commonest command started without Typer.

``docgen render KIND CASE`` with plain options is what officers run most, one document at
a time, and Typer is a tenth of its time: importing it, building every command's options
from their type hints and checking them. Such a command line is read here, with the same
meaning as Typer gives it, and runs the same code as ``docgen.cli.render``
(:func:`options_for`, :func:`render_one`). Anything else (another command, ``--help``,
``--issue`` or ``--all``, a short option run into its value, an option given twice, a
value that starts with ``-``, a ``--date`` that is not a date) is handed to the full command line, which reads it as ever.
"""

from __future__ import annotations

import datetime as dt
import gc
import sys
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DocgenError

if TYPE_CHECKING:
    from .render import Options

_VALUES = {
    "--format": "format", "-f": "format", "--out": "out", "-o": "out", "--event": "event", "--date": "date",
    "--reference": "reference", "--house-style": "house_style", "--templates": "templates", "--lang": "lang",
    "--register": "register",
}  # fmt: skip
_PATHS = ("out", "house_style", "templates", "register")
_FLAGS = {"--force": "force", "--draft": "draft", "--pdfa": "pdfa"}


def simple_render(argv: Sequence[str]) -> dict[str, Any] | None:
    """The arguments of a plain ``render KIND CASE [options]`` command line, or None."""
    if len(argv) < 3 or argv[0] != "render":
        return None
    args: dict[str, Any] = {"format": "docx,pdf", "out": "out", "force": False, "draft": False, "pdfa": False}
    given: set[str] = set()
    positional: list[str] = []
    tokens = iter(argv[1:])
    for token in tokens:
        if not token.startswith("-") or token == "-":
            positional.append(token)
            continue
        name, equals, value = token.partition("=") if token.startswith("--") else (token, "", "")
        if name in _FLAGS and not equals:
            key = _FLAGS[name]
            value_of: Any = True
        elif name in _VALUES:
            key = _VALUES[name]
            if not equals:
                value = next(tokens, None)  # type: ignore[arg-type]
                if value is None:
                    return None
            if value.startswith("-"):
                return None
            value_of = value
        else:
            return None  # --help, --issue, --all, anything else: the full command line
        if key in given:
            return None
        given.add(key)
        args[key] = value_of
    if len(positional) != 2:
        return None
    args["kind"], args["case"] = positional
    if "date" in args:
        try:  # as the full command line reads --date; a bad one is its usage error to report
            args["date"] = dt.date.fromisoformat(args["date"])
        except ValueError:
            return None
    for key in _PATHS:
        if args.get(key) is not None:
            args[key] = Path(args[key])
    args["case"] = Path(args["case"])
    return args


def options_for(*, lang: str | None, date: dt.date | None, draft: bool, reference: str | None, pdfa: bool) -> Options:
    """The render options a command line asks for; a bad language is a DocgenError."""
    from .i18n import check_language
    from .render import Options

    language = check_language(lang) if lang is not None else None
    return Options(date=date, draft=draft, reference=reference, language=language, pdfa=pdfa)


def comma_choices(value: str, known: Collection[str], *, option: str, what: str, hint: str) -> tuple[str, ...]:
    """The names a comma-separated option lists (``docx,pdf``), in the order given, each
    once; refused, naming the option, when one is unknown or none is given."""
    chosen = tuple(dict.fromkeys(name.strip().lower() for name in value.split(",") if name.strip()))
    unknown = [name for name in chosen if name not in known]
    if unknown or not chosen:
        raise DocgenError(f"unknown {what} {', '.join(unknown) or '(none)'}; {hint}", field=option)
    return chosen


def formats_option(value: str) -> tuple[str, ...]:
    """The formats ``--format`` names (``docx``, ``pdf`` or both), in the order given."""
    from .writers import FORMATS

    return comma_choices(value, FORMATS, option="--format", what="format", hint="use docx, pdf or docx,pdf")


def render_one(
    kind: str,
    case: Path,
    *,
    out: Path,
    force: bool,
    event: str | None,
    options: Options,
    format: str,
    house_style: Path | None,
    templates: Path | None,
    register: Path | None,
    reason: str | None,
    echo: Callable[[str], None],
) -> None:
    """Render one document (a preview, not issued) and print the paths written."""
    if reason is not None:
        raise DocgenError("--reason is recorded only when a document is issued: add --issue", field="--reason")
    from dataclasses import replace

    from .pipeline import render_to_files
    from .register.where import register_extra

    options = replace(options, extra={**options.extra, **register_extra(case, register)})
    paths = render_to_files(
        case,
        kind,
        out_dir=out,
        house_style=house_style,
        event_id=event,
        options=options,
        formats=formats_option(format),
        templates=templates,
        force=force,
    )
    for path in paths:
        echo(str(path))


def _print(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main() -> None:
    """Console entry point: a plain ``render`` here, everything else in ``docgen.cli``."""
    args = simple_render(sys.argv[1:])
    if args is None:
        from .cli import main as full

        full()
        return
    # One document, then the process ends: the cyclic garbage collector would spend a
    # tenth of the run walking the objects the imports create, to free almost nothing
    # (the peak memory is the same within 2%). Reference counting still frees as ever.
    enabled = gc.isenabled()
    gc.disable()
    try:
        _with_patterns(args)
    finally:
        # Then every object alive is frozen (left out of all later collections): with the
        # collector back on, its next pass would walk every object made during the run,
        # as would Python's last collection at exit, a fifth of the run between them, to
        # find garbage that ending the process discards anyway. The files are written and
        # closed by now, and every exit step (atexit handlers, closing modules and open
        # streams) runs as ever. A caller that goes on (a test) only has these objects
        # left out of its later collections.
        gc.freeze()
        if enabled:
            gc.enable()


def _with_patterns(args: dict[str, Any]) -> None:
    """The plain render, with the regular expressions its imports compile read from the
    per-user cache (docgen.cache); on a first run they are compiled, then kept."""
    from . import cache

    if not cache.enabled() or cache.seed_patterns("render"):
        _run(args)
        return
    recorder = cache.PatternRecorder()
    try:
        with recorder:
            _run(args)
    finally:
        cache.store_patterns("render", recorder.slow)


def _run(args: dict[str, Any]) -> None:
    """The plain render, with the full command line's exit statuses and messages."""
    try:
        options = options_for(lang=args.get("lang"), date=args.get("date"), draft=args["draft"],
                              reference=args.get("reference"), pdfa=args["pdfa"])  # fmt: skip
        render_one(args["kind"], args["case"], out=args["out"], force=args["force"], event=args.get("event"),
                   options=options, format=args["format"], house_style=args.get("house_style"),
                   templates=args.get("templates"), register=args.get("register"), reason=None, echo=_print)  # fmt: skip
    except DocgenError as exc:
        from .cli_support import echo_problems

        echo_problems(exc)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    except Exception as exc:  # a bug: said plainly, as the full command line says it
        sys.stderr.write(f"internal error: {type(exc).__name__}: {exc} (run with --debug for details)\n")
        sys.exit(3)
