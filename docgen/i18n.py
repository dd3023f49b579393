"""Documents in English, in Welsh, or in both (Welsh first).

Forces in Wales write to people in Welsh when they prefer it, and a Welsh version may be
no less favourable than the English one. Three pieces make that work:

- the fixed wording of templates goes through a gettext catalog per language
  (``docgen/locale/<lang>/LC_MESSAGES/docgen.po``, compiled with babel when first used;
  a force's templates folder may add ``locale/<lang>.po`` whose entries win);
- clause, plain-words and licence-mirror wording comes from a Welsh clause file beside
  the catalog (:mod:`docgen.locale.clauses`);
- every Welsh string carries a review status. While a document is rendered, each
  translation it uses is recorded; if any was not reviewed by a Welsh speaker (or had no
  translation at all) the document gains an annex saying so, so that nobody serves an
  unchecked translation by mistake.

A bilingual (``cy+en``) document is the same template rendered twice, Welsh then English,
joined with a page break: same styles, same sizes, same order of content.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from gettext import GNUTranslations
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from .errors import DocgenError, Problem
from .model import Document, Heading, PageBreak, Paragraph, Run, Table, Row, Cell

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog as BabelCatalog

LANGUAGES = ("en", "cy", "cy+en")
SOURCE_LANGUAGE = "en"
DOMAIN = "docgen"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
_LOCALES = {"en": "en_GB", "cy": "cy_GB"}
_REVIEW = re.compile(r"^review:\s*(?P<status>reviewed|unreviewed)\b(?P<note>.*)$")
_PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[sdif]|%%")
_TAG = re.compile(r"</?(b|i|br)\s*/?>")


# --------------------------------------------------------------------------- languages


def check_language(value: str, *, field: str = "--lang") -> str:
    """A language choice as the user typed it, checked: ``en``, ``cy`` or ``cy+en``."""
    cleaned = value.strip().lower().replace(" ", "")
    if cleaned == "en+cy":
        raise DocgenError(
            "bilingual documents put Welsh first: use cy+en (Welsh Language Standards)", field=field
        )
    if cleaned not in LANGUAGES:
        raise DocgenError(f"unknown language '{value}'; use en, cy or cy+en", field=field)
    return cleaned


def parts(language: str) -> tuple[str, ...]:
    """The languages a document is rendered in, in the order they appear."""
    return tuple(check_language(language, field="language").split("+"))


def choose_language(option: str | None, preference: str) -> str:
    """An explicit choice wins; otherwise the subject's own preference from the case."""
    return check_language(option) if option else check_language(preference, field="subject.language")


def locale_for(language: str) -> str:
    """The babel locale that formats dates, numbers and money for one language."""
    return _LOCALES[language]


def language_of(locale: str | None) -> str:
    """``cy_GB`` -> ``cy``; anything not Welsh renders the templates' own English."""
    return "cy" if locale and locale.replace("-", "_").split("_")[0] == "cy" else SOURCE_LANGUAGE


def require_translatable(kind: Any, language: str) -> None:
    """Refuse Welsh for a kind whose template holds no wording written for translation.

    Such a template prints English sentences whatever the language; rendered "in Welsh"
    it would give English sentences with Welsh dates and names in them ("convicted on
    16 Medi 2024"), which is neither language. It is produced in English until its
    wording is wrapped for translation and the catalog carries the Welsh.
    """
    if "cy" not in parts(language) or _has_wording(Path(kind.path), Path(kind.path).stat().st_mtime_ns):
        return
    raise DocgenError(
        f"the {kind.name} template has no Welsh: its wording is not written for translation "
        "(no {% trans %} blocks), so a Welsh document would be English sentences with Welsh "
        "dates in them; produce it in English (--lang en) or translate the template (docs/welsh.md)",
        file=kind.path,
        field="--lang",
    )


@lru_cache(maxsize=64)
def _has_wording(path: Path, mtime: int) -> bool:
    return bool(extract([path]))


# --------------------------------------------------------------------------- catalogs


@dataclass(frozen=True)
class Message:
    """One translated string and whether a Welsh speaker has reviewed it."""

    msgid: str
    text: str
    reviewed: bool
    origin: str  # "file:line" of the entry, so a reviewer can find it
    context: str | None = None


@dataclass
class Usage:
    """What one render drew on: translations not yet reviewed, and text left in English."""

    unreviewed: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (welsh, english)
    untranslated: dict[str, str] = field(default_factory=dict)  # key -> english
    sources: dict[str, str] = field(default_factory=dict)  # a translation printed -> its English
    english: dict[str, str] = field(default_factory=dict)  # msgid -> the English sentence as printed

    @property
    def clean(self) -> bool:
        return not self.unreviewed and not self.untranslated


_USAGE: ContextVar[Usage | None] = ContextVar("docgen_i18n_usage", default=None)


@contextmanager
def recording() -> Iterator[Usage]:
    """Collect, for the code inside the block, every translation used (per thread/task)."""
    usage = Usage()
    token = _USAGE.set(usage)
    try:
        yield usage
    finally:
        _USAGE.reset(token)


def note_unreviewed(key: str, welsh: str, english: str) -> None:
    usage = _USAGE.get()
    if usage is not None and key not in _ACCEPTED.get():
        usage.unreviewed.setdefault(key, (welsh, english))


def note_untranslated(key: str, english: str) -> None:
    usage = _USAGE.get()
    if usage is not None:
        usage.untranslated.setdefault(key, english)


class Catalog:
    """The messages of one language, merged from one or more ``.po`` files."""

    def __init__(self, language: str, messages: dict[tuple[str | None, str], Message], compiled: GNUTranslations | None):
        self.language = language
        self.messages = messages
        self._compiled = compiled

    def _note(self, message: Message | None, key: str, translated: str, english: str, variables: dict[str, Any] | None) -> None:
        """Record a string for the review annex as the document prints it, values filled in
        (in the English column, a value that is itself a translation is given in English)."""
        usage = _USAGE.get()
        if usage is None:
            return
        if message is None or not message.text:
            note_untranslated(key, filled(english, variables))
            return
        if not variables:
            usage.sources.setdefault(translated, english)
            usage.sources.setdefault(translated.lower(), english.lower())
        if not message.reviewed:
            in_english = {k: usage.sources.get(str(v), v) for k, v in (variables or {}).items()}
            note_unreviewed(key, filled(translated, variables), filled(english, in_english))

    def gettext(self, msgid: str, variables: dict[str, Any] | None = None) -> str:
        found = self._compiled.gettext(msgid) if self._compiled else msgid
        message = self.messages.get((None, msgid))
        self._note(message, msgid, found, msgid, variables)
        return found if message is not None and message.text else msgid

    def ngettext(self, singular: str, plural: str, n: int, variables: dict[str, Any] | None = None) -> str:
        found = self._compiled.ngettext(singular, plural, n) if self._compiled else (singular if n == 1 else plural)
        self._note(self.messages.get((None, singular)), singular, found, singular if n == 1 else plural, variables)
        return found

    def pgettext(self, context: str, msgid: str, variables: dict[str, Any] | None = None) -> str:
        found = self._compiled.pgettext(context, msgid) if self._compiled else msgid
        message = self.messages.get((context, msgid))
        self._note(message, msgid, found, msgid, variables)
        return found if message is not None and message.text else msgid

    def npgettext(self, context: str, singular: str, plural: str, n: int, variables: dict[str, Any] | None = None) -> str:
        found = self._compiled.npgettext(context, singular, plural, n) if self._compiled else (singular if n == 1 else plural)
        self._note(self.messages.get((context, singular)), singular, found, singular if n == 1 else plural, variables)
        return found


def filled(text: str, variables: dict[str, Any] | None) -> str:
    """A catalog string with its placeholders filled, as a reader of the document sees it."""
    if not variables:
        return text
    try:
        return text % {name: str(value) for name, value in variables.items()}
    except (KeyError, ValueError, TypeError):
        return text


class _Source:
    """English: the templates' own words. Each sentence is noted as printed, so that the
    review annex can set the English beside the Welsh with the same facts in it."""

    language = SOURCE_LANGUAGE
    messages: dict[tuple[str | None, str], Message] = {}

    @staticmethod
    def _note(key: str, text: str, variables: dict[str, Any] | None) -> str:
        usage = _USAGE.get()
        if usage is not None:
            usage.english.setdefault(key, filled(text, variables))
        return text

    def gettext(self, msgid: str, variables: dict[str, Any] | None = None) -> str:
        return self._note(msgid, msgid, variables)

    def ngettext(self, singular: str, plural: str, n: int, variables: dict[str, Any] | None = None) -> str:
        return self._note(singular, singular if n == 1 else plural, variables)

    def pgettext(self, context: str, msgid: str, variables: dict[str, Any] | None = None) -> str:
        return self._note(msgid, msgid, variables)

    def npgettext(self, context: str, singular: str, plural: str, n: int, variables: dict[str, Any] | None = None) -> str:
        return self._note(singular, singular if n == 1 else plural, variables)


def catalog_files(language: str, template_dirs: tuple[Path, ...] = ()) -> list[Path]:
    """The ``.po`` files for a language, lowest priority first: shipped, then each override."""
    files = []
    shipped = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if shipped.is_file():
        files.append(shipped)
    for folder in reversed(template_dirs):
        candidate = Path(folder) / "locale" / f"{language}.po"
        if candidate.is_file():
            files.append(candidate)
    return files


def read_catalog(path: Path, language: str) -> BabelCatalog:
    """Parse one ``.po`` file and check every entry; problems name the file and line."""
    from babel.messages.pofile import PoFileError, read_po  # here: an English render reads no catalog

    try:
        with open(path, "rb") as fh:
            parsed = read_po(fh, locale=language, domain=DOMAIN, abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError) as exc:
        raise DocgenError(f"not a valid gettext catalog: {exc}", file=path) from None
    except OSError as exc:
        raise DocgenError(f"cannot read: {exc.strerror}", file=path) from None
    problems = [Problem(str(path), f"line {m.lineno}", reason) for m in parsed if m.id for reason in entry_problems(m)]
    if problems:
        raise DocgenError(problems)
    return parsed


def catalog_problems(path: Path, language: str) -> list[Problem]:
    """What :func:`read_catalog` would refuse in one ``.po`` file (nothing when it reads
    cleanly), kept by the file's bytes: checking a force's templates asks about the same
    catalogs every time."""
    try:
        raw = path.read_bytes()
    except OSError:
        raw = None
    if raw is None:  # unreadable: read_catalog says how
        try:
            read_catalog(path, language)
        except DocgenError as exc:
            return list(exc.problems)
        return []
    return list(_catalog_problems(str(path), raw, language))


@lru_cache(maxsize=64)
def _catalog_problems(file: str, raw: bytes, language: str) -> tuple[Problem, ...]:
    from babel.messages.pofile import PoFileError, read_po

    path = Path(file)
    try:
        parsed = read_po(io.BytesIO(raw), locale=language, domain=DOMAIN, abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError) as exc:
        return tuple(DocgenError(f"not a valid gettext catalog: {exc}", file=path).problems)
    return tuple(Problem(str(path), f"line {m.lineno}", reason) for m in parsed if m.id for reason in entry_problems(m))


def entry_problems(message: Any) -> list[str]:
    """What is wrong with one catalog entry: a translation must keep the source's
    placeholders and inline markup exactly, and must say whether it was reviewed."""
    ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
    texts = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
    problems = []
    if not any(texts):
        return problems
    statuses = [c for c in message.user_comments + message.auto_comments if c.strip().startswith("review:")]
    if not statuses or not _REVIEW.match(statuses[-1].strip()):
        problems.append(f"msgid {ids[0]!r} needs a '# review: unreviewed' or '# review: reviewed' comment")
    want_names = sorted(set(_PLACEHOLDER.findall(ids[0])) - {""})
    want_tags = sorted(_TAG.findall(ids[0]))
    for text in texts:
        if not text:
            continue
        have_names = sorted(set(_PLACEHOLDER.findall(text)) - {""})
        if have_names != want_names:
            lost = [f"%({n})s" for n in want_names if n not in have_names]
            extra = [f"%({n})s" for n in have_names if n not in want_names]
            said = ([f"lacks {', '.join(lost)}"] if lost else []) + ([f"has {', '.join(extra)}, which the English does not"] if extra else [])
            problems.append(f"msgid {ids[0]!r}: the translation {' and '.join(said)} (it must use the placeholders {want_names or 'none'})")
        if sorted(_TAG.findall(text)) != want_tags:
            problems.append(f"msgid {ids[0]!r}: the translation must keep the same <b>, <i> and <br/> markup")
    return problems


def _reviewed(message: Any) -> bool:
    statuses = [c.strip() for c in message.user_comments + message.auto_comments if c.strip().startswith("review:")]
    found = _REVIEW.match(statuses[-1]) if statuses else None
    return bool(found and found.group("status") == "reviewed")


def catalog_fingerprint(language: str, template_dirs: tuple[Path, ...] = ()) -> tuple[tuple[str, int, int, int], ...]:
    """What decides a language's catalog: each ``.po`` file it merges, with its size,
    modification time and inode, so that a catalog edited (or replaced) while a process
    runs is read again. English has no catalog, so nothing decides it."""
    if language == SOURCE_LANGUAGE:
        return ()
    found = []
    for path in catalog_files(language, template_dirs):
        try:
            info = path.stat()
        except OSError:  # gone since it was listed: reading it reports the problem
            found.append((str(path), -1, -1, -1))
            continue
        found.append((str(path), info.st_size, info.st_mtime_ns, info.st_ino))
    return tuple(found)


def catalog(language: str, template_dirs: tuple[Path, ...] = ()) -> Catalog | _Source:
    """The merged, compiled catalog for a language (English needs none), read once per
    version of its files."""
    return _catalog(language, template_dirs, catalog_fingerprint(language, template_dirs))


@lru_cache(maxsize=32)
def _catalog(language: str, template_dirs: tuple[Path, ...], fingerprint: tuple[tuple[str, int, int, int], ...]) -> Catalog | _Source:
    if language == SOURCE_LANGUAGE:
        return _Source()
    from babel.messages.catalog import Catalog as BabelCatalog
    from babel.messages.mofile import write_mo

    merged = BabelCatalog(locale=language, domain=DOMAIN)
    messages: dict[tuple[str | None, str], Message] = {}
    for path in catalog_files(language, template_dirs):
        for entry in read_catalog(path, language):
            if not entry.id or entry.fuzzy:
                continue
            msgid = entry.id[0] if isinstance(entry.id, (list, tuple)) else entry.id
            text = entry.string[0] if isinstance(entry.string, (list, tuple)) else entry.string
            if not text:
                continue
            if merged.get(entry.id, context=entry.context) is not None:
                merged.delete(entry.id, context=entry.context)  # babel would keep the earlier file's string
            merged[entry.id] = entry  # later files replace earlier entries
            messages[(entry.context, msgid)] = Message(msgid, text, _reviewed(entry), f"{path.name}:{entry.lineno}", entry.context)
    buffer = io.BytesIO()
    write_mo(buffer, merged)
    buffer.seek(0)
    return Catalog(language, messages, GNUTranslations(buffer))


def gettext(language: str, msgid: str, template_dirs: tuple[Path, ...] = ()) -> str:
    """Translate one fixed string from code (labels, banners), recording its status."""
    return catalog(language, template_dirs).gettext(msgid)


# --------------------------------------------------------------------------- reviews

# Keys reviewed in the register (for the Welsh as it stands now), which therefore count as
# reviewed while a document is rendered; see :func:`accepting`.
_ACCEPTED: ContextVar[frozenset[str]] = ContextVar("docgen_i18n_accepted", default=frozenset())
_CLAUSE_KEY = re.compile(r"^(?P<ref>\S+@\S+) (?P<field>title|wording|plain|mirror|mirror_reason|remedy|startup|example \d+)$")
_CLAUSE_FIELDS = {"plain": "plain_words"}


def example_key(ref: str, number: int) -> str:
    """The review key of a clause's worked example in Welsh ("FIN-001@2.0.0 example 3"),
    numbered from 1 in the record's order."""
    return f"{ref} example {number}"


def example_welsh(example: Any) -> str:
    """The Welsh of a worked example as one text: what a review of it covers."""
    return " ".join(f"{example.cy.scenario} {example.cy.why}".split())


def welsh_text(key: str, template_dirs: tuple[Path, ...] = ()) -> str | None:
    """The Welsh a review key stands for today, as written in its source.

    A key is a catalog msgid ("Dear %(name)s,"), a clause field ("COM-001@1.0.0 wording")
    or a clause's worked example ("COM-001@2.0.0 example 2"), exactly as the review annex
    records it. ``None`` when there is no such Welsh.
    """
    found = _CLAUSE_KEY.match(key)
    if found:
        from .locale.clauses import translations

        entry = translations("cy").get(found.group("ref"))
        field_name = _CLAUSE_FIELDS.get(found.group("field"), found.group("field"))
        if field_name.startswith("example "):
            return _example_text(found.group("ref"), int(field_name.split()[1]))
        return getattr(entry, field_name, None) if entry is not None else None
    source = catalog("cy", template_dirs)
    texts = [m.text for (context, msgid), m in sorted(source.messages.items(), key=lambda kv: (kv[0][0] or "", kv[0][1])) if msgid == key]
    return texts[0] if texts else None


def _example_text(ref: str, number: int) -> str | None:
    from .conditions import shipped_library

    clause = shipped_library().find(ref)
    if clause is None or not 1 <= number <= len(clause.examples) or clause.examples[number - 1].cy is None:
        return None
    return example_welsh(clause.examples[number - 1])


def welsh_sha256(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def reviewed_now(versions: dict[str, frozenset[str]], template_dirs: tuple[Path, ...] = ()) -> frozenset[str]:
    """The keys whose Welsh, as it stands today, is a version someone reviewed."""
    keys = set()
    for key, shas in versions.items():
        text = welsh_text(key, template_dirs)
        if text is not None and welsh_sha256(text) in shas:
            keys.add(key)
    return frozenset(keys)


@contextmanager
def accepting(versions: dict[str, frozenset[str]] | None, template_dirs: tuple[Path, ...] = ()) -> Iterator[None]:
    """While rendering, count the strings reviewed in the register as reviewed."""
    token = _ACCEPTED.set(reviewed_now(versions or {}, template_dirs) | _ACCEPTED.get())
    try:
        yield
    finally:
        _ACCEPTED.reset(token)


def refuse_unreviewed(usage: Usage | None, kind: str, file: str = "") -> None:
    """``--issue`` refuses a document that prints Welsh nobody has reviewed, or English
    where its Welsh should be: exactly what the review annex would list."""
    if usage is None or usage.clean:
        return
    problems = []
    if usage.unreviewed:
        keys = list(usage.unreviewed)
        problems.append(
            Problem(
                file,
                "--issue",
                f"the {kind} prints {len(keys)} Welsh string(s) nobody has reviewed (first: {keys[0]!r}); "
                "a Welsh speaker reviews them with `docgen welsh review`, then issue again "
                "(`docgen welsh pending --kind KIND --case CASE` lists them)",
            )
        )
    if usage.untranslated:
        keys = list(usage.untranslated)
        problems.append(
            Problem(
                file,
                "--issue",
                f"the {kind} prints {len(keys)} string(s) in English that have no Welsh (first: {keys[0]!r}); "
                "add the Welsh to the catalog and have it reviewed",
            )
        )
    raise DocgenError(problems)


# --------------------------------------------------------------------------- templates


def install(env: Any, language: str, template_dirs: tuple[Path, ...], missing: type[Exception], source: Catalog | _Source | None = None) -> None:
    """Give a Jinja2 environment (with ``jinja2.ext.i18n``) the catalog for ``language``
    (``source``, when the caller has already read it).

    The callables are "new style": they format the variables themselves, so a ``None``
    inside a translated sentence is the same error as a ``None`` anywhere else in a
    template, and case data is escaped exactly as in ``{{ }}``.
    """
    source = source if source is not None else catalog(language, template_dirs)
    env.policies["ext.i18n.trimmed"] = True
    env.newstyle_gettext = True

    def fill(ctx: Context, text: str, variables: dict[str, Any]) -> str:
        for name, value in variables.items():
            if value is None:
                raise missing(f"the value '{name}' in a translated sentence is missing (None)")
        if not ctx.eval_ctx.autoescape:
            return text % variables
        return fill_markup(text, variables)

    @pass_context
    def gettext_(ctx: Context, msgid: str, **variables: Any) -> str:
        return fill(ctx, source.gettext(msgid, variables), variables)

    @pass_context
    def ngettext_(ctx: Context, singular: str, plural: str, num: int, **variables: Any) -> str:
        variables.setdefault("num", num)
        return fill(ctx, source.ngettext(singular, plural, num, variables), variables)

    @pass_context
    def pgettext_(ctx: Context, context: str, msgid: str, **variables: Any) -> str:
        return fill(ctx, source.pgettext(context, msgid, variables), variables)

    @pass_context
    def npgettext_(ctx: Context, context: str, singular: str, plural: str, num: int, **variables: Any) -> str:
        variables.setdefault("num", num)
        return fill(ctx, source.npgettext(context, singular, plural, num, variables), variables)

    env.globals.update(gettext=gettext_, ngettext=ngettext_, pgettext=pgettext_, npgettext=npgettext_)


def fill_markup(text: str, variables: dict[str, Any]) -> Markup:
    """``Markup(text) % variables``: the sentence is markup, each value is escaped.

    Every translated sentence of every document passes through here. A sentence whose
    only placeholders are ``%(name)s`` (all of docgen's) is filled from the escaped values
    directly, without markupsafe's wrapper round each value; any other is left to markupsafe.
    """
    if _named_only(text):
        return Markup(text % _Escaped(variables))
    return Markup(text) % variables


_FORMAT_PIECE = re.compile(r"%\(\w+\)s|%%|%")


@lru_cache(maxsize=4096)
def _named_only(text: str) -> bool:
    return all(piece.group() != "%" for piece in _FORMAT_PIECE.finditer(text))


class _Escaped:
    """The values of a sentence, each escaped as it is read."""

    __slots__ = ("values",)

    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values

    def __getitem__(self, name: str) -> Markup:
        return escape(self.values[name])


# --------------------------------------------------------------------------- documents


def page_labels(language: str, template_dirs: tuple[Path, ...] = ()) -> dict[str, str]:
    """The words printed round the page number and reference on every page."""
    labels = {
        "page_label": "Page {page} of {pages}",
        "reference_label": "Reference",
        "version_label": "Version",
    }
    out = {key: _both(language, text, template_dirs) for key, text in labels.items()}
    if len(parts(language)) > 1:
        # the writers fill the first {page} and {pages} only, so interleave the words:
        # "Tudalen / Page {page} o / of {pages}"
        pieces = []
        for lang in parts(language):
            before, _, rest = gettext(lang, labels["page_label"], template_dirs).partition("{page}")
            middle, _, after = rest.partition("{pages}")
            pieces.append((before.strip(), middle.strip(), after.strip()))
        before, middle, after = (" / ".join(filter(None, column)) for column in zip(*pieces))
        out["page_label"] = f"{before} {{page}} {middle} {{pages}}" + (f" {after}" if after else "")
    _annex_shows_page_label_as_printed(labels["page_label"])
    return out


def _as_printed(label: str) -> str:
    """A page label as a reader sees it on a page: "Tudalen N o M", not its slots."""
    return label.replace("{pages}", "M").replace("{page}", "N")


def _annex_shows_page_label_as_printed(msgid: str) -> None:
    """The writers fill ``{page}`` and ``{pages}`` on each page, after the annex is made;
    the annex lists the label as printed, never with its slots in braces."""
    usage = _USAGE.get()
    if usage is None:
        return
    if msgid in usage.unreviewed:
        welsh, english = usage.unreviewed[msgid]
        usage.unreviewed[msgid] = (_as_printed(welsh), _as_printed(english))
    if msgid in usage.untranslated:
        usage.untranslated[msgid] = _as_printed(usage.untranslated[msgid])
    if msgid in usage.english:
        usage.english[msgid] = _as_printed(usage.english[msgid])


# The Government Security Classification markings are fixed labels that handling rules
# and systems recognise in English, so a Welsh or bilingual document keeps the English
# label and prints the Welsh form used by public bodies in Wales before it.
MARKINGS_CY = {
    "OFFICIAL": "SWYDDOGOL",
    "OFFICIAL-SENSITIVE": "SWYDDOGOL-SENSITIF",
    "SECRET": "CYFRINACH",
    "TOP SECRET": "CYFRINACH IAWN",
}


def printed_marking(marking: str, language_tag: str) -> str:
    """The protective marking as the page furniture prints it.

    English documents print the label alone; Welsh and bilingual ones (whose files are
    tagged ``cy-GB``) print "SWYDDOGOL-SENSITIF / OFFICIAL-SENSITIVE", Welsh first, so
    the label a handler looks for is always there. A marking with no Welsh form is
    printed as it is.
    """
    if language_of(language_tag) != "cy" or marking not in MARKINGS_CY:
        return marking
    return f"{MARKINGS_CY[marking]} / {marking}"


def draft_marks(language: str, template_dirs: tuple[Path, ...] = ()) -> tuple[str, str]:
    """The draft banner and watermark, in the document's language(s)."""
    return _both(language, "DRAFT - NOT FOR SERVICE", template_dirs), _both(language, "DRAFT", template_dirs)


def _both(language: str, english: str, template_dirs: tuple[Path, ...]) -> str:
    return " / ".join(gettext(lang, english, template_dirs) for lang in parts(language))


@dataclass(frozen=True)
class Rendition:
    """A document in its language(s), with the words for its page furniture."""

    document: Document
    context: dict[str, Any]  # the first language's template context
    furniture: dict[str, str]  # DocumentMeta fields: language, labels, banner, watermark
    usage: Usage


def render_in(
    language: str,
    render_one: Callable[[str], tuple[Document, dict[str, Any]]],
    template_dirs: tuple[Path, ...] = (),
    *,
    draft: bool = False,
) -> Rendition:
    """Render a document in one language or both, and add the review annex if needed.

    ``render_one(lang)`` renders the whole document in one language and returns the model
    and the context it used.
    """
    with recording() as usage:
        results = [render_one(lang) for lang in parts(language)]
        furniture = dict(page_labels(language, template_dirs))
        banner, watermark = draft_marks(language, template_dirs) if draft else ("", "")
    if usage.unreviewed and SOURCE_LANGUAGE not in parts(language):
        # the annex sets each Welsh sentence beside its English with the same facts:
        # render the English once, for its sentences only
        with recording() as english:
            try:
                render_one(SOURCE_LANGUAGE)
            except DocgenError:
                pass
        usage.english.update({k: v for k, v in english.english.items() if k not in usage.english})
    furniture.update(language=locale_for(parts(language)[0]).replace("_", "-"), banner=banner, watermark=watermark)
    documents = [doc for doc, _ in results]
    document = documents[0] if len(documents) == 1 else join(documents, parts(language))
    if "cy" in parts(language) and not usage.clean:
        document = with_review_annex(document, usage, template_dirs, language)
    return Rendition(document, results[0][1], furniture, usage)


def join(documents: list[Document], languages: tuple[str, ...] = ()) -> Document:
    """One document holding each language version in turn, a page break between them."""
    blocks: list[Any] = []
    starts = []
    for index, doc in enumerate(documents):
        if index:
            blocks.append(PageBreak())
        starts.append(len(blocks))
        blocks.extend(doc.blocks)
    title = " / ".join(d.title for d in documents)
    subject = " / ".join(d.subject for d in documents if d.subject)
    meta = dict(documents[0].meta)
    if languages:  # where each language begins, for writers that tag text with its language
        meta["languages"] = ",".join(f"{locale_for(lang).replace('_', '-')}:{start}" for lang, start in zip(languages, starts))
    return Document(title=title, subject=subject, blocks=tuple(blocks), meta=meta)


def _para(text: str, bold: bool = False) -> Paragraph:
    return Paragraph((Run(text, bold=bold),))


def with_review_annex(document: Document, usage: Usage, template_dirs: tuple[Path, ...] = (), language: str = "cy") -> Document:
    """Append the annex that lists translations not yet reviewed and text left in English.

    The annex is written in Welsh and English, because the person who must act on it is
    whoever issues the document, in whichever language they read. Each of its blocks is
    marked with its language (``meta["languages"]``) so that the Word file tags it.
    """
    blocks: list[Any] = []
    tags: list[str] = []

    def add(block: Any, lang: str) -> None:
        blocks.append(block)
        tags.append(lang)

    def both(english: str) -> None:
        add(_para(gettext("cy", english, template_dirs)), "cy")
        add(_para(english), "en")

    add(PageBreak(), "cy")
    add(Heading(1, (Run(_both("cy+en", "Annex: Welsh text not yet reviewed", template_dirs)),)), "cy")
    both(
        "Some of the Welsh wording in this document has not yet been checked by a Welsh "
        "speaker. Do not issue or serve the document until the wording listed below has been "
        "reviewed and marked as reviewed, and the document has been produced again without "
        "this annex."
    )
    if usage.unreviewed:
        rows = [Row((Cell((_para("Cymraeg", True),)), Cell((_para("English", True),))), header=True)]
        for key, (welsh, english) in usage.unreviewed.items():
            rows.append(Row((Cell(_cell(welsh)), Cell(_cell(usage.english.get(key, english))))))
        add(Heading(2, (Run(_both("cy+en", "Translations not yet reviewed", template_dirs)),)), "cy")
        add(Table(tuple(rows), (50, 50)), "cy")
    if usage.untranslated:
        add(Heading(2, (Run(_both("cy+en", "Wording with no Welsh translation", template_dirs)),)), "cy")
        both("The following wording is printed in English because the catalog holds no Welsh for it.")
        rows = [Row((Cell((_para("English", True),)),), header=True)]
        rows += [Row((Cell(_cell(english)),)) for english in usage.untranslated.values()]
        add(Table(tuple(rows), (100,)), "en")
    meta = dict(document.meta)
    first = locale_for(parts(language)[0]).replace("_", "-")
    entries = [meta["languages"]] if meta.get("languages") else [f"{first}:0"]
    start = len(document.blocks)
    entries += [f"{locale_for(lang).replace('_', '-')}:{start + i}" for i, lang in enumerate(tags) if i == 0 or tags[i - 1] != lang]
    meta["languages"] = ",".join(entries)
    return Document(document.title, document.subject, document.blocks + tuple(blocks), meta)


def _cell(text: str) -> tuple[Paragraph, ...]:
    """Catalog text may hold inline markup; the annex shows it as plain words."""
    plain = _TAG.sub(lambda m: " / " if m.group(1) == "br" else "", text)
    return tuple(_para(p) for p in plain.split("\n\n") if p.strip()) or (_para(""),)


# --------------------------------------------------------------------------- extraction


# Strings that code, not templates, passes through the catalog (page furniture, the annex).
CODE_MESSAGES = (
    "Page {page} of {pages}",
    "Reference",
    "Version",
    "DRAFT - NOT FOR SERVICE",
    "DRAFT",
    "Annex: Welsh text not yet reviewed",
    "Some of the Welsh wording in this document has not yet been checked by a Welsh "
    "speaker. Do not issue or serve the document until the wording listed below has been "
    "reviewed and marked as reviewed, and the document has been produced again without "
    "this annex.",
    "Translations not yet reviewed",
    "Wording with no Welsh translation",
    "The following wording is printed in English because the catalog holds no Welsh for it.",
)


@dataclass(frozen=True)
class Found:
    """One translatable string found in a template."""

    file: Path
    line: int
    msgid: str
    plural: str | None = None
    context: str | None = None


def extract(paths: list[Path]) -> list[Found]:
    """Every literal string that ``{% trans %}``, ``_()`` and friends send to the catalog.

    Parsing uses the same settings as rendering (trimmed ``trans`` blocks), so the msgids
    found here are exactly the ones looked up when a document is produced. A template's
    strings are kept by its text, so a template read before (and unchanged) is not
    parsed again.
    """
    found = []
    for path in paths:
        strings = _strings_in(path.read_text(encoding="utf-8"))
        found.extend(Found(path, line, msgid, plural, context) for line, msgid, plural, context in strings)
    return found


_Strings = tuple[tuple[int, str, "str | None", "str | None"], ...]


@lru_cache(maxsize=1)
def _extract_environment() -> Any:
    from jinja2 import Environment

    env = Environment(extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True)
    env.policies["ext.i18n.trimmed"] = True
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    return env


@lru_cache(maxsize=512)
def _strings_in(source: str) -> _Strings:
    """(line, msgid, plural, context) of each literal string in one template's text;
    none for a template with a syntax error (the template checker reports those)."""
    from jinja2 import TemplateSyntaxError

    env = _extract_environment()
    try:
        tree = env.parse(source)
    except TemplateSyntaxError:
        return ()
    return tuple(_literal_strings(env, tree))


def _literal_strings(env: Any, tree: Any) -> Iterator[tuple[int, str, str | None, str | None]]:
    for line, func, message in env.extract_translations(tree):
        strings = message if isinstance(message, tuple) else (message,)
        if func in ("pgettext", "npgettext"):
            context, strings = strings[0], strings[1:]
        else:
            context = None
        if not strings or not isinstance(strings[0], str):
            continue  # a computed msgid such as _(law.scpo.act): listed by hand
        plural = strings[1] if len(strings) > 1 and isinstance(strings[1], str) else None
        yield line, strings[0], plural, context


def extract_plain(paths: list[Path]) -> list[Found]:
    """:func:`extract` parsing every template now, in an environment of its own."""
    from jinja2 import Environment, TemplateSyntaxError

    env = Environment(extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True)
    env.policies["ext.i18n.trimmed"] = True
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    found = []
    for path in paths:
        try:
            tree = env.parse(path.read_text(encoding="utf-8"), name=path.name, filename=str(path))
        except TemplateSyntaxError:
            continue  # the template checker reports syntax errors
        # the same picking of literal strings; what differs is parsing every time, uncached
        found += [Found(path, line, msgid, plural, context) for line, msgid, plural, context in _literal_strings(env, tree)]
    return found
