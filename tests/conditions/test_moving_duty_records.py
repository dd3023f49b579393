"""The duties a move of home sets off (``on_moving``) and parameters' short names, as the
clause record declares them: the loader refuses a declaration the transfer letter could
not use, and the linter refuses wording that asks for notice of a changed address when
the record declares nothing a move sets off."""

from __future__ import annotations

import pytest

from docgen.conditions import shipped_library
from docgen.errors import DocgenError
from docgen.lint import Finding, address_change_wording

from .builders import MINIMAL_CLAUSE, lint_clause, load_with

REF = "ITM-900@1.0.0"
HOME_WORDING = (
    "of acquiring any vehicle.",
    "of acquiring any vehicle.\n\n  The subject must notify the police in writing, at the notification address, within\n"
    '  {{ notify_days|plural("day") }} of any change of home address, stating the full address.',
)
HOME_DEFINED = ("day, vehicle]", "day, vehicle, home-address]")
DETAIL_WORDING = (
    "of acquiring any vehicle.",
    "of acquiring any vehicle. The notice must state:\n  (a) the registration mark of the vehicle; and\n"
    "  (b) the address where the vehicle is usually kept.\n\n"
    "  The subject must notify the police in writing, at the notification address, within\n"
    '  {{ notify_days|plural("day") }} of any change to those details.',
)
DECLARED = "on_moving:\n  - notice: the new home address\n    within: notify_days\n"


def record(*edits: tuple[str, str], extra: str = "") -> str:
    text = MINIMAL_CLAUSE
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text + extra


def moving(findings: list[Finding]) -> list[Finding]:
    assert {f.rule for f in findings} <= {"moving-duty"}, [str(f) for f in findings]
    return findings


def problems(exc: pytest.ExceptionInfo[DocgenError]) -> list[tuple[str, str]]:
    return [(p.field, p.message) for p in exc.value.problems]


def test_a_home_address_duty_with_nothing_declared_is_refused(bare_library):
    (f,) = moving(lint_clause(load_with(bare_library, record(HOME_WORDING, HOME_DEFINED)), REF))
    assert f.severity == "error" and "change of home address" in f.message and "on_moving" in f.fix


def test_a_changed_address_among_notified_details_with_nothing_declared_is_refused(bare_library):
    (f,) = moving(lint_clause(load_with(bare_library, record(DETAIL_WORDING)), REF))
    assert f.severity == "error" and "(b) the address" in f.message and "any change to those details" in f.message


def test_the_same_wording_with_its_duty_declared_lints_clean(bare_library):
    assert lint_clause(load_with(bare_library, record(HOME_WORDING, HOME_DEFINED, extra=DECLARED)), REF) == []
    detail = "on_moving:\n  - item: b\n    notice: the change to that address\n    within: notify_days\n    changes_notified: true\n"
    assert lint_clause(load_with(bare_library, record(DETAIL_WORDING, extra=detail)), REF) == []


def test_an_email_address_among_the_details_is_not_a_changed_home(bare_library):
    wording = (DETAIL_WORDING[0], DETAIL_WORDING[1].replace("(b) the address where the vehicle is usually kept", "(b) the email address linked to it"))
    assert lint_clause(load_with(bare_library, record(wording)), REF) == []


def test_a_declared_sub_item_the_wording_does_not_have_is_refused(bare_library):
    extra = "on_moving:\n  - item: d\n    notice: the change to that address\n    within: notify_days\n"
    (f,) = moving(lint_clause(load_with(bare_library, record(DETAIL_WORDING, extra=extra)), REF))
    assert "on_moving.0.item is (d)" in f.message


def test_a_duty_counted_from_a_parameter_the_clause_does_not_have_is_refused(bare_library):
    text = record(HOME_WORDING, HOME_DEFINED, extra=DECLARED.replace("within: notify_days", "within: move_days"))
    with pytest.raises(DocgenError) as exc:
        load_with(bare_library, text)
    assert problems(exc) == [("on_moving.0.within", "'move_days' is not a parameter of this clause (parameters: notify_days)")]
    assert exc.value.problems[0].file.endswith("ITM-900.yaml")


def test_a_duty_counted_from_a_parameter_that_is_not_a_number_of_days_is_refused(bare_library):
    text = record(
        ("    default: 3\n", "    default: 3\n  - name: zone\n    type: text\n    label: The zone\n    example: Example zone\n"),
        HOME_WORDING,
        HOME_DEFINED,
        extra=DECLARED.replace("within: notify_days", "within: zone"),
    )
    with pytest.raises(DocgenError) as exc:
        load_with(bare_library, text)
    assert problems(exc) == [("on_moving.0.within", "'zone' is a text parameter; it must be a whole number of days")]


def test_a_notice_template_naming_an_unknown_parameter_is_refused(bare_library):
    text = record(HOME_WORDING, HOME_DEFINED, extra=DECLARED.replace("the new home address", "the new home address within {{ move_days }}"))
    with pytest.raises(DocgenError) as exc:
        load_with(bare_library, text)
    assert [field for field, _ in problems(exc)] == ["on_moving.0.notice"]


@pytest.mark.parametrize("short", ["The days allowed", "the days allowed.", "the days allowed "])
def test_a_short_name_must_read_mid_sentence(bare_library, short):
    text = record(("    label: Days allowed\n", f"    label: Days allowed\n    short_name: '{short}'\n"))
    with pytest.raises(DocgenError) as exc:
        load_with(bare_library, text)
    assert [field for field, _ in problems(exc)] == ["parameters.0.short_name"]


def test_running_text_uses_the_short_name_else_quotes_the_label(bare_library):
    plain = load_with(bare_library, MINIMAL_CLAUSE).find(REF).parameter("notify_days")
    assert plain.in_text == "\u201cDays allowed\u201d"
    named = record(("    label: Days allowed\n", "    label: Days allowed\n    short_name: the days allowed to notify a vehicle\n"))
    assert load_with(bare_library, named).find(REF).parameter("notify_days").in_text == "the days allowed to notify a vehicle"


def test_every_shipped_clause_whose_wording_asks_for_a_changed_address_declares_its_duties():
    library = shipped_library()
    asking = {c.ref for c in library.clauses if any(address_change_wording(c.render_wording(v)) for v in c.value_sets())}
    declared = {c.ref for c in library.clauses if c.on_moving}
    assert asking == declared
    assert {"RES-001@2.0.0", "COM-001@2.0.0", "EMP-001@2.0.0", "TRV-002@2.0.0", "VEH-001@2.0.0", "BUS-001@2.0.0"} <= declared


def test_every_shipped_parameter_has_a_short_name():
    missing = [f"{c.ref} {p.name}" for c in shipped_library().clauses for p in c.parameters if not p.short_name]
    assert missing == []
