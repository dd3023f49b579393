"""Findings: what a check reports without stopping, one shape for every checker.

The clause and case linter, the template checker, ``register verify``, ``bundle verify``
and a draft's annex of things to resolve all report the same thing: which rule found it,
how serious it is, where it is and what is wrong (and, where there is one, how to fix it).
Each checker fills in the parts of the location it knows and keeps its own output format;
a :class:`~docgen.errors.Problem` is different: it stops the command.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, kw_only=True)
class Finding:
    """One thing a check found: rule, severity, where (as precisely as known), what, the fix."""

    message: str
    severity: Severity = "error"
    rule: str = ""  # the rule or check that found it
    fix: str = ""  # how to put it right, where the checker can say
    # where it is; a checker sets only what it knows
    file: str = ""  # a file, shown as the user named it
    line: int = 0  # 1-based line in ``file``; 0 when not line-based
    field: str = ""  # a field, reference or part of a store ("head", "trigger x")
    term: int | None = None  # a case's term number
    clause: str | None = None  # a clause record, ``CODE@version``
    pages: tuple[int, int] | None = None  # 1-based physical pages, first and last

    @property
    def check(self) -> str:
        """The rule under the name bundle reports and draft annexes (and forces' templates) use."""
        return self.rule

    def where(self) -> str:
        """File and line, then field, term or clause: the parts that are known, joined."""
        parts = [f"{self.file}:{self.line}" if self.file and self.line else self.file, self.field]
        if self.term is not None:
            parts.append(f"term {self.term}")
        parts.append(self.clause or "")
        return ": ".join(p for p in parts if p)

    def __str__(self) -> str:
        tag = "warning: " if self.severity == "warning" else ""
        where = self.where()
        return f"{where}: {tag}{self.message}" if where else f"{tag}{self.message}"


def exit_code(findings: list[Finding] | tuple[Finding, ...]) -> int:
    """0 when clean, 1 when there are only warnings, 2 when there is any error."""
    severities = {f.severity for f in findings}
    return 2 if "error" in severities else 1 if severities else 0
