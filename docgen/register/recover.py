"""Files an interrupted issue left behind, found and cleared.

Issuing writes temporary files, commits the register row, then renames them (see
``docgen/issuing.py``). A crash leaves one of three things in an output folder:

- **unfinished**: a temporary file whose document the register recorded, with the
  recorded SHA-256 (the crash came after the commit); recovering gives it its real name;
- **temporary**: any other temporary file (the crash came before the commit, so nothing
  was recorded); recovering removes it;
- **unrecorded**: a file named like an issued document that the register never recorded
  (left by an older docgen, or copied in by hand); it must not pass for an issued
  document, so recovering removes it.

Every action is logged in the register.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..output import TEMP_SUFFIX, final_name, promote
from .forces import shipped_forces
from .references import FIELDS, file_stem, pattern_fields
from .store import Register, sha256_file

Kind = Literal["unfinished", "temporary", "unrecorded"]
ISSUED_SUFFIXES = (".docx", ".pdf")


@dataclass(frozen=True)
class Leftover:
    """One file an interrupted issue left behind."""

    path: Path
    kind: Kind
    reference: str | None = None  # the document it belongs to, when the register knows it

    def describe(self) -> str:
        what = {
            "unfinished": "temporary file of an issued document, not yet given its real name",
            "temporary": "temporary file of an issue that was never recorded",
            "unrecorded": "named like an issued document, but the register never recorded it",
        }[self.kind]
        return what + (f" ({self.reference})" if self.reference else "")


def _key(path: Path) -> str:
    return os.path.normcase(os.path.abspath(path))


def _recorded(register: Register) -> dict[str, tuple[str, str]]:
    """Every issued file's absolute path, with its reference and recorded SHA-256."""
    rows = register.conn.execute(
        "SELECT d.reference, f.path, f.sha256 FROM files f JOIN documents d ON d.id = f.document_id"
    ).fetchall()
    return {_key(register.resolve(path)): (reference, digest) for reference, path, digest in rows}


def folders(register: Register, extra: Iterable[Path] = ()) -> list[Path]:
    """The folders to look in: those issuing wrote (or was about to write) into, and any named."""
    rows = register.conn.execute("SELECT path FROM files").fetchall()
    found = {_key(register.resolve(r[0]).parent): register.resolve(r[0]).parent for r in rows}
    for folder in [*register.output_folders(), *extra]:
        found.setdefault(_key(folder), Path(folder))
    return [found[k] for k in sorted(found) if found[k].is_dir()]


def reference_names(register: Register) -> re.Pattern[str]:
    """File names a force's reference pattern can give (limited to known cases and kinds).

    Case ids and kind abbreviations are taken from the register and the shipped kinds, so a
    preview (named ``CASE-kind-EVENT``) is never mistaken for an issued document.
    """
    from ..render import kinds, template_dirs

    abbrevs = {k.abbrev for k in kinds(template_dirs(None)).values()}
    cases = {r[0] for r in register.conn.execute("SELECT case_id FROM cases")}
    forces = shipped_forces()
    patterns = {forces.defaults.reference_pattern} | {f.reference_pattern for f in forces.forces if f.reference_pattern}

    def one_of(values: Iterable[str]) -> str:
        return "(?:" + "|".join(re.escape(file_stem(v)) for v in sorted(values, key=lambda v: (-len(v), v))) + ")"

    alternatives = []
    for pattern in sorted(patterns):
        parts = []
        for literal, name, _spec, _conv in string.Formatter().parse(pattern):
            parts.append(re.escape(file_stem(literal)))
            if name == "kind":
                parts.append(one_of(abbrevs) if abbrevs else "(?!)")
            elif name == "case":
                parts.append(one_of(cases) if cases else "(?!)")
            elif name is not None:
                parts.append(r"\d+" if FIELDS[name] is int else r"[A-Za-z0-9]+")
        if "version" not in pattern_fields(pattern):
            parts.append(r"(?:_v\d+)?")
        alternatives.append("".join(parts))
    suffixes = "|".join(re.escape(s) for s in ISSUED_SUFFIXES)
    return re.compile(rf"^(?:{'|'.join(alternatives)})(?:{suffixes})$")


def find(register: Register, extra: Iterable[Path] = ()) -> list[Leftover]:
    """Leftovers in the register's output folders (and any named), sorted by path."""
    recorded = _recorded(register)
    names = reference_names(register)
    found = []
    for folder in folders(register, extra):
        for entry in sorted(folder.iterdir()):
            if entry.is_symlink() or not entry.is_file():
                continue
            final = final_name(entry)
            if final is not None:
                known = recorded.get(_key(final))
                if known and sha256_file(entry) == known[1]:
                    found.append(Leftover(entry, "unfinished", known[0]))
                else:
                    found.append(Leftover(entry, "temporary", known[0] if known else None))
            elif _key(entry) not in recorded and names.match(entry.name):
                found.append(Leftover(entry, "unrecorded"))
    return found


def recover(register: Register, *, by: str, extra: Iterable[Path] = (), now: dt.datetime | None = None) -> list[tuple[Leftover, str]]:
    """Finish or remove every leftover, logging each; returns what was done to which file.

    It holds the register's write lock throughout, so no issue is between choosing its
    reference and committing its row while it looks: every temporary file of an
    unrecorded document is then truly abandoned.
    """
    done = []
    with register.writing():
        for item in find(register, extra):
            if item.kind == "unfinished":
                final = final_name(item.path)
                assert final is not None
                promote(item.path, final)
                action = f"completed {register.stored_path(final)}"
            else:
                item.path.unlink(missing_ok=True)
                action = f"removed {register.stored_path(item.path)}"
            register.note(
                user=by, action="recover", case_id=None, reference=item.reference, reason=f"{action}: {item.describe()}", now=now
            )
            done.append((item, action))
    return done


__all__ = ["Leftover", "TEMP_SUFFIX", "find", "folders", "recover"]
