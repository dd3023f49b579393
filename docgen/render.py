"""Templates to document model.

Each document kind has one Jinja2 template that renders the model's XML vocabulary (see
:mod:`docgen.model`). A shipped kind's template is ``template.xml.j2`` in its package
(``docgen/kinds/<kind_name>/``) and is loaded by the name ``<kind>.xml.j2``; shared layouts
and macros (``_letter.xml.j2``) are in ``templates/``. A force's folder comes first on the
search path, so its ``<kind>.xml.j2`` overrides the shipped one by name. The environment is sandboxed, uses
``StrictUndefined`` and autoescapes, which is the one place where case data is escaped:
a name such as ``Smith & Sons <Ltd>`` or ``{{ x }}`` reaches the document literally.

A value that is missing (``None``) is an error naming the template, the line and the
expression, never a blank in a legal document.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache, wraps
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
from markupsafe import Markup
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
    """A document kind: a shipped kind as its ``SPEC`` declares it, or a force's own kind
    (a template with no package) as its template's header comment declares it."""

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

    @property
    def template(self) -> str:
        """The name the template loads by and the register records: ``<kind>.xml.j2``."""
        return f"{self.name}{TEMPLATE_SUFFIX}"


def template_dirs(override: Path | None = None) -> tuple[Path, ...]:
    """The search path: a force's own folder first, then the shipped templates (after
    which each shipped kind's package is searched for its own template; see
    :func:`resolve_template`)."""
    dirs = [templates_dir()]
    if override is not None:
        if not Path(override).is_dir():
            what = "does not exist" if not Path(override).exists() else "is not a folder"
            raise DocgenError(f"{what}; --templates (or a house style's templates) must name a folder of templates", file=override, field="templates")
        dirs.insert(0, Path(override).resolve())
    return tuple(dirs)


def _finalize(value: Any) -> Any:
    if value is None:
        raise MissingValue("the value is missing (None)")
    return value


@lru_cache(maxsize=16)
def _babel_locale(tag: str) -> Any:
    """The babel locale for a tag, parsed once: babel parses a tag given as text on every call."""
    from babel import Locale

    return Locale.parse(tag)


def _fmt_filter(func):
    @jinja2.pass_context
    def apply(ctx: jinja2.runtime.Context, value: Any, *args: Any) -> str:
        if value is None or isinstance(value, jinja2.Undefined):
            raise MissingValue("a value to format is missing")
        tag = ctx.get("locale", fmt.DEFAULT_LOCALE)
        return func(value, _babel_locale(tag) if isinstance(tag, str) else tag, *args)

    apply.__name__ = func.__name__
    return apply


def _paras(value: str) -> list[str]:
    """Split plain text into paragraphs at blank lines (clause wording, free text)."""
    return [p.strip() for p in re.split(r"\n\s*\n", str(value)) if p.strip()]


# ---------------------------------------------------------------- containment


class TemplateRefused(jinja2.TemplateError):
    """A template name that would leave the template folders; the message says why.

    Not a ``TemplateNotFound``, so that ``ignore missing`` or a list of fallbacks cannot
    quietly pass over it: a template that tries to leave its folder is an error.
    """

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"template '{name}' {reason}")
        self.name = name
        self.reason = reason


def template_name_problem(name: str) -> str | None:
    """Why an ``include``/``extends``/``import`` name is refused as written, or None.

    Names are relative to the template folders, with forward slashes; an absolute path,
    a drive letter, a backslash or a ``..`` step could only be an attempt to read
    something that is not a template.
    """
    if "\\" in name:
        return "uses backslashes; name templates with forward slashes, relative to the templates folder"
    if name.startswith(("/", "~")) or re.match(r"^[A-Za-z]:", name):
        return "is an absolute path; name templates relative to the templates folder"
    if ".." in name.split("/"):
        return "steps out of the templates folder with '..'"
    return None


def resolve_template(dirs: Sequence[Path], name: str) -> Path | None:
    """The file ``name`` loads from the search path, or None if no folder has it.

    After the folders, a shipped kind's name (``warning-letter.xml.j2``) finds the
    template in that kind's package. Raises :class:`TemplateRefused` when the name is
    refused, or when the first file found resolves (through a symlink) outside the folder
    it was found in: such a file is never read, and the search does not go on to a later
    folder either.
    """
    reason = template_name_problem(name)
    if reason:
        raise TemplateRefused(name, reason)
    pieces = [p for p in name.split("/") if p and p != "."]
    for folder in dirs:
        candidate = Path(folder, *pieces)
        if not candidate.is_file():
            continue
        real, root = candidate.resolve(), Path(folder).resolve()
        if not real.is_relative_to(root):
            raise TemplateRefused(name, f"resolves through a symlink to a file outside the templates folder {root}")
        return candidate
    return shipped_kind_template(name)


def shipped_kind_template(name: str) -> Path | None:
    """The template in a shipped kind's package for ``<kind>.xml.j2``, or None."""
    from .kinds import kind_template

    kind = name[: -len(TEMPLATE_SUFFIX)] if name.endswith(TEMPLATE_SUFFIX) else ""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", kind):
        return None
    path = kind_template(kind)
    if path is not None and not _resolves_inside(path):
        raise TemplateRefused(name, f"resolves through a symlink to a file outside its kind's folder {path.parent}")
    return path


def _resolves_inside(path: Path) -> bool:
    """Whether ``path`` resolves (through a symlink) to a file in its own folder.

    A name that is not itself a symlink resolves to its folder's resolved path plus that
    name, so only a symlink needs resolving; every render asks this of its kind's template,
    and resolving both paths was a twentieth of a letter's work outside the writers.
    """
    try:
        if not stat.S_ISLNK(os.lstat(path).st_mode):
            return True
    except OSError:
        pass
    return path.resolve().is_relative_to(path.parent.resolve())


class _ContainedLoader(jinja2.FileSystemLoader):
    """A file loader that never reads a file outside its folders (symlinks included)."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        path = resolve_template([Path(p) for p in self.searchpath], template)
        if path is None:
            raise jinja2.TemplateNotFound(template)
        source = path.read_text(encoding=self.encoding)
        mtime = path.stat().st_mtime

        def uptodate() -> bool:
            try:
                return path.stat().st_mtime == mtime
            except OSError:
                return False

        return source, str(path), uptodate


# ---------------------------------------------------------------- sandbox limits

MAX_RANGE = 10_000  # items one range() may produce
RANGE_BUDGET = 200_000  # items all range() calls of one render may produce together
MAX_REPEAT = 1_000_000  # items or characters a ``*`` may produce
MAX_EXPONENT = 256
_range_budget: ContextVar[list[int] | None] = ContextVar("range_budget", default=None)


def _bounded_range(*args: int) -> range:
    """``range`` for templates: no template needs more, and a bigger one is a mistake."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise SecurityError(f"range() of {len(numbers)} items is too large; the limit is {MAX_RANGE}")
    budget = _range_budget.get()
    if budget is not None:
        budget[0] -= len(numbers)
        if budget[0] < 0:
            raise SecurityError(f"the template's loops over range() exceed {RANGE_BUDGET} items in all")
    return numbers


# a field width or precision in a %-format or str.format string ("%999999999s", "{:>999999999}")
_FORMAT_WIDTH = re.compile(r"%[-#0 +]*(\d+)|%[-#0 +]*\d*\.(\d+)|\{[^{}]*:[^{}]*?(\d+)")


def _check_format(text: Any) -> None:
    if isinstance(text, str):
        for match in _FORMAT_WIDTH.finditer(text):
            width = max(int(g) for g in match.groups() if g)
            if width > MAX_REPEAT:
                raise SecurityError(f"a format width of {width} is too large; the limit is {MAX_REPEAT}")


def _check_sizes(args: Sequence[Any], kwargs: dict[str, Any]) -> None:
    """Refuse a call with a number big enough to build a huge string (``ljust(10**9)``)."""
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_REPEAT:
            raise SecurityError(f"the number {value} is too large for a template; the limit is {MAX_REPEAT}")


def _bounded_filter(func: Any, *, sizes: bool) -> Any:
    """A filter that refuses padding sizes (``center``, ``indent``, ...) or, for
    ``format``, a format width that would exhaust memory."""

    @wraps(func)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        if sizes:
            _check_sizes(args, kwargs)
        else:
            _check_format(args[0] if args else None)
        return func(*args, **kwargs)

    return bounded


# Exact types of plain values: never a bound method, so never ``str.format`` to wrap.
_PLAIN_VALUES = frozenset({str, int, float, bool, type(None), Decimal, dt.date, dt.datetime, dt.time, list, tuple, dict, Markup})


class _Sandbox(SandboxedEnvironment):
    """The sandbox, with sizes bounded (``*``, ``**``, ``%``, widths, padding) so no
    template can exhaust memory."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._safe_attributes: dict[tuple[type, str], bool] = {}

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and len(seq) * times > MAX_REPEAT:
                    raise SecurityError(f"'*' would make {len(seq) * times} items; the limit is {MAX_REPEAT}")
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > MAX_EXPONENT:
            raise SecurityError(f"an exponent of {right} is too large; the limit is {MAX_EXPONENT}")
        if operator == "%":
            _check_format(left)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - jinja2's names
        if isinstance(getattr(__obj, "__self__", None), str):  # "x".ljust(10**9), "x".zfill(...)
            _check_sizes(args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Any:
        if type(value) in _PLAIN_VALUES:  # data, not a bound ``str.format``: nothing to wrap
            return None
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:
            _check_format(value.__self__)
        return wrapped

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Jinja2's answer, kept per type of object and attribute name.

        Jinja2 answers from the name and from ``isinstance`` tests on the object (is it a
        function, a method, a type, a frame, a generator...), which an object's type decides
        whenever its ``__class__`` is that type; every attribute a template reads asks, and
        asking afresh was a tenth of rendering a letter's template.
        """
        cls = type(obj)
        try:
            plain = obj.__class__ is cls
        except Exception:  # noqa: BLE001 - an object that hides its class is asked afresh
            plain = False
        if not plain:
            return super().is_safe_attribute(obj, attr, value)
        key = (cls, attr)
        safe = self._safe_attributes.get(key)
        if safe is None:
            safe = super().is_safe_attribute(obj, attr, value)
            if len(self._safe_attributes) >= 4096:
                self._safe_attributes.clear()
            self._safe_attributes[key] = safe
        return safe


def environment(dirs: tuple[Path, ...], language: str = "en") -> SandboxedEnvironment:
    """One environment per template search path and language (its gettext catalog), made
    again when one of the language's catalog files changes.

    Compiled templates are kept in the per-user cache (:mod:`docgen.cache`) between runs;
    the loader still reads (and checks) every template's source, as Jinja2 compares it
    with the compiled copy's checksum.
    """
    return _environment(dirs, language, i18n.catalog_fingerprint(language, dirs))


@lru_cache(maxsize=16)
def _environment(dirs: tuple[Path, ...], language: str, catalogs: tuple[Any, ...]) -> SandboxedEnvironment:
    from .cache import template_bytecode_cache

    env = _Sandbox(
        bytecode_cache=template_bytecode_cache(f"{language}:{':'.join(str(d) for d in dirs)}"),  # type: ignore[arg-type]
        loader=_ContainedLoader([str(d) for d in dirs]),
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
    env.globals["range"] = _bounded_range
    for name in ("center", "indent", "wordwrap", "truncate"):
        env.filters[name] = _bounded_filter(env.filters[name], sizes=True)
    env.filters["format"] = _bounded_filter(env.filters["format"], sizes=False)
    i18n.install(env, language, dirs, MissingValue, i18n._catalog(language, dirs, catalogs))
    return env


def kinds(dirs: Sequence[Path]) -> dict[str, KindInfo]:
    """Every document kind: the templates on the search path (earlier folders win), then
    each shipped kind's package for the kinds no folder overrides."""
    from .kinds import kind_template, specs

    found: dict[str, KindInfo] = {}
    for rank, folder in enumerate(dirs):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob(f"*{TEMPLATE_SUFFIX}")):
            name = path.name[: -len(TEMPLATE_SUFFIX)]
            if name.startswith("_") or name in found:
                continue
            found[name] = _folder_kind(name, path, folder, overridden=rank < len(dirs) - 1)
    for name in specs():
        path = kind_template(name)
        if name not in found and path is not None:
            found[name] = _shipped_kind(name, path, overridden=False)
    return dict(sorted(found.items()))


def _folder_kind(name: str, path: Path, folder: Path, *, overridden: bool) -> KindInfo:
    """A kind template found in a folder: a shipped kind's override keeps its ``SPEC``; any
    other is a force's own kind, declared by its template's header."""
    from .kinds import spec_for

    inside = _resolves_inside(path) if path.parent == folder else path.resolve().is_relative_to(folder.resolve())
    if not inside:
        raise DocgenError("is a symlink to a file outside the templates folder; copy the template in instead", file=path)
    if not path.is_file():  # a FIFO would hang the read below
        raise DocgenError("is not a regular file; a template must be an ordinary file", file=path)
    if spec_for(name) is not None:
        return _shipped_kind(name, path, overridden=overridden)
    return _read_header(name, path, overridden=overridden)


def _shipped_kind(name: str, path: Path, *, overridden: bool) -> KindInfo:
    from .kinds import spec_for

    spec = spec_for(name)
    assert spec is not None
    return KindInfo(
        name=name,
        description=spec.description or spec.title,
        abbrev=spec.abbrev or name[:3].upper(),
        needs=spec.needs,
        audience=spec.audience,
        path=path,
        overridden=overridden,
    )


_HEADERS: dict[tuple[str, int, int, bool], KindInfo] = {}


def _read_header(name: str, path: Path, *, overridden: bool) -> KindInfo:
    """A template's header, read once per version of its file.

    Every render looks its kind up among all of them, and reading and parsing every
    header each time cost a few percent of a letter in a batch. A file changed on disk
    (a new modification time or size) is read again.
    """
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size, overridden)
    info = _HEADERS.get(key)
    if info is None:
        info = _HEADERS[key] = _parse_header(name, path, overridden=overridden)
    return info


def _parse_header(name: str, path: Path, *, overridden: bool) -> KindInfo:
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
    """One kind by name, loading only that kind's package (a render needs no other)."""
    if re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        for rank, folder in enumerate(dirs):
            path = Path(folder) / f"{name}{TEMPLATE_SUFFIX}"
            if path.exists() or path.is_symlink():
                return _folder_kind(name, path, Path(folder), overridden=rank < len(dirs) - 1)
        shipped = shipped_kind_template(f"{name}{TEMPLATE_SUFFIX}")
        if shipped is not None:
            return _shipped_kind(name, shipped, overridden=False)
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
    budget = _range_budget.set([RANGE_BUDGET])
    try:
        template = env.get_template(kind.template)
        return template.render(**context)
    except jinja2.TemplateSyntaxError as exc:
        from .templatecheck import plain_syntax_error

        said = plain_syntax_error(exc.message or "", env)
        raise DocgenError(f"line {exc.lineno}: {said} (docgen templates check finds every such mistake)", file=exc.filename or kind.path) from None
    except (jinja2.UndefinedError, MissingValue) as exc:
        if isinstance(exc, jinja2.UndefinedError):
            from .templatecheck import plain_undefined  # the checker's words, with a "did you mean"

            said = plain_undefined(exc.message or "", [*context, *env.globals])
            if said is not None:
                raise _located(exc, kind, said, "") from None
        raise _located(exc, kind, f"{exc}", "; a document never prints a blank where a value is needed") from None
    except TemplateRefused as exc:
        raise _located(exc, kind, f"cannot load the template '{exc.name}': {exc.reason}", "") from None
    except jinja2.TemplateNotFound as exc:
        raise _located(exc, kind, f"cannot load the template '{exc.name}': is not in the templates folders", "") from None
    except (SecurityError, OverflowError) as exc:
        raise _located(exc, kind, f"blocked by the sandbox: {exc}", "") from None
    except RecursionError as exc:
        reason = "the template calls itself (or a macro or include) without end"
        raise _located(exc, kind, reason, "; check that every recursion stops") from None
    finally:
        _range_budget.reset(budget)


def _located(exc: BaseException, kind: KindInfo, reason: str, advice: str) -> DocgenError:
    """A template error as ``file: line N: reason in 'expression'``, at the innermost template line."""
    where = _template_location(exc.__traceback__)
    if where is None:
        return DocgenError(reason, file=kind.path)
    filename, line = where
    expr = _expression_at(filename, line)
    hint = f" in '{expr}'" if expr else ""
    return DocgenError(f"line {line}: {reason}{hint}{advice}", file=filename)


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
    pdfa: bool = False  # write the PDF as PDF/A-2b
