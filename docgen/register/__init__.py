"""The issued-documents register: an embedded SQLite file beside the case files.

It records every case the team manages (with its key dates) and every document issued,
with its unique reference, the template and clause versions used, the SHA-256 of each
file, and who produced it, when and why (the log Part 3 of the Data Protection Act 2018
expects). See ``docs/register.md``.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .due import KeyDate, key_dates
    from .forces import Force, Forces, shipped_forces
    from .store import CaseRow, IssuedDocument, IssuedFile, LogEntry, Register
    from .verify import require_verified, verified_register

# Each public name and the module that defines it. They are imported on first use, so a
# command that only needs the police forces (every case load does) does not load SQLite
# and the store.
_HOMES = {
    "KeyDate": "due", "key_dates": "due",
    "Force": "forces", "Forces": "forces", "shipped_forces": "forces",
    "CaseRow": "store", "IssuedDocument": "store", "IssuedFile": "store", "LogEntry": "store", "Register": "store",
    "require_verified": "verify", "verified_register": "verify",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value

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
