"""Clause wording in another language, with its review status.

The conditions library is written in English. Each clause record may carry, in its own
``cy:`` block, the Welsh title, wording of the term, plain words, licence mirror (or the
Welsh of the reason there is none) and the Welsh of any fixed choice a parameter offers,
with the translation's review status. Keeping the two languages in one record means a new
version of a clause starts without a translation: the old one is never reused by mistake.
The wording is a template over the same parameters as the English, rendered with filters
that follow the language's grammar (in Welsh a noun after a number stays singular and may
mutate: "3 diwrnod", "2 ddiwrnod", "5 mlynedd").

A clause with no translation keeps its English wording; the document then says so in its
review annex, exactly as it does for a translation nobody has reviewed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from ..errors import DocgenError

_VOWELS = set("aeiouwyâêîôûŵŷáéíóúàèìòùäëïöüAEIOUWYÂÊÎÔÛŴŶ")

#: The record block that holds each language's wording (Welsh is the only other language).
BLOCKS = {"cy": "cy"}


def translation_of(clause: Any, language: str) -> Any | None:
    """The clause's translation into ``language`` (a :class:`docgen.conditions.Welsh`), or None.

    A block with no wording is not a translation yet (it may hold only a review note).
    """
    block = BLOCKS.get(language)
    entry = getattr(clause, block, None) if block else None
    return entry if entry is not None and entry.wording else None


def translations(language: str, library: Any = None) -> dict[str, Any]:
    """Every translated clause version for ``language``, keyed ``CODE@VERSION``."""
    from ..conditions import shipped_library

    library = library or shipped_library()
    found = {c.ref: translation_of(c, language) for c in library.clauses}
    return {ref: entry for ref, entry in found.items() if entry is not None}


# --------------------------------------------------------------------------- Welsh grammar


# A figure is read aloud as its word, and the noun after it mutates as it would after the
# word: "dau" and "dwy" soften the noun ("2 ddiwrnod", "2 fis"); "un" softens a feminine
# noun ("1 flwyddyn"); "pum", "saith", "wyth", "naw", "deng", "deuddeng", "pymtheng",
# "deunaw", "ugain" and "can" take the nasal mutation before "blynedd" ("5 mlynedd"). The
# nasal "niwrnod" after those numbers is left out, as the library's own Welsh writes
# "cyn pen 10 diwrnod" beside "2 ddiwrnod". After "tri" and "chwe" only c, p and t change,
# which none of the nouns the clauses count begins with.
_SOFT = (("ll", "l"), ("rh", "r"), ("c", "g"), ("p", "b"), ("t", "d"), ("g", ""), ("b", "f"), ("d", "dd"), ("m", "f"))
_NASAL = (("c", "ngh"), ("p", "mh"), ("t", "nh"), ("g", "ng"), ("b", "m"), ("d", "n"))
_FEMININE = {"blwyddyn", "wythnos", "awr", "munud"}
_NASAL_NOUNS = {"blynedd"}
_NASAL_AFTER = {5, 7, 8, 9, 10, 12, 15, 18, 20, 100}


def _mutate(word: str, table: tuple[tuple[str, str], ...]) -> str:
    for radical, mutated in table:
        if word.lower().startswith(radical):
            return mutated + word[len(radical):]
    return word


def noun_after_number_cy(count: int, noun: str) -> str:
    """The singular Welsh noun as it is written after the figure ``count``."""
    if noun == "blwyddyn" and count != 1:
        noun = "blynedd"
    if count == 2 or (count == 1 and noun in _FEMININE):
        return _mutate(noun, _SOFT)
    if count in _NASAL_AFTER and noun in _NASAL_NOUNS:
        return _mutate(noun, _NASAL)
    return noun


def _plural_cy(count: int, singular: str, plural: str | None = None) -> str:
    """Welsh counts with the singular noun, mutated after the number: "3 diwrnod", "2 ddiwrnod"."""
    return f"{count} {noun_after_number_cy(count, singular)}"


def _join_and_cy(items: Iterable[str]) -> str:
    """"A, B a C"; "ac" before a vowel ("Alun ac Emyr")."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    last = items[-1]
    word = "ac" if last[:1] in _VOWELS else "a"
    return ", ".join(items[:-1]) + f" {word} " + last


def _item(index: int) -> str:
    index -= 1
    return "(" + chr(97 + index % 26) * (index // 26 + 1) + ")"


_UNITS_CY = {"days": "diwrnod", "weeks": "wythnos", "months": "mis", "years": "blwyddyn"}


def duration_cy(amount: int, unit: str) -> str:
    """A period in Welsh, its noun in the form used after that number."""
    return _plural_cy(amount, _UNITS_CY[unit])


@lru_cache(maxsize=1)
def _environment_cy() -> SandboxedEnvironment:
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True)
    env.filters["plural"] = _plural_cy
    env.filters["join_and"] = _join_and_cy
    env.globals["item"] = _item
    return env


_GRAMMAR = {"cy": _environment_cy}


@lru_cache(maxsize=4096)
def _compiled(language: str, source: str) -> Any:
    """A translated field's template, compiled once per process as the English texts are
    (``conditions._compile``): a document renders the same clause fields for every term."""
    return _GRAMMAR[language]().from_string(source)


# --------------------------------------------------------------------------- rendering


def _present(param: Any, value: Any, locale: str, language: str, choices: dict[str, str]) -> Any:
    from ..conditions import Duration

    if isinstance(value, Duration) and language == "cy":
        return duration_cy(value.amount, value.unit)
    if isinstance(value, str) and value in choices:
        return choices[value]
    return param.present(value, locale)


def render_field(clause: Any, source: str, field: str, params: dict[str, Any], locale: str, language: str, choices: dict[str, str]) -> str:
    """Render one translated field of a clause over the case's parameters."""
    from ..conditions import tidy

    values = clause.resolve(params)
    context = {p.name: _present(p, values[p.name], locale, language, choices) for p in clause.parameters}
    try:
        return tidy(_compiled(language, source).render(context))
    except TemplateError as exc:
        raise DocgenError(f"template error: {exc}", file=clause.source or clause.ref, field=f"{BLOCKS[language]}.{field}") from None


def clause_field(clause: Any, name: str, english: str, params: dict[str, Any], locale: str, *, template: bool = True) -> str:
    """One field of a clause record (``remedy``, say) in the document's language.

    For what a kind reads from the clause itself rather than through a term view
    (:class:`LocalisedTerm`). The translation comes from the record's own block; it goes
    into the review annex until reviewed, and where there is none the English is printed
    and listed as untranslated, so a document carrying it cannot be issued. ``template``
    renders the translation over the term's parameters, as the English was.
    """
    from ..i18n import SOURCE_LANGUAGE, language_of, note_unreviewed, note_untranslated

    language = language_of(locale)
    if language == SOURCE_LANGUAGE:
        return english
    key = f"{clause.ref} {name}"
    entry = translation_of(clause, language)
    source = getattr(entry, name, None) if entry is not None else None
    if not source:
        note_untranslated(key, english)
        return english
    text = render_field(clause, source, name, params, locale, language, entry.choices) if template else source.strip()
    if not entry.reviewed:
        note_unreviewed(key, text, english)
    return text


class LocalisedTerm:
    """A term as templates see it, with its wording in the document's language.

    Reading a translated field records it for the review annex only when the template
    actually prints it, so a warning letter about term 2 does not list term 1's wording.
    Every other attribute (number, dates, justification, clause) is the English view's.
    """

    _FIELDS = ("title", "wording", "plain", "mirror", "mirror_reason")

    def __init__(self, view: Any, ref: str, texts: dict[str, tuple[str | None, str]]) -> None:
        self._view = view
        self._ref = ref
        self._texts = texts  # field -> (text, "reviewed" | "unreviewed" | "untranslated")

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name not in self._FIELDS:
            return getattr(self._view, name)
        from ..i18n import note_unreviewed, note_untranslated

        text, status = self._texts[name]
        english = getattr(self._view, name)
        if text and status == "unreviewed":
            note_unreviewed(f"{self._ref} {name}", text, english)
        elif english and status == "untranslated":
            note_untranslated(f"{self._ref} {name}", english)
        return text

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.wording.split("\n\n") if p.strip()]

    def __repr__(self) -> str:
        return f"LocalisedTerm({self._ref}, term {self._view.number})"


def localise_terms(views: Sequence[Any], terms: Sequence[Any], locale: str) -> list[Any]:
    """The case's term views with their wording in the locale's language.

    ``views`` are :class:`docgen.pipeline.TermView` objects in English; ``terms`` are the
    case's terms in the same order (their parameters fill the translated wording). A
    clause with no translation keeps its English wording, marked as untranslated.
    """
    from ..i18n import SOURCE_LANGUAGE, language_of

    language = language_of(locale)
    if language == SOURCE_LANGUAGE:
        return list(views)
    out: list[Any] = []
    for view, term in zip(views, terms):
        ref = f"{view.code}@{view.version}"
        entry = translation_of(view.clause, language)
        english = {name: getattr(view, name) for name in LocalisedTerm._FIELDS}
        texts: dict[str, tuple[str | None, str]] = {name: (value, "untranslated") for name, value in english.items()}
        if entry is not None:
            status = entry.review
            params = dict(term.params)

            def field(source: str, name: str) -> str:
                return render_field(view.clause, source, name, params, locale, language, entry.choices)

            if entry.title:
                texts["title"] = (entry.title, status)
            texts["wording"] = (field(entry.wording, "wording"), status)
            if entry.plain_words:
                texts["plain"] = (field(entry.plain_words, "plain_words"), status)
            if english["mirror"] is not None and entry.mirror:
                texts["mirror"] = (field(entry.mirror, "mirror"), status)
            if english["mirror_reason"] is not None and entry.mirror_reason:
                texts["mirror_reason"] = (entry.mirror_reason, status)
        out.append(LocalisedTerm(view, ref, texts))
    return out
