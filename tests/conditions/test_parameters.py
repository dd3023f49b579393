"""Parameter values: each type is checked, converted and printed the one right way."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgen.conditions import (
    AddressParam,
    DateParam,
    Duration,
    DurationParam,
    EnumParam,
    IntegerParam,
    MoneyParam,
    NamesParam,
    TextParam,
)
from docgen.errors import DocgenError

DAYS = IntegerParam(type="integer", name="days", label="Days", min=1, max=7, default=3)
CASH = MoneyParam(type="money", name="cash", label="Cash", min=100, max=10000, default=1000)
PERIOD = DurationParam(type="duration", name="period", label="Period", min="1 month", max="12 months", default="6 months")
WHEN = DateParam(type="date", name="when", label="When", min="2020-01-01", example="2027-01-01")
KIND = EnumParam(type="enum", name="kind", label="Kind", choices=["cars", "vans"], default="cars")
NAMES = NamesParam(type="names", name="persons", label="Persons", max_items=3, example=["Ada Placeholder"])
PLACE = AddressParam(type="address", name="place", label="Place", example="1 Test Lane, Exampleford, ZZ9 9ZZ")
NOTE = TextParam(type="text", name="note", label="Note", max_length=20, example="a fictional item")


@given(st.integers(min_value=1, max_value=7))
def test_an_integer_inside_its_bounds_is_accepted(value):
    assert DAYS.coerce(value) == value


@given(st.integers().filter(lambda n: not 1 <= n <= 7))
def test_an_integer_outside_its_bounds_is_refused_with_the_bounds(value):
    with pytest.raises(ValueError, match="between 1 and 7"):
        DAYS.coerce(value)


@pytest.mark.parametrize("value", [True, 2.5, "three", None])
def test_an_integer_must_be_a_whole_number(value):
    with pytest.raises(ValueError, match="whole number"):
        DAYS.coerce(value)


@pytest.mark.parametrize("value", [1000, 1000.0, "1000", "1,000.00", "£1000"])
def test_money_is_read_from_the_ways_people_write_it(value):
    assert CASH.coerce(value) == Decimal("1000.00")


def test_money_is_printed_in_pounds_and_pence():
    assert CASH.present(CASH.coerce(1000), "en_GB") == "£1,000.00"


def test_money_with_fractions_of_a_penny_is_refused():
    with pytest.raises(ValueError, match="two decimal places"):
        CASH.coerce("1000.005")


@given(st.decimals(min_value=100, max_value=10000, places=2))
def test_money_inside_its_bounds_keeps_its_value(value):
    assert CASH.coerce(value) == value


def test_money_outside_its_bounds_names_them():
    with pytest.raises(ValueError, match=r"between £100.00 and £10,000.00"):
        CASH.coerce(99.99)


def test_dates_are_printed_as_day_month_year():
    assert WHEN.present(WHEN.coerce("2027-01-01"), "en_GB") == "1 January 2027"


def test_dates_follow_the_welsh_locale_when_asked():
    assert WHEN.present(WHEN.coerce(dt.date(2027, 1, 1)), "cy_GB") == "1 Ionawr 2027"


def test_an_impossible_date_is_refused():
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        WHEN.coerce("2027-02-30")


def test_a_date_before_its_minimum_is_refused():
    with pytest.raises(ValueError, match="on or after 2020-01-01"):
        WHEN.coerce("2019-12-31")


def test_durations_are_read_and_printed_with_their_unit():
    assert PERIOD.coerce("3 months") == Duration(3, "months")
    assert PERIOD.present(PERIOD.coerce("1 month"), "en_GB") == "1 month"


def test_a_year_counts_as_twelve_months_for_the_bounds():
    assert PERIOD.coerce("1 year") == Duration(1, "years")


def test_a_duration_past_its_maximum_is_refused():
    with pytest.raises(ValueError, match="between 1 month and 12 months"):
        PERIOD.coerce("53 weeks")


def test_an_unreadable_duration_says_how_to_write_one():
    with pytest.raises(ValueError, match="'14 days'"):
        PERIOD.coerce("a fortnight")


def test_an_enum_value_must_be_one_of_the_choices():
    with pytest.raises(ValueError, match="one of: 'cars'; 'vans'"):
        KIND.coerce("lorries")


def test_names_are_kept_as_written_with_spaces_tidied():
    assert NAMES.coerce(["  Ada   Placeholder ", "Bo Specimen"]) == ["Ada Placeholder", "Bo Specimen"]


def test_the_same_person_named_twice_is_refused():
    with pytest.raises(ValueError, match="same person twice"):
        NAMES.coerce(["Ada Placeholder", "ada placeholder"])


def test_a_single_string_is_not_a_list_of_names():
    with pytest.raises(ValueError, match="list of names"):
        NAMES.coerce("Ada Placeholder")


def test_too_many_names_is_refused():
    with pytest.raises(ValueError, match="between 1 and 3 names"):
        NAMES.coerce(["A One", "B Two", "C Three", "D Four"])


def test_an_address_is_printed_on_one_line_ending_with_the_postcode():
    value = PLACE.coerce({"lines": ["1 Test Lane", "Exampleford"], "postcode": "zz9 9zz"})
    assert PLACE.present(value, "en_GB") == "1 Test Lane, Exampleford, ZZ9 9ZZ"


def test_an_address_without_a_postcode_is_refused():
    with pytest.raises(ValueError, match="UK postcode"):
        PLACE.coerce("1 Test Lane, Exampleford")


def test_free_text_folds_line_breaks_so_it_cannot_add_paragraphs():
    assert NOTE.coerce("a fictional\n\nitem") == "a fictional item"


def test_free_text_longer_than_allowed_is_refused():
    with pytest.raises(ValueError, match="between 1 and 20 characters"):
        NOTE.coerce("x" * 21)


def test_an_unknown_parameter_is_refused_with_the_ones_there_are(library):
    with pytest.raises(DocgenError) as exc:
        library.get("COM-001").render_wording({"notify_dais": 3})
    assert [(p.field, p.message) for p in exc.value.problems] == [
        ("params.notify_dais", "is not a parameter of this clause (parameters: notify_days)")
    ]


def test_a_missing_required_parameter_is_named(library):
    with pytest.raises(DocgenError) as exc:
        library.get("ASC-001").render_wording({})
    assert exc.value.problems[0].field == "params.persons"
    assert "required" in exc.value.problems[0].message


def test_every_bad_parameter_is_reported_at_once(library):
    with pytest.raises(DocgenError) as exc:
        library.get("FIN-004").render_wording({"threshold": 1, "notify_days": 99})
    assert [p.field for p in exc.value.problems] == ["params.threshold", "params.notify_days"]


def test_an_unknown_locale_is_refused(library):
    with pytest.raises(DocgenError, match="unknown locale"):
        library.get("COM-001").render_wording({}, locale="xx_NOPE")
