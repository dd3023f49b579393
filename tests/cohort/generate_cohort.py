"""A generated cohort of fictional cases over five years, to build the performance report from.

Every name, number and address is invented and obviously so ("Cohort Subject", postcodes
in the ZZ area). The same seed always gives the same cases, so a report built from them
is the same every time. Run as a script to write the cases as YAML files:

    python tests/cohort/generate_cohort.py OUT_FOLDER [--count 500] [--seed 14]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path
from typing import Any

FORCES = ("MPS", "WYP", "GMP", "LAN", "NWP")
FIRST = dt.date(2020, 1, 1)
LAST = dt.date(2024, 12, 31)
CATEGORIES = ("arrest", "seizure", "asset_recovery", "premises_closed", "business_disrupted", "travel_prevented", "licence_refused", "other")


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, max(0, (last - first).days)))


class _History:
    """Events appended in date order, each with the next id."""

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []

    def add(self, type_: str, date: dt.date, summary: str, **fields: Any) -> str:
        event_id = f"EV-{len(self.events) + 1:03d}"
        self.events.append({"id": event_id, "type": type_, "date": date, "summary": summary, "by": "Cohort Officer", **fields})
        return event_id


def generate_case(n: int, rng: random.Random) -> dict[str, Any]:
    force = FORCES[n % len(FORCES)]
    convicted = _day(rng, dt.date(2019, 6, 1), dt.date(2024, 6, 30))
    sentenced = convicted + dt.timedelta(days=rng.randint(10, 60))
    hearing = sentenced
    fate = rng.random()
    status = "made" if fate < 0.88 else "proposed"
    history = _History()
    order: dict[str, Any] = {
        "status": status,
        "court": "Crown Court at Cohortford",
        "hearing_on": hearing,
        "start_rule": "on_release",
        "duration_years": rng.randint(2, 5),
        "authorising_prosecutor": {"name": "Cohort Prosecutor", "role": "Crown Prosecutor", "authorised_on": hearing - dt.timedelta(days=rng.randint(7, 40))},
    }
    custody = rng.randint(4, 48)
    if status == "made":
        order["made_on"] = hearing
        release = sentenced + dt.timedelta(days=custody * 30)
        if release <= LAST:
            order["release_date"] = release
            _managed(history, rng, release)
    elif fate > 0.94:
        history.add("refusal", hearing, "The court refused the application.")
    case: dict[str, Any] = {
        "schema_version": 1,
        "case_id": f"{force}-COH-{n:04d}",
        "managing_force": force,
        "offender_manager": {"name": f"Cohort Officer {n:04d}", "role": "Offender manager", "phone": "01632 960999", "email": "cohort.officer@example.police.uk"},
        "subject": {
            "given_names": "Cohort Subject",
            "family_name": f"NUMBER{n:04d}",
            "date_of_birth": dt.date(1970 + n % 25, 1 + n % 12, 1 + n % 28),
            "address": {"lines": [f"{n} Cohort Street", "Cohortford"], "postcode": f"ZZ{n % 90 + 10} 9ZZ"},
            "pnc": f"20{10 + n % 10}/{n:07d}Z",
        },
        "convictions": [
            {
                "id": "C1", "offence": "Conspiracy to supply a controlled drug", "statute": "Criminal Law Act 1977 s.1",
                "court": "Crown Court at Cohortford", "convicted_on": convicted, "sentenced_on": sentenced,
                "sentence": f"{custody} months' imprisonment", "custody_months": custody,
            }
        ],
        "order": order,
        "terms": [{"clause": "COM-001", "params": {"notify_days": 3}}],
        "history": history.events,
    }
    transfer = next((e for e in history.events if e["type"] == "transfer"), None)
    if transfer is not None:
        case["transfers"] = [{
            "event": transfer["id"], "to_force": FORCES[(n + 1) % len(FORCES)], "moving_on": transfer["date"],
            "receiving_contact": {"name": "Cohort Receiver", "role": "Offender manager", "organisation": "Receiving force"},
        }]
    return case


def _managed(history: _History, rng: random.Random, release: dt.date) -> None:
    """The life of an order after release: visits, failures and what came of them."""
    history.add("release", release, "Released on licence; terms explained.")
    day = release + dt.timedelta(days=rng.choice((0, 1, 1, 2, 3, 5, 8, 12, 20)))
    if day > LAST:
        return
    history.add("contact", day, "First home visit.")
    level_index = 0
    while True:
        day += dt.timedelta(days=rng.randint(40, 400))
        if day > LAST:
            return
        roll = rng.random()
        if roll < 0.45:
            history.add("compliance_check", day, "Scheduled compliance check; nothing found.")
        elif roll < 0.75 and level_index < 3:
            level = ("advisory", "first", "final")[level_index]
            level_index += 1
            failure = history.add("non_compliance", day, "A device was not notified in time.", term=1, level=level)
            if rng.random() < 0.2:
                history.add("caution", day + dt.timedelta(days=rng.randint(1, 20)), "Accepted a caution.", refers_to=[failure])
        elif roll < 0.88:
            back = _breach(history, rng, day)
            if back is None:
                return  # still in custody at the end of the period
            day = back
        elif roll < 0.96:
            history.add("disruption", day, "Proactive operation.", category=rng.choice(CATEGORIES))
        else:
            history.add("transfer", day, "Moved to another force's area.")
            return


def _breach(history: _History, rng: random.Random, day: dt.date) -> dt.date | None:
    """A breach and what came of it; the day the subject is back in the community (None: not by the end)."""
    breach = history.add("breach", day, "Undeclared devices found at the home address.", term=1)
    custody_until = day
    history.add("interview", day, "Interviewed under caution.", refers_to=[breach])
    if rng.random() < 0.4:
        outcome = rng.choice(("recalled", "not_recalled"))
        history.add("recall_decision", day + dt.timedelta(days=1), "Recall decided.", refers_to=[breach], outcome=outcome)
        if outcome == "recalled":
            custody_until = day + dt.timedelta(days=rng.randint(28, 180))
    if rng.random() < 0.7:
        charge = history.add("charge", day + dt.timedelta(days=2), "Charged under s.25.", refers_to=[breach])
        heard = day + dt.timedelta(days=rng.randint(30, 150))
        if heard <= LAST:
            outcome = rng.choices(("convicted", "acquitted", "withdrawn"), (8, 1, 1))[0]
            extra: dict[str, Any] = {"plea": rng.choice(("guilty", "guilty", "not guilty")), "outcome": outcome}
            if outcome == "convicted":
                months = rng.choice((0, 0, 2, 4, 6, 8, 10, 12, 14, 18, 24, 30, 36))
                extra["sentence"] = f"{months} months' imprisonment" if months else "Community order"
                extra["custody_months"] = months
                custody_until = max(custody_until, heard + dt.timedelta(days=months * 15))  # released at the halfway point
            history.add("court_result", heard, "Court result.", refers_to=[charge], **extra)
    if custody_until == day:
        return day
    custody_until = max(custody_until, history.events[-1]["date"])  # the history stays in date order
    if custody_until > LAST:
        return None
    history.add("release", custody_until, "Released from custody after the breach.")
    return custody_until


def cohort(count: int = 500, seed: int = 14) -> list[dict[str, Any]]:
    """``count`` fictional cases, the same for the same seed."""
    rng = random.Random(seed)
    return [generate_case(n, rng) for n in range(1, count + 1)]


def main() -> None:
    import yaml

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for case in cohort(args.count, args.seed):
        path = args.out / f"{case['case_id'].lower()}.yaml"
        path.write_text("# Generated fictional case for the performance report.\n" + yaml.safe_dump(case, sort_keys=False, allow_unicode=True), encoding="utf-8")


if __name__ == "__main__":
    main()
