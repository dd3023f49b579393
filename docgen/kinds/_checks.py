"""The refusal every kind shares: what the case lacks, each named by its field.

A kind checks the case before any template runs and refuses with every problem at once,
so the user fixes them in one pass and nothing is written. The checks stay structured
(field, message) until they become :class:`~docgen.errors.Problem` records here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..case import Case
from ..errors import DocgenError, Problem


@dataclass(frozen=True)
class Check:
    """One thing a document needs that the case does not give, located by field."""

    field: str
    message: str


def refuse(case: Case, checks: Iterable[Check]) -> None:
    """Raise one error listing every check that failed, naming the case file; nothing when none did."""
    found = list(checks)
    if found:
        file = str(case.source or "")
        raise DocgenError([Problem(file, c.field, c.message) for c in found])
