"""Templates to document model.

Each document kind is one Jinja2 template (``templates/<kind>.xml.j2``) that renders the
model's XML vocabulary (see :mod:`docgen.model`). The environment is sandboxed, uses
``StrictUndefined`` and autoescapes, which is the one place where case data is escaped:
a name such as ``Smith & Sons <Ltd>`` or ``{{ x }}`` reaches the document literally.

A value that is missing (``None``) is an error naming the template, the line and the
expression, never a blank in a legal document.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from . import fmt, i18n
from .errors import DocgenError
from .model import Document, ModelError, parse
from .resources import templates_dir

TEMPLATE_SUFFIX = ".xml.j2"
_HEADER = re.compile(r"\A\{#-?(.*?)-?#\}", re.S)


class MissingValue(Exception):
    """Raised from inside a template when an expression's value is missing."""


@dataclass(frozen=True)
class KindInfo:
    """A document kind as declared in its template's header comment."""

    name: str
    description: str
    abbrev: str
    needs: tuple[str, ...]
    path: Path
    # "subject": written to the subject, so it follows their language preference (Welsh
    # Language Standards); "agency": for a court, the CPS, probation or another force,
    # so English unless --lang says otherwise
    audience: str = "agency"
    overridden: bool = False


def template_dirs(override: Path | None = None) -> tuple[Path, ...]:
    """The search path: a force's own folder first, then the shipped templates."""
    dirs = [templates_dir()]
    if override is not None:
        dirs.insert(0, Path(override).resolve())
    return tuple(dirs)


def _finalize(value: Any) -> Any:
    if value is None:
        raise MissingValue("the value is missing (None)")
    return value


def _fmt_filter(func):
    @jinja2.pass_context
    def apply(ctx: jinja2.runtime.Context, value: Any, *args: Any) -> str:
        if value is None or isinstance(value, jinja2.Undefined):
            raise MissingValue("a value to format is missing")
        return func(value, ctx.get("locale", fmt.DEFAULT_LOCALE), *args)

    apply.__name__ = func.__name__
    return apply


def _paras(value: str) -> list[str]:
    """Split plain text into paragraphs at blank lines (clause wording, free text)."""
    return [p.strip() for p in re.split(r"\n\s*\n", str(value)) if p.strip()]


@lru_cache(maxsize=16)
def environment(dirs: tuple[Path, ...], language: str = "en") -> SandboxedEnvironment:
    """One environment per template search path and language (its gettext catalog).

    Compiled templates are kept in the per-user cache (:mod:`docgen.cache`) between runs.
    """
    from .cache import template_bytecode_cache

    env = SandboxedEnvironment(
        bytecode_cache=template_bytecode_cache(f"{language}:{':'.join(str(d) for d in dirs)}"),  # type: ignore[arg-type]
        loader=jinja2.FileSystemLoader([str(d) for d in dirs]),
        extensions=["jinja2.ext.i18n"],
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(
        date=_fmt_filter(fmt.long_date),
        short_date=_fmt_filter(fmt.short_date),
        time=_fmt_filter(fmt.clock),
        money=_fmt_filter(fmt.money),
        number=_fmt_filter(fmt.number),
        paras=_paras,
    )
    i18n.install(env, language, dirs, MissingValue)
    return env


def kinds(dirs: Sequence[Path]) -> dict[str, KindInfo]:
    """Every document kind found on the search path; earlier folders win."""
    found: dict[str, KindInfo] = {}
    for rank, folder in enumerate(dirs):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob(f"*{TEMPLATE_SUFFIX}")):
            name = path.name[: -len(TEMPLATE_SUFFIX)]
            if name.startswith("_") or name in found:
                continue
            found[name] = _read_header(name, path, overridden=rank < len(dirs) - 1)
    return dict(sorted(found.items()))


def _read_header(name: str, path: Path, *, overridden: bool) -> KindInfo:
    from .yamlio import parse_yaml

    text = path.read_text(encoding="utf-8")
    match = _HEADER.match(text)
    meta = parse_yaml(match.group(1), file=path) if match else None
    if not isinstance(meta, dict) or "description" not in meta:
        raise DocgenError(
            "a document template must start with a {# ... #} header giving at least 'description'",
            file=path,
        )
    return KindInfo(
        name=name,
        description=str(meta["description"]),
        abbrev=str(meta.get("abbrev", name[:3].upper())),
        needs=tuple(meta.get("needs", ()) or ()),
        audience=_audience(meta.get("audience", "agency"), path),
        path=path,
        overridden=overridden,
    )


def _audience(value: object, path: Path) -> str:
    if value not in ("subject", "agency"):
        raise DocgenError(f"audience must be 'subject' or 'agency', not {value!r}", file=path, field="audience")
    return str(value)


def get_kind(name: str, dirs: Sequence[Path]) -> KindInfo:
    available = kinds(dirs)
    if name not in available:
        raise DocgenError(
            f"unknown document kind '{name}'; known kinds: {', '.join(available) or 'none'}",
            field="KIND",
        )
    return available[name]


def _template_location(tb: TracebackType | None) -> tuple[str, int] | None:
    """The innermost template frame in a traceback: (template file, line)."""
    where = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(TEMPLATE_SUFFIX) or filename.endswith(".j2"):
            where = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return where


def _expression_at(filename: str, line: int) -> str:
    try:
        text = Path(filename).read_text(encoding="utf-8").splitlines()[line - 1]
    except (OSError, IndexError):
        return ""
    exprs = re.findall(r"\{\{(.*?)\}\}", text)
    return exprs[0].strip() if len(exprs) == 1 else text.strip()[:100]


def render_markup(kind: KindInfo, dirs: Sequence[Path], context: dict[str, Any]) -> str:
    """Render a kind's template to markup; template errors name the file and line."""
    env = environment(tuple(dirs), i18n.language_of(context.get("locale")))
    try:
        template = env.get_template(kind.path.name)
        return template.render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise DocgenError(f"line {exc.lineno}: template syntax error: {exc.message}", file=exc.filename or kind.path) from None
    except (jinja2.UndefinedError, MissingValue, SecurityError) as exc:
        where = _template_location(exc.__traceback__)
        if where is None:
            raise DocgenError(str(exc), file=kind.path) from None
        filename, line = where
        expr = _expression_at(filename, line)
        reason = f"blocked by the sandbox: {exc}" if isinstance(exc, SecurityError) else str(exc)
        hint = f" in '{expr}'" if expr else ""
        raise DocgenError(
            f"line {line}: {reason}{hint}; a document never prints a blank where a value is needed",
            file=filename,
        ) from None


def render_model(kind: KindInfo, dirs: Sequence[Path], context: dict[str, Any]) -> Document:
    """Render a template and parse its markup into the document model."""
    markup = render_markup(kind, dirs, context)
    try:
        return parse(markup)
    except ModelError as exc:
        raise DocgenError(f"template produced an invalid document: {exc}", file=kind.path) from None


@dataclass(frozen=True)
class Options:
    """Choices that shape a rendered document but are not case data."""

    date: dt.date | None = None
    draft: bool = False
    locale: str | None = None
    language: str | None = None  # "en", "cy" or "cy+en"; default: the subject's preference
    reference: str | None = None
    version: int = 1
    preview: bool = True
    extra: dict[str, Any] = field(default_factory=dict)
