"""Checking issued files against the register: changed or missing files are reported.

The register keeps the SHA-256 of every file it issued. Re-hashing them shows whether a
file on disk is still the one that was issued.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .store import Register, sha256_file

Status = Literal["ok", "changed", "missing"]


@dataclass(frozen=True)
class FileCheck:
    reference: str
    format: str
    path: str
    status: Status


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
