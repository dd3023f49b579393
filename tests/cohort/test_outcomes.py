"""Enforcement outcomes are history events with their own checked fields."""

import copy

import pytest

from docgen.case import case_from_data, load_case
from docgen.errors import DocgenError
from docgen.outcomes import OUTCOME_TYPES
from tests.cohort.conftest import MPS_HOUSE, OUTCOMES_CASE, REFUSED_CASE, problem_lines


def _refused(data: dict) -> list[str]:
    with pytest.raises(DocgenError) as info:
        case_from_data(data, file="case.yaml")
    return problem_lines(info.value)


def _index(data: dict, event_id: str) -> int:
    return next(i for i, e in enumerate(data["history"]) if e["id"] == event_id)


def test_samples_cover_every_outcome() -> None:
    case = load_case(OUTCOMES_CASE)
    types = {e.type for e in case.history} | {e.type for e in load_case(REFUSED_CASE).history}
    assert set(OUTCOME_TYPES) | {"interview"} <= types
    result = case.event("EV-008")
    assert (result.plea, result.outcome, result.custody_months) == ("guilty", "convicted", 10)
    assert case.event("EV-009").category == "seizure"
    assert case.event("EV-006").outcome == "recalled"


def test_court_result_needs_plea_and_outcome(outcomes_data: dict) -> None:
    data = copy.deepcopy(outcomes_data)
    i = _index(data, "EV-008")
    del data["history"][i]["plea"]
    del data["history"][i]["outcome"]
    lines = _refused(data)
    assert f"history.{i}.plea: a 'court_result' event needs 'plea'" in lines
    assert f"history.{i}.outcome: a 'court_result' event needs 'outcome'" in lines


def test_fields_belong_to_their_type(outcomes_data: dict) -> None:
    data = copy.deepcopy(outcomes_data)
    i = _index(data, "EV-003")
    data["history"][i]["plea"] = "guilty"
    data["history"][i]["category"] = "seizure"
    lines = _refused(data)
    assert any(line.startswith(f"history.{i}.plea: is only for 'court_result'") for line in lines)
    assert any(line.startswith(f"history.{i}.category: is only for 'disruption'") for line in lines)


def test_outcome_must_fit_the_type(outcomes_data: dict) -> None:
    data = copy.deepcopy(outcomes_data)
    i = _index(data, "EV-006")
    data["history"][i]["outcome"] = "convicted"
    assert any("'convicted' is not an outcome of a recall_decision" in line for line in _refused(data))


def test_conviction_needs_a_sentence_and_acquittal_has_none(outcomes_data: dict) -> None:
    data = copy.deepcopy(outcomes_data)
    i = _index(data, "EV-008")
    del data["history"][i]["sentence"]
    del data["history"][i]["custody_months"]
    assert f"history.{i}.sentence: a conviction needs its sentence" in _refused(data)
    data = copy.deepcopy(outcomes_data)
    data["history"][i]["outcome"] = "acquitted"
    assert any(line.startswith(f"history.{i}.sentence: a court result of 'acquitted'") for line in _refused(data))


def test_court_result_follows_a_charge(outcomes_data: dict) -> None:
    data = copy.deepcopy(outcomes_data)
    i = _index(data, "EV-008")
    data["history"][i]["refers_to"] = ["EV-004"]
    assert f"history.{i}.refers_to: a 'court_result' must refer to the earlier charge event it follows" in _refused(data)


def test_disruption_needs_a_known_category(outcomes_data: dict) -> None:
    data = copy.deepcopy(outcomes_data)
    i = _index(data, "EV-009")
    data["history"][i]["category"] = "vibes"
    assert any(line.startswith(f"history.{i}.category") for line in _refused(data))
    del data["history"][i]["category"]
    assert f"history.{i}.category: a 'disruption' event needs 'category'" in _refused(data)


def test_mg5_chronology_names_the_caution() -> None:
    import datetime as dt

    from docgen.housestyle import load_house_style
    from docgen.pipeline import render
    from docgen.render import Options
    from tests.conftest import docx_text

    case = load_case(OUTCOMES_CASE)
    out = render(case, load_house_style(MPS_HOUSE), "mg5", event_id="EV-004", options=Options(date=dt.date(2027, 7, 14)), formats=("docx",))
    text = docx_text(out.files["docx"])
    assert "Caution" in text and "Accepted a simple caution" in text


def test_a_made_order_was_not_refused(outcomes_data: dict) -> None:
    data = copy.deepcopy(outcomes_data)
    data["history"].append({"id": "EV-099", "type": "refusal", "date": "2028-02-20", "summary": "Refused."})
    assert any("the application was refused, but the order is made" in line for line in _refused(data))
