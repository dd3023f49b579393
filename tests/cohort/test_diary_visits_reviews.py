"""The diary's visits and reviews against hand-worked dates.

Worked by hand (bank holidays of England and Wales): Good Friday 26 March 2027 and Easter
Monday 29 March 2027; spring bank holiday Monday 31 May 2027; in 2027 Christmas Day is a
Saturday, so Monday 27 and Tuesday 28 December are the bank holidays; 31 July 2027 is a
Saturday. 2028 is a leap year: 29 February 2028 is a Tuesday, 31 August 2028 a Thursday
(the summer bank holiday is Monday 28 August), 28 February 2029 a Wednesday.

The sample case's one term (COM-001) is monitored by comparing notices with devices seen
at home visits, so its order is visited; the Metropolitan Police reviews every 6 months.
"""

from __future__ import annotations

import copy
import datetime as dt

from docgen.case import case_from_data
from docgen.conditions import shipped_library
from docgen.diary import diary, review_due_dates, visits_needed
from tests.cohort.conftest import OUTCOMES_CASE
from tests.inprocess import run_docgen

D = dt.date


def _case(data: dict, release: str, history: list[dict], **extra) -> object:
    data = copy.deepcopy(data)
    data["order"]["release_date"] = release
    data["order"].pop("notice", None)
    data.pop("breach_files", None)
    data["history"] = history
    data.update(extra)
    return case_from_data(data, file="<diary>")


def _ev(i: int, type_: str, date: str, **fields) -> dict:
    return {"id": f"EV-{i:03d}", "type": type_, "date": date, "summary": "Fictional event.", **fields}


def _items(case, on, kind, frequencies=None):
    return [(i.due, i.status, i.done_on) for i in diary([case], on, frequencies=frequencies) if i.kind == kind]


# ---------------------------------------------------------------------- the release-day visit


def test_release_day_visit_is_due_on_the_day_and_missed_the_day_after(outcomes_data):
    case = _case(outcomes_data, "2027-03-01", [_ev(1, "release", "2027-03-01")])
    assert _items(case, D(2027, 3, 1), "release-day visit") == [(D(2027, 3, 1), "due", None)]
    assert _items(case, D(2027, 3, 2), "release-day visit") == [(D(2027, 3, 1), "missed", None)]
    assert _items(case, D(2027, 2, 28), "release-day visit") == []  # not yet released


def test_release_day_visit_closed_by_the_start_of_order_record_or_the_first_contact(outcomes_data):
    recorded = _case(outcomes_data, "2027-03-01", [_ev(1, "release", "2027-03-01")],
                     start_of_order={"release_visit": {"by": "DC Madeup", "date": "2027-03-01"}})  # fmt: skip
    assert _items(recorded, D(2027, 3, 10), "release-day visit") == [(D(2027, 3, 1), "done", D(2027, 3, 1))]
    visited_late = _case(outcomes_data, "2027-03-01", [_ev(1, "release", "2027-03-01"), _ev(2, "contact", "2027-03-02")])
    assert _items(visited_late, D(2027, 3, 10), "release-day visit") == [(D(2027, 3, 1), "late", D(2027, 3, 2))]


# ---------------------------------------------------------------------- home visits


def test_notice_acknowledged_in_person_on_release_day_is_the_release_visit_in_diary_and_report(outcomes_data):
    from docgen.report import first_visit_days

    def released_with_notice(how: str):
        data = copy.deepcopy(outcomes_data)
        data["order"]["notice"] = {"how": how, "date": "2027-03-01", "by": "DC Madeup", "exhibit": "ZZ/1"}
        data["order"]["release_date"] = "2027-03-01"
        data.pop("breach_files", None)
        data["history"] = [_ev(1, "release", "2027-03-01"), _ev(2, "contact", "2027-03-09")]
        return case_from_data(data, file="<diary>")

    in_person = released_with_notice("acknowledged")
    assert _items(in_person, D(2027, 3, 10), "release-day visit") == [(D(2027, 3, 1), "done", D(2027, 3, 1))]
    assert first_visit_days(in_person) == 0
    by_post = released_with_notice("served_by_post")  # nobody saw the holder: the first contact counts
    assert _items(by_post, D(2027, 3, 10), "release-day visit") == [(D(2027, 3, 1), "late", D(2027, 3, 9))]
    assert first_visit_days(by_post) == 8


def test_home_visits_every_28_days_move_off_easter_monday(outcomes_data):
    case = _case(outcomes_data, "2027-03-01", [
        _ev(1, "release", "2027-03-01"),
        _ev(2, "contact", "2027-03-24"),
        _ev(3, "contact", "2027-04-27"),  # the day after 26 April
    ])
    assert _items(case, D(2027, 5, 20), "home visit") == [
        (D(2027, 3, 30), "done", D(2027, 3, 24)),  # 1 March + 28 days is Easter Monday
        (D(2027, 4, 26), "late", D(2027, 4, 27)),
        (D(2027, 5, 24), "due", None),
    ]


def test_home_visits_at_month_ends_from_the_force_plan(outcomes_data):
    case = _case(outcomes_data, "2027-03-01", [_ev(1, "release", "2027-03-01"), _ev(2, "contact", "2027-04-01")])
    plan = {"MPS": {"visit": "monthly", "communication": 7}}
    assert _items(case, D(2027, 6, 2), "home visit", plan) == [
        (D(2027, 3, 31), "late", D(2027, 4, 1)),
        (D(2027, 4, 30), "missed", None),
        (D(2027, 6, 1), "missed", None),  # 31 May is the spring bank holiday
    ]


def test_home_visits_follow_the_plans_default_when_it_sets_no_visit_rhythm(outcomes_data):
    case = _case(outcomes_data, "2027-03-01", [_ev(1, "release", "2027-03-01")])
    dues = [due for due, _, _ in _items(case, D(2027, 4, 20), "home visit", {"MPS": {"default": 14}})]
    # 15 March; 29 March is Easter Monday, so the 30th; 12 April
    assert dues == [D(2027, 3, 15), D(2027, 3, 30), D(2027, 4, 12), D(2027, 4, 26)]


def test_only_monitoring_that_relies_on_visits_plans_them():
    library = shipped_library()
    assert visits_needed(library.get("RES-001")) and visits_needed(library.get("COM-001"))
    assert visits_needed(library.get("ITM-002"))  # "searches at visits"
    assert not visits_needed(library.get("ASC-002"))  # a prison visit is not a visit to the subject
    assert not visits_needed(library.get("FIN-002"))


def test_an_order_whose_terms_need_no_visits_gets_none(outcomes_data):
    data = copy.deepcopy(outcomes_data)
    data["terms"] = [{"clause": "FIN-002", "params": {}}]
    case = _case(data, "2027-03-01", [_ev(1, "release", "2027-03-01")])
    assert _items(case, D(2027, 5, 20), "home visit") == []
    assert _items(case, D(2027, 5, 20), "release-day visit") == [(D(2027, 3, 1), "missed", None)]


# ---------------------------------------------------------------------- reviews


def test_reviews_six_months_on_from_a_month_end_fall_at_later_month_ends():
    assert review_due_dates(D(2027, 8, 31), D(2029, 3, 31), 6) == [D(2028, 2, 29), D(2028, 8, 31), D(2029, 2, 28)]


def test_a_review_planned_on_a_bank_holiday_or_weekend_falls_due_on_the_next_working_day():
    assert review_due_dates(D(2027, 6, 28), D(2028, 1, 31), 6) == [D(2027, 12, 29)]  # 28 December 2027
    assert review_due_dates(D(2027, 1, 31), D(2027, 8, 31), 6) == [D(2027, 8, 2)]  # Saturday 31 July


def test_no_review_on_or_after_the_last_day_of_the_order():
    assert review_due_dates(D(2027, 1, 1), D(2030, 1, 1), 6, expires=D(2028, 1, 1)) == [D(2027, 7, 1)]


def test_reviews_done_late_and_missed_from_the_forces_rhythm(outcomes_data):
    case = _case(outcomes_data, "2027-08-31", [
        _ev(1, "release", "2027-08-31"),
        _ev(2, "review", "2028-03-02"),  # two days after 29 February
        _ev(3, "review", "2028-08-20"),
    ])
    assert _items(case, D(2029, 3, 5), "review") == [
        (D(2028, 2, 29), "late", D(2028, 3, 2)),
        (D(2028, 8, 31), "done", D(2028, 8, 20)),
        (D(2029, 2, 28), "missed", None),
    ]
    whats = [i.what for i in diary([case], D(2029, 3, 5)) if i.kind == "review"]
    assert whats == ["Review 1 of the order and its terms", "Review 2 of the order and its terms", "Review 3 of the order and its terms"]
    flagged = {(i.kind, i.due) for i in diary([case], D(2029, 3, 5)) if i.candidate_non_compliance}
    assert ("review", D(2028, 2, 29)) in flagged and ("review", D(2029, 2, 28)) in flagged


# ---------------------------------------------------------------------- recording


def _docgen(*args):
    return run_docgen(*args)  # the command line, run in this process


def test_recording_a_visit_and_a_review_closes_their_items(tmp_path):
    (tmp_path / "house-style").mkdir()
    path = tmp_path / "cases" / "case.yaml"
    path.parent.mkdir()
    path.write_text(OUTCOMES_CASE.read_text(encoding="utf-8"), encoding="utf-8")
    before = _docgen("register", "diary", path, "--on", "2027-09-10", "--format", "csv")
    assert before.returncode == 0, before.stderr
    assert "review,2027-09-01,missed" in before.stdout
    visit = _docgen("record", "visit", path, "--date", "2027-08-20", "--summary", "Home visit; devices seen.", "--by", "DC Madeup")
    review = _docgen("record", "review", path, "--date", "2027-09-02", "--summary", "Six-month review.", "--by", "DS Madeup")
    assert visit.returncode == 0 and review.returncode == 0, visit.stderr + review.stderr
    assert "recorded EV-011 (contact on 2027-08-20)" in visit.stdout and "recorded EV-012 (review on 2027-09-02)" in review.stdout
    after = _docgen("register", "diary", path, "--on", "2027-09-10", "--format", "csv")
    assert "review,2027-09-01,late *,2027-09-02" in after.stdout
    assert "home visit,2027-08-16,late *,2027-08-20" in after.stdout  # 1 March + 24 weeks
