"""The police forces of England and Wales, and what the register does for each, as data.

The list lives in ``docgen/data/forces.yaml`` so that a renamed force or a force that
moves to another regional unit is an edit to data, never to code.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..errors import DocgenError
from ..yamlio import pydantic_problems, read_yaml_mapping
from .references import check_pattern

FORCES_FILE = Path(__file__).resolve().parent.parent / "data" / "forces.yaml"
Code = Annotated[str, Field(pattern=r"^[A-Z]{2,6}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Settings(_Strict):
    """How the register numbers and schedules one force's orders."""

    reference_pattern: str
    review_every_months: Annotated[int, Field(ge=1, le=24)]
    final_checks_days_before_expiry: Annotated[int, Field(ge=1, le=365)]

    @model_validator(mode="after")
    def _pattern_is_usable(self) -> Settings:
        check_pattern(self.reference_pattern)
        return self


class Force(_Strict):
    code: Code
    name: str
    name_cy: str | None = None
    country: Literal["England", "Wales"]
    region: str
    reference_pattern: str | None = None
    review_every_months: int | None = None
    final_checks_days_before_expiry: int | None = None

    @property
    def welsh_language_standards(self) -> bool:
        """Forces in Wales write in Welsh to anyone who prefers it."""
        return self.country == "Wales"


class Rocu(_Strict):
    code: Code
    name: str
    forces: Annotated[list[Code], Field(min_length=1)]


class Forces(_Strict):
    """The directory: every force, every regional unit, and the register's defaults."""

    version: str
    verified: bool
    defaults: Settings
    forces: Annotated[list[Force], Field(min_length=1)]
    rocus: list[Rocu]

    @model_validator(mode="after")
    def _each_force_once_and_in_one_unit(self) -> Forces:
        codes = [f.code for f in self.forces]
        doubled = sorted({c for c in codes if codes.count(c) > 1})
        if doubled:
            raise ValueError(f"force codes used twice: {', '.join(doubled)}")
        members = [c for r in self.rocus for c in r.forces]
        unknown = sorted(set(members) - set(codes))
        twice = sorted({c for c in members if members.count(c) > 1})
        missing = sorted(set(codes) - set(members))
        for label, found in (("unknown forces in rocus", unknown), ("forces in two rocus", twice), ("forces in no rocu", missing)):
            if found:
                raise ValueError(f"{label}: {', '.join(found)}")
        for force in self.forces:
            self.settings_for(force.code)  # a bad override is refused on load, not on first use
        return self

    def get(self, code: str) -> Force:
        """The force with this code, or an error that says which codes exist."""
        for force in self.forces:
            if force.code == code:
                return force
        known = ", ".join(sorted(f.code for f in self.forces))
        raise DocgenError(f"'{code}' is not a known police force code; known codes: {known}", field="force")

    def rocu_of(self, code: str) -> Rocu:
        return next(r for r in self.rocus if code in r.forces)

    def settings_for(self, code: str) -> Settings:
        """The defaults with the force's own overrides applied; unknown codes get the defaults."""
        force = next((f for f in self.forces if f.code == code), None)
        if force is None:
            return self.defaults
        own = {
            name: getattr(force, name)
            for name in Settings.model_fields
            if getattr(force, name) is not None
        }
        return Settings.model_validate({**self.defaults.model_dump(), **own}) if own else self.defaults


def load_forces(path: Path | None = None) -> Forces:
    path = Path(path) if path else FORCES_FILE
    data = read_yaml_mapping(path)
    try:
        return Forces.model_validate(data)
    except ValidationError as exc:
        raise DocgenError(pydantic_problems(exc, file=path)) from None


@lru_cache(maxsize=1)
def shipped_forces() -> Forces:
    """The shipped directory, loaded once per process."""
    return load_forces()
