"""The order's state on any date, read from its dates and history."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.errors import DocgenError
from docgen.orderstate import state_on, transitions
from tests.orderstate.conftest import load, sample_data

D = dt.date.fromisoformat
ONE = dt.timedelta(days=1)


def test_before_authority_the_order_is_proposed_and_from_the_day_of_authority_authorised():
    case = load(sample_data("signwell-authorised"))
    assert state_on(case, D("2026-11-15")).state == "proposed"
    assert state_on(case, D("2026-11-16")).state == "authorised"


def test_an_order_without_an_authorising_prosecutor_stays_proposed():
    case = load(sample_data("proposton-proposed"))
    assert state_on(case, D("2030-01-01")).state == "proposed"


def test_a_made_order_is_made_from_the_day_it_is_made_until_release_then_live():
    case = load(sample_data("specimen-drugs"))  # made 2024-06-14, released 2027-01-15
    assert state_on(case, D("2024-06-13")).state == "authorised"
    assert state_on(case, D("2024-06-14")).state == "made"
    assert state_on(case, D("2027-01-14")).state == "made"
    assert state_on(case, D("2027-01-15")).state == "live"


def test_the_order_is_live_on_its_last_day_and_expired_the_day_after():
    case = load(sample_data("specimen-drugs"))
    last = case.order.expires_on
    assert last == D("2032-01-14")
    assert state_on(case, last).state == "live"
    assert state_on(case, last + ONE).state == "expired"


def test_an_order_made_with_no_release_date_validates_and_has_no_start_or_expiry_yet():
    case = load(sample_data("waitingford-awaiting-release"))
    now = state_on(case, D("2030-01-01"))
    assert (now.state, now.starts_on, now.expires_on) == ("made", None, None)
    assert "awaiting release, with no release date recorded yet" in now.describe()


def test_once_the_release_date_is_recorded_its_start_and_expiry_appear():
    data = sample_data("waitingford-awaiting-release")
    data["order"]["release_date"] = "2029-03-01"
    now = state_on(load(data), D("2029-03-01"))
    assert (now.state, now.starts_on, now.expires_on) == ("live", D("2029-03-01"), D("2034-02-28"))


def test_an_expired_order_still_needs_its_release_date():
    data = sample_data("pastdate-expired")
    del data["order"]["release_date"]
    with pytest.raises(DocgenError) as refused:
        load(data)
    assert "start_rule 'on_release' needs release_date once the order is expired" in str(refused.value)


def test_a_court_variation_makes_a_live_order_varied_from_its_date():
    case = load(sample_data("varywell-varied"))  # varied by the court on 2026-09-14
    assert state_on(case, D("2026-09-13")).state == "live"
    varied = state_on(case, D("2026-09-14"))
    assert varied.state == "varied" and varied.varied_on == (D("2026-09-14"),)
    assert state_on(case, case.order.expires_on + ONE).state == "expired"


def test_a_discharge_ends_the_order_from_its_date():
    case = load(sample_data("unbound-discharged"))  # discharged 2026-10-12
    assert state_on(case, D("2026-10-11")).state == "live"
    assert state_on(case, D("2026-10-12")).state == "discharged"
    assert state_on(case, D("2040-01-01")).state == "discharged"


def test_transitions_list_each_change_of_state_once():
    case = load(sample_data("unbound-discharged"))
    assert transitions(case) == [
        (D("2019-04-01"), "authorised"),
        (D("2019-04-26"), "made"),
        (D("2022-05-02"), "live"),
        (D("2026-10-12"), "discharged"),
    ]


def test_a_discharged_order_needs_its_discharge_event():
    data = sample_data("unbound-discharged")
    data["history"] = [e for e in data["history"] if e["type"] != "discharge"]
    with pytest.raises(DocgenError) as refused:
        load(data)
    assert any(p.field == "order.status" and "'discharge' event" in p.message for p in refused.value.problems)


def test_a_discharge_event_needs_the_status_discharged():
    data = sample_data("unbound-discharged")
    data["order"]["status"] = "made"
    with pytest.raises(DocgenError) as refused:
        load(data)
    assert any(p.field == "order.status" and "set status: discharged" in p.message for p in refused.value.problems)


def test_a_variation_before_the_order_was_made_is_refused():
    data = sample_data("varywell-varied")
    data["history"][1]["date"] = "2020-10-01"
    with pytest.raises(DocgenError) as refused:
        load(data)
    assert any(p.field == "history.1.date" and "before the order was made" in p.message for p in refused.value.problems)


def test_a_proposed_order_cannot_be_varied():
    data = sample_data("proposton-proposed")
    data["history"] = [{"id": "EV-001", "type": "variation", "date": "2026-10-01", "summary": "Varied."}]
    with pytest.raises(DocgenError) as refused:
        load(data)
    assert any(p.field == "history.0.type" and "made order" in p.message for p in refused.value.problems)


@pytest.mark.parametrize("stem", ["proposton-proposed", "signwell-authorised", "waitingford-awaiting-release",
                                  "specimen-drugs", "varywell-varied", "pastdate-expired", "unbound-discharged"])  # fmt: skip
def test_each_sample_sits_in_the_state_its_name_promises(stem):
    expected = {"proposton-proposed": "proposed", "signwell-authorised": "authorised", "waitingford-awaiting-release": "made",
                "specimen-drugs": "live", "varywell-varied": "varied", "pastdate-expired": "expired",
                "unbound-discharged": "discharged"}[stem]  # fmt: skip
    case = load(sample_data(stem))
    assert state_on(case, case.document_date).state == expected


def test_no_sample_is_dated_before_an_event_in_its_history():
    from tests.conftest import SAMPLE_CASES

    for path in SAMPLE_CASES:
        case = load(sample_data(path.stem))
        late = [e.id for e in case.history if e.date > case.document_date]
        assert not late, f"{path.name}: document_date {case.document_date} is before {late}"
