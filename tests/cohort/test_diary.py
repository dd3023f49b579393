"""The monitoring diary against hand-worked dates, and recording that closes its items.

Dates worked by hand (bank holidays of England and Wales, 2027): Good Friday 26 March and
Easter Monday 29 March; early May bank holiday Monday 3 May; spring bank holiday Monday
31 May; Christmas Day falls on a Saturday, so Monday 27 and Tuesday 28 December are the
bank holidays.
"""

from __future__ import annotations

import copy
import datetime as dt

from docgen.case import case_from_data
from docgen.diary import check_due_dates, diary, in_view
from tests.cohort.conftest import OUTCOMES_CASE
from tests.inprocess import run_docgen

D = dt.date


def _case(data: dict, release: str, history: list[dict]) -> object:
    data = copy.deepcopy(data)
    data["order"]["release_date"] = release
    data["order"].pop("notice", None)
    data.pop("breach_files", None)
    data["history"] = history
    return case_from_data(data, file="<diary>")


def _ev(i: int, type_: str, date: str, **fields) -> dict:
    return {"id": f"EV-{i:03d}", "type": type_, "date": date, "summary": "Fictional event.", **fields}


def _items(case, on, kind, frequencies=None):
    return [(i.due, i.status, i.done_on) for i in diary([case], on, frequencies=frequencies) if i.kind == kind]


def test_checks_every_28_days_move_off_bank_holidays():
    # 1 March + 28 days = Easter Monday 29 March: due Tuesday 30 March
    assert check_due_dates(D(2027, 3, 1), D(2027, 5, 31), 28) == [D(2027, 3, 30), D(2027, 4, 26), D(2027, 5, 24)]


def test_monthly_checks_fall_at_month_ends_or_the_next_working_day():
    dues = check_due_dates(D(2027, 3, 1), D(2027, 11, 30), "monthly")
    assert dues == [
        D(2027, 3, 31),
        D(2027, 4, 30),
        D(2027, 6, 1),  # 31 May is the spring bank holiday
        D(2027, 6, 30),
        D(2027, 8, 2),  # 31 July is a Saturday
        D(2027, 8, 31),
        D(2027, 9, 30),
        D(2027, 11, 1),  # 31 October is a Sunday
        D(2027, 11, 30),
    ]


def test_checks_done_late_and_missed(outcomes_data):
    case = _case(outcomes_data, "2027-03-01", [
        _ev(1, "release", "2027-03-01"),
        _ev(2, "compliance_check", "2027-03-25", term=1),
        _ev(3, "compliance_check", "2027-04-28", term=1),  # two days after 26 April
    ])
    assert _items(case, D(2027, 5, 20), "compliance check") == [
        (D(2027, 3, 30), "done", D(2027, 3, 25)),
        (D(2027, 4, 26), "late", D(2027, 4, 28)),
        (D(2027, 5, 24), "due", None),
    ]
    assert _items(case, D(2027, 6, 1), "compliance check")[2] == (D(2027, 5, 24), "missed", None)
    monthly = _items(case, D(2027, 6, 2), "compliance check", {"MPS": {"communication": "monthly"}})
    assert monthly == [(D(2027, 3, 31), "done", D(2027, 3, 25)), (D(2027, 4, 30), "done", D(2027, 4, 28)), (D(2027, 6, 1), "missed", None)]


def test_start_up_notification_runs_in_calendar_days_even_over_christmas(outcomes_data):
    case = _case(outcomes_data, "2027-12-20", [_ev(1, "release", "2027-12-20")])
    # COM-001 allows 7 days: 27 December, a bank holiday, and the term does not move it
    assert _items(case, D(2027, 12, 27), "start-up notification") == [(D(2027, 12, 27), "due", None)]
    assert _items(case, D(2027, 12, 28), "start-up notification") == [(D(2027, 12, 27), "missed", None)]
    late = _case(outcomes_data, "2027-12-20", [_ev(1, "release", "2027-12-20"), _ev(2, "notification", "2027-12-29", term=1)])
    assert _items(late, D(2028, 1, 3), "start-up notification") == [(D(2027, 12, 27), "late", D(2027, 12, 29))]


def test_change_notification_deadline_from_notify_days(outcomes_data):
    history = [
        _ev(1, "release", "2027-03-01"),
        _ev(2, "notification", "2027-05-03", term=1, changed_on="2027-04-30"),  # 3 days: on time, on a bank holiday
        _ev(3, "notification", "2027-05-12", term=1, changed_on="2027-05-08"),  # due 11 May: a day late
    ]
    case = _case(outcomes_data, "2027-03-01", history)
    assert _items(case, D(2027, 5, 20), "change notification") == [
        (D(2027, 5, 3), "done", D(2027, 5, 3)),
        (D(2027, 5, 11), "late", D(2027, 5, 12)),
    ]
    flagged = [i for i in diary([case], D(2027, 5, 20)) if i.candidate_non_compliance]
    assert all(i.status in ("late", "missed") for i in flagged) and any(i.kind == "change notification" for i in flagged)


def test_week_view_and_orders_not_in_force(outcomes_data):
    case = _case(outcomes_data, "2027-03-01", [_ev(1, "release", "2027-03-01")])
    items = diary([case], D(2027, 4, 28))
    week = in_view(items, D(2027, 4, 28), week=True)  # Monday 26 April to Sunday 2 May
    # due this week, and missed in the four weeks before it (from 29 March); the start-up
    # notice missed on 8 March is older and stays in the full diary only
    # COM-001's monitoring relies on home visits, planned at the same default rhythm
    assert {(i.kind, i.due) for i in week} == {
        ("compliance check", D(2027, 4, 26)), ("compliance check", D(2027, 3, 30)),
        ("home visit", D(2027, 4, 26)), ("home visit", D(2027, 3, 30)),
    }  # fmt: skip
    assert ("start-up notification", D(2027, 3, 8)) in {(i.kind, i.due) for i in items}
    assert diary([case], D(2027, 2, 1)) == []  # not yet released: nothing owed


def _docgen(*args):
    return run_docgen(*args)  # in this process: the command's output is what is tested, not its start-up


def test_recording_appends_to_the_file_and_closes_the_item(tmp_path):
    (tmp_path / "house-style").mkdir()
    path = tmp_path / "cases" / "case.yaml"
    path.parent.mkdir()
    original = OUTCOMES_CASE.read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    before = _docgen("register", "diary", path, "--on", "2027-04-10", "--format", "csv")
    assert before.returncode == 0, before.stderr
    assert "compliance check,2027-03-30,missed" in before.stdout
    done = _docgen("record", "check", path, "--date", "2027-03-30", "--term", "1", "--summary", "Devices checked against notices.", "--by", "DC Madeup")
    assert done.returncode == 0, done.stderr
    assert "recorded EV-011" in done.stdout
    import difflib

    text = path.read_text(encoding="utf-8")
    changes = [d for d in difflib.ndiff(original.splitlines(), text.splitlines()) if d[:1] in "+-"]
    # nothing removed or changed (comments and layout kept), only the new event's lines added
    assert [d for d in changes if d.startswith("-")] == []
    assert changes[0] == "+   - id: EV-011" and len(changes) == 6
    after = _docgen("register", "diary", path, "--on", "2027-04-10", "--format", "csv")
    assert "compliance check,2027-03-30,done,2027-03-30" in after.stdout


def test_a_bad_record_leaves_the_file_untouched(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text(OUTCOMES_CASE.read_text(encoding="utf-8"), encoding="utf-8")
    before = path.read_bytes()
    bad = _docgen("record", "notification", path, "--term", "9", "--date", "2027-04-02", "--summary", "Notice.", "--by", "DC Madeup")
    assert bad.returncode == 2 and "term 9 does not exist" in bad.stderr and "Traceback" not in bad.stderr
    later = _docgen("record", "notification", path, "--term", "1", "--date", "2027-04-02", "--changed-on", "2027-04-05", "--summary", "Notice.", "--by", "X")
    assert later.returncode == 2 and "changed_on" in later.stderr
    assert path.read_bytes() == before


def test_append_to_an_empty_or_missing_history(tmp_path, outcomes_data):
    import yaml

    from docgen.record import append_event

    data = copy.deepcopy(outcomes_data)
    data.pop("breach_files")
    for history in ("history: []\n", ""):
        data_text = yaml.safe_dump({k: v for k, v in data.items() if k != "history"}, sort_keys=False)
        path = tmp_path / f"case{len(history)}.yaml"
        path.write_text("# fictional\n" + (history + data_text if history else data_text), encoding="utf-8")
        event_id, case = append_event(path, {"type": "compliance_check", "date": dt.date(2027, 4, 2), "summary": "Checked.", "term": 1})
        assert event_id == "EV-001" and [e.id for e in case.history] == ["EV-001"]
        assert path.read_text(encoding="utf-8").startswith("# fictional\n")


def test_diary_reads_the_open_cases_the_register_holds(tmp_path):
    folder = tmp_path / "cases"
    folder.mkdir()
    path = folder / "case.yaml"
    path.write_text(OUTCOMES_CASE.read_text(encoding="utf-8"), encoding="utf-8")
    register = tmp_path / "docgen.db"
    synced = _docgen("register", "sync", path, "--register", register, "--by", "DC Madeup")
    assert synced.returncode == 0, synced.stderr
    listed = _docgen("register", "diary", "--register", register, "--on", "2027-04-10", "--format", "csv")
    assert listed.returncode == 0, listed.stderr
    assert "MPS-SCPO-0090,1,compliance check,2027-03-30,missed" in listed.stdout
