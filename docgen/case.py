"""Case files: one YAML file per subject, validated into typed models.

Validation reports every problem it finds (not only the first), each with the file, the
field path and the reason. Besides types, it applies the rules of the law that the case
data alone can check: the subject is 18 or over when the order is made (s.6), the order
lasts at most five years (s.16), release is not before sentence, and the expiry is always
computed from the start, never typed by hand.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path, PureWindowsPath
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .bilingual import Words
from .containment import portable_problem
from .dates import add_years, age_on  # noqa: F401 - add_years is also imported from here
from .errors import DocgenError, FieldProblems, Problem
from .fonts import undrawable
from .law import Law, shipped_law
from .outcomes import DisruptionCategory, Outcome, Plea, event_field_problems, history_problems
from .yamlio import pydantic_problems, read_yaml_mapping

MAX_TEXT = 20_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


# Bidirectional controls (embeddings, overrides, isolates, LRM/RLM) reorder the text around
# them. Word obeys them and the PDF writer does not, so the two copies of one document
# would read differently (a name or a sum of money shown backwards): they are refused
# here, the one place every case value passes, with the field named. Right-to-left
# scripts themselves need no controls and are kept.
_BIDI = re.compile(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")


def _clean_text(value: str) -> str:
    """Refuse characters that no document can print (control codes), or that would make
    the Word and PDF copies differ (bidi controls, characters no embedded font draws)."""
    if len(value) > MAX_TEXT:
        raise ValueError(f"is {len(value)} characters long; the limit is {MAX_TEXT}")
    bad = _CONTROL.search(value)
    if bad:
        raise ValueError(
            f"contains the control character U+{ord(bad.group()):04X} at position {bad.start() + 1}, "
            "which cannot be printed in a document; remove it"
        )
    bidi = _BIDI.search(value)
    if bidi:
        raise ValueError(
            f"contains the bidirectional control character U+{ord(bidi.group()):04X} "
            f"({unicodedata.name(bidi.group(), 'unnamed')}) at position {bidi.start() + 1}, which would "
            "make the Word and PDF copies read differently; remove it"
        )
    blank = undrawable(value)
    if blank:
        shown = ", ".join(f"U+{ord(c):04X}" for c in blank[:5])
        raise ValueError(f"contains characters no embedded font can draw ({shown}); remove or replace them")
    return value


def _required_text(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return _clean_text(value)


Text = Annotated[str, AfterValidator(_required_text)]
OptionalText = Annotated[str, AfterValidator(_clean_text)]
# free text a letter to the subject prints: plain text, or {en: ..., cy: ...} (docs/welsh.md)
BilingualText = Annotated[Words, AfterValidator(lambda w: w.checked(_required_text))]
OptionalBilingualText = Annotated[Words, AfterValidator(lambda w: w.checked(_clean_text))]
Identifier = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._/-]*$", max_length=64)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=True, defer_build=True)


class Address(_Model):
    lines: Annotated[list[Text], Field(min_length=1, max_length=8)]
    postcode: Text


class Subject(_Model):
    given_names: Text
    family_name: Text
    aliases: list[Text] = []
    date_of_birth: dt.date
    gender: Literal["male", "female", "other", "not recorded"] = "not recorded"
    address: Address
    language: Literal["en", "cy"] = "en"
    pnc: Annotated[str, Field(pattern=r"^\d{2,4}/\d{1,7}[A-Z]$")]
    identifiers: dict[Identifier, Text] = {}

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.family_name}"


class Officer(_Model):
    name: Text
    rank: OptionalBilingualText = Words("")
    role: BilingualText
    phone: Text
    email: Text
    collar: OptionalText = ""


class Prosecutor(_Model):
    name: Text
    role: BilingualText
    authorised_on: dt.date


class Conviction(_Model):
    id: Identifier
    offence: Text
    statute: Text
    court: BilingualText
    convicted_on: dt.date
    sentenced_on: dt.date
    sentence: Text
    custody_months: Annotated[int, Field(ge=0, le=1200)] | None = None
    schedule1_heading: str | None = None
    serious_reason: OptionalText | None = None

    @model_validator(mode="after")
    def _sentence_after_conviction(self) -> Conviction:
        if self.sentenced_on < self.convicted_on:
            raise ValueError("sentenced_on is before convicted_on")
        return self


class Notice(_Model):
    """How the subject came to know the terms: a s.25 prosecution must prove it (s.10)."""

    how: Literal["acknowledged", "served_in_person", "served_by_post", "represented"]
    date: dt.date
    by: OptionalText = ""
    exhibit: OptionalText = ""
    bwv_reference: OptionalText = ""

    @model_validator(mode="after")
    def _proof_is_named(self) -> Notice:
        if self.how != "represented" and not self.exhibit.strip():
            raise ValueError(
                f"notice given as '{self.how}' needs 'exhibit' (the signed acknowledgement or the "
                "certificate of service that proves it)"
            )
        return self


StartRule = Literal["on_release", "on_making", "on_date"]


class Order(_Model):
    status: Literal["proposed", "made", "expired", "discharged"] = "proposed"
    court: BilingualText
    hearing_on: dt.date | None = None
    made_on: dt.date | None = None
    start_rule: StartRule
    start_date: dt.date | None = None
    release_date: dt.date | None = None
    duration_years: Annotated[int, Field(ge=1)]
    authorising_prosecutor: Prosecutor | None = None
    reference: OptionalText | None = None
    notice: Notice | None = None

    @model_validator(mode="before")
    @classmethod
    def _no_typed_expiry(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for key in ("expires_on", "expiry", "expiry_date", "end_date"):
                if key in data:
                    raise ValueError(
                        f"'{key}' must not be given: the expiry is computed from the start and "
                        "duration_years, never typed by hand"
                    )
        return data

    @field_validator("duration_years")
    @classmethod
    def _within_statutory_maximum(cls, years: int, info: ValidationInfo) -> int:
        law: Law = (info.context or {}).get("law") or shipped_law()
        limit = law.scpo.max_order_years
        if years > limit:
            raise ValueError(
                f"is {years} years; an order may last at most {limit} years "
                f"({law.scpo.act} s.16)"
            )
        return years

    @model_validator(mode="after")
    def _start_rule_has_its_date(self) -> Order:
        needed = {"on_release": "release_date", "on_making": "made_on", "on_date": "start_date"}[
            self.start_rule
        ]
        # an order made while the subject is in custody is valid before its release date is
        # known: it is "made", awaiting release, and its start and expiry follow the release
        awaiting_release = self.start_rule == "on_release" and self.status in ("made", "discharged")
        if self.status != "proposed" and getattr(self, needed) is None and not awaiting_release:
            raise ValueError(f"start_rule '{self.start_rule}' needs {needed} once the order is {self.status}")
        if self.start_rule == "on_date" and self.start_date is None:
            raise ValueError("start_rule 'on_date' needs start_date")
        if self.status in ("made", "expired", "discharged") and self.made_on is None:
            raise ValueError(f"an order that is {self.status} needs made_on")
        start = self.starts_on
        if start is not None and start.year + self.duration_years > dt.MAXYEAR:
            field = {"on_release": "release_date", "on_making": "made_on", "on_date": "start_date"}[self.start_rule]
            raise FieldProblems([(field, f"{start.isoformat()} is too far in the future to compute the expiry from")])
        return self

    @property
    def starts_on(self) -> dt.date | None:
        """The day the order comes into force, when it is known."""
        return {
            "on_release": self.release_date,
            "on_making": self.made_on,
            "on_date": self.start_date,
        }[self.start_rule]

    @property
    def expires_on(self) -> dt.date | None:
        """The last day the order has effect: the day before the Nth anniversary of its start."""
        start = self.starts_on
        if start is None:
            return None
        return add_years(start, self.duration_years) - dt.timedelta(days=1)


class Justification(_Model):
    link: Text
    evidence: Annotated[list[Text], Field(min_length=1)]
    proportionality: Text
    answers: dict[Identifier, Text] = {}


class Term(_Model):
    clause: Annotated[str, Field(pattern=r"^[A-Z]{2,5}-\d{3}$")]
    version: Annotated[str, Field(pattern=r"^\d+\.\d+\.\d+$")] | None = None
    params: dict[Identifier, Any] = {}
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    justification: Justification | None = None
    _number: int = PrivateAttr(default=0)

    @property
    def number(self) -> int:
        """The term's number in the order (1-based, its position in the case file)."""
        return self._number

    @field_validator("params")
    @classmethod
    def _printable_params(cls, params: dict[str, Any]) -> dict[str, Any]:
        """Text parameters are printed in the order too: the same checks as any text."""
        problems = []
        for name, value in params.items():
            for text in value if isinstance(value, list) else [value]:
                if isinstance(text, str):
                    try:
                        _clean_text(text)
                    except ValueError as exc:
                        problems.append((name, f"{exc}"))
        if problems:
            raise FieldProblems(problems)
        return params

    @model_validator(mode="after")
    def _ends_after_start(self) -> Term:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValueError("ends_on is before starts_on")
        return self


class ThirdParty(_Model):
    """Someone other than the subject whom a proposed term is likely to affect (s.9)."""

    who: Text
    effect: Text
    terms: list[Annotated[int, Field(ge=1)]] = []
    mitigation: OptionalText = ""


class Application(_Model):
    """The case for the order that the application puts to the court, beyond the terms."""

    officer_in_case: Officer
    background: Text
    risk: Text
    protection: Text
    duration_reason: Text
    third_parties: list[ThirdParty] = []


class TermChange(_Model):
    """One change a variation asks for: a term added, an existing term varied or removed.

    A varied term keeps every field of the existing term that the change does not give;
    ``params``, when given, replaces the whole set of parameters.
    """

    action: Literal["add", "vary", "remove"]
    term: Annotated[int, Field(ge=1)] | None = None
    clause: Annotated[str, Field(pattern=r"^[A-Z]{2,5}-\d{3}$")] | None = None
    version: Annotated[str, Field(pattern=r"^\d+\.\d+\.\d+$")] | None = None
    params: dict[Identifier, Any] | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    reason: Text
    justification: Justification | None = None

    @model_validator(mode="after")
    def _fields_fit_the_action(self) -> TermChange:
        if self.action == "add":
            if self.term is not None:
                raise ValueError("an added term has no 'term' number yet; give 'clause' instead")
            if self.clause is None:
                raise ValueError("an added term needs 'clause'")
        elif self.term is None:
            raise ValueError(f"a change with action '{self.action}' needs 'term' (the number of the term it changes)")
        if self.action == "remove":
            given = [n for n in ("clause", "version", "params", "starts_on", "ends_on", "justification") if getattr(self, n) is not None]
            if given:
                raise ValueError(f"a removed term takes only 'term' and 'reason', not {', '.join(given)}")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValueError("ends_on is before starts_on")
        return self


class Variation(_Model):
    """An application to change the order after it was made (s.17, or s.20 on a later conviction)."""

    section: Literal["17", "20"]
    court: BilingualText
    applicant: Text
    grounds: Text
    conviction: Identifier | None = None
    hearing_on: dt.date | None = None
    changes: Annotated[list[TermChange], Field(min_length=1)]

    @model_validator(mode="after")
    def _section_20_names_its_conviction(self) -> Variation:
        if self.section == "20" and self.conviction is None:
            raise ValueError("a variation under s.20 follows a later conviction: give 'conviction' (its id)")
        return self


EventType = Literal[
    "release",
    "contact",
    "notification",
    "compliance_check",
    "non_compliance",
    "warning",
    "breach",
    "interview",
    "arrest",
    "recall",
    "transfer",
    "review",
    "variation",
    "discharge",
    "expiry",
    # enforcement outcomes (docgen/outcomes.py)
    "caution",
    "recall_decision",
    "charge",
    "court_result",
    "disruption",
    "refusal",
    "partner_notice",  # terms shared with a partner agency (docgen/kinds/partner_notice.py)
]
WarningLevel = Literal["advisory", "first", "final"]


class Event(_Model):
    """One entry in the history of the order, in the order it happened."""

    id: Identifier
    type: EventType
    date: dt.date
    time: Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")] | None = None
    summary: BilingualText
    term: Annotated[int, Field(ge=1)] | None = None
    by: OptionalText | None = None
    level: WarningLevel | None = None
    action_required: OptionalBilingualText | None = None
    action_by: dt.date | None = None
    evidence: list[Text] = []
    refers_to: list[Identifier] = []
    sensitive: bool = False
    reference: OptionalText | None = None
    # enforcement outcomes: which fields each type takes is checked in docgen/outcomes.py
    plea: Plea | None = None
    outcome: Outcome | None = None
    sentence: Text | None = None
    custody_months: Annotated[int, Field(ge=0, le=1200)] | None = None
    category: DisruptionCategory | None = None
    changed_on: dt.date | None = None  # a notification: the day of the change it notifies
    partner: Partner | None = None  # a partner_notice: who receives it and for which function

    @model_validator(mode="after")
    def _action_has_a_deadline(self) -> Event:
        if self.action_required and self.action_by is None:
            raise ValueError("action_required needs action_by (the date it must be done by)")
        if self.action_by and self.action_by < self.date:
            raise ValueError("action_by is before the date of the event")
        problems = event_field_problems(self)
        if problems:
            raise FieldProblems(problems)
        return self


class Contact(_Model):
    """Someone in another agency or force whom a document names or writes to."""

    name: Text
    role: Text
    organisation: Text
    phone: OptionalText = ""
    email: OptionalText = ""
    address: Address | None = None


class Partner(_Model):
    """A partner agency told of the terms that bear on one of its functions."""

    function: Literal["licensing", "housing", "trading_standards", "hmrc", "nca", "sfo"]
    contact: Contact


Event.model_rebuild()


class Licence(_Model):
    """The licence the subject was released on; its conditions may mirror the order's terms."""

    description: Text
    starts_on: dt.date
    ends_on: dt.date

    @model_validator(mode="after")
    def _ends_after_start(self) -> Licence:
        if self.ends_on < self.starts_on:
            raise ValueError("ends_on is before starts_on")
        return self


class OtherOrder(_Model):
    """A separate order that binds the subject and may outlast this one (a TRO, say)."""

    title: Text
    made_by: Text
    made_on: dt.date
    ends_on: dt.date | None = None
    # what it asks of the subject, in plain words (an expiry letter tells them what still
    # binds them); with ``cy:`` beside ``en:`` where Welsh letters are sent
    requires: OptionalBilingualText = Words("")


class Risk(_Model):
    """The current assessment of the risk the subject poses, for a receiving force."""

    level: Literal["low", "medium", "high", "very high"]
    summary: Text
    assessed_on: dt.date
    by: Text
    sensitive: bool = False


class Transfer(_Model):
    """A move to another force's area: the facts the handover letter needs.

    A case received on a transfer is managed by ``to_force`` and names the force it came
    from in ``from_force``; the receiving force's acceptance letter is written from it.
    """

    event: Identifier
    to_force: Annotated[str, Field(pattern=r"^[A-Z]{2,6}$")]
    from_force: Annotated[str, Field(pattern=r"^[A-Z]{2,6}$")] | None = None
    moving_on: dt.date
    new_address: Address | None = None
    receiving_contact: Contact
    enclosures: list[Text] = []


class Exhibit(_Model):
    reference: Text
    description: Text
    sensitive: bool = False


class Witness(_Model):
    name: Text
    role: Text
    evidence: Text
    sensitive: bool = False


class Certification(_Model):
    name: Text
    rank: Text
    date: dt.date


class BreachFile(_Model):
    """The prosecution file for one breach (s.25): the facts its MG5 summarises.

    Anything marked ``sensitive`` (here or on a history event) is kept off the MG5.
    """

    event: Identifier
    plea: Literal["guilty", "not guilty"]
    headline: Text
    order_exhibit: Text
    interview: Identifier | None = None
    evidence: Annotated[list[Exhibit], Field(min_length=1)]
    witnesses: list[Witness] = []
    supervisor: Certification


ClosureStep = Literal[
    "final_check_subject",
    "final_check_probation",
    "final_intelligence",
    "pnc_flag_removed",
    "force_system_flag_removed",
    "visor_archived",
    "corvus_closed",
    "hmpps_informed",
    "probation_informed",
    "expiry_confirmation_sent",
    "register_closed",
]

# Recording a new order: each system and agency, and the release visit.
StartStep = Literal[
    "pnc_recorded",
    "force_system_recorded",
    "visor_recorded",
    "corvus_recorded",
    "hmpps_informed",
    "probation_informed",
    "release_visit",
]


class Done(_Model):
    """Who did a step and when (and the reference of what it sent, where it sent something)."""

    by: Text
    date: dt.date
    note: OptionalText = ""
    reference: OptionalText = ""


def _relative_path(value: Path) -> Path:
    """Evidence paths are relative to the case file, so a case folder can move whole.

    Where the path may lead (inside the case's folders, after symlinks) is checked when a
    bundle is built (:mod:`docgen.containment`); here only its written form.
    """
    if value.is_absolute() or PureWindowsPath(value).drive or str(value).startswith("\\\\"):
        raise ValueError("must be a path relative to the case file, not an absolute path")
    reason = portable_problem(str(value))
    if reason:
        raise ValueError(f"must be a path relative to the case file: {str(value)!r} {reason}")
    if not value.name:
        raise ValueError("must name a file")
    return value


class EvidenceFile(_Model):
    """A file of evidence the case holds (statement, scan, photograph), for bundles.

    ``events`` are the history entries it is evidence of. An ``exhibit`` equal to
    ``order.notice.exhibit`` marks the proof of notice, and one equal to a breach file's
    ``order_exhibit`` the certified copy of the order. A sensitive file, or one about a
    sensitive event, never goes into a breach bundle. The files, and the events they
    name, are checked when a bundle is built, not when the case is read.
    """

    file: Annotated[Path, AfterValidator(_relative_path)]
    title: Text
    date: dt.date | None = None
    description: OptionalText = ""
    exhibit: OptionalText = ""
    events: list[Identifier] = []
    sensitive: bool = False


class Case(_Model):
    """Everything the documents need to know about one subject and their order."""

    schema_version: Literal[1] = 1
    case_id: Annotated[str, Field(pattern=r"^[A-Z0-9][A-Z0-9-]{2,31}$")]
    managing_force: Annotated[str, Field(pattern=r"^[A-Z]{2,6}$")]
    offender_manager: Officer
    subject: Subject
    convictions: Annotated[list[Conviction], Field(min_length=1)]
    order: Order
    terms: list[Term] = []
    history: list[Event] = []
    document_date: dt.date | None = None
    application: Application | None = None
    variation: Variation | None = None
    probation: Contact | None = None
    licence: Licence | None = None
    other_orders: list[OtherOrder] = []
    risk: Risk | None = None
    transfers: list[Transfer] = []
    breach_files: list[BreachFile] = []
    start_of_order: dict[StartStep, Done] = {}
    closure: dict[ClosureStep, Done] = {}
    evidence_files: list[EvidenceFile] = []
    _source: Path | None = PrivateAttr(default=None)

    @property
    def source(self) -> Path | None:
        """The file this case was loaded from, if any."""
        return self._source

    @field_validator("managing_force")
    @classmethod
    def _known_force(cls, code: str) -> str:
        """The force decides the house style, references and Welsh duties: it must exist."""
        from .register.forces import shipped_forces

        forces = shipped_forces()
        if code not in {f.code for f in forces.forces}:
            known = ", ".join(sorted(f.code for f in forces.forces))
            raise ValueError(f"'{code}' is not a known police force code; known codes: {known}")
        return code

    @model_validator(mode="after")
    def _cross_checks(self, info: ValidationInfo) -> Case:
        law: Law = (info.context or {}).get("law") or shipped_law()
        for number, term in enumerate(self.terms, start=1):
            term._number = number
        problems: list[tuple[str, str]] = []
        order = self.order
        when_made = order.made_on or order.hearing_on
        if when_made:
            age = age_on(self.subject.date_of_birth, when_made)
            if age < law.scpo.min_subject_age:
                problems.append(
                    (
                        "subject.date_of_birth",
                        f"the subject is {age} on {when_made.isoformat()}; an order "
                        f"can only be made against a person aged {law.scpo.min_subject_age} or over "
                        f"({law.scpo.act} s.6)",
                    )
                )
        latest_sentence = max(c.sentenced_on for c in self.convictions)
        if order.release_date and order.release_date < latest_sentence:
            problems.append(
                (
                    "order.release_date",
                    f"{order.release_date.isoformat()} is before the sentence date "
                    f"{latest_sentence.isoformat()}",
                )
            )
        if order.made_on and order.made_on < min(c.convicted_on for c in self.convictions):
            problems.append(("order.made_on", "is before the conviction it follows"))
        for i, conv in enumerate(self.convictions):
            if conv.schedule1_heading and law.schedule1.get(conv.schedule1_heading) is None:
                known = ", ".join(h.code for h in law.schedule1.headings)
                problems.append(
                    (
                        f"convictions.{i}.schedule1_heading",
                        f"'{conv.schedule1_heading}' is not a "
                        f"Schedule 1 heading; use one of: {known}",
                    )
                )
        start, end = order.starts_on, order.expires_on
        for i, term in enumerate(self.terms):
            for name in ("starts_on", "ends_on"):
                day = getattr(term, name)
                if day and start and end and not (start <= day <= end):
                    problems.append(
                        (
                            f"terms.{i}.{name}",
                            f"{day.isoformat()} is outside the order "
                            f"({start.isoformat()} to {end.isoformat()})",
                        )
                    )
        problems.extend(self._court_events_fit_the_order())
        problems.extend(history_problems(self.history, order.status))
        ids = [e.id for e in self.history]
        for i, event in enumerate(self.history):
            if ids.count(event.id) > 1 and ids.index(event.id) != i:
                problems.append((f"history.{i}.id", f"'{event.id}' is used by an earlier event"))
            if event.term is not None and event.term > len(self.terms):
                problems.append(
                    (
                        f"history.{i}.term",
                        f"term {event.term} does not exist (the case has {len(self.terms)} terms)",
                    )
                )
            for ref in event.refers_to:
                if ref not in ids[:i]:
                    problems.append((f"history.{i}.refers_to", f"'{ref}' is not an earlier event in the history"))
        if problems:
            raise FieldProblems(problems)
        return self

    def _court_events_fit_the_order(self) -> list[tuple[str, str]]:
        """A variation or discharge is the court acting on a made order, and a discharge ends it."""
        order, problems = self.order, []
        discharges = [i for i, e in enumerate(self.history) if e.type == "discharge"]
        for i, event in enumerate(self.history):
            if event.type not in ("variation", "discharge"):
                continue
            if order.status == "proposed" or order.made_on is None:
                problems.append((f"history.{i}.type", f"a '{event.type}' is the court acting on a made order, but the order is {order.status}"))
            elif event.date < order.made_on:
                problems.append(
                    (
                        f"history.{i}.date",
                        f"the {event.type} on {event.date.isoformat()} is before the order was made "
                        f"({order.made_on.isoformat()})",
                    )
                )
        if len(discharges) > 1:
            problems.append((f"history.{discharges[1]}.type", "the order can be discharged only once"))
        if order.status == "discharged" and not discharges:
            problems.append(("order.status", "a discharged order needs its 'discharge' event in the history (the day the court discharged it)"))
        if discharges and order.status != "discharged":
            problems.append(("order.status", f"is '{order.status}' but history.{discharges[0]} discharges the order; set status: discharged"))
        return problems

    @model_validator(mode="after")
    def _application_and_variation_refer_to_the_case(self) -> Case:
        problems: list[tuple[str, str]] = []
        count = len(self.terms)
        for i, party in enumerate(self.application.third_parties if self.application else []):
            for number in party.terms:
                if number > count:
                    problems.append((f"application.third_parties.{i}.terms", f"term {number} does not exist (the case has {count} terms)"))
        if self.variation:
            conviction_ids = [c.id for c in self.convictions]
            if self.variation.conviction and self.variation.conviction not in conviction_ids:
                problems.append(
                    (
                        "variation.conviction",
                        f"'{self.variation.conviction}' is not one of the convictions "
                        f"({', '.join(conviction_ids)})",
                    )
                )
            seen: set[int] = set()
            for i, change in enumerate(self.variation.changes):
                if change.term is None:
                    continue
                if change.term > count:
                    problems.append((f"variation.changes.{i}.term", f"term {change.term} does not exist (the case has {count} terms)"))
                elif change.term in seen:
                    problems.append((f"variation.changes.{i}.term", f"term {change.term} is already changed by an earlier entry"))
                seen.add(change.term)
        if problems:
            raise FieldProblems(problems)
        return self

    @model_validator(mode="after")
    def _management_records_refer_to_the_history(self) -> Case:
        types = {e.id: e.type for e in self.history}
        terms = {e.id: e.term for e in self.history}
        problems: list[tuple[str, str]] = []

        def expect(field: str, event_id: str | None, allowed: tuple[str, ...]) -> None:
            if event_id is None:
                return
            if event_id not in types:
                problems.append((field, f"'{event_id}' is not an event in the history"))
            elif types[event_id] not in allowed:
                problems.append((field, f"'{event_id}' is a '{types[event_id]}' event; it must be {' or '.join(allowed)}"))

        for i, move in enumerate(self.transfers):
            expect(f"transfers.{i}.event", move.event, ("transfer",))
            if move.to_force == self.managing_force and move.from_force is None:
                problems.append(
                    (
                        f"transfers.{i}.to_force",
                        "is the managing force itself; a case received on a transfer "
                        "names the force it came from in from_force",
                    )
                )
            if move.from_force is not None and move.from_force == move.to_force:
                problems.append((f"transfers.{i}.from_force", "is the same force as to_force"))
        for i, file in enumerate(self.breach_files):
            expect(f"breach_files.{i}.event", file.event, ("breach", "non_compliance"))
            if file.event in terms and terms[file.event] is None:
                problems.append((f"breach_files.{i}.event", f"'{file.event}' does not name the term breached (its 'term')"))
            expect(f"breach_files.{i}.interview", file.interview, ("interview",))
        if problems:
            raise FieldProblems(problems)
        return self

    def event(self, event_id: str) -> Event:
        """The history entry with this id, or a DocgenError that lists the known ids."""
        for event in self.history:
            if event.id == event_id:
                return event
        known = ", ".join(e.id for e in self.history) or "none"
        raise DocgenError(
            f"no history event '{event_id}' (events in this case: {known})",
            file=self.source or "",
            field="history",
        )

    def term(self, number: int) -> Term:
        if not 1 <= number <= len(self.terms):
            raise DocgenError(f"term {number} does not exist", file=self.source or "", field="terms")
        return self.terms[number - 1]


def case_from_data(data: dict[str, Any], *, file: str | Path = "<case>", law: Law | None = None) -> Case:
    """Validate already-parsed case data; every problem is reported at once."""
    try:
        case = Case.model_validate(data, context={"law": law or shipped_law()})
    except ValidationError as exc:
        raise DocgenError(pydantic_problems(exc, file=file)) from None
    case._source = Path(file) if not str(file).startswith("<") else None
    return case


def load_cases(paths: Iterable[str | Path]) -> list[Case]:
    """Every case file, checked before any is used: all their problems are reported at once."""
    loaded, problems = [], []
    for path in paths:
        try:
            loaded.append(load_case(path))
        except DocgenError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DocgenError(problems)
    return loaded


def load_case(path: str | Path, *, law: Law | None = None) -> Case:
    """Read and validate a case file."""
    data = read_yaml_mapping(path)
    return case_from_data(data, file=path, law=law)
