"""Builders for the conditions library and linter tests.

Cases are built from one clean, fictional base case: each test changes exactly the thing
it is about, so a finding can only come from the rule under test.
"""

from __future__ import annotations

import copy
import itertools
import shutil
from pathlib import Path
from typing import Any

from docgen.case import Case, case_from_data
from docgen.conditions import LIBRARY_ROOT, Library, load_library, shipped_library
from docgen.lint import Finding

BASE_CASE: dict[str, Any] = {
    "schema_version": 1,
    "case_id": "TST-LINT-0001",
    "managing_force": "WYP",
    "offender_manager": {
        "name": "Officer Placeholder",
        "role": "Lifetime Offender Manager",
        "phone": "01632 960999",
        "email": "lom@example.police.uk",
    },
    "subject": {
        "given_names": "Casey",
        "family_name": "EXAMPLECASE",
        "date_of_birth": "1990-02-01",
        "address": {"lines": ["1 Test Lane", "Exampleford"], "postcode": "ZZ9 9ZZ"},
        "pnc": "2010/0000009Z",
    },
    "convictions": [
        {
            "id": "C1",
            "offence": "Conspiracy to supply a controlled drug of Class A",
            "statute": "Criminal Law Act 1977 s.1",
            "court": "Crown Court at Exampleford",
            "convicted_on": "2025-03-03",
            "sentenced_on": "2025-04-04",
            "sentence": "5 years' imprisonment",
            "schedule1_heading": "drug-trafficking",
        }
    ],
    "order": {
        "status": "made",
        "court": "Crown Court at Exampleford",
        "made_on": "2025-04-04",
        "start_rule": "on_release",
        "release_date": "2027-06-01",
        "duration_years": 5,
    },
    "terms": [],
}


def answers_for(code: str, version: str | None = None) -> dict[str, str]:
    library = shipped_library()
    clause = library.find(f"{code}@{version}") if version else library.current(code) or library.versions(code)[-1]
    return {q.key: f"Fictional answer about {q.key} for this test case." for q in clause.guidance.questions}


_REFERENCES = itertools.count(1)


def term(code: str, params: dict[str, Any] | None = None, *, version: str | None = None, **extra: Any) -> dict[str, Any]:
    """A term with its own case-specific justification and every drafter question answered."""
    entry: dict[str, Any] = {
        "clause": code,
        "params": params or {},
        "justification": {
            "link": (
                f"In this fictional case the subject's own conduct shows why {code} is needed "
                f"(fictional reference {next(_REFERENCES)})."
            ),
            "evidence": [f"Exhibit ZZ/{code}"],
            "proportionality": f"{code} goes no further than the fictional facts of this case require.",
            "answers": answers_for(code, version),
        },
        **extra,
    }
    if version is not None:
        entry["version"] = version
    return entry


def build_case(*terms: dict[str, Any], **changes: Any) -> Case:
    """A valid case from the base, with the given terms and top-level changes."""
    data = copy.deepcopy(BASE_CASE)
    data["terms"] = list(terms)
    for key, value in changes.items():
        data[key] = value
    return case_from_data(data)


def with_order(case: Case, **changes: Any) -> Case:
    """The case with order fields changed, skipping the validation that would refuse them."""
    return case.model_copy(update={"order": case.order.model_copy(update=changes)})


def with_term(case: Case, index: int, **changes: Any) -> Case:
    terms = list(case.terms)
    terms[index] = terms[index].model_copy(update=changes)
    return case.model_copy(update={"terms": terms})


def bare_library(root: Path) -> Path:
    """A library folder at ``root`` with the shipped schedules (definitions, categories), its
    clause folders and no clause in them, for a test that seeds its own clauses."""
    root.mkdir()
    for schedule in LIBRARY_ROOT.glob("*.yaml"):
        shutil.copy(schedule, root / schedule.name)
    for folder in LIBRARY_ROOT.iterdir():
        if folder.is_dir():
            (root / folder.name).mkdir()
    return root


def write_clause(root: Path, folder: str, name: str, text: str) -> Path:
    path = root / folder / name
    path.write_text(text, encoding="utf-8")
    return path


# A minimal valid clause record; tests change one line of it at a time.
MINIMAL_CLAUSE = """\
code: ITM-900
version: "1.0.0"
status: approved
title: Test clause
category: items
subject: test-subject
parameters:
  - name: notify_days
    type: integer
    label: Days allowed
    min: 1
    max: 7
    default: 3
wording: |
  The subject must notify the police in writing, at the notification address, within
  {{ notify_days|plural("day") }} of acquiring any vehicle.
plain_words: Tell the police in writing within {{ notify_days|plural("day") }}.
definitions: [the-police, in-writing, notification-address, day, vehicle]
guidance:
  purpose: A fictional purpose.
  evidence: Fictional evidence.
  proportionality: [Fictional point.]
  questions:
    - {key: why, ask: Why?}
future_proofing:
  - {part: the whole term, closes: a fictional loophole}
mirror:
  wording: You must tell your supervising officer within {{ notify_days|plural("day") }}.
monitoring:
  how: Fictional checks.
  breach: A fictional breach.
"""


def lint_clause(library: Library, ref: str) -> list[Finding]:
    """The linter's findings on one clause version, without linting the rest of the library.

    A clause's findings depend only on itself, the other versions of its code, the versions
    its ``replaced_by`` names, the definitions schedule and the kinds of order, so the library
    is narrowed to those; test_lint_rules checks that this gives exactly what linting the
    whole library gives for the clause (a whole-library lint takes seconds).
    """
    from docgen.lint import lint_library

    code = ref.split("@", 1)[0]
    kept = {c.ref: c for c in library.versions(code)}
    for clause in list(kept.values()):
        target = library.find(clause.replaced_by) if clause.replaced_by else None
        if target is not None:
            kept[target.ref] = target
    narrowed = Library(library.root, list(kept.values()), library.definitions, library.categories, library.kinds)
    return [f for f in lint_library(narrowed) if f.clause == ref]


def load_with(root: Path, text: str, name: str = "ITM-900.yaml") -> Library:
    write_clause(root, "items", name, text)
    return load_library(root)


# A second-edition record that meets every drafting point; each test in
# test_drafting_points.py breaks one point and expects that point's finding.
SECOND_EDITION_CLAUSE = """\
code: ITM-901
version: "2.0.0"
status: approved
title: Test clause, second edition
category: items
subject: test-subject-two
legal_basis: Serious Crime Act 2007 s.5(3)(e)
parameters:
  - name: notify_days
    type: integer
    label: Days allowed
    min: 1
    max: 7
    default: 3
wording: |
  The subject must notify the police in writing, at the notification address, within
  {{ notify_days|plural("day") }} of any vehicle coming into their possession or control.

  The subject must notify the police in writing, at the notification address, within
  {{ notify_days|plural("day") }} of the order coming into force, of every vehicle in their
  possession or control on that day.

  This term does not apply to a vehicle hired for one day or less.
plain_words: >-
  Tell the police in writing within {{ notify_days|plural("day") }} about any vehicle you
  have. A vehicle hired for one day or less is not covered.
definitions: [the-police, in-writing, notification-address, day, vehicle, possession-or-control]
startup: >-
  Within {{ notify_days|plural("day") }} of the order coming into force, notify the police in
  writing of every vehicle in your possession or control on that day.
exceptions:
  - key: short-hire
    marker: a vehicle hired for one day or less
remedy:
  ask: >-
    Notify the police in writing, at the notification address, of every vehicle you have
    not yet notified.
examples:
  - scenario: Buys a car and writes to the police two days later.
    breach: false
    why: The notice came within the period allowed.
  - scenario: Hires a van for an afternoon to move house.
    breach: false
    why: A vehicle hired for one day or less is not covered.
    exception: short-hire
  - scenario: Keeps a partner's car at home for a month without telling the police.
    breach: true
    why: The car was in the subject's control and was never notified.
guidance:
  purpose: A fictional purpose.
  evidence: >-
    Fictional evidence that vehicles registered to other people carried the goods, with
    dates, registration numbers and the exhibits that show it.
  proportionality: [Fictional point.]
  questions:
    - {key: why, ask: Why?}
future_proofing:
  - part: '"coming into their possession or control" reaches vehicles registered to others'
    closes: a fictional loophole
mirror:
  wording: >-
    You must tell your supervising officer within {{ notify_days|plural("day") }} of any
    vehicle coming into your possession or control, other than a vehicle hired for one day or less.
monitoring:
  how: Checks of vehicle registration and insurance records against the notices received.
  breach: A vehicle registered or insured to the subject, or seen in their use, that was not notified in time.
"""
