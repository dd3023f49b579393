"""The issued-documents register: an embedded SQLite file beside the case files.

It records every case the team manages (with its key dates) and every document issued,
with its unique reference, the template and clause versions used, the SHA-256 of each
file, and who produced it, when and why (the log Part 3 of the Data Protection Act 2018
expects). See ``docs/register.md``.
"""

from __future__ import annotations

from .due import KeyDate, key_dates
from .forces import Force, Forces, shipped_forces
from .store import CaseRow, IssuedDocument, IssuedFile, LogEntry, Register
from .verify import require_verified, verified_register

__all__ = [
    "CaseRow",
    "Force",
    "Forces",
    "IssuedDocument",
    "IssuedFile",
    "KeyDate",
    "LogEntry",
    "Register",
    "key_dates",
    "require_verified",
    "shipped_forces",
    "verified_register",
]
