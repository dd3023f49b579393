"""Sample cases moved into any order state by small edits, and the CLI run in-process."""

from __future__ import annotations

import copy
import datetime as dt
import functools
import sys
from pathlib import Path
from typing import Any

import pytest

from docgen.case import Case, case_from_data
from docgen.orderstate import state_on
from tests.conftest import SAMPLES, dump_yaml, load_yaml

CASES = SAMPLES / "cases"
HOUSE = SAMPLES / "house-style"


def sample_data(stem: str) -> dict[str, Any]:
    return copy.deepcopy(_parsed((CASES / f"{stem}.yaml").read_text(encoding="utf-8")))


@functools.lru_cache(maxsize=16)
def _parsed(text: str) -> Any:
    """The sample's data, parsed once per text (every test starts from a sample)."""
    return load_yaml(text)


def load(data: dict[str, Any]) -> Case:
    return case_from_data(data, file=CASES / "edited.yaml")


def _day(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def in_state(data: dict[str, Any], state: str, event_date: dt.date | None = None) -> dict[str, Any]:
    """A copy of a made order's case, edited so that on its document date the order is ``state``.

    ``event_date`` is the date of the event a document is about: such a document is dated
    no earlier than its event, so the edits keep the state on that day too.
    """
    data = copy.deepcopy(data)
    order = data["order"]
    case = load(data)
    assert case.order.made_on is not None and case.order.expires_on is not None, "start from a made order with a start date"
    made, expires = case.order.made_on, case.order.expires_on
    day = max(_day(data["document_date"]), event_date or dt.date.min)
    in_force = day if case.order.starts_on <= day <= expires else expires - dt.timedelta(days=30)
    if state in ("proposed", "authorised"):
        order["status"] = "proposed"
        for key in ("made_on", "reference", "notice"):
            order.pop(key, None)
        if state == "proposed":  # no prosecutor has authorised the application yet
            del order["authorising_prosecutor"]
    elif state == "made":
        order["status"] = "made"
        order.pop("release_date")
        order.pop("notice", None)
    elif state in ("live", "varied", "discharged"):
        data["document_date"] = in_force.isoformat()
        if state == "varied":
            data["history"].insert(0, {"id": "EV-VAR", "type": "variation", "date": (made + dt.timedelta(days=1)).isoformat(),
                                       "summary": "The court varied the order."})  # fmt: skip
        if state == "discharged":
            order["status"] = "discharged"
            data["history"].append({"id": "EV-DIS", "type": "discharge", "date": (event_date or in_force).isoformat(),
                                    "summary": "The court discharged the order."})  # fmt: skip
    elif state == "expired":
        order["status"] = "expired"
        data["document_date"] = max(day, expires + dt.timedelta(days=7)).isoformat()
    got = state_on(load(data), max(_day(data["document_date"]), event_date or dt.date.min)).state
    assert got == state, f"the edit gave {got}, not {state}"
    return data


def write_case(folder: Path, data: dict[str, Any], name: str = "case.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(dump_yaml(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run ``docgen ARGS`` through its real entry point; (exit code, stdout, stderr)."""
    from docgen.cli import main

    def run(*args: Any) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["docgen", *map(str, args)])
        with pytest.raises(SystemExit) as stop:
            main()
        out = capsys.readouterr()
        return int(stop.value.code or 0), out.out, out.err

    return run
