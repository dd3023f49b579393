"""The conditions library: clause records, their typed parameters and their wording.

Each clause is one YAML record under ``conditions_library/<category>/``. Records load into
typed models so that a malformed record is refused with its file and field before any
document is drawn from it. A clause's wording is a Jinja2 template over its parameters;
parameters are checked and converted (money, dates, durations) before the template sees
them, so the wording can never print a raw or invalid value.

The loader only refuses what would make a record unusable (bad types, templates that do
not compile or render, broken version links). Drafting quality (brand names, vague words,
missing licence mirrors) is the linter's job, in :mod:`docgen.lint`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, NamedTuple, Union

from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_currency
from jinja2 import StrictUndefined, TemplateError, meta
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator

from .errors import DocgenError, Problem
from .resources import conditions_dir
from .yamlio import pydantic_problems, read_input, read_yaml_mapping, yaml_mapping

Status = Literal["draft", "approved", "withdrawn"]
CODE_PATTERN = r"^[A-Z]{3}-\d{3}$"
VERSION_PATTERN = r"^\d+\.\d+\.\d+$"
REF_PATTERN = r"^[A-Z]{3}-\d{3}@\d+\.\d+\.\d+$"
PERSONAL_TYPES = frozenset({"names", "address", "text"})  # parameter types that may hold personal data
Name = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
Words = Annotated[str, Field(min_length=1)]


def _shipped_root() -> Path:
    """The shipped library folder (found the same way as every other shipped folder)."""
    try:
        return conditions_dir()
    except FileNotFoundError:
        # load_library reports the missing folder with its path when it is used
        return Path(__file__).resolve().parent.parent / "conditions_library"


LIBRARY_ROOT = _shipped_root()


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def version_key(version: str) -> tuple[int, ...]:
    """Sort key for ``major.minor.patch`` strings (``1.10.0`` after ``1.9.0``)."""
    return tuple(int(part) for part in version.split("."))


# --------------------------------------------------------------------------- parameters


class Duration(NamedTuple):
    """A period such as "3 months": the amount and its calendar unit."""

    amount: int
    unit: str

    UNITS: ClassVar[dict[str, float]] = {"days": 1, "weeks": 7, "months": 30.4375, "years": 365.25}

    @property
    def approx_days(self) -> float:
        return self.amount * self.UNITS[self.unit]

    def __str__(self) -> str:
        unit = self.unit[:-1] if self.amount == 1 else self.unit
        return f"{self.amount} {unit}"


_DURATION = re.compile(r"^\s*(\d+)\s+(day|week|month|year)s?\s*$", re.IGNORECASE)
_POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$")
_WS = re.compile(r"\s+")


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"must be text, not {type(value).__name__}")
    return _WS.sub(" ", value).strip()


class _Param(_Strict):
    """What every parameter has: a name, a label for forms, optional default and example."""

    name: Name
    label: Words
    # the parameter in running text ("the cash limit"): documents that name a changed value
    # in a sentence use it, and fall back to quoting the label whole
    short_name: Annotated[str, Field(pattern=r"^[a-z][^.;:]*[^.;:\s]$", max_length=60)] | None = None
    help: str = ""
    default: Any = None
    example: Any = None

    @property
    def required(self) -> bool:
        return self.default is None

    def coerce(self, value: Any) -> Any:
        """Check ``value`` and return it in its typed form; ValueError says what is wrong."""
        raise NotImplementedError

    def present(self, value: Any, locale: str) -> Any:
        """The form the wording template sees (money and dates already formatted)."""
        return value

    @property
    def in_text(self) -> str:
        """How a sentence names the parameter: its short name, else its label in quotation marks."""
        return self.short_name or f"\u201c{self.label}\u201d"

    def boundaries(self) -> list[Any]:
        """Extreme valid values, for tests and for the library linter."""
        return []

    def sample(self) -> Any:
        """A valid value to render with when the caller gives none."""
        return self.default if self.default is not None else self.example

    @model_validator(mode="after")
    def _default_and_example_are_valid(self) -> _Param:
        for field in ("default", "example"):
            value = getattr(self, field)
            if value is not None:
                try:
                    self.coerce(value)
                except ValueError as exc:
                    raise ValueError(f"{field} {value!r} {exc}") from None
        if self.default is None and self.example is None:
            raise ValueError("a parameter without a default needs an example value")
        return self


class IntegerParam(_Param):
    type: Literal["integer"]
    min: int
    max: int
    unit: str = ""

    def coerce(self, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise ValueError("must be a whole number")
        try:
            number = int(value)
        except ValueError:
            raise ValueError("must be a whole number") from None
        if not self.min <= number <= self.max:
            raise ValueError(f"must be between {self.min} and {self.max}")
        return number

    def boundaries(self) -> list[Any]:
        return [self.min, self.max]

    @model_validator(mode="after")
    def _bounds_in_order(self) -> IntegerParam:
        if self.min > self.max:
            raise ValueError("min is greater than max")
        return self


class MoneyParam(_Param):
    """An amount in pounds sterling, to the penny."""

    type: Literal["money"]
    min: Decimal
    max: Decimal

    def coerce(self, value: Any) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
            raise ValueError("must be an amount in pounds, such as 1000 or 1000.00")
        try:
            amount = Decimal(str(value).replace(",", "").lstrip("£").strip())
        except InvalidOperation:
            raise ValueError("must be an amount in pounds, such as 1000 or 1000.00") from None
        if not amount.is_finite() or amount.as_tuple().exponent < -2:  # type: ignore[operator]
            raise ValueError("must be in pounds and pence (at most two decimal places)")
        if not self.min <= amount <= self.max:
            raise ValueError(f"must be between £{self.min:,.2f} and £{self.max:,.2f}")
        return amount.quantize(Decimal("0.01"))

    def present(self, value: Decimal, locale: str) -> str:
        return format_currency(value, "GBP", locale=locale)

    def boundaries(self) -> list[Any]:
        return [self.min, self.max]


class DurationParam(_Param):
    """A period written as "14 days", "6 weeks", "3 months" or "2 years"."""

    type: Literal["duration"]
    min: str
    max: str

    def parse(self, value: Any) -> Duration:
        if isinstance(value, Mapping):
            value = f"{value.get('amount')} {value.get('unit')}"
        match = _DURATION.match(value) if isinstance(value, str) else None
        if not match:
            raise ValueError("must be a period such as '14 days', '6 weeks', '3 months' or '2 years'")
        return Duration(int(match.group(1)), match.group(2).lower() + "s")

    def coerce(self, value: Any) -> Duration:
        period = self.parse(value)
        low, high = self.parse(self.min), self.parse(self.max)
        if period.amount < 1:
            raise ValueError("must be at least 1")
        if not low.approx_days <= period.approx_days <= high.approx_days:
            raise ValueError(f"must be between {low} and {high}")
        return period

    def present(self, value: Duration, locale: str) -> str:
        return str(value)

    def boundaries(self) -> list[Any]:
        return [self.min, self.max]


class DateParam(_Param):
    type: Literal["date"]
    min: dt.date | None = None
    max: dt.date | None = None

    def coerce(self, value: Any) -> dt.date:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value.strip())
            except ValueError:
                raise ValueError("must be a date written YYYY-MM-DD") from None
        if not isinstance(value, dt.date):
            raise ValueError("must be a date written YYYY-MM-DD")
        if self.min and value < self.min:
            raise ValueError(f"must be on or after {self.min.isoformat()}")
        if self.max and value > self.max:
            raise ValueError(f"must be on or before {self.max.isoformat()}")
        return value

    def present(self, value: dt.date, locale: str) -> str:
        return format_date(value, "d MMMM y", locale=locale)

    def boundaries(self) -> list[Any]:
        return [d for d in (self.min, self.max) if d]


class EnumParam(_Param):
    """One of a fixed set of phrases; the chosen phrase is printed as written."""

    type: Literal["enum"]
    choices: Annotated[list[Words], Field(min_length=2)]

    def coerce(self, value: Any) -> str:
        if value not in self.choices:
            raise ValueError("must be one of: " + "; ".join(repr(c) for c in self.choices))
        return str(value)

    def boundaries(self) -> list[Any]:
        return list(self.choices)


class NamesParam(_Param):
    """A list of people's names, each printed exactly as given."""

    type: Literal["names"]
    min_items: int = 1
    max_items: int = 50

    def coerce(self, value: Any) -> list[str]:
        if isinstance(value, str) or not isinstance(value, (list, tuple)):
            raise ValueError("must be a list of names")
        names = [_text(v) for v in value]
        if any(not n for n in names):
            raise ValueError("contains an empty name")
        if any(len(n) > 200 for n in names):
            raise ValueError("contains a name longer than 200 characters")
        folded = [n.casefold() for n in names]
        if len(set(folded)) != len(folded):
            raise ValueError("names the same person twice")
        if not self.min_items <= len(names) <= self.max_items:
            raise ValueError(f"must list between {self.min_items} and {self.max_items} names")
        return names

    def boundaries(self) -> list[Any]:
        pool = list(self.coerce(self.sample()))
        fill = [f"Person {chr(65 + i % 26)}{i // 26 or ''} Example" for i in range(self.max_items)]
        pool += [n for n in fill if n not in pool]
        return [pool[: self.min_items], pool[: self.max_items]]


class AddressParam(_Param):
    """A postal address: lines ending with a UK postcode, printed on one line."""

    type: Literal["address"]

    def coerce(self, value: Any) -> list[str]:
        if isinstance(value, str):
            value = value.split(",")
        if isinstance(value, Mapping):
            value = [*value.get("lines", []), value.get("postcode", "")]
        if not isinstance(value, (list, tuple)):
            raise ValueError("must be address lines ending with the postcode")
        lines = [_text(v) for v in value]
        lines = [line for line in lines if line]
        if len(lines) < 2:
            raise ValueError("needs at least one address line and the postcode")
        if not _POSTCODE.match(lines[-1].upper()):
            raise ValueError("must end with a UK postcode; the last line is not one")
        lines[-1] = lines[-1].upper()
        return lines

    def present(self, value: list[str], locale: str) -> str:
        return ", ".join(value)


class TextParam(_Param):
    """Free text, printed as given (runs of spaces and line breaks become one space)."""

    type: Literal["text"]
    min_length: int = 1
    max_length: int = 500

    def coerce(self, value: Any) -> str:
        text = _text(value)
        if not self.min_length <= len(text) <= self.max_length:
            raise ValueError(f"must be between {self.min_length} and {self.max_length} characters")
        return text


Parameter = Annotated[
    Union[IntegerParam, MoneyParam, DurationParam, DateParam, EnumParam, NamesParam, AddressParam, TextParam],
    Field(discriminator="type"),
]


# --------------------------------------------------------------------------- wording


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    """``3|plural("day")`` gives "3 days"; ``1|plural("day")`` gives "1 day"."""
    word = singular if count == 1 else (plural or singular + "s")
    return f"{count} {word}"


def _item(index: int) -> str:
    """The label of the ``index``-th sub-item (1-based): "(a)", "(b)", ... "(aa)"."""
    index -= 1
    letters = chr(97 + index % 26)
    return "(" + letters * (index // 26 + 1) + ")"


def _join_and(items: Iterable[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


@lru_cache(maxsize=1)
def _environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["plural"] = _plural
    env.filters["join_and"] = _join_and
    env.globals["item"] = _item
    return env


@lru_cache(maxsize=4096)
def _compile(source: str) -> Any:
    return _environment().from_string(source)


_ITEM_LINE = re.compile(r"^\([a-z]{1,3}\) ")


def tidy(text: str) -> str:
    """Normalise rendered wording to the documented plain-text shape.

    Paragraphs are separated by one blank line. Inside a paragraph, line breaks from the
    YAML source are joined with a space, except that a sub-item ("(a) ...") always starts
    its own line. The result is the same however the template was wrapped.
    """
    paragraphs = []
    for block in re.split(r"\n[ \t]*\n", text.strip()):
        lines: list[str] = []
        for raw in block.splitlines():
            line = " ".join(raw.split())
            if not line:
                continue
            if not lines or _ITEM_LINE.match(line):
                lines.append(line)
            else:
                lines[-1] += " " + line
        if lines:
            paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def _check_locale(locale: str) -> str:
    try:
        Locale.parse(locale)
    except (UnknownLocaleError, ValueError, TypeError):
        raise DocgenError(f"unknown locale {locale!r}; use en_GB or cy_GB", field="locale") from None
    return locale


# --------------------------------------------------------------------------- records


class Question(_Strict):
    """A question the drafter must answer for the case; the case holds the answer by key."""

    key: Name
    ask: Words


class Guidance(_Strict):
    purpose: Words
    evidence: Words
    proportionality: Annotated[list[Words], Field(min_length=1)]
    questions: Annotated[list[Question], Field(min_length=1)]

    @model_validator(mode="after")
    def _question_keys_unique(self) -> Guidance:
        keys = [q.key for q in self.questions]
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        if dupes:
            raise ValueError(f"question keys used twice: {', '.join(dupes)}")
        return self


class Loophole(_Strict):
    """One part of the wording and the way round the term that it closes."""

    part: Words
    closes: Words


class Mirror(_Strict):
    """The licence condition that mirrors the term, or why none can."""

    wording: str | None = None
    reason: str | None = None
    not_mirrored: list[NotMirrored] = []  # parts of a mirrored term that a licence cannot carry

    @model_validator(mode="after")
    def _not_both(self) -> Mirror:
        if self.wording and self.reason:
            raise ValueError("give either wording or reason, not both")
        return self


class NotMirrored(_Strict):
    """A part of the term that a licence condition cannot carry, and why."""

    part: Words
    reason: Words


class Exemption(_Strict):
    """A lawful exception the wording offers, named so examples and the mirror can refer to it.

    ``marker`` is a phrase that appears in the rendered wording; ``mirror_marker`` (default:
    the marker) is the phrase that shows the same exception in the licence mirror, unless
    ``not_mirrored`` says why a licence cannot carry it.
    """

    key: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
    marker: Words
    mirror_marker: Words | None = None
    not_mirrored: Words | None = None

    @property
    def in_mirror(self) -> str:
        """The phrase the licence mirror must print for this exception."""
        return self.mirror_marker or self.marker


class ApprovalRoute(_Strict):
    """How the subject asks for the agreement an "unless agreed" term offers, and how fast."""

    who: Words  # who decides ("the police")
    how: Words  # how to ask ("in writing at the notification address")
    answer_within: Words  # the time for an answer ("10 working days")
    urgent: Words  # how to ask when it cannot wait


class Remedy(_Strict):
    """What a warning letter about this term may ask the subject to do, or why it asks nothing.

    ``ask`` is a template over the clause's parameters, written to the subject in the
    second person ("Tell the police in writing ..."). ``none`` explains why a breach cannot
    be put right (a ban broken is not undone), so the letter asks only that it stops.
    """

    ask: Words | None = None
    none: Words | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Remedy:
        if bool(self.ask) == bool(self.none):
            raise ValueError("give exactly one of ask or none")
        return self


class ExampleWelsh(_Strict):
    """An example's scenario and reason in Welsh, kept with the example it translates."""

    scenario: Words
    why: Words


class Example(_Strict):
    """A short worked scenario: is it a breach or not, and why."""

    scenario: Words
    breach: bool
    why: Words
    exception: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")] | None = None  # an Exemption key
    for_subject: bool = False  # printed on the release-day acknowledgement
    cy: ExampleWelsh | None = None  # printed in Welsh documents; without it a Welsh document omits the example


class Welsh(_Strict):
    """The clause's Welsh wording, kept in the record beside the English, with its review."""

    review: Literal["reviewed", "unreviewed"] = "unreviewed"
    reviewed_by: Words | None = None
    reviewed_on: dt.date | None = None
    title: Words | None = None
    wording: Words | None = None
    plain_words: Words | None = None
    mirror: Words | None = None
    mirror_reason: Words | None = None  # Welsh of mirror.reason, for a clause with no mirror
    remedy: Words | None = None
    startup: Words | None = None
    choices: dict[str, Words] = {}  # Welsh for each fixed choice an enum parameter offers

    @property
    def reviewed(self) -> bool:
        return self.review == "reviewed"

    @model_validator(mode="after")
    def _review_is_recorded(self) -> Welsh:
        if self.review == "reviewed" and not (self.reviewed_by and self.reviewed_on):
            raise ValueError("a reviewed translation names who reviewed it (reviewed_by) and when (reviewed_on)")
        return self


class MovingDuty(_Strict):
    """A notice the term requires when the subject moves home, declared rather than read
    from the wording, so a force's own clause in its own words is still found.

    ``notice`` (a template over the parameters) is what to notify, as it follows "notify
    the police ... of"; ``within`` names the integer parameter giving the days allowed,
    counted from the move. ``item`` is the sub-item of the wording the notice is about
    ("d" for "(d) the address where the device is usually kept"). ``changes_notified``
    marks a change to details already notified under the term (owed only for what was
    notified before the move); ``when`` is a condition, as it follows "if", for a notice
    owed only in some moves.
    """

    notice: Words
    within: Name
    item: Annotated[str, Field(pattern=r"^[a-z]{1,3}$")] | None = None
    changes_notified: bool = False
    when: Words | None = None


class Monitoring(_Strict):
    how: Words
    breach: Words


class ChangeNote(_Strict):
    """What changed in this version (or why it was withdrawn) and what live cases should do."""

    what_changed: Words
    live_cases: Words


class Category(_Strict):
    prefix: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    title: Words
    kind: Words


class Kind(_Strict):
    """A kind of term the law allows (Serious Crime Act 2007 s.5(3), or the TRO family)."""

    title: Words
    authority: Words


class Definition(_Strict):
    """A defined word. ``text`` is what follows '"<term>" means' in the order.

    ``forms`` are other spellings that count as a use; ``excludes`` are longer phrases that
    contain the word but are not a use of it ("credit union" is not "credit").
    """

    term: Words
    text: Words
    forms: list[Words] = []
    excludes: list[Words] = []

    @property
    def sentence(self) -> str:
        return f"\u201c{self.term}\u201d means {self.text}"

    def patterns(self) -> list[str]:
        """The written forms that count as a use of the word (term, plural, listed forms)."""
        return sorted({self.term, self.term + "s", *self.forms}, key=len, reverse=True)


class Clause(_Strict):
    """One version of one clause."""

    code: Annotated[str, Field(pattern=CODE_PATTERN)]
    version: Annotated[str, Field(pattern=VERSION_PATTERN)]
    status: Status
    title: Words
    category: Words
    subject: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
    electronic_monitoring: bool = False
    supersedes: Annotated[str, Field(pattern=REF_PATTERN)] | None = None
    replaced_by: Annotated[str, Field(pattern=REF_PATTERN)] | None = None
    change_note: ChangeNote | None = None
    parameters: list[Parameter] = []
    wording: Words
    plain_words_template: Words = Field(alias="plain_words")
    definitions: list[str] = []
    guidance: Guidance
    future_proofing: Annotated[list[Loophole], Field(min_length=1)]
    mirror: Mirror = Mirror()
    monitoring: Monitoring
    # second edition: every new version declares these (the linter requires them)
    legal_basis: Words | None = None  # the power the term rests on, when not its category's
    multiple: bool = False  # one order may hold several terms of this clause (zones, premises, lists)
    startup: Words | None = None  # template: the duty about what exists when the order comes into force
    exceptions: list[Exemption] = []
    approval_route: ApprovalRoute | None = None
    urgent_route: Words | None = None  # how to give notice when the usual notice cannot be given
    remedy: Remedy | None = None
    examples: list[Example] = []
    on_moving: list[MovingDuty] = []  # the notices a move of home sets off (the transfer letter reads them)
    cy: Welsh | None = None

    _source: str = PrivateAttr(default="")
    _s5_basis: str = PrivateAttr(default="")

    @property
    def ref(self) -> str:
        """``CODE@VERSION``, the form used in version links and messages."""
        return f"{self.code}@{self.version}"

    @property
    def source(self) -> str:
        """The record file this clause was read from."""
        return self._source

    @property
    def s5_basis(self) -> str:
        """The kind of term it rests on, from its category (a key of the library's kinds)."""
        return self._s5_basis

    @property
    def mirror_reason(self) -> str | None:
        return None if self.mirror.wording else self.mirror.reason

    @property
    def major(self) -> int:
        return version_key(self.version)[0]

    @property
    def second_edition(self) -> bool:
        """True for records written to the second edition's drafting points.

        A record is second-edition when its major version is 2 or more, or when it declares
        a remedy (a field only second-edition records carry). The linter holds these records
        to every drafting point; first-edition records keep the first edition's checks.
        """
        return self.major >= 2 or self.remedy is not None

    def exception(self, key: str) -> Exemption | None:
        return next((e for e in self.exceptions if e.key == key), None)

    @property
    def mirrorable(self) -> bool:
        return bool(self.mirror.wording)

    def parameter(self, name: str) -> Any:
        return next((p for p in self.parameters if p.name == name), None)

    def resolve(self, params: Mapping[str, Any] | None) -> dict[str, Any]:
        """Merge defaults into ``params`` and check each value; report every bad one."""
        params = dict(params or {})
        problems = []
        known = {p.name for p in self.parameters}
        for name in sorted(set(params) - known):
            allowed = ", ".join(sorted(known)) or "none"
            problems.append(Problem(self.ref, f"params.{name}", f"is not a parameter of this clause (parameters: {allowed})"))
        values: dict[str, Any] = {}
        for param in self.parameters:
            raw = params.get(param.name, param.default)
            if raw is None:
                problems.append(Problem(self.ref, f"params.{param.name}", f"is required ({param.label})"))
                continue
            try:
                values[param.name] = param.coerce(raw)
            except ValueError as exc:
                # names, addresses and free text may be personal data: never repeat them in a message
                shown = "the value" if param.type in PERSONAL_TYPES else repr(raw)
                problems.append(Problem(self.ref, f"params.{param.name}", f"{shown} {exc}"))
        if problems:
            raise DocgenError(problems)
        return values

    def sample_params(self) -> dict[str, Any]:
        """Defaults, with the record's example for any parameter that has no default."""
        return {p.name: p.sample() for p in self.parameters}

    def value_sets(self) -> list[dict[str, Any]]:
        """The sample values, then each parameter in turn at each of its extremes.

        Used by the library linter and the tests so that every clause is checked where
        its wording is most likely to break (1 day, the largest amount, every choice).
        """
        base = self.sample_params()
        sets = [base]
        for param in self.parameters:
            for value in param.boundaries():
                sets.append({**base, param.name: value})
        return sets

    def _context(self, params: Mapping[str, Any] | None, locale: str) -> dict[str, Any]:
        _check_locale(locale)
        values = self.resolve(params)
        return {p.name: p.present(values[p.name], locale) for p in self.parameters}

    def _render(self, source: str, field: str, context: dict[str, Any]) -> str:
        try:
            return tidy(_compile(source).render(context))
        except TemplateError as exc:
            raise DocgenError(f"template error: {exc}", file=self._source or self.ref, field=field) from None

    def render_wording(self, params: Mapping[str, Any] | None = None, *, locale: str = "en_GB") -> str:
        """The term's wording as plain text (not escaped: the document template escapes it)."""
        return self._render(self.wording, "wording", self._context(params, locale))

    def render_mirror(self, params: Mapping[str, Any] | None = None, *, locale: str = "en_GB") -> str | None:
        """The licence condition that mirrors the term, or None when it cannot be mirrored."""
        if not self.mirror.wording:
            return None
        return self._render(self.mirror.wording, "mirror.wording", self._context(params, locale))

    def plain_words(self, params: Mapping[str, Any] | None = None, *, locale: str = "en_GB") -> str:
        """A short summary in everyday words, for the release-day acknowledgement."""
        return self._render(self.plain_words_template, "plain_words", self._context(params, locale))

    @property
    def remedy_reason(self) -> str | None:
        """Why a warning letter about this term asks for no remedy, when it asks none."""
        return self.remedy.none if self.remedy else None

    def render_remedy(self, params: Mapping[str, Any] | None = None, *, locale: str = "en_GB") -> str | None:
        """What a warning letter may ask the subject to do about a breach, or None.

        None when the clause declares no remedy (first-edition records) or declares that a
        breach cannot be put right (``remedy.none``).
        """
        if not self.remedy or not self.remedy.ask:
            return None
        return self._render(self.remedy.ask, "remedy.ask", self._context(params, locale))

    def render_example(self, example: Example, params: Mapping[str, Any] | None = None, *, locale: str = "en_GB") -> tuple[str, str]:
        """An example's scenario and reason with the term's own values ("With a limit of
        {{ cash_limit }}"), so the example a subject reads speaks of their order's limit."""
        context = self._context(params, locale)
        index = self.examples.index(example)
        return (
            self._render(example.scenario, f"examples.{index}.scenario", context),
            self._render(example.why, f"examples.{index}.why", context),
        )

    def render_moving(self, duty: MovingDuty, params: Mapping[str, Any] | None = None) -> str:
        """What ``duty`` asks the subject to notify, with the term's values (English: the
        documents that state it are written for another force)."""
        index = self.on_moving.index(duty)
        return self._render(duty.notice, f"on_moving.{index}.notice", self._context(params, "en_GB"))

    def render_startup(self, params: Mapping[str, Any] | None = None, *, locale: str = "en_GB") -> str | None:
        """The start-up duty (what already exists when the order comes into force), or None."""
        if not self.startup:
            return None
        return self._render(self.startup, "startup", self._context(params, locale))

    @model_validator(mode="after")
    def _links_and_notes(self) -> Clause:
        names = [p.name for p in self.parameters]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"parameter names used twice: {', '.join(dupes)}")
        for field in ("supersedes", "replaced_by"):
            ref = getattr(self, field)
            if ref == self.ref:
                raise ValueError(f"{field} points at this record itself")
        if self.supersedes and not self.change_note:
            raise ValueError("a version that supersedes another needs a change_note saying what changed")
        if self.status == "withdrawn" and not self.change_note:
            raise ValueError("a withdrawn clause needs a change_note saying why and what live cases should do")
        keys = [e.key for e in self.exceptions]
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        if dupes:
            raise ValueError(f"exception keys used twice: {', '.join(dupes)}")
        for i, example in enumerate(self.examples):
            if example.exception and example.exception not in keys:
                known = ", ".join(keys) or "none declared"
                raise ValueError(f"examples.{i}.exception {example.exception!r} is not a key of exceptions ({known})")
        return self


# --------------------------------------------------------------------------- library


class Library:
    """Every version of every clause, the definitions schedule and the category map."""

    def __init__(
        self,
        root: Path,
        clauses: list[Clause],
        definitions: dict[str, Definition],
        categories: dict[str, Category],
        kinds: dict[str, Kind],
    ) -> None:
        self.root = root
        self.clauses = sorted(clauses, key=lambda c: (c.code, version_key(c.version)))
        self.definitions = definitions
        self.categories = categories
        self.kinds = kinds
        self._by_ref = {c.ref: c for c in self.clauses}

    def codes(self) -> list[str]:
        return sorted({c.code for c in self.clauses})

    def versions(self, code: str) -> list[Clause]:
        """Every version of ``code``, oldest first."""
        return [c for c in self.clauses if c.code == code]

    def find(self, ref: str) -> Clause | None:
        return self._by_ref.get(ref)

    def is_superseded(self, clause: Clause) -> bool:
        """True when a later approved version (or clause) has taken this one's place."""
        target = self.find(clause.replaced_by) if clause.replaced_by else None
        return clause.status == "approved" and target is not None and target.status == "approved"

    def current(self, code: str) -> Clause | None:
        """The latest approved, not superseded, version of ``code``."""
        live = [c for c in self.versions(code) if c.status == "approved" and not self.is_superseded(c)]
        return live[-1] if live else None

    def replacement(self, clause: Clause) -> Clause | None:
        """Where a withdrawn or superseded version leads: follow ``replaced_by`` to a live version."""
        seen = {clause.ref}
        step = clause
        while step.replaced_by and step.replaced_by not in seen:
            seen.add(step.replaced_by)
            nxt = self.find(step.replaced_by)
            if nxt is None:
                return None
            if nxt.status == "approved" and not self.is_superseded(nxt):
                return nxt
            step = nxt
        return None

    def for_term(self, term: Any) -> Clause:
        """The clause a case term draws on: the version it pins, else the current one.

        For rendering: a term the library cannot serve is an error naming the clause.
        """
        return self.get(term.clause, version=term.version)

    def find_for_term(self, term: Any) -> Clause | None:
        """The clause version a term names, or None when the library has no such code or version.

        For checking: without a pinned version, the current one, or the newest when none is
        current (the linter then reports why it is not current).
        """
        versions = self.versions(term.clause)
        if not versions:
            return None
        if term.version is not None:
            return self.find(f"{term.clause}@{term.version}")
        return self.current(term.clause) or versions[-1]

    def get(self, code: str, version: str | None = None) -> Clause:
        """One clause version; ``version=None`` means the latest approved one."""
        versions = self.versions(code)
        if not versions:
            raise DocgenError(f"no clause {code!r} in the conditions library", file=self.root, field="clause")
        if version is not None:
            found = self.find(f"{code}@{version}")
            if found is None:
                known = ", ".join(c.version for c in versions)
                raise DocgenError(
                    f"clause {code} has no version {version} (versions: {known})", file=self.root, field="version"
                )
            return found
        current = self.current(code)
        if current is None:
            last = versions[-1]
            instead = self.replacement(last)
            hint = f"; use {instead.ref} instead" if instead else "; remove the term"
            raise DocgenError(
                f"clause {code} has no approved version (latest is {last.version}, {last.status}){hint}",
                file=self.root,
                field="clause",
            )
        return current

    def in_category(self, category: str) -> list[Clause]:
        return [c for c in self.clauses if c.category == category]


def _read(path: Path, problems: list[Problem]) -> dict[str, Any] | None:
    try:
        return read_yaml_mapping(path)
    except DocgenError as exc:
        problems.extend(exc.problems)
        return None


def _validate(model: type[BaseModel], data: Any, file: Path, prefix: str, problems: list[Problem]) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for p in pydantic_problems(exc, file=file):
            field = _tidy_loc(p.field)
            problems.append(Problem(p.file, f"{prefix}{field}" if field else prefix.rstrip("."), p.message))
        return None


def _tidy_loc(loc: str) -> str:
    """Drop pydantic's union tags ("parameters.0.integer.min" -> "parameters.0.min")."""
    tags = {"integer", "money", "duration", "date", "enum", "names", "address", "text"}
    parts = loc.split(".")
    return ".".join(p for i, p in enumerate(parts) if not (p in tags and i > 0 and parts[i - 1].isdigit()))


def _load_schedules(root: Path, problems: list[Problem]) -> tuple[dict[str, Definition], dict[str, Category], dict[str, Kind]]:
    definitions: dict[str, Definition] = {}
    categories: dict[str, Category] = {}
    kinds: dict[str, Kind] = {}
    defs_file = root / "definitions.yaml"
    data = _read(defs_file, problems)
    if data is not None:
        for key, entry in data.items():
            if not re.fullmatch(r"[a-z][a-z0-9-]*", str(key)):
                problems.append(Problem(str(defs_file), str(key), "a definition key is lower case letters, digits and hyphens"))
                continue
            found = _validate(Definition, entry, defs_file, f"{key}.", problems)
            if found:
                definitions[key] = found
    cats_file = root / "categories.yaml"
    data = _read(cats_file, problems)
    if data is not None:
        raw_kinds = data.get("kinds") or {}
        raw_cats = data.get("categories") or {}
        if not raw_kinds or not raw_cats:
            problems.append(Problem(str(cats_file), "", "needs both 'kinds' and 'categories' mappings"))
        for key, entry in raw_kinds.items():
            found = _validate(Kind, entry, cats_file, f"kinds.{key}.", problems)
            if found:
                kinds[key] = found
        for key, entry in raw_cats.items():
            found = _validate(Category, entry, cats_file, f"categories.{key}.", problems)
            if found:
                if found.kind not in raw_kinds:
                    problems.append(Problem(str(cats_file), f"categories.{key}.kind", f"{found.kind!r} is not one of the kinds"))
                categories[key] = found
    return definitions, categories, kinds


# Each clause file's record as read and checked, kept for the process by everything that
# decides it: the file's bytes, folder and name, and the schedules (definitions, categories)
# it is checked against. A library loaded again with most files unchanged (a copy with one
# clause edited, a long-running workbench) then reads and checks only what changed.
_CHECKED: OrderedDict[tuple[Any, ...], tuple[Clause | None, tuple[tuple[str, str], ...]]] = OrderedDict()
_CHECKED_KEPT = 4096


def _load_record(file: Path, schedules: tuple[Any, ...], categories: dict[str, Category],
                 definitions: dict[str, Definition], problems: list[Problem]) -> Clause | None:  # fmt: skip
    """One clause file's record, checked on its own (not against the other records), its
    problems added to ``problems``; None when it cannot be read as a clause."""
    try:
        raw = read_input(file)
    except DocgenError as exc:
        problems.extend(exc.problems)
        return None
    key = (raw, file.parent.name, file.name, schedules)
    kept = _CHECKED.get(key)
    if kept is None:
        found: list[Problem] = []
        made = _read_record(raw, file, categories, definitions, found)
        if any(p.file != str(file) for p in found):  # a problem naming another file: not kept
            problems.extend(found)
            return made
        kept = (made, tuple((p.field, p.message) for p in found))
        _CHECKED[key] = kept
        if len(_CHECKED) > _CHECKED_KEPT:
            _CHECKED.popitem(last=False)
    else:
        _CHECKED.move_to_end(key)
    record, notes = kept
    problems.extend(Problem(str(file), field, message) for field, message in notes)
    if record is None:
        return None
    clause = record.model_copy()  # each library has its own record, naming its own file
    clause._source = str(file)
    return clause


def _read_record(raw: bytes, file: Path, categories: dict[str, Category], definitions: dict[str, Definition], problems: list[Problem]) -> Clause | None:
    try:
        data = yaml_mapping(raw, file=file)
    except DocgenError as exc:
        problems.extend(exc.problems)
        return None
    clause = _validate(Clause, data, file, "", problems)
    if clause is None:
        return None
    clause._source = str(file)
    category = categories.get(clause.category)
    clause._s5_basis = category.kind if category else ""
    _check_record(clause, file, file.parent.name, categories, definitions, problems)
    return clause


def _check_record(clause: Clause, file: Path, folder: str, categories: dict[str, Category], definitions: dict[str, Definition], problems: list[Problem]) -> None:
    where = str(file)
    category = categories.get(clause.category)
    if category is None:
        problems.append(Problem(where, "category", f"{clause.category!r} is not a category (see categories.yaml)"))
    else:
        if not clause.code.startswith(category.prefix + "-"):
            problems.append(Problem(where, "code", f"a clause in category {clause.category} has a code starting {category.prefix}-"))
        if folder != clause.category:
            problems.append(Problem(where, "category", f"is {clause.category!r} but the record is in the folder {folder!r}"))
    if not file.stem.startswith(clause.code):
        problems.append(Problem(where, "code", f"the file name must start with the code {clause.code}"))
    for key in clause.definitions:
        if key not in definitions:
            problems.append(Problem(where, "definitions", f"{key!r} is not in definitions.yaml"))
    for i, duty in enumerate(clause.on_moving):
        # the transfer letter counts the days from this parameter: a record without it is unusable
        param = clause.parameter(duty.within)
        if param is None:
            known = ", ".join(p.name for p in clause.parameters) or "none"
            problems.append(Problem(where, f"on_moving.{i}.within", f"{duty.within!r} is not a parameter of this clause (parameters: {known})"))
        elif param.type != "integer":
            problems.append(Problem(where, f"on_moving.{i}.within", f"{duty.within!r} is a {param.type} parameter; it must be a whole number of days"))
    # Parse, not compile and render: loading happens on every command, and compiling every
    # clause's templates was most of a cold start. Syntax and names are checked here; the
    # rendered wording at defaults and boundaries is checked by `docgen conditions lint`.
    env = _environment()
    known = {p.name for p in clause.parameters} | set(env.globals)
    templated = (
        ("wording", clause.wording),
        ("plain_words", clause.plain_words_template),
        ("mirror.wording", clause.mirror.wording),
        ("remedy.ask", clause.remedy.ask if clause.remedy else None),
        ("startup", clause.startup),
        *((f"on_moving.{i}.notice", duty.notice) for i, duty in enumerate(clause.on_moving)),
        *((f"cy.{name}", getattr(clause.cy, name)) for name in ("wording", "plain_words", "mirror", "remedy", "startup") if clause.cy),
        *(
            (f"examples.{i}.{part}", getattr(ex, part))
            for i, ex in enumerate(clause.examples)
            for part in ("scenario", "why")
        ),
        *(
            (f"examples.{i}.cy.{part}", getattr(ex.cy, part))
            for i, ex in enumerate(clause.examples)
            if ex.cy is not None
            for part in ("scenario", "why")
        ),
    )
    for field, source in templated:
        if not source:
            continue
        try:
            unknown = meta.find_undeclared_variables(env.parse(source)) - known
        except TemplateError as exc:
            problems.append(Problem(where, field, f"template error: {exc}"))
            continue
        if unknown:
            problems.append(Problem(where, field, f"uses {', '.join(sorted(unknown))}, which is not a parameter of this clause"))


def _check_links(clauses: list[Clause], problems: list[Problem]) -> None:
    by_ref = {c.ref: c for c in clauses}
    for clause in clauses:
        where = clause.source
        for field in ("supersedes", "replaced_by"):
            ref = getattr(clause, field)
            if ref and ref not in by_ref:
                problems.append(Problem(where, field, f"{ref} is not in the library"))
        if clause.supersedes in by_ref:
            old = by_ref[clause.supersedes]
            if old.replaced_by != clause.ref:
                problems.append(Problem(old.source, "replaced_by", f"must be {clause.ref}, which says it supersedes this version"))
        if clause.replaced_by in by_ref:
            new = by_ref[clause.replaced_by]
            if new.code == clause.code and new.supersedes != clause.ref:
                problems.append(Problem(new.source, "supersedes", f"must be {clause.ref}, which names this version as its replacement"))
            if new.code == clause.code and version_key(new.version) <= version_key(clause.version):
                problems.append(Problem(clause.source, "replaced_by", "must point at a later version"))


def load_library(path: str | Path | None = None) -> Library:
    """Load and check a library folder; every problem is reported at once with file and field.

    A library that passed its checks is kept in the per-user cache (:mod:`docgen.cache`),
    keyed by the content of every file in the folder, so an unchanged library is not read
    and checked again on the next run; any change to a file means a fresh load and check.
    """
    root = Path(path) if path is not None else LIBRARY_ROOT
    if not root.is_dir():
        raise DocgenError("conditions library folder not found", file=root)
    from .cache import cached, files_fingerprint

    inputs = [p for p in root.rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml")]
    key = f"{root.resolve()}:{files_fingerprint(inputs)}"
    return cached("conditions-library", key, lambda: _load_library(root))


def _load_library(root: Path) -> Library:
    problems: list[Problem] = []
    definitions, categories, kinds = _load_schedules(root, problems)
    clauses: list[Clause] = []
    seen: dict[str, Path] = {}
    # what a record is checked against, as it was read (not read again)
    schedules = tuple(tuple((key, entry.model_dump_json()) for key, entry in sorted(table.items())) for table in (definitions, categories))
    for file in sorted(root.glob("*/*.yaml")):
        clause = _load_record(file, schedules, categories, definitions, problems)
        if clause is None:
            continue
        if clause.ref in seen:
            problems.append(Problem(str(file), "version", f"{clause.ref} is also defined in {seen[clause.ref]}"))
            continue
        seen[clause.ref] = file
        clauses.append(clause)
    _check_links(clauses, problems)
    if problems:
        raise DocgenError(problems)
    return Library(root, clauses, definitions, categories, kinds)


@lru_cache(maxsize=1)
def shipped_library() -> Library:
    """The shipped library, loaded once per process."""
    return load_library(LIBRARY_ROOT)
