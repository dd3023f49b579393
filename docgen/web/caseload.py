"""The case folder as the workbench sees it: each case file, its order's state, its dates.

Nothing here decides a rule: states come from :mod:`docgen.orderstate`, key dates from
:mod:`docgen.register.due`, open actions from the history, validation from
:mod:`docgen.case`. A file that does not validate is still listed (with its problems) to
the team its ``managing_force`` names, so nobody loses sight of a case by a typo.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..case import Case, load_case
from ..errors import DocgenError, Problem
from ..orderstate import OrderState, state_on
from ..register.due import KeyDate, key_dates
from ..register.forces import shipped_forces
from ..yamlio import read_yaml_mapping

# The caseload's groups, in the words the issue uses, from the order's state.
EXPIRING_DAYS = 90


@dataclass(frozen=True)
class Entry:
    """One case file: the case when it validates, else its problems."""

    path: Path
    case_id: str
    force: str
    case: Case | None
    problems: tuple[Problem, ...]
    digest: str
    dates: tuple[KeyDate, ...] = ()

    @property
    def valid(self) -> bool:
        return self.case is not None

    def state(self, today: dt.date) -> OrderState | None:
        return state_on(self.case, today) if self.case is not None else None

    def group(self, today: dt.date) -> str:
        """proposed, awaiting release, live, expiring, ended or invalid."""
        state = self.state(today)
        if state is None:
            return "invalid"
        if state.state in ("proposed", "authorised"):
            return "proposed"
        if state.state == "made":
            return "awaiting release"
        if state.state in ("live", "varied"):
            if state.expires_on and (state.expires_on - today).days <= EXPIRING_DAYS:
                return "expiring"
            return "live"
        return "ended"

    def due(self, today: dt.date, days: int) -> list[KeyDate]:
        last = today + dt.timedelta(days=days)
        return [d for d in self.dates if today <= d.on <= last]

    def overdue(self, today: dt.date) -> list[KeyDate]:
        """Actions the subject owed before today that the history does not show done."""
        return [d for d in self.dates if d.kind == "action" and d.on < today]


@dataclass
class CaseFolder:
    """The case files in one folder, re-read only when a file changes."""

    root: Path
    _cache: dict[Path, tuple[tuple[int, int], Entry]] = field(default_factory=dict)

    def paths(self) -> list[Path]:
        return sorted(p for p in Path(self.root).glob("*.yaml") if p.is_file())

    def entries(self) -> list[Entry]:
        return [self.entry(p) for p in self.paths()]

    def entry(self, path: Path) -> Entry:
        stat = path.stat()
        key = (stat.st_mtime_ns, stat.st_size)
        cached = self._cache.get(path)
        if cached and cached[0] == key:
            return cached[1]
        entry = read_entry(path)
        self._cache[path] = (key, entry)
        return entry

    def find(self, case_id: str) -> Entry | None:
        for entry in self.entries():
            if entry.case_id == case_id:
                return entry
        return None


def read_entry(path: Path) -> Entry:
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    try:
        case = load_case(path)
    except DocgenError as exc:
        case_id, force = _ids(path)
        return Entry(path, case_id, force, None, tuple(exc.problems), digest)
    dates = tuple(key_dates(case, shipped_forces().settings_for(case.managing_force)))
    return Entry(path, case.case_id, case.managing_force, case, (), digest, dates)


def _ids(path: Path) -> tuple[str, str]:
    """The case id and force of a file that does not validate, as far as they can be read."""
    try:
        raw = read_yaml_mapping(path)
    except DocgenError:
        raw = {}
    case_id = raw.get("case_id") if isinstance(raw.get("case_id"), str) else path.stem
    force = raw.get("managing_force") if isinstance(raw.get("managing_force"), str) else ""
    return case_id, force


@dataclass(frozen=True)
class Caseload:
    """What the caseload page shows: rows, counts by group and the dates coming up."""

    entries: tuple[Entry, ...]
    counts: dict[str, int]
    due_30: tuple[KeyDate, ...]
    due_90: tuple[KeyDate, ...]
    overdue: tuple[KeyDate, ...]


def caseload(entries: list[Entry], today: dt.date) -> Caseload:
    counts = Counter(e.group(today) for e in entries)
    return Caseload(
        entries=tuple(sorted(entries, key=lambda e: (e.force, _officer(e), e.case_id))),
        counts=dict(sorted(counts.items())),
        due_30=tuple(sorted(d for e in entries for d in e.due(today, 30))),
        due_90=tuple(sorted(d for e in entries for d in e.due(today, 90) if d.on > today + dt.timedelta(days=30))),
        overdue=tuple(sorted(d for e in entries for d in e.overdue(today))),
    )


def _officer(entry: Entry) -> str:
    return entry.case.offender_manager.name if entry.case else ""
