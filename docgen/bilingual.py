"""Free text typed into a case in English, or in English and Welsh.

A value that a letter to the subject prints (an event's summary, the action required, a
court's name, an officer's rank and role) may be written once, as before, or in both
languages::

    summary: Released on licence; terms explained and acknowledged.
    summary:
      en: Released on licence; terms explained and acknowledged.
      cy: Rhyddhawyd ar drwydded; esboniwyd yr amodau a chawsant eu cydnabod.

Either way the value is a :class:`Words`: a ``str`` holding the English, so every English
document and every piece of code that reads the case sees plain text as before, with the
Welsh beside it. :func:`in_language` gives a copy of a case (or any model) with the Welsh
put in place of the English, which is what a Welsh document is built from.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel
from pydantic_core import core_schema

from .errors import FieldProblems

LANGUAGE_KEYS = ("en", "cy")


class Words(str):
    """English text, with its Welsh when the case gives it (``.cy``, else ``None``)."""

    cy: str | None

    def __new__(cls, english: str, cy: str | None = None) -> Words:
        self = super().__new__(cls, english)
        self.cy = cy
        return self

    @property
    def en(self) -> str:
        return str(self)

    def text(self, language: str) -> str:
        """The words in one language; English where no Welsh was given."""
        return self.cy if language == "cy" and self.cy is not None else str(self)

    def checked(self, check: Callable[[str], str]) -> Words:
        """Apply the case's text checks to each language ("cy: must not be empty")."""
        english = check(str(self))
        if self.cy is None:
            return Words(english)
        try:
            welsh = check(self.cy)
        except ValueError as exc:
            raise FieldProblems([("cy", str(exc))]) from None
        return Words(english, welsh)

    def __repr__(self) -> str:
        return f"Words({str(self)!r}, cy={self.cy!r})" if self.cy is not None else f"Words({str(self)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Words, (str(self), self.cy))

    @classmethod
    def parse(cls, value: Any) -> Words:
        if isinstance(value, Words):
            return value
        if isinstance(value, str):
            return cls(value)
        if isinstance(value, dict):
            unknown = sorted(str(k) for k in value if k not in LANGUAGE_KEYS)
            if unknown:
                raise ValueError(f"text in two languages takes the keys en and cy only, not {', '.join(unknown)}")
            missing = [k for k in LANGUAGE_KEYS if k not in value]
            if missing:
                raise ValueError(f"text in two languages needs both en and cy: {' and '.join(missing)} is missing")
            if not all(isinstance(value[k], str) for k in LANGUAGE_KEYS):
                raise ValueError("en and cy must each be text")
            return cls(value["en"], value["cy"])
        raise ValueError("must be text, or a mapping {en: ..., cy: ...}")

    def dump(self) -> str | dict[str, str]:
        """Plain text stays plain text, so cases that give no Welsh dump exactly as before."""
        return str(self) if self.cy is None else {"en": str(self), "cy": self.cy}

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.parse,
            serialization=core_schema.plain_serializer_function_ser_schema(lambda v: v.dump() if isinstance(v, Words) else v),
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        text = {"type": "string"}
        both = {"type": "object", "properties": {"en": text, "cy": text}, "required": ["en", "cy"], "additionalProperties": False}
        return {"anyOf": [text, both]}


def in_language(value: Any, language: str) -> Any:
    """``value`` with every :class:`Words` inside it replaced by its text in ``language``.

    Models are copied only where something changes, so an English document, or a case
    that gives no Welsh, reads the very same objects. Private attributes (a case's source
    file) travel with the copy.
    """
    if language != "cy":
        return value
    return _swap(value, language)


def _swap(value: Any, language: str) -> Any:
    if isinstance(value, Words):
        return value if value.cy is None else Words(value.cy)
    if isinstance(value, BaseModel):
        update = {}
        for name in type(value).model_fields:
            old = getattr(value, name)
            new = _swap(old, language)
            if new is not old:
                update[name] = new
        return value.model_copy(update=update) if update else value
    if isinstance(value, list):
        items = [_swap(v, language) for v in value]
        return items if any(a is not b for a, b in zip(items, value)) else value
    if isinstance(value, tuple):
        items = tuple(_swap(v, language) for v in value)
        return items if any(a is not b for a, b in zip(items, value)) else value
    if isinstance(value, dict):
        mapped = {k: _swap(v, language) for k, v in value.items()}
        return mapped if any(mapped[k] is not value[k] for k in value) else value
    return value


# --------------------------------------------------------------------------- one language


def for_language(case: Any, house: Any, language: str) -> tuple[Any, Any]:
    """The case and house style as a document in ``language`` prints them.

    For Welsh: each free text the case gives in both languages becomes its Welsh; the
    force's name, unit, signatory and the names of the courts come from the house style's
    ``cy`` names. A Welsh document never borrows the English of any of these: a name the
    house style lacks is an error naming the house-style file and the field to add.
    """
    if language != "cy":
        return case, house
    from .errors import DocgenError, Problem
    from .housestyle import WelshNames

    names = house.cy or WelshNames()
    where = str(house.source or "house style")
    problems: list[Problem] = []

    def need(value: Any, field: str, what: str) -> None:
        if value is None:
            problems.append(Problem(where, f"cy.{field}", f"a Welsh document prints {what} in Welsh: add it to the house style"))

    need(names.force_name, "force_name", f"the force's name ('{house.force_name}')")
    need(names.unit, "unit", f"the unit's name ('{house.unit}')")
    need(names.signatory, "signatory", f"the signatory's rank and role ('{house.signatory.rank}', '{house.signatory.role}')")
    case, missing = _welsh_courts(case, names.courts)
    for court in missing:
        problems.append(
            Problem(
                where,
                "cy.courts",
                f"a Welsh document prints the court '{court}' in Welsh: add it under cy.courts, "
                "or give the court in the case as {en: ..., cy: ...}",
            )
        )
    if problems:
        raise DocgenError(problems)
    assert names.signatory is not None
    welsh_house = house.model_copy(
        update={
            "force_name": names.force_name,
            "unit": names.unit,
            "signatory": house.signatory.model_copy(update={"rank": names.signatory.rank, "role": names.signatory.role}),
            "address": names.address or house.address,
            # the team mailbox is the same in both languages unless the Welsh names its own
            "notification_address": (
                names.notification_address.model_copy(
                    update={"email": names.notification_address.email or house.notification_address.email}
                )
                if names.notification_address
                else house.notification_address
            ),
        }
    )
    return in_language(case, language), welsh_house


def _welsh_courts(case: Any, courts: dict[str, str]) -> tuple[Any, list[str]]:
    """Give each court the case names only in English its Welsh name from the house style."""
    missing: list[str] = []

    def welsh(name: Any) -> Any:
        if not isinstance(name, Words) or name.cy is not None:
            return name
        if str(name) in courts:
            return Words(str(name), courts[str(name)])
        if str(name) not in missing:
            missing.append(str(name))
        return name

    update: dict[str, Any] = {"order": case.order.model_copy(update={"court": welsh(case.order.court)})}
    update["convictions"] = [c.model_copy(update={"court": welsh(c.court)}) for c in case.convictions]
    if getattr(case, "variation", None) is not None:
        update["variation"] = case.variation.model_copy(update={"court": welsh(case.variation.court)})
    return case.model_copy(update=update), missing
