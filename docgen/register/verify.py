"""Checking the register: its rows against their hash chain, its guards, and its files.

``verify_register`` is what ``docgen register verify`` runs. It checks SQLite's own
integrity, the schema version, that every append-only trigger is present and unaltered,
the hash chain of issued documents and of the log (each break named by reference), that
every issued document has its log entry, every issued file's SHA-256, and the output
folders for files an interrupted issue left behind. ``require_verified`` is the part a
bundle relies on: the rows themselves.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..errors import DocgenError, Problem
from ..findings import Finding
from . import chain, db
from .recover import Leftover
from .recover import find as find_leftovers
from .store import Register, sha256_file

Status = Literal["ok", "changed", "missing"]


@dataclass(frozen=True)
class FileCheck:
    reference: str
    format: str
    path: str
    status: Status


@dataclass(frozen=True)
class Report:
    """Everything ``register verify`` found, and the head to write down."""

    head: str
    documents: int
    log_entries: int
    findings: tuple[Finding, ...]
    files: tuple[FileCheck, ...] = ()
    leftovers: tuple[Leftover, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.findings and not self.leftovers and all(c.status == "ok" for c in self.files)


def verify(register: Register) -> list[FileCheck]:
    """One check per issued file, in issue order."""
    checks = []
    for doc in register.issued():
        for f in doc.files:
            path = register.resolve(f.path)
            if not path.is_file():
                status: Status = "missing"
            elif sha256_file(path) != f.sha256:
                status = "changed"
            else:
                status = "ok"
            checks.append(FileCheck(doc.reference, f.format, f.path, status))
    return checks


def _normal(sql: str | None) -> str:
    return re.sub(r"\s+", " ", (sql or "").strip().rstrip(";")).strip()


def check_rows(register: Register, since: str | None = None) -> tuple[str, int, int, list[Finding]]:
    """The register's own rows: integrity, schema, triggers, chains; (head, counts, findings)."""
    conn = register.conn
    findings = [Finding(field="register", message=f"SQLite integrity check: {line}") for line in register.integrity()]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version != db.schema_version():
        findings.append(Finding(field="register", message=f"schema version is {version}, expected {db.schema_version()}"))
    present = {r[0]: r[1] for r in conn.execute("SELECT name, sql FROM sqlite_master WHERE type='trigger'")}
    for name, sql in sorted(db.expected_triggers().items()):
        if name not in present:
            findings.append(Finding(field=f"trigger {name}", message="missing: the rows it guards could be changed unseen"))
        elif _normal(present[name]) != _normal(sql):
            findings.append(Finding(field=f"trigger {name}", message="altered from the one the schema defines"))
    documents, breaks = chain.check_documents(conn)
    log, log_breaks = chain.check_log(conn)
    findings += [*breaks, *log_breaks, *chain.check_cross(conn)]
    if since is not None:
        gone = chain.check_since(since, documents, log)
        if gone is not None:
            findings.append(gone)
    return chain.head_token(documents, log), len(documents.ids), len(log.ids), findings


def verify_register(register: Register, *, out: Iterable[Path] = (), since: str | None = None) -> Report:
    """Every check ``register verify`` makes."""
    head, n_docs, n_log, findings = check_rows(register, since)
    return Report(head, n_docs, n_log, tuple(findings), tuple(verify(register)), tuple(find_leftovers(register, out)))


def require_verified(register: Register) -> None:
    """Refuse a register whose rows do not verify (what a bundle built from it relies on)."""
    _head, _docs, _log, findings = check_rows(register)
    if findings:
        raise DocgenError(
            [Problem(str(register.path), f.field, f.message) for f in findings]
            + [Problem(str(register.path), "register", "does not verify, so nothing is built from it; see `docgen register verify`")]
        )


def verified_register(path: Path) -> Register:
    """Open a register and refuse it unless its rows verify; the caller closes it."""
    register = Register.open(path)
    try:
        require_verified(register)
    except sqlite3.Error as exc:
        register.close()
        raise db.unusable(register.path, exc) from None
    except BaseException:
        register.close()
        raise
    return register
