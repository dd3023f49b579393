"""The drafting linter: checks a case's terms, or the whole library, against drafting rules.

Each rule looks for one drafting fault that has cost orders in court or in enforcement
(a brand name that dates a term, a duty with no deadline, a term with no evidence behind
it) and reports it as a :class:`Finding` with a plain-words fix. Word lists live in
``docgen/data/brands.yaml`` and ``docgen/data/lint_words.yaml``; the law (maximum
durations, ages, Schedule 1 headings) comes from the law data, never from code. The
second edition's drafting points live in :mod:`docgen.lint_edition`.
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from .conditions import Clause, Definition, Library, shipped_library
from .dates import add_months, age_on
from .errors import DocgenError
from .findings import Finding, Severity, exit_code
from .law import Law, shipped_law
from .yamlio import read_yaml_mapping

DATA = Path(__file__).parent / "data"

#: Every rule the linter knows, with what it protects. The order here is the report order.
RULES: dict[str, str] = {
    "clause": "the term names a clause (and version) that exists in the library",
    "parameters": "the term's parameter values are valid for its clause",
    "clause-version": "no withdrawn, superseded or draft clause version is used",
    "justification": "every term has a case-specific justification",
    "evidence": "every term cites at least one evidence reference",
    "questions": "every question the clause asks the drafter is answered",
    "justification-copied": "no two terms share the same justification",
    "brand-name": "no brand, app or product names in the wording",
    "requirement-parts": "every requirement says what, to whom, how and by when",
    "definitions": "every defined word used is defined, and every definition is used",
    "oral-answers": "no requirement to answer questions orally (s.11)",
    "vague-words": "no vague words in the wording",
    "licence-mirror": "every term has a licence mirror or a stated reason why not",
    "conflict": "no two terms on the same subject matter with different values",
    "order-duration": "the order lasts no longer than the law allows (s.16)",
    "term-dates": "each term starts and ends inside the order",
    "electronic-monitoring": "electronic monitoring terms are time-limited and depend on commencement (s.5B)",
    "subject-age": "the subject is old enough when the order is made (s.6)",
    "schedule1": "a conviction falls under a Schedule 1 Part 1 heading or the case says why it is serious",
    "moving-duty": "a term whose wording asks for notice of a changed address declares what a move of home sets off",
    # second edition: the ten drafting points, checked on current approved second-edition records
    "defined-exactly": "(2) a defined word is used in its defined form, never a loose paraphrase",
    "recipient": "(3) a duty is owed to the police, not to probation",
    "legal-basis": "(4) the power the term rests on is named, with guidance on the evidence that links it",
    "exceptions": "(5) every exception the wording offers is declared, and each marker is in the wording",
    "approval-route": "(5) a term that says \u201cunless ... agreed\u201d declares how to ask and when the answer comes",
    "urgent-route": "(5) a term that requires notice in advance declares an urgent route",
    "sentence-length": "(6) no sentence longer than the limit in lint_words.yaml",
    "future-proofing": "(7) a future-proofing note that quotes the wording quotes words the wording has",
    "mirror-parameters": "(8) every parameter value and exception in the term is in the licence mirror, or declared not mirrored",
    "monitoring": "(9) monitoring says concretely how compliance is checked and what a breach looks like",
    "privileged-material": "(10) nothing compels legally privileged or excluded material (ss.12-13)",
    "startup": "a notification duty says what to notify about things that exist when the order comes into force",
    "remedy": "the clause declares what a warning letter may ask, or why it asks nothing",
    "examples": "every exception has at least one worked example",
    "no-email": "what the subject reads never tells them to email, which is writing only where the force has a mailbox",
    "remedy-deadline": "a remedy gives no deadline of its own; the warning letter gives the date",
    "route-promised": "a justification promises no approval route or exception the clause does not have",
}

# Wording that asks for notice of a changed address: a duty that a move of home can set
# off, which the record must then declare in ``on_moving`` (the transfer letter reads that
# declaration, never this wording). A changed detail counts when a listed detail is an
# address other than an email, IP or public (cryptoasset) address.
_ADDRESS_CHANGE = re.compile(r"\bchange of (?:home )?address\b|\bmoved to another address\b")
_DETAIL_CHANGE = re.compile(r"\bwithin \d+ days? of any change to (?:those|these|the) details\b")
_ADDRESS_ITEM = re.compile(r"^\([a-z]{1,3}\) .*?(?<!email )(?<!IP )(?<!public )\baddress\b", re.MULTILINE)


def finding(rule: str, severity: Severity, term: int | None, message: str, fix: str, clause: str | None = None) -> Finding:
    """A drafting finding: which rule, how serious, which term (or clause record), what, the fix."""
    return Finding(rule=rule, severity=severity, term=term, message=message, fix=fix, clause=clause)


def as_dict(f: Finding) -> dict[str, Any]:
    """A finding as ``conditions lint --format json`` prints it."""
    return {"rule": f.rule, "severity": f.severity, "term": f.term, "message": f.message, "fix": f.fix, "clause": f.clause}


def describe(f: Finding) -> str:
    """A finding as ``conditions lint`` prints it: where, severity, rule, message, then the fix."""
    where = f"term {f.term}" if f.term is not None else (f.clause or "case")
    return f"{where}: {f.severity} [{f.rule}] {f.message}\n    fix: {f.fix}"


def _sorted(findings: Iterable[Finding]) -> list[Finding]:
    order = list(RULES)
    unique = list(dict.fromkeys(findings))
    return sorted(unique, key=lambda f: (f.term or 0, f.clause or "", order.index(f.rule)))


# --------------------------------------------------------------------------- word data


@dataclass(frozen=True)
class WordRules:
    """The compiled word lists from ``lint_words.yaml``."""

    vague: list[tuple[str, re.Pattern[str], str, Severity, str]]
    needs_definition: list[tuple[str, re.Pattern[str], str, str, str]]
    requirement_verb: re.Pattern[str]
    delivery_verbs: frozenset[str]
    recipients: list[re.Pattern[str]]
    written: list[re.Pattern[str]]
    delivered: list[re.Pattern[str]]
    deadline: list[re.Pattern[str]]
    oral: list[re.Pattern[str]]

    @functools.cached_property
    def vague_screen(self) -> re.Pattern[str] | None:
        """Matches a text where a vague or needs-definition pattern matches, and nowhere else."""
        return any_of([entry[1] for entry in self.vague] + [entry[1] for entry in self.needs_definition])

    @functools.cached_property
    def oral_screen(self) -> re.Pattern[str] | None:
        """Matches a paragraph where an oral-answers pattern matches, and nowhere else."""
        return any_of(self.oral)

    @functools.cached_property
    def screen_memo(self) -> dict[str, dict[str, bool]]:
        """What each screen said of each text already seen."""
        return {"vague": {}, "oral": {}}


_MEMO_LIMIT = 2048


def _memo(memo: dict[str, Any], text: str, work: Any, limit: int = _MEMO_LIMIT) -> Any:
    """``work()``, kept in ``memo`` under ``text`` (emptied when it holds ``limit``): the
    same wording comes back in every library copy and at every parameter value that does
    not change it."""
    try:
        return memo[text]
    except KeyError:
        pass
    if len(memo) >= limit:
        memo.clear()
    value = memo[text] = work()
    return value


def screened(screen: re.Pattern[str] | None, memo: dict[str, bool], text: str) -> bool:
    """False only when ``screen`` exists and does not match ``text`` (kept per text)."""
    if screen is None:
        return True
    return _memo(memo, text, lambda: screen.search(text) is not None)


def any_of(patterns: list[re.Pattern[str]]) -> re.Pattern[str] | None:
    """One pattern that matches a text exactly when one of ``patterns`` matches it, or None.

    The patterns are put side by side as alternatives; that keeps each one's meaning only
    when none has a group (so no back-reference can be renumbered) and all share the same
    flags, so other lists get None and are tried one pattern at a time.
    """
    if not patterns or any(rx.groups or rx.flags != patterns[0].flags for rx in patterns):
        return None
    try:
        return re.compile("|".join(f"(?:{rx.pattern})" for rx in patterns), patterns[0].flags)
    except re.error:
        return None


def _rx(pattern: str, file: Path, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise DocgenError(f"not a valid pattern: {exc}", file=file, field=where) from None


def load_word_rules(path: Path | None = None) -> WordRules:
    """Read the linter's word lists (the shipped file unless ``path`` is given)."""
    path = path or DATA / "lint_words.yaml"
    data = read_yaml_mapping(path)
    try:
        req = data["requirement"]
        return WordRules(
            vague=[
                (v["id"], _rx(v["pattern"], path, f"vague.{i}.pattern"), v["shown"], v["severity"], v["fix"])
                for i, v in enumerate(data["vague"])
            ],
            needs_definition=[
                (v["id"], _rx(v["pattern"], path, f"needs_definition.{i}.pattern"), v["shown"], v["definition"], v["fix"])
                for i, v in enumerate(data["needs_definition"])
            ],
            requirement_verb=_rx(req["verb"], path, "requirement.verb"),
            delivery_verbs=frozenset(req["delivery_verbs"]),
            recipients=[_rx(p, path, "requirement.recipients") for p in req["recipients"]],
            written=[_rx(p, path, "requirement.written") for p in req["written"]],
            delivered=[_rx(p, path, "requirement.delivered") for p in req["delivered"]],
            deadline=[_rx(p, path, "requirement.deadline") for p in req["deadline"]],
            oral=[_rx(p, path, "oral") for p in data["oral"]],
        )
    except (KeyError, TypeError) as exc:
        raise DocgenError(f"missing or malformed entry {exc}", file=path) from None


@dataclass(frozen=True)
class Brands:
    """Names that must not appear in wording, each with the compiled pattern that finds it."""

    names: tuple[tuple[str, re.Pattern[str]], ...]

    def find(self, text: str) -> list[str]:
        screen = self._screen
        if screen is None:
            return self.find_plain(text)
        return list(_memo(self._found, text, lambda: tuple(self.find_plain(text)) if screen.search(text) else ()))

    @functools.cached_property
    def _found(self) -> dict[str, tuple[str, ...]]:
        return {}

    def find_plain(self, text: str) -> list[str]:
        """Every name's pattern tried in turn: what :meth:`find` must always agree with."""
        return [name for name, rx in self.names if rx.search(text)]

    @functools.cached_property
    def _screen(self) -> re.Pattern[str] | None:
        """One pattern that matches where any name's pattern matches, and nowhere else.

        Each name's pattern is the same look-behind, its own body and the same look-ahead,
        so the bodies can share them in one alternation (backtracking tries every body at
        every place). Built only when every pattern is the one :func:`_brand_pattern` makes.
        """
        if not self.names or any(rx.pattern != _brand_pattern(name).pattern or rx.flags != _BRAND_FLAGS for name, rx in self.names):
            return None
        bodies = "|".join(_brand_body(name) for name, _rx in self.names)
        return re.compile(_BRAND_BEFORE + "(?:" + bodies + ")" + _BRAND_AFTER, re.IGNORECASE)


_BRAND_BEFORE, _BRAND_AFTER = r"(?<![\w])", r"(?![\w])"
_BRAND_FLAGS = re.compile("", re.IGNORECASE).flags


def _brand_body(name: str) -> str:
    parts = [re.escape(p) for p in re.split(r"[\s-]+", name.strip()) if p]
    return r"[\s-]*".join(parts)


@lru_cache(maxsize=4096)
def _brand_pattern(name: str) -> re.Pattern[str]:
    return re.compile(_BRAND_BEFORE + _brand_body(name) + _BRAND_AFTER, re.IGNORECASE)


def _brand_names(path: Path) -> list[str]:
    data = read_yaml_mapping(path)
    groups = data.get("names")
    if not isinstance(groups, dict):
        raise DocgenError("needs a 'names' mapping of group: [name, ...]", file=path, field="names")
    names = []
    for group, members in groups.items():
        if not isinstance(members, list) or not all(isinstance(m, str) and m.strip() for m in members):
            raise DocgenError("must be a list of names", file=path, field=f"names.{group}")
        names.extend(members)
    return names


def load_brands(*extra: Path) -> Brands:
    """The shipped brand list plus any extra files of the same shape."""
    names: list[str] = []
    for path in (DATA / "brands.yaml", *extra):
        names.extend(_brand_names(Path(path)))
    unique = sorted(set(names), key=str.casefold)
    return Brands(tuple((n, _brand_pattern(n)) for n in unique))


@lru_cache(maxsize=1)
def _shipped_words() -> WordRules:
    return load_word_rules()


@lru_cache(maxsize=1)
def _shipped_brands() -> Brands:
    return load_brands()


# --------------------------------------------------------------------------- renders

# One lint renders the same clause at the same values many times over (each rule reads the
# wording, the mirror or the plain words again); inside :func:`renders_kept` each render is
# made once. The memo lives only as long as the lint, so no clause outlives it there.
_RENDERS: contextvars.ContextVar[dict[tuple[Any, ...], tuple[Clause, str | None]] | None] = contextvars.ContextVar(
    "lint_renders", default=None
)
_RENDERERS = {
    "wording": "render_wording",
    "mirror": "render_mirror",
    "plain": "plain_words",
    "startup": "render_startup",
    "remedy": "render_remedy",
}
_PLAIN_TYPES = (str, int, float, bool, Decimal, dt.date, dt.datetime, type(None))


def _frozen(value: Any) -> Any:
    """A key equal only for values of the same plain types that print the same; None when
    the value holds anything else (it is then rendered afresh every time)."""
    kind = type(value)
    if kind in _PLAIN_TYPES:
        return (kind, repr(value))
    if kind is list or kind is tuple:
        items = tuple(_frozen(v) for v in value)
        return None if None in items else (kind, items)
    if kind is dict:
        pairs = tuple((k, _frozen(v)) for k, v in value.items())
        return None if any(type(k) is not str or v is None for k, v in pairs) else (dict, pairs)
    return None


@contextlib.contextmanager
def renders_kept() -> Iterator[None]:
    """Keep each render of a clause at given values for the length of this block."""
    if _RENDERS.get() is not None:
        yield
        return
    token = _RENDERS.set({})
    try:
        yield
    finally:
        _RENDERS.reset(token)


def rendered(clause: Clause, what: str, values: Any) -> Any:
    """``clause.render_<what>(values)`` in English, made once inside :func:`renders_kept`."""
    memo = _RENDERS.get()
    key = None if memo is None else _frozen(values)
    if key is None:
        return getattr(clause, _RENDERERS[what])(values)
    full = (id(clause), what, key)
    kept = memo.get(full)
    if kept is not None and kept[0] is clause:
        return kept[1]
    text = getattr(clause, _RENDERERS[what])(values)
    memo[full] = (clause, text)  # the clause is held, so its id cannot pass to another
    return text


# --------------------------------------------------------------------------- text checks


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def _excerpt(text: str, limit: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "\u2026"


def _term_rx(form: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + re.escape(form).replace(r"\ ", r"\s+") + r"(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1024)
def _definition_rx(forms: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(_term_rx(f) for f in forms)


def uses(definition: Definition, text: str) -> bool:
    """True when ``text`` uses the defined word in any of its forms."""
    return any(rx.search(text) for rx in _definition_rx(tuple(definition.patterns())))


def used_definitions(definitions: dict[str, Definition], text: str) -> set[str]:
    """The keys of every definition whose word appears in ``text``.

    A longer defined phrase hides the shorter ones inside it ("storage premises" is not
    also a use of "premises" unless "premises" appears on its own elsewhere).
    """
    return set(_definition_index(definitions).used(text))


def used_in_definition(definitions: dict[str, Definition], key: str) -> set[str]:
    """The other defined words the definition ``key`` uses in its own text."""
    return set(_definition_index(definitions).used_by(key))


def _used_definitions_plain(definitions: dict[str, Definition], text: str) -> set[str]:
    """:func:`used_definitions` as first written: the reference the quick path is tested against."""
    found: set[str] = set()
    remaining = text
    ordered = sorted(definitions.items(), key=lambda kv: -max(len(f) for f in kv[1].patterns()))
    for key, definition in ordered:
        hit = False
        visible = remaining
        for rx in _definition_rx(tuple(definition.excludes)):
            visible = rx.sub(" ", visible)
        for rx in _definition_rx(tuple(definition.patterns())):
            if rx.search(visible):
                hit = True
                remaining = rx.sub(" ", remaining)
        if hit:
            found.add(key)
    return found


# Characters outside ASCII that a case-blind pattern matches to an ASCII letter (dotted and
# dotless i, long s, Kelvin sign). Any other character lowers to no ASCII and matches none,
# so an ASCII word can only be in a text free of these if its lowered form is in the
# lowered text (tests/speed/test_lint_fast.py checks both facts over all of Unicode).
_ASCII_LOOKALIKES = frozenset("\u0130\u0131\u017f\u212a")


def _ascii_needles(forms: Iterable[str]) -> tuple[str, ...] | None:
    """Lowered words one of which every match of any of ``forms`` contains; None if unknown.

    Each form gives its longest word; a word that holds another listed word is dropped,
    since a text with it has the shorter one too. None when a form is not ASCII or has no word.
    """
    words = set()
    for form in forms:
        parts = [part.lower() for part in form.split(" ") if part]
        if not form.isascii() or not parts:
            return None
        words.add(max(parts, key=len))
    return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))


def _plain_enough(text: str) -> bool:
    """True when a lowered substring test is a sure pre-filter for an ASCII word in ``text``."""
    return text.isascii() or _ASCII_LOOKALIKES.isdisjoint(text)


class _DefinitionIndex:
    """One set of definitions made ready for :func:`used_definitions`.

    The order, the compiled patterns and each definition's needles (:func:`_ascii_needles`)
    are worked out once, and answers are kept per text. A definition none of whose needles
    is in the lowered text cannot be used there: taking out a longer phrase leaves a space,
    which can join words across the gap (``\\s+``) but never make a word the text does not
    have. Such a definition is skipped (only in a text where :func:`_plain_enough` holds);
    the others go through the same steps as in :func:`_used_definitions_plain`.
    """

    _MEMO_LIMIT = 4096

    def __init__(self, definitions: dict[str, Definition]) -> None:
        self.definitions = dict(definitions)
        self.texts = {key: d.text for key, d in definitions.items()}
        ordered = sorted(definitions.items(), key=lambda kv: -max(len(f) for f in kv[1].patterns()))
        self.ordered = tuple(
            (
                key,
                _definition_rx(tuple(d.excludes)),
                _definition_rx(tuple(d.patterns())),
                _ascii_needles(d.patterns()),
            )
            for key, d in ordered
        )
        self._memo: dict[str, frozenset[str]] = {}
        self._by_key: dict[str, frozenset[str]] = {}

    def used(self, text: str) -> frozenset[str]:
        """The definitions ``text`` uses, kept per text."""
        return _memo(self._memo, text, lambda: self._find(text, None), self._MEMO_LIMIT)

    def _find(self, text: str, leave_out: str | None) -> frozenset[str]:
        found: set[str] = set()
        remaining = text
        lowered = text.lower() if _plain_enough(text) else None
        for key, excludes, patterns, needles in self.ordered:
            if key == leave_out:
                continue
            if lowered is not None and needles is not None:
                for needle in needles:
                    if needle in lowered:
                        break
                else:
                    continue
            hit = False
            visible = remaining
            for rx in excludes:
                visible = rx.sub(" ", visible)
            for rx in patterns:
                if rx.search(visible):
                    hit = True
                    remaining = rx.sub(" ", remaining)
            if hit:
                found.add(key)
        return frozenset(found)

    def used_by(self, key: str) -> frozenset[str]:
        """What the definition ``key`` uses, every other definition counted and itself not."""
        if key not in self._by_key:
            self._by_key[key] = self._find(self.texts[key], key)
        return self._by_key[key]


def _definitions_key(definitions: dict[str, Definition]) -> tuple[Any, ...]:
    return tuple((k, d.term, tuple(d.forms), tuple(d.excludes), d.text) for k, d in definitions.items())


_INDEXES: dict[tuple[Any, ...], _DefinitionIndex] = {}


def _definition_index(definitions: dict[str, Definition]) -> _DefinitionIndex:
    """The index for these definitions, kept by their content (an edited copy gets its own)."""
    content = _definitions_key(definitions)
    index = _INDEXES.get(content)
    if index is None:
        if len(_INDEXES) >= 16:
            _INDEXES.pop(next(iter(_INDEXES), None), None)  # the oldest
        index = _INDEXES[content] = _DefinitionIndex(definitions)
    return index


def _check_brands(text: str, brands: Brands, where: str) -> Iterator[tuple[str, str]]:
    for name in brands.find(text):
        yield (
            f"the {where} names \u201c{name}\u201d, a brand, app or product",
            "Describe the thing by what it does (for example \u201cany communication device\u201d or "
            "\u201cany money transfer service\u201d); a product name is a loophole once a new product appears.",
        )


def _check_requirements(text: str, words: WordRules) -> Iterator[tuple[str, str]]:
    for paragraph in _paragraphs(text):
        for match in words.requirement_verb.finditer(paragraph):
            verb = match.group(1).lower()
            missing = []
            if not any(rx.search(paragraph) for rx in words.recipients):
                missing.append("to whom (for example \u201cthe police\u201d)")
            how = words.written + (words.delivered if verb in words.delivery_verbs else [])
            if not any(rx.search(paragraph) for rx in how):
                missing.append("how (\u201cin writing\u201d, at the notification address)")
            if not any(rx.search(paragraph) for rx in words.deadline):
                missing.append("by when (for example \u201cwithin 3 days of\u201d)")
            if missing:
                yield (
                    f"the requirement \u201c{_excerpt(paragraph[match.start():], 60)}\u201d does not say "
                    + " or ".join(missing),
                    "Write each duty as: must <do what> <to whom>, in writing, at the notification "
                    "address, within <N> days of <event>.",
                )
                break


def _check_oral(text: str, words: WordRules) -> Iterator[tuple[str, str]]:
    screen, memo = words.oral_screen, words.screen_memo["oral"]
    for paragraph in _paragraphs(text):
        if not screened(screen, memo, paragraph):
            continue
        for rx in words.oral:
            match = rx.search(paragraph)
            if match:
                yield (
                    f"the wording \u201c{_excerpt(match.group(0))}\u201d could require answers given aloud",
                    "Require answers and information in writing only (Serious Crime Act 2007 s.11); "
                    "remove any duty to attend an interview or answer questions orally.",
                )
                break


def _check_vague(text: str, defined: set[str], words: WordRules) -> Iterator[tuple[Severity, str, str]]:
    if not screened(words.vague_screen, words.screen_memo["vague"], text):
        return
    for _id, rx, shown, severity, fix in words.vague:
        match = rx.search(text)
        if match:
            yield severity, f"the wording uses the vague word \u201c{match.group(0)}\u201d", fix
    for _id, rx, shown, definition, fix in words.needs_definition:
        match = rx.search(text)
        if match and definition not in defined:
            yield "error", f"the wording uses \u201c{match.group(0)}\u201d but the order does not define it", fix


def _check_definitions(
    text: str, listed: Iterable[str], library: Library, *, scope: str, skip: set[str]
) -> Iterator[tuple[Severity, str, str]]:
    """Defined words used but not listed, listed but not used, and definitions that need others.

    Words in ``skip`` are vague without their definition and are reported by the
    vague-words rule instead, so that one fault gives one finding.
    """
    listed = [k for k in listed if k in library.definitions]
    index = _definition_index(library.definitions)
    used = index.used(text)
    for key in sorted(used - set(listed) - skip):
        word = library.definitions[key].term
        yield (
            "error",
            f"the wording uses the defined word \u201c{word}\u201d but {scope} does not define it",
            f"Add \u201c{key}\u201d to the definitions the clause lists, or reword to avoid the defined word.",
        )
    needed_by_others: set[str] = set()
    for key in listed:
        inner = index.used_by(key)
        needed_by_others |= inner
        for missing in sorted(inner - set(listed)):
            yield (
                "error",
                f"the definition of \u201c{library.definitions[key].term}\u201d uses the defined word "
                f"\u201c{library.definitions[missing].term}\u201d, which {scope} does not define",
                f"Add \u201c{missing}\u201d to the definitions listed with \u201c{key}\u201d.",
            )
    for key in listed:
        if key not in used and key not in needed_by_others:
            yield (
                "warning",
                f"the definition \u201c{library.definitions[key].term}\u201d is listed but never used",
                f"Remove \u201c{key}\u201d from the definitions, or use the defined word in the wording.",
            )


def _mirror_ok(clause: Clause, params: dict[str, Any] | None) -> bool:
    if clause.mirror.wording:
        try:
            return bool(rendered(clause, "mirror", params).strip())
        except DocgenError:
            return False
    return bool((clause.mirror.reason or "").strip())


def _wording_findings(
    clause: Clause,
    params: dict[str, Any],
    library: Library,
    brands: Brands,
    words: WordRules,
    *,
    term: int | None,
    defined: set[str] | None,
) -> list[Finding]:
    """The checks that read the rendered wording of one clause with one set of values."""
    ref = clause.ref
    out: list[Finding] = []
    wording = rendered(clause, "wording", params)
    mirror = rendered(clause, "mirror", params) or ""
    plain = rendered(clause, "plain", params)
    for where, text in (("wording", wording), ("licence mirror", mirror), ("plain-words summary", plain)):
        for message, fix in _check_brands(text, brands, where):
            out.append(finding("brand-name", "error", term, message, fix, ref))
    for message, fix in _check_requirements(wording, words):
        out.append(finding("requirement-parts", "error", term, message, fix, ref))
    for message, fix in _check_oral(wording, words):
        out.append(finding("oral-answers", "error", term, message, fix, ref))
    scope_defined = set(clause.definitions) if defined is None else defined
    for severity, message, fix in _check_vague(wording + "\n\n" + mirror, scope_defined, words):
        out.append(finding("vague-words", severity, term, message, fix, ref))
    if defined is None:
        skip = {entry[3] for entry in words.needs_definition}
        for severity, message, fix in _check_definitions(wording, clause.definitions, library, scope="the clause", skip=skip):
            out.append(finding("definitions", severity, term, message, fix, ref))
    if not _mirror_ok(clause, params):
        out.append(
            finding(
                "licence-mirror",
                "error",
                term,
                f"{ref} has neither licence-mirror wording nor a reason why it cannot be mirrored",
                "Add mirror.wording (the licence condition for probation) or mirror.reason (why none can mirror it) to the clause record.",
                ref,
            )
        )
    return out


def address_change_wording(wording: str) -> str | None:
    """The words of ``wording`` that ask for notice of a changed address, or None."""
    flat = " ".join(wording.split())
    found = _ADDRESS_CHANGE.search(flat)
    if found:
        return found.group(0)
    change = _DETAIL_CHANGE.search(flat)
    item = _ADDRESS_ITEM.search(wording)
    if change and item:
        return f"{_excerpt(item.group(0))} ... {change.group(0)}"
    return None


def _moving_findings(clause: Clause) -> list[Finding]:
    """A record whose wording asks for notice of a changed address declares the duties a
    move of home sets off (``on_moving``), and each declared sub-item is in the wording."""
    ref = clause.ref
    out: list[Finding] = []
    wordings = [rendered(clause, "wording", values) for values in clause.value_sets()]
    if not clause.on_moving:
        said = next((w for w in map(address_change_wording, wordings) if w), None)
        if said is not None:
            out.append(
                finding(
                    "moving-duty",
                    "error",
                    None,
                    f"{ref}'s wording asks for notice of a changed address (\u201c{said}\u201d) but the record "
                    "declares no duty a move of home sets off, so a transfer letter would leave it out",
                    "Add on_moving to the clause record: what the subject must notify when they move (notice) and the "
                    "parameter giving the days allowed (within), with item, changes_notified or when where they apply.",
                    ref,
                )
            )
    for index, duty in enumerate(clause.on_moving):
        if duty.item and not any(re.search(rf"^\({duty.item}\) ", w, re.MULTILINE) for w in wordings):
            out.append(
                finding(
                    "moving-duty",
                    "error",
                    None,
                    f"{ref}: on_moving.{index}.item is ({duty.item}), but the wording has no sub-item ({duty.item})",
                    "Name the sub-item of the wording that holds the detail the move changes, or leave item out.",
                    ref,
                )
            )
    return out


# --------------------------------------------------------------------------- library


def _replaced(clause: Clause, library: Library) -> bool:
    """True when an approved later version has taken this version's place (draft or approved)."""
    target = library.find(clause.replaced_by) if clause.replaced_by else None
    return target is not None and target.status == "approved"


def lint_library(library: Library | None = None, *, brands: Brands | None = None) -> list[Finding]:
    """Check every clause that can still be used, at its defaults and at its boundary values.

    Withdrawn versions and versions an approved later version replaces are skipped; the
    second edition's drafting points apply to the current approved second-edition records.
    """
    with renders_kept():
        return _lint_library(library, brands=brands)


def _lint_library(library: Library | None, *, brands: Brands | None) -> list[Finding]:
    from . import lint_edition  # it builds on this module's checks
    library = library or shipped_library()
    brands = brands or _shipped_brands()
    words = _shipped_words()
    findings: list[Finding] = []
    used: set[str] = set()
    for clause in library.clauses:
        used.update(clause.definitions)
        if clause.status == "withdrawn" or _replaced(clause, library):
            continue  # its drafting is history: a case on it is told to migrate instead
        found: list[Finding] = []
        for values in clause.value_sets():
            found.extend(_wording_findings(clause, values, library, brands, words, term=None, defined=None))
        found.extend(_moving_findings(clause))
        if clause.second_edition and clause.status == "approved":
            # plain words (point 6): every vague word, "reasonable" too, is an error here
            found = [dataclasses.replace(f, severity="error") if f.rule == "vague-words" else f for f in found]
            found.extend(lint_edition.edition_findings(clause, library, brands=brands))
        findings.extend(found)
    for key in sorted(set(library.definitions) - used):
        findings.append(
            finding(
                "definitions",
                "warning",
                None,
                f"the definition \u201c{library.definitions[key].term}\u201d ({key}) is not used by any clause",
                "Remove it from definitions.yaml, or list it in the clauses that use the word.",
                "definitions.yaml",
            )
        )
    return _sorted(findings)


# --------------------------------------------------------------------------- case


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _resolve(term: Any, library: Library, *, made: bool = False) -> tuple[Clause | None, list[Finding]]:
    """Find the clause version a term names, with findings for unknown, withdrawn or old versions.

    A term of an order the court has ``made`` that names the version it was made with is
    the order as made: a newer version is for the next variation (``docgen conditions
    migrate`` lists those), not an edit to the case file, so it is not reported here."""
    n = term.number
    versions = library.versions(term.clause)
    if not versions:
        return None, [
            finding(
                "clause",
                "error",
                n,
                f"clause {term.clause} is not in the conditions library",
                "Check the code with `docgen conditions list`.",
            )
        ]
    clause = library.find_for_term(term)
    if clause is None:  # the code is known, so the pinned version is not
        known = ", ".join(c.version for c in versions)
        return None, [
            finding(
                "clause",
                "error",
                n,
                f"clause {term.clause} has no version {term.version} (versions: {known})",
                "Use one of the listed versions, or leave out the version to use the current one.",
            )
        ]
    findings: list[Finding] = []
    replacement = library.replacement(clause)
    instead = f"replace it with {replacement.ref} ({replacement.title})" if replacement else "remove the term"
    note = ""
    if replacement and replacement.change_note and replacement.code == clause.code:
        note = f" What changed: {replacement.change_note.what_changed} Live cases: {replacement.change_note.live_cases}"
    elif clause.change_note and clause.status == "withdrawn":
        note = f" Why: {clause.change_note.what_changed} Live cases: {clause.change_note.live_cases}"
    if clause.status == "withdrawn":
        findings.append(
            finding("clause-version", "error", n, f"{clause.ref} is withdrawn; {instead}.{note}", f"In the case file, {instead}.", clause.ref)
        )
    elif library.is_superseded(clause) and not (made and term.version):
        findings.append(
            finding("clause-version", "warning", n, f"{clause.ref} is superseded; {instead}.{note}", f"In the case file, {instead}.", clause.ref)
        )
    elif clause.status == "draft":
        findings.append(
            finding(
                "clause-version",
                "error",
                n,
                f"{clause.ref} is a draft and has not been approved for use",
                "Use an approved clause, or have this clause approved and its status changed first.",
                clause.ref,
            )
        )
    return clause, findings


def _justification_findings(term: Any, clause: Clause) -> list[Finding]:
    n, ref = term.number, clause.ref
    just = term.justification
    out: list[Finding] = []
    if just is None or not (getattr(just, "link", "") or "").strip() or not (getattr(just, "proportionality", "") or "").strip():
        missing = "justification" if just is None else "justification link or proportionality"
        out.append(
            finding(
                "justification",
                "error",
                n,
                f"the term has no case-specific {missing}; an application cannot propose it without one",
                "Add justification.link (how this term stops this subject's offending) and "
                "justification.proportionality (why it goes no further than needed).",
                ref,
            )
        )
    else:
        copied = {_norm(clause.guidance.purpose), _norm(clause.guidance.evidence)}
        if _norm(just.link) in copied:
            out.append(
                finding(
                    "justification",
                    "error",
                    n,
                    "the justification repeats the clause's general guidance instead of this case's facts",
                    "Say what this subject did, with dates and evidence, and how the term stops it happening again.",
                    ref,
                )
            )
    evidence = [e for e in (getattr(just, "evidence", None) or []) if str(e).strip()] if just else []
    if not evidence:
        out.append(
            finding(
                "evidence",
                "error",
                n,
                "the term cites no evidence reference",
                "Add at least one reference under justification.evidence (a statement, exhibit or report).",
                ref,
            )
        )
    if just is not None:
        answers = dict(getattr(just, "answers", None) or {})
        for question in clause.guidance.questions:
            if not str(answers.get(question.key, "")).strip():
                out.append(
                    finding(
                        "questions",
                        "warning",
                        n,
                        f"the drafter's question \u201c{question.ask}\u201d is not answered",
                        f"Add justification.answers.{question.key} with this case's answer.",
                        ref,
                    )
                )
        for key in sorted(set(answers) - {q.key for q in clause.guidance.questions}):
            out.append(
                finding(
                    "questions",
                    "warning",
                    n,
                    f"justification.answers.{key} answers no question that {ref} asks",
                    "Check the key against `docgen conditions show " + clause.code + "`.",
                    ref,
                )
            )
    return out


def _order_findings(case: Any, law: Law) -> list[Finding]:
    out: list[Finding] = []
    order = case.order
    limit = law.scpo.max_order_years
    if order.duration_years > limit:
        out.append(
            finding(
                "order-duration",
                "error",
                None,
                f"the order is to last {order.duration_years} years; {law.scpo.act} s.16 allows at most {limit}",
                f"Set order.duration_years to {limit} or less.",
            )
        )
    born = case.subject.date_of_birth
    made = order.made_on or getattr(order, "hearing_on", None)
    minimum = law.scpo.min_subject_age
    if made is not None:
        if age_on(born, made) < minimum:
            out.append(
                finding(
                    "subject-age",
                    "error",
                    None,
                    f"the subject is {age_on(born, made)} on {made.isoformat()}, when the order is made; "
                    f"{law.scpo.act} s.6 requires {minimum} or over",
                    "An order cannot be made against this subject yet; check the date of birth and the hearing date.",
                )
            )
    elif case.convictions:
        earliest = max(c.sentenced_on for c in case.convictions)
        if age_on(born, earliest) < minimum:
            out.append(
                finding(
                    "subject-age",
                    "warning",
                    None,
                    f"the subject is {age_on(born, earliest)} at sentence on {earliest.isoformat()}; "
                    f"an order can only be made once they are {minimum} ({law.scpo.act} s.6)",
                    "Do not list the application for a hearing before the subject's birthday.",
                )
            )
    out.extend(_schedule1_findings(case, law))
    return out


def _schedule1_findings(case: Any, law: Law) -> list[Finding]:
    out: list[Finding] = []
    qualifying = False
    basis = f"{law.schedule1.source}, as held in the law data of {law.as_of.isoformat()}"
    for conviction in case.convictions:
        heading = conviction.schedule1_heading
        if heading and law.schedule1.get(heading) is None:
            out.append(
                finding(
                    "schedule1",
                    "error",
                    None,
                    f"conviction {conviction.id}: \u201c{heading}\u201d is not a heading of {basis}",
                    "Use one of: " + ", ".join(h.code for h in law.schedule1.headings) + ".",
                )
            )
        elif heading or (conviction.serious_reason or "").strip():
            qualifying = True
    if not qualifying:
        out.append(
            finding(
                "schedule1",
                "error",
                None,
                f"no conviction is under a heading of {basis}, and the case does not say why the court "
                "should treat any of them as serious",
                "Set schedule1_heading on the conviction, or give serious_reason explaining why the court "
                "should treat it as a serious offence.",
            )
        )
    return out


def _date_findings(term: Any, clause: Clause | None, case: Any, law: Law) -> list[Finding]:
    n = term.number
    ref = clause.ref if clause else None
    out: list[Finding] = []
    start, end = case.order.starts_on, case.order.expires_on
    if term.starts_on and term.ends_on and term.ends_on < term.starts_on:
        out.append(finding("term-dates", "error", n, "the term ends before it starts", "Swap or correct starts_on and ends_on.", ref))
    for name in ("starts_on", "ends_on"):
        day = getattr(term, name)
        if day and start and end and not start <= day <= end:
            out.append(
                finding(
                    "term-dates",
                    "error",
                    n,
                    f"{name} {day.isoformat()} is outside the order ({start.isoformat()} to {end.isoformat()})",
                    "Each term must start and end inside the order; move the date or leave it out to follow the order.",
                    ref,
                )
            )
    if clause is not None and clause.electronic_monitoring:
        months = law.scpo.electronic_monitoring_max_months
        # the power must be in force on the day the court is asked for the term
        day = case.order.hearing_on or case.document_date or law.as_of
        try:
            in_force = law.on(day).scpo.electronic_monitoring_in_force
        except DocgenError:
            in_force = law.scpo.electronic_monitoring_in_force
        out.append(
            finding(
                "electronic-monitoring",
                "warning" if in_force else "error",
                n,
                f"{ref} is an electronic monitoring term. {law.scpo.electronic_monitoring_note}"
                + ("" if in_force else f" It is not in force on {day.isoformat()}, so the court cannot impose it."),
                "Confirm the power is in force on the date of the hearing before proposing the term."
                if in_force
                else "Remove the term, or propose it only for a hearing on or after the day the power comes into force.",
                ref,
            )
        )
        begin = term.starts_on or start
        finish = term.ends_on or end
        if begin is None or finish is None:
            out.append(
                finding(
                    "electronic-monitoring",
                    "error",
                    n,
                    f"the monitoring term has no fixed start and end, so it cannot be shown to last at most {months} months",
                    f"Give the term starts_on and ends_on no more than {months} months apart.",
                    ref,
                )
            )
        elif finish >= add_months(begin, months):
            out.append(
                finding(
                    "electronic-monitoring",
                    "error",
                    n,
                    f"the monitoring term runs from {begin.isoformat()} to {finish.isoformat()}, longer than "
                    f"the {months} months allowed",
                    f"Set ends_on on or before {(add_months(begin, months) - dt.timedelta(days=1)).isoformat()}.",
                    ref,
                )
            )
    return out


def _conflict_findings(resolved: list[tuple[Any, Clause, dict[str, Any]]]) -> list[Finding]:
    out: list[Finding] = []
    by_subject: dict[str, list[tuple[Any, Clause, dict[str, Any]]]] = {}
    for entry in resolved:
        by_subject.setdefault(entry[1].subject, []).append(entry)
    for subject, entries in by_subject.items():
        if len(entries) < 2:
            continue
        first_term, first_clause, first_values = entries[0]
        for term, clause, values in entries[1:]:
            same = clause.ref == first_clause.ref and values == first_values
            if not same and clause.code == first_clause.code and clause.multiple and first_clause.multiple:
                continue  # several zones, premises, items or name lists: the clause allows it
            if same:
                out.append(
                    finding(
                        "conflict",
                        "warning",
                        term.number,
                        f"term {term.number} repeats term {first_term.number} ({clause.ref}) word for word",
                        f"Delete term {term.number}.",
                        clause.ref,
                    )
                )
            else:
                diff = _describe_difference(first_clause, first_values, clause, values)
                out.append(
                    finding(
                        "conflict",
                        "error",
                        term.number,
                        f"terms {first_term.number} and {term.number} both deal with {subject.replace('-', ' ')} "
                        f"but say different things ({diff}), and {clause.code} does not allow more than one term",
                        f"Keep one term for {subject.replace('-', ' ')}; merge the two or delete one.",
                        clause.ref,
                    )
                )
    return out


def _describe_difference(a: Clause, a_values: dict[str, Any], b: Clause, b_values: dict[str, Any]) -> str:
    if a.ref != b.ref:
        return f"{a.ref} against {b.ref}"
    changed = [k for k in a_values if a_values[k] != b_values.get(k)]
    parts = []
    for name in changed:
        param = a.parameter(name)
        if param is not None and param.type in ("names", "address", "text"):
            parts.append(f"{name} differs")  # may hold personal data: never repeat it in a report
        else:
            parts.append(f"{name}: {a_values[name]} against {b_values[name]}")
    return "; ".join(parts) or "different values"


def lint_case(
    case: Any,
    library: Library | None = None,
    law: Law | None = None,
    *,
    brands: Brands | None = None,
) -> list[Finding]:
    """Check one case's order and terms; findings come back in term order."""
    with renders_kept():
        return _lint_case(case, library, law, brands=brands)


def _lint_case(case: Any, library: Library | None, law: Law | None, *, brands: Brands | None) -> list[Finding]:
    from . import lint_edition  # it builds on this module's checks

    library = library or shipped_library()
    law = law or shipped_law()
    brands = brands or _shipped_brands()
    words = _shipped_words()
    findings = _order_findings(case, law)
    resolved: list[tuple[Any, Clause, dict[str, Any]]] = []
    for term in case.terms:
        clause, found = _resolve(term, library, made=case.order.status != "proposed")
        findings.extend(found)
        findings.extend(_date_findings(term, clause, case, law))
        if clause is None:
            continue
        findings.extend(_justification_findings(term, clause))
        findings.extend(lint_edition.route_promises(term, clause))
        try:
            values = clause.resolve(term.params)
        except DocgenError as exc:
            for problem in exc.problems:
                findings.append(
                    finding(
                        "parameters",
                        "error",
                        term.number,
                        f"{problem.field}: {problem.message}",
                        f"Correct the value; `docgen conditions show {clause.code}` lists the parameters and their limits.",
                        clause.ref,
                    )
                )
            continue
        resolved.append((term, clause, values))
    defined: set[str] = set()
    for _term, clause, _values in resolved:
        defined.update(k for k in clause.definitions if k in library.definitions)
    texts: list[str] = []
    for term, clause, values in resolved:
        params = dict(term.params)
        findings.extend(_wording_findings(clause, params, library, brands, words, term=term.number, defined=defined))
        wording = rendered(clause, "wording", params)
        texts.append(wording)
        vague_alone = {entry[3] for entry in words.needs_definition}
        for key in sorted(used_definitions(library.definitions, wording) - defined - vague_alone):
            findings.append(
                finding(
                    "definitions",
                    "error",
                    term.number,
                    f"the wording uses the defined word \u201c{library.definitions[key].term}\u201d but the order does not define it",
                    f"Add the definition \u201c{key}\u201d to the order, or reword the parameter value that uses the word.",
                    clause.ref,
                )
            )
    findings.extend(_unused_in_order(defined, texts, library))
    findings.extend(_conflict_findings(resolved))
    findings.extend(_copied_justifications(case.terms))
    from .lint_tro import tro_findings  # TRO eligibility (2001 Act ss.33-34), kept in its own module
    return _sorted(findings) + tro_findings(case, library, law)


def _unused_in_order(defined: set[str], texts: list[str], library: Library) -> list[Finding]:
    index = _definition_index(library.definitions)
    used = set(index.used("\n\n".join(texts)))
    for key in defined:
        used |= index.used_by(key)
    return [
        finding(
            "definitions",
            "warning",
            None,
            f"the order defines \u201c{library.definitions[key].term}\u201d but no term uses it",
            f"Drop \u201c{key}\u201d from the order's definitions.",
        )
        for key in sorted(defined - used)
    ]


def _copied_justifications(terms: Iterable[Any]) -> list[Finding]:
    seen: dict[str, int] = {}
    out: list[Finding] = []
    for term in terms:
        just = term.justification
        if just is None or not (just.link or "").strip():
            continue
        key = _norm(just.link)
        if key in seen:
            out.append(
                finding(
                    "justification-copied",
                    "warning",
                    term.number,
                    f"term {term.number} has the same justification as term {seen[key]}",
                    "Give each term its own reasons: what this term stops that the other does not.",
                )
            )
        else:
            seen[key] = term.number
    return out
