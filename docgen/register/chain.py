"""The register's hash chain: each issued document and each log entry seals the one before.

A row's hash is the SHA-256 of a canonical encoding of the row (sorted-key JSON of its
stored values, with the files of a document) and of the previous row's hash. Changing,
inserting or deleting a row inside the chain breaks every later link, so ``register
verify`` can say which row was touched. The head (the last hashes of both chains) is
printed so it can be written down or sent elsewhere; with a key file it is also signed
(HMAC-SHA256). What this does and does not show is set out in ``docs/register.md``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import DocgenError
from ..findings import Finding

GENESIS = "0" * 64
ENCODING = "docgen-register-chain-v1"

# The stored columns each chain covers, fixed so that a later migration adding a column
# does not silently change what earlier hashes meant.
DOCUMENT_FIELDS = (
    "id", "reference", "case_id", "kind", "event_id", "seq", "version", "document_date", "template",
    "template_sha256", "clauses", "law_version", "docgen_version", "record", "generated_by",
    "generated_at", "reason",
)
LOG_FIELDS = ("id", "at", "user", "action", "case_id", "reference", "reason")


def _seal(kind: str, values: dict[str, object], previous: str) -> str:
    payload = {"chain": ENCODING, "entry": kind, "previous": previous, "row": values}
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_hash(row: dict[str, object], files: Iterable[Sequence[object]], previous: str) -> str:
    """The hash of one issued document: its stored values, its files and the previous hash."""
    values = {name: row[name] for name in DOCUMENT_FIELDS}
    values["files"] = sorted([str(f[0]), str(f[1]), str(f[2]), int(f[3])] for f in files)  # type: ignore[call-overload]
    return _seal("document", values, previous)


def log_hash(row: dict[str, object], previous: str) -> str:
    """The hash of one log entry: its stored values and the previous hash."""
    return _seal("log", {name: row[name] for name in LOG_FIELDS}, previous)


def last_hash(conn: sqlite3.Connection, table: str) -> str:
    """The newest hash of a chain (``documents`` or ``log``), or the genesis value."""
    row = conn.execute(f"SELECT chain FROM {table} ORDER BY id DESC LIMIT 1").fetchone()  # noqa: S608 - fixed names
    return row[0] if row and row[0] else GENESIS


def next_id(conn: sqlite3.Connection, table: str) -> int:
    """The id the next row gets; chosen under the write lock so it can be sealed first."""
    return conn.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}").fetchone()[0]  # noqa: S608


def document_files(conn: sqlite3.Connection, document_id: int) -> list[tuple[str, str, str, int]]:
    rows = conn.execute(
        "SELECT format, path, sha256, bytes FROM files WHERE document_id=? ORDER BY format", (document_id,)
    ).fetchall()
    return [(r[0], r[1], r[2], r[3]) for r in rows]


def _rows(conn: sqlite3.Connection, table: str, fields: Sequence[str]) -> list[dict[str, object]]:
    cursor = conn.execute(f"SELECT {', '.join(fields)}, chain FROM {table} ORDER BY id")  # noqa: S608
    return [dict(zip([*fields, "chain"], r)) for r in cursor.fetchall()]


def backfill(conn: sqlite3.Connection) -> None:
    """Seal the rows of a register made before the chain existed, oldest first (a migration step)."""
    previous = GENESIS
    for row in _rows(conn, "documents", DOCUMENT_FIELDS):
        previous = document_hash(row, document_files(conn, int(row["id"])), previous)  # type: ignore[call-overload]
        conn.execute("UPDATE documents SET chain=? WHERE id=?", (previous, row["id"]))
    previous = GENESIS
    for row in _rows(conn, "log", LOG_FIELDS):
        previous = log_hash(row, previous)
        conn.execute("UPDATE log SET chain=? WHERE id=?", (previous, row["id"]))


# ---------------------------------------------------------------------- checking


def _break(where: str, what: str) -> Finding:
    """One place where the chain does not hold, named by reference (or log entry)."""
    return Finding(field=where, message=what)


@dataclass(frozen=True)
class Links:
    """A chain as stored: each row's id and hash, in order."""

    ids: tuple[int, ...]
    hashes: tuple[str, ...]

    @property
    def head(self) -> str:
        return self.hashes[-1] if self.hashes else GENESIS


def _gaps(ids: Sequence[int]) -> list[tuple[int, int]]:
    gaps, expected = [], 1
    for value in ids:
        if value > expected:
            gaps.append((expected, value - 1))
        expected = value + 1
    return gaps


def _span(first: int, last: int) -> str:
    return f"{first}" if first == last else f"{first} to {last}"


def check_documents(conn: sqlite3.Connection) -> tuple[Links, list[Finding]]:
    """Re-seal every issued document and compare with the stored hash."""
    rows = _rows(conn, "documents", DOCUMENT_FIELDS)
    breaks: list[Finding] = []
    previous = GENESIS
    for row in rows:
        expected = document_hash(row, document_files(conn, int(row["id"])), previous)  # type: ignore[call-overload]
        stored = row["chain"]
        if not stored:
            breaks.append(_break(str(row["reference"]), "the row carries no chain hash"))
        elif stored != expected:
            breaks.append(
                _break(
                    str(row["reference"]),
                    "the row, its files or the row before it differ from what was recorded (hash chain broken)",
                )
            )
        previous = str(stored or expected)
    ids = [int(r["id"]) for r in rows]  # type: ignore[call-overload]
    for first, last in _gaps(ids):
        breaks.append(_break(f"document row {_span(first, last)}", "deleted from the register"))
    return Links(tuple(ids), tuple(str(r["chain"] or "") for r in rows)), breaks


def check_log(conn: sqlite3.Connection) -> tuple[Links, list[Finding]]:
    """Re-seal every log entry and compare with the stored hash."""
    rows = _rows(conn, "log", LOG_FIELDS)
    breaks: list[Finding] = []
    previous = GENESIS
    for row in rows:
        expected = log_hash(row, previous)
        stored = row["chain"]
        label = f"log entry {row['id']}" + (f" ({row['action']} {row['reference']})" if row["reference"] else f" ({row['action']})")
        if not stored:
            breaks.append(_break(label, "the entry carries no chain hash"))
        elif stored != expected:
            breaks.append(_break(label, "the entry or the one before it differs from what was recorded (hash chain broken)"))
        previous = str(stored or expected)
    ids = [int(r["id"]) for r in rows]  # type: ignore[call-overload]
    for first, last in _gaps(ids):
        breaks.append(_break(f"log entry {_span(first, last)}", "deleted from the log"))
    return Links(tuple(ids), tuple(str(r["chain"] or "") for r in rows)), breaks


def check_cross(conn: sqlite3.Connection) -> list[Finding]:
    """Every issued document has its 'issue' log entry, by the same person at the same time."""
    breaks = []
    documents = conn.execute("SELECT reference, generated_by, generated_at FROM documents ORDER BY id").fetchall()
    logged = {
        r[0]: (r[1], r[2])
        for r in conn.execute("SELECT reference, user, at FROM log WHERE action='issue' ORDER BY id").fetchall()
    }
    references = set()
    for reference, by, at in documents:
        references.add(reference)
        if reference not in logged:
            breaks.append(_break(reference, "issued, but its 'issue' entry is missing from the log"))
        elif logged[reference] != (by, at):
            breaks.append(_break(reference, "who issued it, or when, differs between the document row and the log"))
    for reference in sorted(set(logged) - references):
        breaks.append(_break(reference, "the log says it was issued, but the register has no such document"))
    return breaks


# ---------------------------------------------------------------------- the head


def head_token(documents: Links, log: Links, upto: tuple[int, int] | None = None) -> str:
    """``<documents>.<log entries>.<sha256>``: short enough to write down, exact enough to check."""
    n_docs, n_log = upto if upto is not None else (len(documents.hashes), len(log.hashes))
    doc_head = documents.hashes[n_docs - 1] if n_docs else GENESIS
    log_head = log.hashes[n_log - 1] if n_log else GENESIS
    digest = hashlib.sha256(f"{ENCODING}:head:{doc_head}:{log_head}".encode()).hexdigest()
    return f"{n_docs}.{n_log}.{digest}"


def check_since(token: str, documents: Links, log: Links) -> Finding | None:
    """Does the register still hold, unchanged, the chain a head written down earlier sealed?"""
    parts = token.strip().split(".")
    if len(parts) != 3 or not parts[0].isdigit() or not parts[1].isdigit() or len(parts[2]) != 64:
        raise DocgenError(f"'{token}' is not a head as `register verify` prints it (N.M.HASH)", field="--since")
    n_docs, n_log = int(parts[0]), int(parts[1])
    if n_docs > len(documents.hashes) or n_log > len(log.hashes):
        return _break("head", f"the register holds fewer rows than head {parts[0]}.{parts[1]} sealed: rows were removed")
    if not hmac.compare_digest(head_token(documents, log, (n_docs, n_log)), token.strip()):
        return _break("head", f"the first {n_docs} documents and {n_log} log entries are not the ones head {token.strip()[:20]}... sealed")
    return None


def read_key(path: Path) -> bytes:
    """An HMAC key file: its bytes, stripped of surrounding white space; at least 16 bytes."""
    try:
        key = Path(path).read_bytes().strip()
    except OSError as exc:
        raise DocgenError(f"cannot read the key file: {exc.strerror or exc}", file=path, field="--key") from None
    if len(key) < 16:
        raise DocgenError("the key file holds fewer than 16 bytes; use a long random key", file=path, field="--key")
    return key


def sign(token: str, key: bytes) -> str:
    """HMAC-SHA256 of a head: only a holder of the key can make or check it."""
    return hmac.new(key, token.encode(), hashlib.sha256).hexdigest()
