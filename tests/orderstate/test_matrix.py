"""Every kind x every order state, through the command line.

A kind renders in the states its SPEC allows; in any other state the render is refused
with exit 2, the rule and the dates named, and nothing written. The cases are the samples
moved into each state by small edits (see ``in_state``). While the order is only proposed the
kinds it allows are rendered as drafts, as the demo does (no prosecutor has authorised
the application yet).
"""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.kinds import specs
from docgen.kinds.spec import ORDER_STATES
from tests.orderstate.conftest import HOUSE, in_state, load, sample_data, write_case

# The sample that holds what each shipped kind needs, and the event it is about.
BASES = {
    "transfer-letter": ("exampleton-fraud", "EV-005"),
    "warning-letter": ("specimen-drugs", "EV-002"),
    "recall-request": ("specimen-drugs", "EV-007"),
    "mg5": ("specimen-drugs", "EV-007"),
    "expiry-confirmation": ("pastdate-expired", None),
    "closure-checklist": ("pastdate-expired", None),
}
DEFAULT_BASE = ("specimen-drugs", None)
MATRIX = [(kind, state) for kind in specs() for state in ORDER_STATES]


def prepared(tmp_path, kind: str, state: str):
    stem, event = BASES.get(kind, DEFAULT_BASE)
    data = sample_data(stem)
    event_date = load(data).event(event).date if event else None
    if event_date and specs()[kind].sent_on_event_date:  # the case as it stood on the letter's day
        data["document_date"] = event_date.isoformat()
    data = in_state(data, state, event_date)
    case = write_case(tmp_path / "cases", data)
    args = ["render", kind, case, "--out", tmp_path / "out", "--format", "docx", "--house-style", HOUSE / f"{data['managing_force']}.yaml"]
    if state == "proposed" and state in specs()[kind].states:  # before any authority, a draft (as in the demo)
        args.append("--draft")
    return args + (["--event", event] if event else []), data, event_date


@pytest.mark.parametrize(("kind", "state"), MATRIX, ids=[f"{k}-{s}" for k, s in MATRIX])
def test_a_kind_renders_only_in_the_states_it_allows(tmp_path, cli, kind, state):
    args, data, event_date = prepared(tmp_path, kind, state)
    code, out, err = cli(*args)
    spec = specs()[kind]
    if state in spec.states:
        if kind in BASES or not spec.needs:
            assert code == 0, err
            assert list((tmp_path / "out").glob("*.docx"))
        else:  # a kind whose needs no sample meets: the state rule at least never refuses it
            assert "may be produced only while" not in err
        return
    assert code == 2, out
    day = max(dt.date.fromisoformat(str(data["document_date"])), event_date or dt.date.min)
    assert f"{kind} may be produced only while the order is" in err
    assert f"on {day.isoformat()} the order {data['case_id']} " in err
    assert f" {state}" in err.split(f"the order {data['case_id']} ", 1)[1]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    assert "Traceback" not in err
