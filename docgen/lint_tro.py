"""Travel Restriction Order eligibility, checked when a case uses a TRO term.

A TRO rests on the Criminal Justice and Police Act 2001 s.33: the court may make one only
on a conviction for a post-commencement drug trafficking offence (one within s.34, committed
after s.33 came into force) for which it thinks 4 years' imprisonment or more appropriate.
The offences, the commencement date and the 4 years come from the law data.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .conditions import Library
from .law import Law, OffenceList
from .findings import Finding
from .lint import finding

#: The rule's name in findings. It is reported after the rules listed in ``lint.RULES``.
RULE = "tro-eligibility"

_SECTION = re.compile(r"\d+[A-Z]?(?:\([0-9a-z]+\))*")


def tro_findings(case: Any, library: Library, law: Law) -> list[Finding]:
    """Findings for TRO terms whose case shows no conviction the court could base a TRO on."""
    tro = law.tro
    terms = []
    for term in case.terms:
        clause = library.find_for_term(term)
        if clause is not None and clause.subject.startswith("tro-"):
            terms.append((term, clause))
    if not terms:
        return []
    months = tro.qualifying_sentence_years * 12
    start = tro.commenced.isoformat()
    out: list[Finding] = []
    dated = False
    for term, clause in terms:
        committed = term.params.get("offence_committed_on")
        if committed is None:
            continue
        try:
            day = committed if isinstance(committed, dt.date) else dt.date.fromisoformat(str(committed).strip())
        except ValueError:
            continue  # the parameters rule reports a date that is not YYYY-MM-DD
        dated = True
        if day < tro.commenced:
            out.append(
                finding(
                    RULE, "error", term.number,
                    f"the offence was committed on {day.isoformat()}, before {tro.power} came into force on {start}; "
                    "a TRO needs a post-commencement drug trafficking offence (s.34)",
                    "Remove the TRO term; consider a travel term of the serious crime prevention order instead.",
                    clause.ref,
                )
            )
    reasons = []
    qualifying = []
    for conviction in case.convictions:
        why = []
        if not any(_within(conviction.statute, entry) for entry in tro.drug_trafficking_offences):
            why.append(f"{conviction.statute} is not a drug trafficking offence listed in s.34")
        if conviction.convicted_on < tro.commenced:
            why.append(f"convicted on {conviction.convicted_on.isoformat()}, so the offence was committed before {start}")
        if conviction.custody_months is None or conviction.custody_months < months:
            held = "no custodial term" if conviction.custody_months is None else f"{conviction.custody_months} months"
            why.append(f"{held} recorded, under {tro.qualifying_sentence_years} years")
        if why:
            reasons.append(f"{conviction.id}: " + "; ".join(why))
        else:
            qualifying.append(conviction)
    first, clause = terms[0]
    if not qualifying:
        listed = " | ".join(reasons) or "the case records no convictions"
        out.append(
            finding(
                RULE, "error", first.number,
                f"{clause.ref} is a Travel Restriction Order term, but no conviction qualifies under {tro.power} "
                f"(a drug trafficking offence within s.34, committed on or after {start}, with {tro.qualifying_sentence_years} "
                f"years' custody or more): {listed}",
                "Record the qualifying conviction (statute with its subsection, and custody_months), or remove the TRO terms.",
                clause.ref,
            )
        )
    elif not dated:
        out.append(
            finding(
                RULE, "warning", first.number,
                f"the case does not show when the drug trafficking offence was committed; a TRO needs one committed on or after {start}",
                "Use the current version of the TRO prohibition clause, which records the date the offence was committed.",
                clause.ref,
            )
        )
    return out


def _within(statute: str, entry: OffenceList) -> bool:
    """Whether a conviction's statute names a provision of ``entry`` (inchoate forms included)."""
    for part in statute.split(";"):
        at = part.lower().find(entry.act.lower())
        if at < 0:
            continue
        rest = part[at + len(entry.act):]
        for section in _SECTION.findall(rest):
            for listed in entry.sections:
                if section == listed or section.startswith(listed + "(") or ("(" in listed and section.startswith(listed)):
                    return True
    return False
