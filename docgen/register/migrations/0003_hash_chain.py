"""Hash chain: every issued document and every log entry carries a hash sealing the one before.

Adds a ``chain`` column to ``documents`` and ``log``, seals the rows already there (oldest
first), and from then on refuses a row that arrives unsealed. Also adds the list of output
folders issuing writes into, where files left by a crash are looked for. The append-only triggers are
dropped only for the back-fill, inside the migration's transaction, and put back as they were.
"""

from __future__ import annotations

import sqlite3

from docgen.register.chain import backfill

NEVER_CHANGE = (
    "CREATE TRIGGER documents_never_change BEFORE UPDATE ON documents\n"
    "BEGIN SELECT RAISE(ABORT, 'an issued document is never changed; issue a new version'); END",
    "CREATE TRIGGER log_never_changes BEFORE UPDATE ON log\n"
    "BEGIN SELECT RAISE(ABORT, 'the register log is append-only'); END",
)
SEALED = (
    "CREATE TRIGGER documents_sealed BEFORE INSERT ON documents WHEN NEW.chain IS NULL\n"
    "BEGIN SELECT RAISE(ABORT, 'an issued document must carry its chain hash'); END",
    "CREATE TRIGGER log_sealed BEFORE INSERT ON log WHEN NEW.chain IS NULL\n"
    "BEGIN SELECT RAISE(ABORT, 'a log entry must carry its chain hash'); END",
)


def upgrade(conn: sqlite3.Connection) -> None:
    conn.execute("DROP TRIGGER documents_never_change")
    conn.execute("DROP TRIGGER log_never_changes")
    conn.execute("ALTER TABLE documents ADD COLUMN chain TEXT")
    conn.execute("ALTER TABLE log ADD COLUMN chain TEXT")
    backfill(conn)
    for statement in (*NEVER_CHANGE, *SEALED):
        conn.execute(statement)
    # Every folder an issue writes into, noted before any file is written, so that files a
    # crash leaves in a folder the register has not yet issued into are still found.
    conn.execute("CREATE TABLE output_folders (path TEXT PRIMARY KEY, first_used TEXT NOT NULL)")
