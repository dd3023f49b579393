"""Bundle profiles: the numbering and layout rules a court's guidance asks for.

The rules are data (``profiles.yaml``) so that a change in guidance is an edit to a file
with a version, never an ``if`` buried in the builder.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict

from ..errors import DocgenError, Problem

DEFAULT_PROFILE = "judiciary-2021"
_DATA = Path(__file__).with_name("profiles.yaml")


class Profile(BaseModel):
    """How one kind of bundle numbers and lays out its pages."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    description: str
    numbering: Literal["continuous", "sections"]
    landscape: Literal["keep", "rotate"]
    volumes: Literal["restart", "continue"]
    ocr: bool = False  # add a text layer to pages without one (see docgen.bundle.ocr)

    @property
    def prefixed(self) -> bool:
        """True when page numbers carry their section letter (A1, B12)."""
        return self.numbering == "sections"


@cache
def all_profiles() -> dict[str, Profile]:
    """Every profile shipped with the package, by name."""
    raw = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    return {name: Profile(name=name, **body) for name, body in raw["profiles"].items()}


def get_profile(name: str, *, file: str = "", field: str = "profile") -> Profile:
    """The profile called ``name``, or an error that lists the ones that exist."""
    profiles = all_profiles()
    try:
        return profiles[name]
    except KeyError:
        known = ", ".join(sorted(profiles))
        raise DocgenError([Problem(file, field, f"unknown profile {name!r}; choose one of: {known}")]) from None
