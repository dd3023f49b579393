"""Case files: what validation accepts, and what it says about what it refuses."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from docgen.case import add_years, case_from_data, load_case
from docgen.errors import DocgenError
from tests.conftest import SAMPLE_CASES, SAMPLES, load_yaml


@pytest.fixture
def data():
    with open(SAMPLES / "cases" / "specimen-drugs.yaml", encoding="utf-8") as fh:
        return load_yaml(fh.read())


def problems(data):
    with pytest.raises(DocgenError) as info:
        case_from_data(data, file="case.yaml")
    return {p.field: p.message for p in info.value.problems}


@pytest.mark.parametrize("path", SAMPLE_CASES, ids=lambda p: p.stem)
def test_every_sample_case_is_valid(path):
    case = load_case(path)
    assert case.terms and case.history


def test_expiry_is_the_day_before_the_anniversary_of_the_start(data):
    case = case_from_data(data)
    assert case.order.starts_on == dt.date(2027, 1, 15)
    assert case.order.expires_on == dt.date(2032, 1, 14)


def test_a_leap_day_start_runs_to_the_27th_of_february():
    assert add_years(dt.date(2028, 2, 29), 5) - dt.timedelta(days=1) == dt.date(2033, 2, 27)


def test_terms_are_numbered_in_file_order(data):
    case = case_from_data(data)
    assert [t.number for t in case.terms] == [1, 2, 3]


def test_every_problem_is_reported_not_only_the_first(data):
    del data["subject"]["pnc"]
    data["order"]["duration_years"] = 7
    data["convictions"][0]["sentenced_on"] = "2024-13-01"
    found = problems(data)
    assert set(found) >= {"subject.pnc", "order.duration_years", "convictions.0.sentenced_on"}


def test_an_order_longer_than_five_years_is_refused(data):
    data["order"]["duration_years"] = 6
    assert "at most 5 years" in problems(data)["order.duration_years"]


def test_a_subject_under_18_when_the_order_is_made_is_refused(data):
    data["subject"]["date_of_birth"] = "2007-01-01"
    assert "aged 18 or over" in problems(data)["subject.date_of_birth"]


def test_a_typed_expiry_date_is_refused(data):
    data["order"]["expires_on"] = "2031-01-01"
    assert "computed" in problems(data)["order"]


def test_release_before_the_sentence_is_refused(data):
    data["order"]["release_date"] = "2024-01-01"
    assert "before the sentence date" in problems(data)["order.release_date"]


def test_an_impossible_date_names_its_field(data):
    data["subject"]["date_of_birth"] = "1994-02-30"
    assert "day value is outside expected range" in problems(data)["subject.date_of_birth"]


def test_a_misspelt_field_is_reported_not_ignored(data):
    data["subject"]["familly_name"] = "SPECIMEN"
    assert "unknown field" in problems(data)["subject.familly_name"]


def test_control_characters_are_refused_with_their_position(data):
    data["subject"]["family_name"] = "SPEC\x07IMEN"
    assert "U+0007 at position 5" in problems(data)["subject.family_name"]


def test_an_unknown_schedule_1_heading_lists_the_known_ones(data):
    data["convictions"][0]["schedule1_heading"] = "shoplifting"
    assert "drug-trafficking" in problems(data)["convictions.0.schedule1_heading"]


def test_a_history_event_about_a_missing_term_is_refused(data):
    data["history"][1]["term"] = 9
    assert "term 9 does not exist" in problems(data)["history.1.term"]


def test_an_action_without_a_deadline_is_refused(data):
    del data["history"][1]["action_by"]
    assert "action_by" in problems(data)["history.1"]


def test_a_term_starting_after_the_order_ends_is_refused(data):
    data["terms"][0]["starts_on"] = "2033-01-01"
    assert "outside the order" in problems(data)["terms.0.starts_on"]


def test_an_expired_order_needs_its_start_date(data):
    del data["order"]["release_date"]
    data["order"]["status"] = "expired"
    assert "needs release_date once the order is expired" in problems(data)["order"]


def test_an_order_made_while_the_subject_awaits_release_needs_no_release_date_yet(data):
    del data["order"]["release_date"]
    case = case_from_data(data, file="case.yaml")
    assert (case.order.starts_on, case.order.expires_on) == (None, None)


def test_duplicate_keys_in_yaml_are_refused(tmp_path):
    path = tmp_path / "dup.yaml"
    path.write_text("case_id: A-1\ncase_id: B-2\n", encoding="utf-8")
    with pytest.raises(DocgenError, match="duplicate key 'case_id'"):
        load_case(path)


def test_malformed_yaml_names_the_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("case_id: [unclosed\n", encoding="utf-8")
    with pytest.raises(DocgenError) as info:
        load_case(path)
    assert str(path) in str(info.value) and "line" in str(info.value)


def test_a_file_that_is_not_a_mapping_is_refused(tmp_path):
    path = tmp_path / "list.yaml"
    path.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(DocgenError, match="mapping"):
        load_case(path)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(DocgenError, match="file not found"):
        load_case(tmp_path / "nowhere.yaml")


def test_validation_does_not_change_the_input(data):
    before = copy.deepcopy(data)
    case_from_data(data)
    assert data == before
