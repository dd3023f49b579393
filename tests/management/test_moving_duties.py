"""The transfer letter's duties on moving come from what each clause record declares
(``on_moving``), never from the wording: the same duties as the wording names on every
sample and every shipped clause, and a force's own clause in other words is found."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from docgen.case import Case, load_case
from docgen.conditions import LIBRARY_ROOT, Library, load_library, shipped_library
from docgen.kinds.transfer_letter import handover, live_terms
from docgen.model import to_text
from tests.conditions.builders import MINIMAL_CLAUSE
from tests.conftest import SAMPLES
from tests.management.conftest import render_edited, sample_data

# An independent reading of the shipped wording, as the letter used to find these duties:
# a notice of any change of home address, and a listed "(x) the address where ..." detail
# of a term that asks for notice of any change to its details.
_HOME = re.compile(r"within \d+ days? of any change of home address")
_CHANGE = re.compile(r"within \d+ days? of any change to (?:those|these|the) details")
_DETAIL = re.compile(r"\(([a-z])\) the address (?:where|at which) ")
# what that reading missed: the record now declares them (each conditional or newly seen)
NEWLY_DECLARED = {"BUS-001@1.0.0", "BUS-001@2.0.0", "VEH-001@1.0.0", "VEH-001@2.0.0", "TRV-002@2.0.0"}


def by_wording(case: Case, live: list[int], library: Library) -> set[tuple[int, str | None]]:
    """(term, sub-item) of each duty on moving that the terms' wording names."""
    found: set[tuple[int, str | None]] = set()
    for term in case.terms:
        if term.number not in live:
            continue
        clause = library.for_term(term)
        wording = " ".join(clause.render_wording(term.params).split())
        if _HOME.search(wording):
            found.add((term.number, None))
        if _CHANGE.search(wording):
            found |= {(term.number, item) for item in _DETAIL.findall(wording)}
    return found


def declared(case: Case, live: list[int], library: Library, move) -> set[tuple[int, str | None]]:
    duties = handover.duties_on_moving(case, move, live, library)
    assert all(d.due == move.moving_on + dt.timedelta(days=3) for d in duties)  # every shipped duty here is 3 days
    return {(d.term, m.group(1) if (m := re.match(r"Term \d+\(([a-z]+)\)", d.what)) else None) for d in duties}


def sample_moves() -> list[tuple[Path, str]]:
    runs = []
    for path in sorted([*(SAMPLES / "cases").glob("*.yaml"), *(SAMPLES / "cohort").glob("*.yaml")]):
        runs += [(path, move.event) for move in load_case(path).transfers]
    return runs


def test_there_is_a_sample_move_to_compare():
    assert sample_moves()


@pytest.mark.parametrize(("path", "event"), sample_moves(), ids=lambda v: getattr(v, "stem", v))
def test_every_sample_move_finds_the_duties_the_wording_names(path, event):
    case, library = load_case(path), shipped_library()
    move = next(m for m in case.transfers if m.event == event)
    live = live_terms(case, move.moving_on)
    assert declared(case, live, library, move) == by_wording(case, live, library) != set()


@pytest.mark.parametrize("notified", [False, True])
def test_each_shipped_clause_alone_finds_what_its_wording_names_and_what_it_newly_declares(notified):
    """Every clause version as the one term of the fraud sample: the declared duties are the
    ones the wording names, plus the newly declared ones, and a term with a period or date
    parameter no longer stops the letter (the wording was rendered twice over resolved values)."""
    base = load_case(SAMPLES / "cases" / "exampleton-fraud.yaml")
    library, move = shipped_library(), base.transfers[0]
    extra = set()
    for clause in library.clauses:
        term = base.terms[0].model_copy(update={"number": 1, "clause": clause.code, "version": clause.version, "params": clause.sample_params()})
        history = [e.model_copy(update={"term": 1 if notified and e.type == "notification" else None}) for e in base.history]
        case = base.model_copy(update={"terms": [term], "history": history})
        found, named = declared(case, [1], library, move), by_wording(case, [1], library)
        assert named <= found, clause.ref
        if found - named:
            extra.add(clause.ref)
    assert extra == NEWLY_DECLARED


FORCE_CLAUSE = MINIMAL_CLAUSE.replace(
    "of acquiring any vehicle.",
    "of acquiring any vehicle.\n\n  Whenever the subject starts to live somewhere new, they must write to the police at the\n"
    '  notification address within {{ notify_days|plural("day") }}, giving where they now live.',
).replace("plain_words:", "on_moving:\n  - notice: where the subject now lives\n    within: notify_days\n    when: they do not go back to the old home\nplain_words:")


def test_a_force_clause_in_its_own_words_is_found_by_what_it_declares(tmp_path):
    root = tmp_path / "library"
    (root / "items").mkdir(parents=True)
    for schedule in LIBRARY_ROOT.glob("*.yaml"):
        shutil.copy(schedule, root / schedule.name)
    (root / "items" / "ITM-900.yaml").write_text(FORCE_CLAUSE, encoding="utf-8")
    library = load_library(root)
    base = load_case(SAMPLES / "cases" / "exampleton-fraud.yaml")
    term = base.terms[0].model_copy(update={"number": 1, "clause": "ITM-900", "version": "1.0.0", "params": {"notify_days": 5}})
    case = base.model_copy(update={"terms": [term]})
    move = case.transfers[0]
    assert by_wording(case, [1], library) == set()  # the old reading of the wording missed it
    (duty,) = handover.duties_on_moving(case, move, [1], library)
    assert duty.due == move.moving_on + dt.timedelta(days=5) and duty.term == 1
    assert duty.what == ("Term 1, Test clause: tell the police in writing, at the notification address, of where the subject now "
                         "lives, within 5 days of moving, if they do not go back to the old home")


def test_a_vehicle_term_states_its_duty_with_the_condition_it_depends_on():
    data = sample_data("exampleton-fraud")
    data["terms"].append({"clause": "VEH-001", "params": {"notify_days": 2}, "justification": data["terms"][0]["justification"]})
    text = to_text(render_edited("transfer-letter", "exampleton-fraud", data, event="EV-005").document)
    assert ("| 3 March 2028 | Term 4(b), Notify vehicles: no notification under this term is recorded. If the start-up notice is "
            "given before the move, tell the police in writing of the change to the address of the registered keeper or owner, "
            "within 2 days of moving (by 3 March 2028), if the subject is the registered keeper or owner of a vehicle notified "
            "under this term; if it is given after the move, the start-up notice itself must give the address of the registered "
            "keeper or owner as it is after the move.") in text


def test_a_varied_value_is_named_by_its_short_name():
    text = to_text(render_edited("transfer-letter", "exampleton-fraud", event="EV-005").document)
    assert "vary term 2 (Cash limit): reduce the cash limit from £2,500.00 to £1,500.00" in text
    assert "Most physical cash" not in text


def test_the_duties_on_moving_read_by_date_whatever_the_term_order():
    data = sample_data("exampleton-fraud")
    justification = data["terms"][0]["justification"]
    data["terms"] += [{"clause": "RES-001", "params": {"notify_days": 5}, "justification": justification},
                      {"clause": "EMP-001", "params": {"notify_days": 2}, "justification": justification}]  # fmt: skip
    text = to_text(render_edited("transfer-letter", "exampleton-fraud", data, event="EV-005").document)
    rows = [text.index(f"| {day} | Term {term}") for day, term in (("3 March 2028", "5(b)"), ("4 March 2028", "3(d)"), ("6 March 2028", "4,"))]
    assert rows == sorted(rows)
