"""What a variation application needs: the order as it stands and each change to it.

Each change (add, vary, remove) is resolved against the conditions library so that the
current and the proposed wording can sit side by side. A final application is refused
when the order has not been made, when a change names a term or clause that does not
exist, changes nothing, runs outside the order, or leaves an added or varied term
without a case-specific justification, or when the linter finds an error in a proposed
term. A draft (``--draft``) renders anyway and lists those findings in an annex, except
for faults that leave nothing to print (an unknown clause, a change that changes nothing).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...case import Case, Conviction, Event, Justification, Term, TermChange, Variation
from ...errors import DocgenError, Problem
from ...findings import Finding
from ...law import law_on, shipped_law
from .._checks import Check, refuse
from .._order_common import library, locale_of, s5_kinds, schedule1_rows
from ..spec import KindContext, KindSpec, meaning

# a court varies an order it has made, before or after release
SPEC = KindSpec(
    title="Application to vary the order",
    description="Application to vary a Serious Crime Prevention Order (s.17, or s.20 on a later conviction), old wording beside new",
    abbrev="VAR",
    states=("made", "live", "varied"),
    needs=("variation",),
    pack_position=50,
)


@dataclass(frozen=True)
class ChangeView:
    """One change as the template lays it out: the term before, the term after, and why."""

    action: str
    number: int
    before: Any
    after: Any
    reason: str
    justification: Justification | None
    dates_change: bool
    differences: tuple[str, ...] = ()  # what changes, in words a court reads ("Cash limit: £2,500.00 to £1,500.00")


@dataclass(frozen=True)
class Source:
    """One row of the annex tracing wording to the library, for a current or proposed term."""

    number: str
    code: str
    version: str
    title: str


@dataclass(frozen=True, kw_only=True)
class Context(KindContext):
    """What the application to vary the order adds to its template."""

    changes: list = meaning("the changes to the terms the variation asks for")
    findings: list = meaning("the checker's findings on the terms, printed for the prosecutor")
    later_conviction: Conviction | None = meaning("the conviction the variation follows, if any")
    s5_kinds: list = meaning("the kinds of term section 5 of the Act allows")
    sources: list = meaning("where each change's wording comes from")
    variation: Variation = meaning("the variation applied for (case.variation)")


def context(case: Case, event: Event | None, options: Any) -> Context:
    variation = case.variation
    blocking: list[Check] = []
    if variation is None:
        blocking.append(Check("variation", "the variation application needs this section (section, court, applicant, grounds, changes)"))
    if case.order.status != "made":
        blocking.append(Check("order.status", f"is '{case.order.status}'; only an order that has been made can be varied"))
    refuse(case, blocking)
    assert variation is not None

    locale = locale_of(options)
    next_number = len(case.terms)
    changes: list[ChangeView] = []
    proposed: dict[int, Term] = {}
    for index, change in enumerate(variation.changes):
        where = f"variation.changes.{index}"
        if change.action == "add":
            next_number += 1
            number = next_number
            before_term = None
        else:
            assert change.term is not None  # the case model insists on it
            number = change.term
            before_term = case.term(number)
        after_term = None if change.action == "remove" else proposed_term(change, before_term, number)
        try:
            before = _view(before_term, number, locale, f"terms.{number - 1}") if before_term else None
            after = _view(after_term, number, locale, where) if after_term else None
        except DocgenError as exc:
            blocking.extend(Check(p.field, p.message) for p in exc.problems)
            continue
        if after_term is not None:
            proposed[number] = after_term
        if before and after and _same(before, after):
            blocking.append(Check(where, f"changes nothing: the proposed term {number} is the same as the current one"))
        blocking.extend(_outside_the_order(case, where, change))
        changes.append(
            ChangeView(
                action=change.action,
                number=number,
                before=before,
                after=after,
                reason=change.reason,
                justification=after_term.justification if after_term else None,
                dates_change=bool(before and after and (before.starts_on, before.ends_on) != (after.starts_on, after.ends_on)),
                differences=_differences(before_term, after_term, before, after, locale),
            )
        )
    blocking.extend(_applicant(case, options))
    refuse(case, blocking)

    removed = {c.number for c in changes if c.action == "remove"}
    lint_findings = [f for f in _lint(case, proposed, removed) if f.term in proposed]
    index_of = {change.number: i for i, change in enumerate(changes)}
    checks = [_as_check(index_of, f) for f in lint_findings if f.severity == "error"]
    if not getattr(options, "draft", False):
        refuse(case, checks)

    conviction = next((row for row in schedule1_rows(case, options) if row["conviction"].id == variation.conviction), None)
    return Context(
        variation=variation,
        changes=changes,
        later_conviction=conviction,
        s5_kinds=s5_kinds(),
        sources=_sources(changes),
        findings=lint_findings,
    )


def _same(before: Any, after: Any) -> bool:
    """True when a change would leave the term's wording, source and dates exactly as they are."""
    keys = ("code", "version", "wording", "starts_on", "ends_on")
    return all(getattr(before, k) == getattr(after, k) for k in keys)


def _applicant(case: Case, options: Any) -> list[Check]:
    """The applicant must be an authority the Act allowed to apply on the document's date
    (s.8): the police prepare the application but do not make it."""
    assert case.variation is not None
    date = getattr(options, "date", None) or case.document_date
    law = law_on(date) if date is not None else shipped_law()
    allowed = law.scpo.applicant
    if allowed.named_in(case.variation.applicant):
        return []
    names = " or ".join(f"the {n}" for n in (allowed.name, *allowed.others))
    return [
        Check(
            "variation.applicant",
            f"'{case.variation.applicant}' is not an authority that may apply: on {law.as_of.isoformat()} only "
            f"{names} may (Serious Crime Act 2007 s.{allowed.section}); name it, for example "
            f"'The {allowed.name}, through <the CPS area>'",
        )
    ]


def _outside_the_order(case: Case, where: str, change: TermChange) -> list[Check]:
    """A variation may move a term's dates within the order, never beyond it."""
    start, end = case.order.starts_on, case.order.expires_on
    checks = []
    for name in ("starts_on", "ends_on"):
        day = getattr(change, name)
        if day is not None and start is not None and end is not None and not start <= day <= end:
            checks.append(
                Check(
                    f"{where}.{name}",
                    f"{day.isoformat()} is outside the order ({start.isoformat()} to {end.isoformat()}); "
                    "a variation cannot extend the order",
                )
            )
    return checks


def proposed_term(change: TermChange, current: Term | None, number: int) -> Term:
    """The term as it would read after the change; a varied term keeps what the change leaves out."""
    if current is None:
        term = Term(
            clause=change.clause,
            version=change.version,
            params=change.params or {},
            starts_on=change.starts_on,
            ends_on=change.ends_on,
            justification=change.justification,
        )
        term._number = number
        return term
    clause = change.clause or current.clause
    if change.version is not None:
        version = change.version
    else:
        version = current.version if clause == current.clause else None
    return current.model_copy(
        update={
            "clause": clause,
            "version": version,
            "params": change.params if change.params is not None else current.params,
            "starts_on": change.starts_on or current.starts_on,
            "ends_on": change.ends_on or current.ends_on,
            "justification": change.justification or current.justification,
        }
    )


def _view(term: Term, number: int, locale: str, where: str) -> Any:
    """A term joined to its clause by the pipeline's own builder, in the document's language."""
    from ...pipeline import term_view

    try:
        return term_view(term, locale, number=number, library=library())
    except DocgenError as exc:
        raise DocgenError(
            [Problem("", f"{where}.{p.field}" if p.field else where, p.message) for p in exc.problems]
        ) from None


def _lint(case: Case, proposed: dict[int, Term], removed: set[int]) -> list[Finding]:
    """Lint the order as it would stand after the variation; findings keep the proposed numbers."""
    from ...lint import lint_case

    terms = [proposed.get(t.number, t) for t in case.terms if t.number not in removed]
    terms += [proposed[n] for n in sorted(proposed) if n > len(case.terms)]
    return list(lint_case(case.model_copy(update={"terms": terms})))


def _as_check(index_of: dict[int, int], finding: Finding) -> Check:
    """A linter error in a proposed term, located at the change that proposes it."""
    return Check(
        f"variation.changes.{index_of[finding.term]}",
        f"proposed term {finding.term}: {finding.message} [{finding.rule}]; fix: {finding.fix}",
    )


def _differences(before_term: Term | None, after_term: Term | None, before: Any, after: Any, locale: str) -> tuple[str, ...]:
    """Each value a varied term changes, with its label, as "label: old to new".

    The summary table would otherwise read "Cash limit | Cash limit" for a term whose
    limit is the whole point of the variation.
    """
    if before_term is None or after_term is None or before is None or after is None:
        return ()
    out: list[str] = []
    old_clause, new_clause = before.clause, after.clause
    if old_clause.code != new_clause.code:
        out.append(f"a different term: {before.title} to {after.title}")
        return tuple(out)
    old_values = old_clause.resolve(before_term.params)
    new_values = new_clause.resolve(after_term.params)
    for param in new_clause.parameters:
        old_param = old_clause.parameter(param.name)
        if old_param is None or param.name not in old_values:
            continue
        old_shown = old_param.present(old_values[param.name], locale)
        new_shown = param.present(new_values[param.name], locale)
        if old_shown != new_shown:
            shown = (lambda v: ", ".join(v) if isinstance(v, list) else str(v))
            out.append(f"{param.label}: {shown(old_shown)} to {shown(new_shown)}")
    if (before.starts_on, before.ends_on) != (after.starts_on, after.ends_on):
        out.append("the dates the term applies")
    if old_clause.version != new_clause.version:
        out.append("the wording, redrafted")
    return tuple(out)


def _sources(changes: list[ChangeView]) -> list[Source]:
    rows = []
    for change in changes:
        if change.before is not None:
            rows.append(Source(f"{change.number} (current)", change.before.code, change.before.version, change.before.title))
        if change.after is not None:
            label = "new" if change.action == "add" else "proposed"
            rows.append(Source(f"{change.number} ({label})", change.after.code, change.after.version, change.after.title))
    return rows


def demo_runs(case: Case) -> list[str | None]:
    """One application for a made order with a proposed variation; none otherwise."""
    return [None] if case.variation is not None and case.order.status == "made" else []
