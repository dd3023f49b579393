"""The law as dated data.

Durations, penalties, commencement of new powers and Schedule 1 headings change by statute;
they live in ``docgen/data/law.yaml`` as dated entries, each with its source, so that code
never hard-wires them and a document can cite the law in force on its own date.

:class:`LawBook` is the file: every fact with its history. :class:`Law` is the law in force
on one date (``LawBook.on(date)``), shaped as documents and the linter read it
(``law.scpo.breach.summary_max``).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any, Generic, TypeVar, get_args

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator

from .errors import DocgenError, Problem

LAW_FILE = Path(__file__).parent / "data" / "law.yaml"

T = TypeVar("T")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


# --------------------------------------------------------------------------- the dated file


class Entry(_Strict, Generic[T]):
    """One value of a fact, the date it took effect from, and where the law says so."""

    value: T
    from_: dt.date = Field(alias="from")
    source: str
    applies: str = "in force on the date"
    verified: bool = True


class Fact(_Strict, Generic[T]):
    """A fact's history, oldest first: the entry in force on a date is the last one begun."""

    entries: list[Entry[T]]

    def on(self, date: dt.date, name: str) -> Entry[T]:
        begun = [e for e in self.entries if e.from_ <= date]
        if not begun:
            first = self.entries[0].from_.isoformat()
            raise DocgenError(f"the law data has no {name} in force on {date.isoformat()} (its first entry is from {first})", file="law data", field=name)
        return begun[-1]


def _fact(value: Any) -> Any:
    """A fact may be written as one entry or a list of them; keep them oldest first."""
    entries = value if isinstance(value, list) else [value]
    return {"entries": entries}


def _checked_order(entries: list[Entry[Any]], name: str) -> None:
    dates = [e.from_ for e in entries]
    if not dates:
        raise ValueError(f"{name} has no entries")
    if dates != sorted(dates) or len(set(dates)) != len(dates):
        raise ValueError(f"{name}: entries must be in date order with no two from the same date")


class _Dated(_Strict):
    """A group of facts, each read from one entry or a list of entries."""

    @field_validator("*", mode="before")
    @classmethod
    def _as_fact(cls, value: Any, info: Any) -> Any:
        annotation = cls.model_fields[info.field_name].annotation
        kinds = get_args(annotation) or (annotation,)
        if value is not None and any(isinstance(k, type) and issubclass(k, Fact) for k in kinds):
            return _fact(value)
        return value

    def model_post_init(self, __context: Any) -> None:
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, _Dated):
                continue
            if isinstance(value, Fact):
                _checked_order(value.entries, name)


class BreachBook(_Dated):
    section: Fact[str]
    offence: Fact[str]
    indictment_max: Fact[str]
    summary_max: Fact[str]


class Provision(_Dated):
    """A power inserted by an amending Act that has effect only once commenced."""

    title: str
    sections: str
    inserted_by: str
    source: str
    commenced: dt.date | None
    commencement_source: str
    max_months: Fact[int] | None = None
    verified: bool = True

    def in_force(self, date: dt.date) -> bool:
        return self.commenced is not None and self.commenced <= date

    def note(self, date: dt.date) -> str:
        """What a document or the linter should say about the power on ``date``."""
        where = f"{self.title} ({self.source})"
        if self.in_force(date):
            assert self.commenced is not None
            return f"The {where} are in force from {self.commenced.isoformat()}. {self.commencement_source}"
        return (
            f"The {where} are not in force on {date.isoformat()}: the law data records no "
            f"commencement. {self.commencement_source}"
        )


class ApplicantAuthority(_Strict):
    """Who applies for an order in England and Wales when the police prepare the case."""

    name: str  # "Director of Public Prosecutions", printed after "The" or "the"
    office: str  # the office that conducts the application for them
    section: str  # where s.8 names them ("8(1)(a)(i)"), printed after "section"
    conduct: str  # where the Act lets a Crown Prosecutor conduct it for them
    others: list[str] = []  # the other authorities that could apply on that date

    def named_in(self, text: str) -> bool:
        """Whether free text (a case's ``variation.applicant``) names this authority or one
        of the others the Act allowed on the same date."""
        folded = " ".join(text.casefold().split())
        return any(" ".join(n.casefold().split()) in folded for n in (self.name, *self.others))


class ScpoBook(_Dated):
    act: Fact[str]
    min_subject_age: Fact[int]
    max_order_years: Fact[int]
    written_answers_only: Fact[bool]
    risk_test: Fact[str]
    applicant: Fact[ApplicantAuthority]
    breach: BreachBook
    electronic_monitoring: Provision
    interim_orders: Provision


class OffenceList(_Strict):
    """Provisions of one Act that count as drug trafficking offences for a TRO (s.34)."""

    act: str
    sections: list[str]
    from_: dt.date = Field(alias="from")
    source: str
    verified: bool = True


class TroBook(_Dated):
    act: Fact[str]
    sections: Fact[str]
    power: Fact[str]
    commenced: Fact[dt.date]
    min_years: Fact[int]
    qualifying_sentence_years: Fact[int]
    breach_indictment_max: Fact[str]
    breach_summary_max: Fact[str]
    passport_offence: Fact[str]
    drug_trafficking_offences: list[OffenceList]


class HeadingEntry(_Strict):
    """A Schedule 1 cross-heading over one paragraph, in force from ``from`` until the day
    before ``until`` (when an amending Act substituted it), or still in force."""

    code: str
    title: str
    paragraph: str
    from_: dt.date = Field(alias="from")
    until: dt.date | None = None
    source: str
    verified: bool = True

    def in_force(self, date: dt.date) -> bool:
        return self.from_ <= date and (self.until is None or date < self.until)


class Schedule1Book(_Strict):
    source: str
    verified: bool
    headings: list[HeadingEntry]

    def model_post_init(self, __context: Any) -> None:
        # a heading that changed its words keeps its code, so no two entries for one code
        # (or one paragraph) may be in force on the same day
        for i, a in enumerate(self.headings):
            if a.until is not None and a.until <= a.from_:
                raise ValueError(f"schedule1 heading {a.code}: until must be after from")
            for b in self.headings[i + 1 :]:
                if (a.code == b.code or a.paragraph == b.paragraph) and _overlap(a, b):
                    raise ValueError(f"schedule1 headings {a.code} and {b.code} (para {a.paragraph}) overlap in time")


def _overlap(a: HeadingEntry, b: HeadingEntry) -> bool:
    return (a.until is None or b.from_ < a.until) and (b.until is None or a.from_ < b.until)


class Authority(_Strict):
    """A decision of the courts a document may cite, from the day it was decided."""

    name: str
    citation: str
    decided: dt.date
    point: str
    source: str

    @property
    def cite(self) -> str:
        """As a document prints it: "R v Shirley [2022] EWCA Crim 475"."""
        return f"{self.name} {self.citation}"


class LawBook(_Strict):
    """The whole law file: every fact with its dated history."""

    version: str
    as_of: dt.date
    source: str
    scpo: ScpoBook
    tro: TroBook
    case_law: dict[str, Authority]
    schedule1: Schedule1Book

    def on(self, date: dt.date) -> Law:
        """The law in force on ``date``, in the shape documents and the linter read."""
        s, b, t = self.scpo, self.scpo.breach, self.tro
        monitoring = s.electronic_monitoring
        # the limit as enacted, even on a date before enactment: the note says the power is not in force
        limits = monitoring.max_months.entries if monitoring.max_months else []
        months = next((e.value for e in reversed(limits) if e.from_ <= date), limits[0].value if limits else 12)
        summary = b.summary_max.on(date, "scpo.breach.summary_max")
        law = Law(
            version=self.version,
            as_of=date,
            source=self.source,
            scpo=Scpo(
                act=s.act.on(date, "scpo.act").value,
                min_subject_age=s.min_subject_age.on(date, "scpo.min_subject_age").value,
                max_order_years=s.max_order_years.on(date, "scpo.max_order_years").value,
                electronic_monitoring_max_months=months,
                electronic_monitoring_in_force=monitoring.in_force(date),
                electronic_monitoring_note=monitoring.note(date),
                interim_orders_in_force=s.interim_orders.in_force(date),
                interim_orders_note=s.interim_orders.note(date),
                written_answers_only=s.written_answers_only.on(date, "scpo.written_answers_only").value,
                risk_test=s.risk_test.on(date, "scpo.risk_test").value,
                applicant=s.applicant.on(date, "scpo.applicant").value,
                breach=Breach(
                    section=b.section.on(date, "scpo.breach.section").value,
                    offence=b.offence.on(date, "scpo.breach.offence").value,
                    indictment_max=b.indictment_max.on(date, "scpo.breach.indictment_max").value,
                    summary_max=summary.value,
                    summary_max_applies=summary.applies,
                    summary_max_source=" ".join(summary.source.split()),
                    verified=summary.verified,
                ),
            ),
            tro=Tro(
                act=t.act.on(date, "tro.act").value,
                sections=t.sections.on(date, "tro.sections").value,
                power=t.power.on(date, "tro.power").value,
                commenced=t.commenced.on(date, "tro.commenced").value,
                min_years=t.min_years.on(date, "tro.min_years").value,
                qualifying_sentence_years=t.qualifying_sentence_years.on(date, "tro.qualifying_sentence_years").value,
                breach_indictment_max=t.breach_indictment_max.on(date, "tro.breach_indictment_max").value,
                breach_summary_max=t.breach_summary_max.on(date, "tro.breach_summary_max").value,
                passport_offence=t.passport_offence.on(date, "tro.passport_offence").value,
                drug_trafficking_offences=[o for o in t.drug_trafficking_offences if o.from_ <= date],
            ),
            case_law={key: a for key, a in sorted(self.case_law.items()) if a.decided <= date},
            schedule1=Schedule1(
                source=self.schedule1.source,
                verified=self.schedule1.verified,
                headings=[Heading(code=h.code, title=h.title, paragraph=h.paragraph) for h in self.schedule1.headings if h.in_force(date)],
            ),
        )
        law._book = self
        return law


# --------------------------------------------------------------------------- the law on a date


class Breach(_Strict):
    section: str
    offence: str
    indictment_max: str
    summary_max: str
    summary_max_applies: str
    summary_max_source: str
    verified: bool


class Scpo(_Strict):
    act: str
    min_subject_age: int
    max_order_years: int
    electronic_monitoring_max_months: int
    electronic_monitoring_in_force: bool
    electronic_monitoring_note: str
    interim_orders_in_force: bool
    interim_orders_note: str
    written_answers_only: bool
    risk_test: str
    applicant: ApplicantAuthority
    breach: Breach


class Tro(_Strict):
    act: str
    sections: str
    power: str
    commenced: dt.date
    min_years: int
    qualifying_sentence_years: int
    breach_indictment_max: str
    breach_summary_max: str
    passport_offence: str
    drug_trafficking_offences: list[OffenceList]


class Heading(_Strict):
    code: str
    title: str
    paragraph: str

    @property
    def cite(self) -> str:
        """As a document prints it: "Schedule 1 Part 1, para 1 (Drug trafficking)"."""
        return f"Schedule 1 Part 1, para {self.paragraph} ({self.title})"


class Schedule1(_Strict):
    source: str
    verified: bool
    headings: list[Heading]

    def get(self, code: str) -> Heading | None:
        return next((h for h in self.headings if h.code == code), None)


class Law(_Strict):
    """The law in force on one date (``as_of``)."""

    version: str
    as_of: dt.date
    source: str
    scpo: Scpo
    tro: Tro
    case_law: dict[str, Authority]  # only the decisions made on or before ``as_of``
    schedule1: Schedule1

    _book: LawBook | None = PrivateAttr(default=None)

    def authority(self, key: str) -> Authority | None:
        """The decision ``key`` if it had been decided by ``as_of``, else None: a document
        dated before a case was decided cites the statute alone. An unknown key is an error,
        so a misspelt name never silently drops a citation."""
        if self._book is not None and key not in self._book.case_law:
            known = ", ".join(sorted(self._book.case_law))
            raise DocgenError(f"the law data has no case '{key}' (it has: {known})", file="law data", field=f"case_law.{key}")
        return self.case_law.get(key)

    def on(self, date: dt.date) -> Law:
        """The law in force on another date, from the same law file."""
        if self._book is None:
            raise DocgenError("this law was not read from a law file, so it has no other dates", field="law")
        return self._book.on(date)


# --------------------------------------------------------------------------- loading


def load_book(path: Path | None = None) -> LawBook:
    """Load and check a law file (the shipped one unless ``path`` is given)."""
    path = Path(path) if path else LAW_FILE
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader, libyaml's when present
        return LawBook.model_validate(data)
    except OSError as exc:
        raise DocgenError(f"cannot read law data: {exc.strerror}", file=path) from None
    except yaml.YAMLError as exc:
        raise DocgenError(f"not valid YAML: {exc}", file=path) from None
    except Exception as exc:  # pydantic.ValidationError
        errors = getattr(exc, "errors", None)
        if not callable(errors):
            raise
        raise DocgenError(
            [Problem(str(path), ".".join(map(str, e["loc"])), e["msg"]) for e in errors()]
        ) from None


def load_law(path: Path | None = None) -> Law:
    """The law in a law file as at the file's own ``as_of`` date."""
    book = load_book(path)
    return book.on(book.as_of)


@lru_cache(maxsize=1)
def shipped_book() -> LawBook:
    """The shipped law file, loaded once per process."""
    return load_book()


@lru_cache(maxsize=1)
def shipped_law() -> Law:
    """The shipped law as at the file's ``as_of`` date; ``.on(date)`` for any other date."""
    book = shipped_book()
    return book.on(book.as_of)


def law_on(date: dt.date) -> Law:
    """The shipped law in force on ``date`` (a document's own date)."""
    return shipped_book().on(date)
