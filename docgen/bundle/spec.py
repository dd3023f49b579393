"""What a bundle holds: the typed description the builder works from.

A bundle spec comes from a YAML file (``load_spec``) or is made in Python by code that
gathers a case's issued documents. Either way the builder sees the same models, so the
YAML format and the Python API cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..containment import OutsideRoots, contained, spec_roots
from ..errors import DocgenError, Problem
from ..yamlio import read_yaml_mapping
from .profiles import DEFAULT_PROFILE, all_profiles

DEFAULT_MARKING = "OFFICIAL-SENSITIVE"


def _one_line(value: str) -> str:
    value = " ".join(value.split())
    if not value:
        raise ValueError("must not be empty")
    return value


class DocumentSpec(BaseModel):
    """One input file and how the index describes it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    file: Path
    title: str
    date: dt.date | None = None
    description: str = ""
    name: str | None = Field(default=None, description="name recorded in the manifest; defaults to the file name")

    _clean_title = field_validator("title")(_one_line)

    @field_validator("description")
    @classmethod
    def _clean_description(cls, value: str) -> str:
        return " ".join(value.split())

    @property
    def manifest_name(self) -> str:
        """The name the manifest records: never a folder path from this machine."""
        return self.name or self.file.name


class SectionSpec(BaseModel):
    """A titled group of documents, in the order they appear in the bundle."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str
    documents: list[DocumentSpec] = Field(min_length=1)

    _clean_title = field_validator("title")(_one_line)


class BundleSpec(BaseModel):
    """Everything needed to build one bundle."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str
    case: str
    court: str | None = None
    hearing_date: dt.date | None = None
    reference: str | None = None
    prepared_by: str | None = None
    profile: str = DEFAULT_PROFILE
    marking: str = DEFAULT_MARKING
    locale: str = "en_GB"
    sections: list[SectionSpec] = Field(min_length=1)

    _clean = field_validator("title", "case", "marking")(_one_line)

    @field_validator("locale")
    @classmethod
    def _known_locale(cls, value: str) -> str:
        try:
            Locale.parse(value)
        except (ValueError, UnknownLocaleError):
            raise ValueError(f"unknown locale {value!r}; use a code such as en_GB or cy_GB") from None
        return value

    @field_validator("profile")
    @classmethod
    def _known_profile(cls, value: str) -> str:
        if value not in all_profiles():
            known = ", ".join(sorted(all_profiles()))
            raise ValueError(f"unknown profile {value!r}; choose one of: {known}")
        return value

    def documents(self) -> list[DocumentSpec]:
        """Every document in bundle order."""
        return [doc for section in self.sections for doc in section.documents]


def _problems(exc: ValidationError, file: str) -> list[Problem]:
    problems = []
    for err in exc.errors():
        field = ""
        for part in err["loc"]:
            field += f"[{part}]" if isinstance(part, int) else (f".{part}" if field else str(part))
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            message = "unknown field (check the spelling; see docs/bundles.md)"
        problems.append(Problem(file, field, message))
    return problems


def spec_from_mapping(data: dict[str, Any], *, base: Path, file: str = "") -> BundleSpec:
    """Validate a parsed spec; document paths are taken relative to ``base``."""
    try:
        spec = BundleSpec.model_validate(data)
    except ValidationError as exc:
        raise DocgenError(_problems(exc, file)) from None
    _check_contained(spec, base, file)
    sections = [
        section.model_copy(
            update={"documents": [doc.model_copy(update={"file": base / doc.file}) for doc in section.documents]}
        )
        for section in spec.sections
    ]
    return spec.model_copy(update={"sections": sections})


def _check_contained(spec: BundleSpec, base: Path, file: str) -> None:
    """Every document must stay inside the spec's folder or DOCGEN_EVIDENCE_ROOT (after symlinks)."""
    roots = spec_roots(Path(file) if file else base / "spec.yaml")
    problems = []
    for s, section in enumerate(spec.sections):
        for d, doc in enumerate(section.documents):
            try:
                contained(base, doc.file, roots)
            except OutsideRoots as exc:
                problems.append(Problem(file, f"sections[{s}].documents[{d}].file", f"{doc.file} {exc}"))
    if problems:
        raise DocgenError(problems)


def load_spec(path: str | Path) -> BundleSpec:
    """Read a bundle spec YAML file; paths inside it are relative to the file itself."""
    path = Path(path)
    return spec_from_mapping(read_yaml_mapping(path), base=path.parent, file=str(path))
