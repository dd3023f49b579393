"""Which register a command uses, who is acting, and what a preview may read from it.

Kept apart from the issuing step and the store so that rendering a preview with no register in sight does
not load the register's store, SQLite and the issuing machinery.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Sequence
from pathlib import Path

from ..errors import DocgenError

REGISTER_FILE = "docgen.db"


def register_path(explicit: Path | None = None, cases: Sequence[Path] = ()) -> Path:
    """Which register to use: --register, then $DOCGEN_REGISTER, then beside the cases, then here."""
    if explicit is not None:
        return Path(explicit)
    env = os.environ.get("DOCGEN_REGISTER", "").strip()
    if env:
        return Path(env)
    if cases:
        return Path(cases[0]).parent / REGISTER_FILE
    return Path(REGISTER_FILE)


def register_extra(case_path: Path, register: Path | None = None) -> dict[str, object]:
    """What a preview may know from the register, read-only; nothing when there is none.

    A preview never creates a register: the ladder then rests on the case history alone.
    """
    path = register_path(register, [Path(case_path)])
    if not path.is_file():
        return {}
    from ..case import load_case
    from .store import Register
    from .welsh import reviewed_versions

    case_id = load_case(case_path).case_id
    with Register.open(path) as reg:
        return {"issued": tuple(reg.issued(case_id)), "case_row": reg.case(case_id), "welsh_reviews": reviewed_versions(reg)}


def current_user(by: str | None = None) -> str:
    """Who is acting: --by, then $DOCGEN_USER, then the operating-system login name."""
    name = (by or "").strip() or os.environ.get("DOCGEN_USER", "").strip()
    if not name:
        try:
            name = getpass.getuser().strip()
        except (KeyError, OSError):
            name = ""
    if not name:
        raise DocgenError("cannot tell who is acting: pass --by NAME or set DOCGEN_USER", field="--by")
    return name
