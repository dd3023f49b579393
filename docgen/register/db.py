"""The register's SQLite file: connecting, migrating and writing safely from many processes.

Every write runs in a ``BEGIN IMMEDIATE`` transaction, which takes the write lock before
reading the counters it will bump; a second process waits (busy timeout) instead of
failing, so two processes can never hand out the same reference.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from ..errors import DocgenError

BUSY_TIMEOUT_SECONDS = 60.0


def migrations() -> list[tuple[int, str, str]]:
    """The schema migrations shipped in the package, as (number, name, SQL), in order."""
    folder = resources.files(__package__).joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:4].isdigit():
            found.append((int(name[:4]), name, entry.read_text(encoding="utf-8")))
    found.sort()
    numbers = [n for n, _, _ in found]
    if numbers != list(range(1, len(found) + 1)):
        raise RuntimeError(f"register migrations are not numbered 1..N: {numbers}")
    return found


def schema_version() -> int:
    """The schema version this code writes."""
    return len(migrations())


def statements(sql: str) -> list[str]:
    """Split a migration into statements (a trigger body holds semicolons of its own)."""
    out, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        if not buffer and line.strip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            out.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise RuntimeError(f"incomplete SQL statement in a migration: {buffer.strip()[:60]}")
    return out


def connect(path: Path, *, create: bool) -> sqlite3.Connection:
    """Open the register, creating and migrating it if asked; never a half-made schema."""
    path = Path(path)
    if not create and not path.is_file():
        raise DocgenError(
            "no register here; run `docgen register sync CASES...` first or pass --register PATH",
            file=path,
        )
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        migrate(conn, path)
    except sqlite3.DatabaseError as exc:
        raise DocgenError(f"cannot open the register: {exc}", file=path) from None
    return conn


def migrate(conn: sqlite3.Connection, path: Path) -> int:
    """Bring the schema up to date; the version lives in the file (``PRAGMA user_version``)."""
    known = migrations()
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    if current > len(known):
        raise DocgenError(
            f"the register has schema version {current}, newer than this docgen knows ({len(known)}); "
            "upgrade docgen before using it",
            file=path,
        )
    if current == len(known):
        return current
    with transaction(conn):
        current = conn.execute("PRAGMA user_version").fetchone()[0]  # another process may have won
        for number, _name, sql in known[current:]:
            for statement in statements(sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
    return len(known)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A write transaction that holds the lock from its first read; rolled back on any error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
