"""The law as data.

Durations, penalties and Schedule 1 headings change by statute; they live in a versioned
YAML file (``docgen/data/law.yaml``) so that code never hard-wires them.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

from .errors import DocgenError, Problem

LAW_FILE = Path(__file__).parent / "data" / "law.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Breach(_Strict):
    section: str
    offence: str
    indictment_max: str
    summary_max: str
    summary_max_before_2022_05_02: str
    verified: bool


class Scpo(_Strict):
    act: str
    min_subject_age: int
    max_order_years: int
    electronic_monitoring_max_months: int
    electronic_monitoring_note: str
    written_answers_only: bool
    breach: Breach


class Tro(_Strict):
    act: str
    sections: str
    min_years: int
    qualifying_sentence_years: int
    breach_indictment_max: str


class Heading(_Strict):
    code: str
    title: str


class Schedule1(_Strict):
    source: str
    verified: bool
    headings: list[Heading]

    def get(self, code: str) -> Heading | None:
        return next((h for h in self.headings if h.code == code), None)


class Law(_Strict):
    version: str
    as_of: dt.date
    source: str
    scpo: Scpo
    tro: Tro
    schedule1: Schedule1


def load_law(path: Path | None = None) -> Law:
    """Load and check a law file (the shipped one unless ``path`` is given)."""
    path = Path(path) if path else LAW_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return Law.model_validate(data)
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


@lru_cache(maxsize=1)
def shipped_law() -> Law:
    """The shipped law file, loaded once per process."""
    return load_law()
