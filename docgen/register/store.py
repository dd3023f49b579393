"""The register: the cases a team manages and every document it has issued.

Rows for issued documents, their files and the log are never changed once written (the
schema's triggers refuse it); a case row is refreshed each time its file is synced. The
register holds case ids, dates and document facts only: no subject's name or address.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from ..case import Case
from ..errors import DocgenError
from . import chain, db
from .due import KeyDate, key_dates
from .forces import shipped_forces


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def stamp(moment: dt.datetime) -> str:
    """A UTC time as the register writes it: ``2026-11-22T09:30:00Z``."""
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def sha256_file(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@dataclass(frozen=True)
class CaseRow:
    case_id: str
    force: str
    case_no: int
    status: str
    release_date: dt.date | None
    starts_on: dt.date | None
    expires_on: dt.date | None
    stamp_date: dt.date
    source: str
    synced_at: str
    closed_at: str | None
    closed_by: str | None

    @property
    def closed(self) -> bool:
        return self.closed_at is not None


@dataclass(frozen=True)
class IssuedFile:
    format: str
    path: str
    sha256: str
    bytes: int


@dataclass(frozen=True)
class DocumentFacts:
    """What the register's row says of an issued document: handed to the register by the
    issuing step (:class:`NewDocument`) and read back from it (:class:`IssuedDocument`)."""

    reference: str
    case_id: str
    kind: str
    event_id: str | None
    seq: int
    version: int
    document_date: dt.date
    template: str
    template_sha256: str
    clauses: tuple[str, ...]
    law_version: str
    docgen_version: str
    record: dict[str, Any]
    generated_by: str
    reason: str


# How a fact is kept in its column and read back; the others are kept as they are.
_KEPT_AS: dict[str, tuple[Callable[[Any], object], Callable[[Any], object]]] = {
    "event_id": (lambda value: value or "", lambda value: value or None),
    "document_date": (dt.date.isoformat, dt.date.fromisoformat),
    "clauses": (lambda value: json.dumps(list(value)), lambda value: tuple(json.loads(value))),
    "record": (lambda value: json.dumps(value, sort_keys=True), json.loads),
}
_FACTS = tuple(f.name for f in fields(DocumentFacts))


def _to_columns(doc: DocumentFacts) -> dict[str, object]:
    return {name: _KEPT_AS[name][0](getattr(doc, name)) if name in _KEPT_AS else getattr(doc, name) for name in _FACTS}


def _from_columns(row: sqlite3.Row) -> dict[str, Any]:
    return {name: _KEPT_AS[name][1](row[name]) if name in _KEPT_AS else row[name] for name in _FACTS}


@dataclass(frozen=True)
class IssuedDocument(DocumentFacts):
    """One issued document, as the register recorded it when it was issued."""

    generated_at: str
    files: tuple[IssuedFile, ...] = field(default=())

    @property
    def level(self) -> str | None:
        """The warning level of a warning letter (None for other kinds)."""
        return self.record.get("level")


@dataclass(frozen=True)
class LogEntry:
    at: str
    user: str
    action: str
    case_id: str | None
    reference: str | None
    reason: str


@dataclass(frozen=True)
class NewDocument(DocumentFacts):
    """What the issuing step hands the register to record."""

    files: tuple[tuple[str, Path, str, int], ...] = ()  # (format, path, sha256, size)


class Register:
    """A register file. Open with :meth:`open`; use as a context manager to close it."""

    def __init__(self, path: Path, conn: sqlite3.Connection):
        self.path = Path(path)
        self.conn = conn

    @classmethod
    def open(cls, path: str | Path, *, create: bool = False) -> Register:
        path = Path(path)
        return cls(path, db.connect(path, create=create))

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Register:
        return self

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        self.close()
        if isinstance(exc, sqlite3.Error):  # a damaged file or a read-only folder is the user's to fix
            raise db.unusable(self.path, exc) from None

    @contextmanager
    def writing(self) -> Iterator[Register]:
        """One write transaction; calls inside an open one join it."""
        if self.conn.in_transaction:
            yield self
            return
        try:
            with db.transaction(self.conn):
                yield self
        except sqlite3.Error as exc:
            raise db.unusable(self.path, exc) from None

    # ------------------------------------------------------------------ paths

    def stored_path(self, path: Path) -> str:
        """A path as the register keeps it: relative to the register's folder when inside it."""
        path = Path(os.path.abspath(path))
        base = Path(os.path.abspath(self.path.parent))
        try:
            return path.relative_to(base).as_posix()
        except ValueError:
            return str(path)

    def remember_folder(self, folder: Path, now: dt.datetime | None = None) -> None:
        """Note an output folder before issuing writes into it (committed on its own)."""
        with self.writing():
            self.conn.execute(
                "INSERT OR IGNORE INTO output_folders (path, first_used) VALUES (?, ?)",
                (self.stored_path(folder), stamp(now or utc_now())),
            )

    def output_folders(self) -> list[Path]:
        """Every folder issuing has written into (or was about to)."""
        return [self.resolve(r[0]) for r in self.conn.execute("SELECT path FROM output_folders ORDER BY path")]

    def resolve(self, stored: str) -> Path:
        path = Path(stored)
        return path if path.is_absolute() else self.path.parent / path

    # ------------------------------------------------------------------ cases

    def sync(self, case: Case, *, by: str, reason: str = "case file synced", now: dt.datetime | None = None) -> CaseRow:
        """Record a case (or refresh it) with its dates and key dates, and log it."""
        now = now or utc_now()
        with self.writing():
            row = self.refresh_case(case, now)
            self._log(now, by, "sync", case.case_id, None, reason)
        return row

    def refresh_case(self, case: Case, now: dt.datetime) -> CaseRow:
        """Insert or refresh the case row and its key dates (no log line: the caller logs)."""
        conn = self.conn
        existing = self.case(case.case_id)
        if existing and existing.force != case.managing_force:
            raise DocgenError(
                f"case {case.case_id} is registered under force {existing.force} but the case file now "
                f"says {case.managing_force}; a case that moved belongs in the receiving force's register",
                file=case.source or "",
                field="managing_force",
            )
        source, digest = self._source_of(case)
        order = case.order
        stamp_date = case.document_date or max(c.sentenced_on for c in case.convictions)
        values = (
            case.managing_force,
            order.status,
            _iso(order.release_date),
            _iso(order.starts_on),
            _iso(order.expires_on),
            stamp_date.isoformat(),
            source,
            digest,
            stamp(now),
        )
        if existing:
            conn.execute(
                "UPDATE cases SET force=?, status=?, release_date=?, starts_on=?, expires_on=?, stamp_date=?, "
                "source=?, source_sha256=?, synced_at=? WHERE case_id=?",
                (*values, case.case_id),
            )
        else:
            case_no = conn.execute(
                "SELECT COALESCE(MAX(case_no), 0) + 1 FROM cases WHERE force=?", (case.managing_force,)
            ).fetchone()[0]
            conn.execute(
                "INSERT INTO cases (force, status, release_date, starts_on, expires_on, stamp_date, source, "
                "source_sha256, synced_at, case_id, case_no) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (*values, case.case_id, case_no),
            )
        settings = shipped_forces().settings_for(case.managing_force)
        conn.execute("DELETE FROM key_dates WHERE case_id=?", (case.case_id,))
        conn.executemany(
            "INSERT INTO key_dates (case_id, uid, on_date, kind, label) VALUES (?,?,?,?,?)",
            [(k.case_id, k.uid, k.on.isoformat(), k.kind, k.label) for k in key_dates(case, settings)],
        )
        row = self.case(case.case_id)
        assert row is not None
        return row

    def _source_of(self, case: Case) -> tuple[str, str]:
        if case.source is not None and Path(case.source).is_file():
            return self.stored_path(case.source), sha256_file(case.source)
        data = json.dumps(case.model_dump(mode="json"), sort_keys=True).encode()
        return "(not from a file)", hashlib.sha256(data).hexdigest()

    def case(self, case_id: str) -> CaseRow | None:
        row = self.conn.execute("SELECT * FROM cases WHERE case_id=?", (case_id,)).fetchone()
        return _case_row(row) if row else None

    def cases(self) -> list[CaseRow]:
        rows = self.conn.execute("SELECT * FROM cases ORDER BY force, case_no").fetchall()
        return [_case_row(r) for r in rows]

    def close_case(self, case_id: str, *, by: str, reason: str, now: dt.datetime | None = None) -> CaseRow:
        """Mark a case closed (after expiry or discharge): it leaves the due list and calendar."""
        now = now or utc_now()
        with self.writing():
            row = self.case(case_id)
            if row is None:
                raise DocgenError(f"case {case_id} is not in the register", file=self.path, field="CASE_ID")
            if row.closed:
                raise DocgenError(f"case {case_id} was already closed on {row.closed_at} by {row.closed_by}", file=self.path, field="CASE_ID")
            self.conn.execute("UPDATE cases SET closed_at=?, closed_by=? WHERE case_id=?", (stamp(now), by, case_id))
            self._log(now, by, "close", case_id, None, reason)
        closed = self.case(case_id)
        assert closed is not None
        return closed

    def key_dates(self, first: dt.date | None = None, last: dt.date | None = None, *, case_id: str | None = None) -> list[KeyDate]:
        """Key dates of the open cases (or of one case), optionally within a window."""
        sql = "SELECT k.* FROM key_dates k JOIN cases c USING (case_id) WHERE c.closed_at IS NULL"
        args: list[Any] = []
        if case_id is not None:
            sql += " AND k.case_id=?"
            args.append(case_id)
        if first is not None:
            sql += " AND k.on_date >= ?"
            args.append(first.isoformat())
        if last is not None:
            sql += " AND k.on_date <= ?"
            args.append(last.isoformat())
        rows = self.conn.execute(sql, args).fetchall()
        return sorted(KeyDate(dt.date.fromisoformat(r["on_date"]), r["case_id"], r["uid"], r["kind"], r["label"]) for r in rows)

    # ------------------------------------------------------------------ documents

    def numbering(self, case_id: str, kind: str, event_id: str | None) -> tuple[int, int]:
        """(seq, version) for the next issue: a re-issue keeps its number and adds a version."""
        row = self.conn.execute(
            "SELECT seq, MAX(version) AS version FROM documents WHERE case_id=? AND kind=? AND event_id=? "
            "GROUP BY seq ORDER BY seq DESC LIMIT 1",
            (case_id, kind, event_id or ""),
        ).fetchone()
        if row:
            return row["seq"], row["version"] + 1
        seq = self.conn.execute(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM documents WHERE case_id=? AND kind=?", (case_id, kind)
        ).fetchone()[0]
        return seq, 1

    def reference_taken(self, reference: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE reference=?", (reference,)).fetchone() is not None

    def record_issue(self, doc: NewDocument, *, now: dt.datetime | None = None) -> IssuedDocument:
        """Write the document, its files and the log line in the caller's transaction."""
        now = now or utc_now()
        with self.writing():
            row: dict[str, object] = {
                "id": chain.next_id(self.conn, "documents"), **_to_columns(doc), "generated_at": stamp(now),
            }
            files = [(fmt, self.stored_path(path), digest, size) for fmt, path, digest, size in doc.files]
            row["chain"] = chain.document_hash(row, files, chain.last_hash(self.conn, "documents"))
            self.conn.execute(
                f"INSERT INTO documents ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",  # noqa: S608
                tuple(row.values()),
            )
            self.conn.executemany(
                "INSERT INTO files (document_id, format, path, sha256, bytes) VALUES (?,?,?,?,?)",
                [(row["id"], *f) for f in files],
            )
            self._log(now, doc.generated_by, "issue", doc.case_id, doc.reference, doc.reason)
        issued = self.document(doc.reference)
        assert issued is not None
        return issued

    def document(self, reference: str) -> IssuedDocument | None:
        row = self.conn.execute("SELECT * FROM documents WHERE reference=?", (reference,)).fetchone()
        return self._document(row) if row else None

    def issued(self, case_id: str | None = None) -> list[IssuedDocument]:
        """Issued documents, oldest first (of one case, or all)."""
        if case_id is None:
            rows = self.conn.execute("SELECT * FROM documents ORDER BY id").fetchall()
        else:
            rows = self.conn.execute("SELECT * FROM documents WHERE case_id=? ORDER BY id", (case_id,)).fetchall()
        return [self._document(r) for r in rows]

    def _document(self, row: sqlite3.Row) -> IssuedDocument:
        files = self.conn.execute(
            "SELECT format, path, sha256, bytes FROM files WHERE document_id=? ORDER BY format", (row["id"],)
        ).fetchall()
        return IssuedDocument(
            **_from_columns(row),
            generated_at=row["generated_at"],
            files=tuple(IssuedFile(f["format"], f["path"], f["sha256"], f["bytes"]) for f in files),
        )

    # ------------------------------------------------------------------ log

    def _log(self, now: dt.datetime, user: str, action: str, case_id: str | None, reference: str | None, reason: str) -> None:
        row: dict[str, object] = {
            "id": chain.next_id(self.conn, "log"), "at": stamp(now), "user": user, "action": action,
            "case_id": case_id, "reference": reference, "reason": reason,
        }
        row["chain"] = chain.log_hash(row, chain.last_hash(self.conn, "log"))
        self.conn.execute(
            f"INSERT INTO log ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",  # noqa: S608
            tuple(row.values()),
        )

    def note(
        self, *, user: str, action: str, case_id: str | None, reason: str, now: dt.datetime | None = None,
        reference: str | None = None,
    ) -> None:
        """Log something done with the register's data (an export, say) that is not an issue."""
        with self.writing():
            self._log(now or utc_now(), user, action, case_id, reference, reason)

    def log(self, case_id: str | None = None) -> list[LogEntry]:
        sql, args = "SELECT * FROM log", ()
        if case_id is not None:
            sql, args = sql + " WHERE case_id=?", (case_id,)
        rows = self.conn.execute(sql + " ORDER BY id", args).fetchall()
        return [LogEntry(r["at"], r["user"], r["action"], r["case_id"], r["reference"], r["reason"]) for r in rows]

    def integrity(self) -> list[str]:
        """SQLite's own check of the file; ``[]`` when it is sound."""
        rows = [r[0] for r in self.conn.execute("PRAGMA integrity_check").fetchall()]
        return [] if rows == ["ok"] else rows


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _case_row(row: sqlite3.Row) -> CaseRow:
    return CaseRow(
        case_id=row["case_id"],
        force=row["force"],
        case_no=row["case_no"],
        status=row["status"],
        release_date=_day(row["release_date"]),
        starts_on=_day(row["starts_on"]),
        expires_on=_day(row["expires_on"]),
        stamp_date=dt.date.fromisoformat(row["stamp_date"]),
        source=row["source"],
        synced_at=row["synced_at"],
        closed_at=row["closed_at"],
        closed_by=row["closed_by"],
    )
