"""The register's SQLite file: connecting, migrating and writing safely from many processes.

Every write runs in a ``BEGIN IMMEDIATE`` transaction, which takes the write lock before
reading the counters it will bump; a second process waits (busy timeout) instead of
failing, so two processes can never hand out the same reference.
"""

from __future__ import annotations

import importlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from ..errors import DocgenError

BUSY_TIMEOUT_SECONDS = 60.0


def migrations() -> list[tuple[int, str, str]]:
    """The schema migrations shipped in the package, as (number, name, SQL), in order.

    A migration is SQL (``NNNN_name.sql``) or, when rows must be computed in Python (the
    hash chain's back-fill), a module ``NNNN_name.py`` whose ``upgrade(conn)`` does the work;
    its text is then the module's source.
    """
    folder = resources.files(__package__).joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith((".sql", ".py")) and name[:4].isdigit():
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
    if path.exists() and not path.is_file():
        raise DocgenError("is not a register file (a folder or a device is in its place)", file=path, field="--register")
    if not create and not path.is_file():
        raise DocgenError(
            "no register here; run `docgen register sync CASES...` first or pass --register PATH",
            file=path,
        )
    try:
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DocgenError(f"cannot make the register's folder: {exc.strerror or exc}", file=path, field="--register") from None
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        migrate(conn, path)
    except sqlite3.DatabaseError as exc:
        raise unusable(path, exc) from None
    return conn


def unusable(path: Path, exc: sqlite3.Error) -> DocgenError:
    """A register SQLite cannot read or write, as a user error naming the file and why."""
    text = str(exc)
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        reason = f"cannot write to the register or its folder ({text}); check the folder's permissions"
    elif "malformed" in text or "not a database" in text or "encrypted" in text:
        reason = f"the register file is damaged ({text}); restore it from a backup"
    elif "locked" in text or "busy" in text:
        reason = f"another process held the register too long ({text}); try again"
    else:
        reason = f"the register cannot be used: {text}"
    return DocgenError(reason, file=path, field="register")


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
        for number, name, sql in known[current:]:
            apply(conn, name, sql)
            conn.execute(f"PRAGMA user_version = {number}")
    return len(known)


def apply(conn: sqlite3.Connection, name: str, text: str) -> None:
    """Run one migration in the caller's transaction."""
    if name.endswith(".py"):
        module = importlib.import_module(f"{__package__}.migrations.{name[:-3]}")
        module.upgrade(conn)
        return
    for statement in statements(text):
        conn.execute(statement)


def expected_triggers() -> dict[str, str]:
    """The triggers a register of the current schema holds (name to SQL), from a fresh copy."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        with transaction(conn):
            for _number, name, text in migrations():
                apply(conn, name, text)
        return {r[0]: r[1] for r in conn.execute("SELECT name, sql FROM sqlite_master WHERE type='trigger'")}
    finally:
        conn.close()


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
