"""The pipeline, left to right: case + house style -> context -> template -> model -> files.

This is the library API the CLI is a thin shell over; a force's own systems can call
:func:`render` and :func:`render_to_files` directly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import fmt, i18n, timeline
from .bilingual import for_language
from .case import Case, Term, load_case
from .errors import DocgenError, Problem
from .housestyle import HouseStyle, find_house_style, load_house_style
from .kinds import extra_context, spec_for
from .kinds.spec import ORDER_STATES, either
from .law import law_on
from .locale.clauses import localise_terms
from .model import Document
from .orderstate import OrderState, state_on
from .output import write_all_atomic
from .render import KindInfo, Options, get_kind, render_model, template_dirs
from .writers import FORMATS, DocumentMeta, write


@dataclass(frozen=True)
class TermView:
    """A case term joined to its clause: what templates print."""

    number: int
    code: str
    version: str
    title: str
    wording: str
    mirror: str | None
    mirror_reason: str | None
    plain: str
    definitions: tuple[str, ...]
    starts_on: dt.date | None
    ends_on: dt.date | None
    justification: Any
    clause: Any = field(repr=False, compare=False)

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.wording.split("\n\n") if p.strip()]


def term_views(case: Case, locale: str, library: Any = None) -> list[Any]:
    """Every term of the order as templates print it, in the locale's language,
    reporting all failures at once."""
    if not case.terms:
        return []
    views, problems = [], []
    for index, term in enumerate(case.terms):
        try:
            views.append(term_view(term, locale, library=library))
        except DocgenError as exc:
            for p in exc.problems:
                problems.append(Problem(str(case.source or p.file), f"terms.{index}" + (f".{p.field}" if p.field else ""), p.message))
    if problems:
        raise DocgenError(problems)
    return views


def term_view(term: Term, locale: str, *, number: int | None = None, library: Any = None) -> Any:
    """One term joined to its clause, with its wording in the locale's language.

    The one builder of term views: the order's own terms and a variation's current and
    proposed terms all come from here, so every kind prints the same wording for the same
    term in the same language. ``number`` numbers a term that is not (yet) in the case.
    """
    from .conditions import shipped_library

    english = _term_view(term, library or shipped_library(), locale, term.number if number is None else number)
    return localise_terms([english], [term], locale)[0]


def _term_view(term: Term, library: Any, locale: str, number: int) -> TermView:
    clause = library.for_term(term)
    wording, mirror, plain = _clause_texts(clause, term.params, locale)
    return TermView(
        number=number,
        code=clause.code,
        version=clause.version,
        title=clause.title,
        wording=wording,
        mirror=mirror,
        mirror_reason=clause.mirror_reason,
        plain=plain,
        definitions=tuple(clause.definitions),
        starts_on=term.starts_on,
        ends_on=term.ends_on,
        justification=term.justification,
        clause=clause,
    )


# A clause's wording, licence mirror and plain words for one set of parameters in one
# locale, kept for the process: a cohort's orders draw on the same clauses with the same
# values again and again, and rendering the three texts was a quarter of a letter's work
# outside the writers. Keyed on the clause record itself (held here, so its id cannot be
# reused), the locale and every parameter value with its type (1, True and 1.0 are
# different keys; floats, decimals and dates by their exact repr).
_TEXTS: dict[tuple[Any, ...], tuple[Any, tuple[str, str | None, str]]] = {}
_TEXTS_LIMIT = 4096


class _Unkeyable(Exception):
    """A parameter value of a type whose equality does not decide how it prints."""


_BY_REPR = frozenset({bool, float, type(None), Decimal, dt.date, dt.datetime, dt.time, dt.timedelta})


def _frozen(value: Any) -> Any:
    """A hashable stand-in for a parameter value that is equal only for values that print alike."""
    kind = type(value)
    if kind is str or kind is int:
        return (kind, value)
    if kind is dict:
        return (kind, tuple((_frozen(k), _frozen(v)) for k, v in value.items()))
    if kind is list or kind is tuple:
        return (kind, tuple(_frozen(v) for v in value))
    if kind in _BY_REPR:
        return (kind, repr(value))
    raise _Unkeyable(kind.__name__)


def _clause_texts(clause: Any, params: Any, locale: str) -> tuple[str, str | None, str]:
    try:
        key: tuple[Any, ...] | None = (id(clause), locale, _frozen(params))
    except _Unkeyable:
        key = None
    kept = _TEXTS.get(key) if key is not None else None
    if kept is not None and kept[0] is clause:
        return kept[1]
    texts = (
        clause.render_wording(params, locale=locale),
        clause.render_mirror(params, locale=locale),
        clause.plain_words(params, locale=locale),
    )
    if key is not None:
        if len(_TEXTS) >= _TEXTS_LIMIT:
            _TEXTS.clear()
        _TEXTS[key] = (clause, texts)
    return texts


@dataclass(frozen=True)
class Rendered:
    """One rendered document: its model, its page furniture and its files' bytes."""

    kind: KindInfo
    document: Document
    meta: DocumentMeta
    files: dict[str, bytes]
    stem: str
    record: dict[str, Any] = field(default_factory=dict)  # facts the register keeps on issue
    welsh: i18n.Usage | None = None  # Welsh printed unreviewed or missing: --issue refuses it


def document_date(case: Case, options: Options) -> dt.date:
    date = options.date or case.document_date
    if date is None:
        raise DocgenError(
            "no document date: set document_date in the case file or pass --date YYYY-MM-DD "
            "(the clock is never used silently)",
            file=case.source or "",
            field="document_date",
        )
    return date


def state_date(case: Case, options: Options) -> dt.date:
    """The day the order's state is read on: the document's own date (``--date``, else the
    case's ``document_date``), the same date the timeline checks and the document prints."""
    return document_date(case, options)


@dataclass(frozen=True)
class StateCheck:
    """A kind's rule read against the order on the document's date."""

    kind: str
    order: OrderState
    states: tuple[str, ...]
    rule: str  # the kind's rule in words

    @property
    def allowed(self) -> bool:
        return self.order.state in self.states

    @property
    def message(self) -> str:
        return f"{self.kind} {self.rule}; {self.order.describe()}"

    @property
    def banner(self) -> str:
        """The refusal in a few words, short enough for a page header."""
        refused = tuple(s for s in ORDER_STATES if s not in self.states)
        rule = f"only while {either(self.states)}" if len(self.states) <= len(refused) else f"never while {either(refused)}"
        return f"DRAFT - {self.kind}: {rule}; {self.order.state} on {self.order.on.isoformat()}"


def check_state(case: Case, kind: KindInfo, options: Options, event_id: str | None) -> StateCheck | None:
    """The one rule preview and issue both apply: a kind is produced only in its states.

    Refuses (exit 2, nothing written) when the order on the document's date is in a state
    the kind does not allow, unless the render is a draft; then the check is returned so
    the draft can say so on every page (and a draft is never issued). Then refuses a kind
    whose needs (an event, a release date) the case cannot meet, before anything is built. Kinds without a SPEC (a
    force's own template) may be produced in any state. Returns None when all is well.
    """
    spec = spec_for(kind.name)
    check = None
    if spec is not None:
        check = StateCheck(kind.name, state_on(case, state_date(case, options)), spec.states, spec.allowed())
        if check.allowed:
            check = None
        elif not options.draft:
            raise DocgenError(check.message, file=case.source or "", field="order")
    needs = tuple(dict.fromkeys((*(spec.needs if spec else ()), *kind.needs)))
    if "event" in needs and not event_id:
        raise DocgenError(f"the {kind.name} is about one history event: pass --event ID", field="--event")
    if "release_date" in needs and case.order.starts_on is None:
        raise DocgenError(
            f"the {kind.name} prints when the order starts and ends, but {state_on(case, state_date(case, options)).describe()}: "
            "record order.release_date once it is known",
            file=case.source or "",
            field="order.release_date",
        )
    return check


def build_context(
    case: Case, house: HouseStyle, kind: KindInfo, options: Options, event_id: str | None, *, state_checked: bool = False
) -> dict[str, Any]:
    """The template's names for one document; ``state_checked`` when :func:`check_state`
    has already passed this case, kind, date and event (the language does not change it)."""
    if not state_checked:
        check_state(case, kind, options, event_id)
    locale = options.locale or fmt.DEFAULT_LOCALE
    case, house = for_language(case, house, i18n.language_of(locale))
    event = case.event(event_id) if event_id else None
    context: dict[str, Any] = {
        "case": case,
        "subject": case.subject,
        "order": case.order,
        "convictions": case.convictions,
        "history": case.history,
        "officer": case.offender_manager,
        "house": house,
        "law": law_on(document_date(case, options)),
        "locale": locale,
        "terms": term_views(case, locale),
        "doc": {
            "date": document_date(case, options),
            "reference": options.reference or default_reference(case, kind, event_id),
            "version": options.version,
            "draft": options.draft,
        },
        "options": options.extra,
    }
    context.update(extra_context(kind.name, case, event, options))
    if "doc_date" in context:  # the date as the kind read it (checked, never moved forward)
        context["doc"]["date"] = context.pop("doc_date")
    # one timeline for every kind: refused when dated before a fact it cites or a deadline it sets
    field_ = "--date" if options.date else "document_date"
    context["timeline"] = timeline.check(kind.name, case, context, context["doc"]["date"], field_)
    return context


def default_reference(case: Case, kind: KindInfo, event_id: str | None) -> str:
    return "/".join(p for p in (case.case_id, kind.abbrev, event_id) if p)


def render(
    case: Case,
    house: HouseStyle,
    kind_name: str,
    *,
    event_id: str | None = None,
    options: Options = Options(),
    formats: tuple[str, ...] = FORMATS,
    templates: Path | None = None,
) -> Rendered:
    """Render one document kind for a case, in memory."""
    dirs = template_dirs(templates or house.templates)
    kind = get_kind(kind_name, dirs)
    out_of_state = check_state(case, kind, options, event_id)  # before any context is built
    chosen = options.language or (i18n.language_of(options.locale) if options.locale else None)
    # letters to the subject follow their language preference; documents for the court,
    # the CPS, probation or another force are in English unless --lang says otherwise
    preference = case.subject.language if kind.audience == "subject" else i18n.SOURCE_LANGUAGE
    language = i18n.choose_language(chosen, preference)
    i18n.require_translatable(kind, language)

    def one(lang: str) -> tuple[Document, dict[str, Any]]:
        ctx = build_context(case, house, kind, replace(options, locale=i18n.locale_for(lang)), event_id, state_checked=True)
        return render_model(kind, dirs, ctx), ctx

    with i18n.accepting(options.extra.get("welsh_reviews"), dirs):  # reviews the register holds
        version = i18n.render_in(language, one, dirs, draft=options.draft)
    document, context = version.document, version.context
    doc = context["doc"]
    meta = DocumentMeta(
        title=document.title,
        subject=document.subject or f"{kind.description} ({case.case_id})",
        author=context["house"].force_name,
        marking=house.marking,
        reference=doc["reference"],
        version=doc["version"],
        date=doc["date"],
        logo=house.logo,
        **{**version.furniture, **_preview_banner(options, language, dirs), **_state_banner(version.furniture, out_of_state)},
    )
    files = {f: write(f, document, meta) for f in formats}
    stem = "-".join(p for p in (case.case_id, kind.name, event_id) if p)
    if options.pdfa and "pdf" in files:  # archival form; the register then records these bytes
        from .bundle.pdfa import to_pdfa

        files["pdf"] = to_pdfa(files["pdf"], file=f"{stem}.pdf")
    return Rendered(kind, document, meta, files, stem, dict(context.get("register_record", {})), version.usage)


PREVIEW_BANNER = "PREVIEW - NOT ISSUED"


def _state_banner(furniture: dict[str, str], check: StateCheck | None) -> dict[str, str]:
    """A draft of a kind its order's state does not allow prints that rule on every page.

    It replaces the usual draft banner (the watermark still says DRAFT) so that the rule
    fits on one line of the page header.
    """
    if check is None:
        return {}
    return {"banner": check.banner}


def _preview_banner(options: Options, language: str, dirs: tuple[Path, ...]) -> dict[str, str]:
    """A document the register has not issued says so on every page (a draft says more)."""
    if options.draft or not options.preview:
        return {}
    return {"banner": " / ".join(i18n.gettext(lang, PREVIEW_BANNER, dirs) for lang in i18n.parts(language))}


def load_inputs(case_path: Path, house_style: Path | None = None) -> tuple[Case, HouseStyle]:
    case = load_case(case_path)
    style_path = house_style or find_house_style(Path(case_path), case.managing_force)
    house = load_house_style(style_path)
    if house.force_code != case.managing_force:
        raise DocgenError(
            f"house style is for force {house.force_code} but the case is managed by {case.managing_force}",
            file=style_path,
            field="force_code",
        )
    return case, house


def render_to_files(
    case_path: Path,
    kind_name: str,
    *,
    out_dir: Path,
    house_style: Path | None = None,
    event_id: str | None = None,
    options: Options = Options(),
    formats: tuple[str, ...] = FORMATS,
    templates: Path | None = None,
    force: bool = False,
) -> list[Path]:
    """Render and write: every file is checked free before anything is written."""
    case, house = load_inputs(case_path, house_style)
    rendered = render(case, house, kind_name, event_id=event_id, options=options, formats=formats, templates=templates)
    files = {Path(out_dir) / f"{rendered.stem}.{fmt_}": data for fmt_, data in rendered.files.items()}
    return write_all_atomic(files, force=force)
