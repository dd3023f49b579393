"""Recording what happened: one history event appended to a case file, the file kept as written.

The new event is added as YAML text at the end of the ``history`` list, so the officer's
layout and comments survive. Before anything is written the new text is read back: it
must hold exactly the old data plus the new event, and the case must still validate;
otherwise the file is left untouched and the message says why.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .case import Case, case_from_data
from .errors import DocgenError
from .output import write_atomic
from .yamlio import parse_yaml

_KEY = re.compile(r"^history:[ \t]*(#.*)?$")
_EMPTY = re.compile(r"^history:[ \t]*\[\][ \t]*(#.*)?$")
_ITEM = re.compile(r"^([ \t]*)- ")
_ID = re.compile(r"^(.*?)(\d+)$")


def next_event_id(history: list[Any]) -> str:
    """One more than the highest numbered id, in the same style (EV-009 after EV-008)."""
    best: tuple[int, str, int] | None = None
    for event in history:
        found = _ID.match(str(event.get("id", ""))) if isinstance(event, dict) else None
        if found and (best is None or int(found.group(2)) > best[0]):
            best = (int(found.group(2)), found.group(1), len(found.group(2)))
    if best is None:
        return "EV-001"
    number, prefix, width = best
    return f"{prefix}{number + 1:0{width}d}"


def _insert(text: str, block: str) -> str:
    """``text`` with ``block`` (one YAML list item) added at the end of the history list."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    start = next((i for i, line in enumerate(lines) if _KEY.match(line) or _EMPTY.match(line)), None)
    if start is None:
        return "".join(lines) + "history:\n" + _indent(block, "  ")
    if _EMPTY.match(lines[start]):
        return "".join(lines[:start]) + "history:\n" + _indent(block, "  ") + "".join(lines[start + 1 :])
    indent, last = "  ", start
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0] not in " \t-":
            break
        item = _ITEM.match(line)
        if item and last == start:
            indent = item.group(1)
        last = i
    return "".join(lines[: last + 1]) + _indent(block, indent) + "".join(lines[last + 1 :])


def _indent(block: str, indent: str) -> str:
    return "".join(indent + line if line.strip() else line for line in block.splitlines(keepends=True))


def append_event(path: Path, fields: dict[str, Any]) -> tuple[str, Case]:
    """Append an event (its id chosen here) to the case file; return the id and the new case."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DocgenError(f"cannot read: {exc.strerror}", file=path) from None
    data = parse_yaml(text, file=path)
    if not isinstance(data, dict):
        raise DocgenError("is not a case file (a YAML mapping)", file=path)
    history = data.get("history") or []
    if not isinstance(history, list):
        raise DocgenError("must be a list of events", file=path, field="history")
    event_id = next_event_id(history)
    event = {"id": event_id, **{k: v for k, v in fields.items() if v is not None}}
    block = yaml.safe_dump([event], sort_keys=False, allow_unicode=True, default_flow_style=False, width=88)
    new_text = _insert(text, block)
    new_data = parse_yaml(new_text, file=path)
    expected = {**data, "history": [*history, parse_yaml(block, file=path)[0]]}
    if new_data != expected:
        raise DocgenError(
            "the history list is not written in a layout the event can be appended to safely; add the event by hand",
            file=path,
            field="history",
        )
    case = case_from_data(new_data, file=path)
    write_atomic(path, new_text.encode("utf-8"), force=True)
    return event_id, case
