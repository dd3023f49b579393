"""What an SCPO application needs before it may go to the CPS as final.

A final application is refused, with every reason at once, when the case records no
authorising prosecutor (an order applied for without proper CPS authority can be set
aside: R v Shirley [2022] EWCA Crim 475) or when the drafting linter reports an error,
which covers a term without a case-specific justification or evidence and a conviction
outside Schedule 1. A draft (``--draft``) is rendered anyway and lists every finding,
errors and warnings, in an annex.
"""

from __future__ import annotations

from dataclasses import dataclass

from typing import Any

from ...case import Application, Case, Event, Prosecutor
from ...findings import Finding
from .._checks import Check, refuse
from .._order_common import needs_terms, s5_kinds, schedule1_rows
from ..spec import KindContext, KindSpec, meaning

# the application comes before the order; once made, the issued copy is what packs carry
SPEC = KindSpec(
    title="SCPO application (draft for the CPS)",
    description="Application to the Crown Court for a Serious Crime Prevention Order on conviction (draft for the CPS)",
    abbrev="APP",
    states=("proposed", "authorised"),
    needs=("application", "authorising_prosecutor"),
    pack_position=20,
)


@dataclass(frozen=True, kw_only=True)
class Context(KindContext):
    """What the sCPO application (draft for the CPS) adds to its template."""

    application: Application = meaning("the application's background, risk and protection (case.application)")
    conviction_rows: list[dict] = meaning("one row per conviction for the Schedule 1 table")
    findings: list = meaning("the checker's findings on the terms, printed for the prosecutor")
    prosecutor: Prosecutor | None = meaning("the prosecutor who authorised the application")
    s5_kinds: list = meaning("the kinds of term section 5 of the Act allows")


def context(case: Case, event: Event | None, options: Any) -> Context:
    blocking = needs_terms(case, "application")
    if case.application is None:
        blocking.append(
            Check(
                "application",
                "the application needs this section (officer_in_case, background, risk, protection, duration_reason)",
            )
        )
    refuse(case, blocking)

    checks = authority(case)
    lint_findings = lint(case)
    if not getattr(options, "draft", False):
        refuse(case, checks + [_as_check(f) for f in lint_findings if f.severity == "error"])

    findings = [Finding(rule="authority", message=c.message, fix="Record order.authorising_prosecutor.") for c in checks]
    findings += lint_findings
    return Context(
        application=case.application,
        prosecutor=case.order.authorising_prosecutor,
        conviction_rows=schedule1_rows(case, options),
        s5_kinds=s5_kinds(),
        findings=findings,
    )


def authority(case: Case) -> list[Check]:
    """The one thing a final application needs that neither the case model nor the linter insists on."""
    if case.order.authorising_prosecutor is not None:
        return []
    return [
        Check(
            "order.authorising_prosecutor",
            "a final application needs the prosecutor who authorised it (name, role, authorised_on); "
            "an order made on an application without proper CPS authority can be set aside",
        )
    ]


def lint(case: Case) -> list[Finding]:
    from ...lint import lint_case

    return list(lint_case(case))


def _as_check(finding: Finding) -> Check:
    """A linter error as a refusal line: the term's field, the rule and the fix."""
    field = f"terms.{finding.term - 1}" if finding.term else "terms"
    label = f"term {finding.term}: " if finding.term else ""
    return Check(field, f"{label}{finding.message} [{finding.rule}]; fix: {finding.fix}")
