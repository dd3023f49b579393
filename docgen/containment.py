"""Keeping the files a case or a bundle spec names inside the folders it may use.

A case file or bundle spec is data, and data may come from anywhere: a path such as
``../../../etc/passwd``, a symlink planted in the case folder or ``C:/Users/...`` must not
carry a file from elsewhere on the machine into a bundle served on a court. A path is
accepted only when it is written relative to the file that names it, in the portable
form (forward slashes, no drive letter), and when it resolves, after every symlink, to a
place inside one of the allowed roots:

- the folder of the file that names it;
- for a case file, the ``evidence`` folder beside the case file's folder (the layout the
  samples use: ``cases/`` and ``evidence/`` side by side, as ``house-style/`` is);
- every folder listed in ``DOCGEN_EVIDENCE_ROOT`` (separated by the system's path
  separator, ``:`` on Linux), for a force that keeps its evidence on a share.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path, PurePosixPath, PureWindowsPath

ROOT_ENV = "DOCGEN_EVIDENCE_ROOT"


class OutsideRoots(ValueError):
    """A path is refused; the message says why (the caller adds the file and field)."""


def portable_problem(text: str) -> str | None:
    """Why a path as written is refused before it is looked at on disk, or None."""
    if "\\" in text:
        return "uses backslashes (a Windows path); write it relative to this file with forward slashes"
    if PureWindowsPath(text).drive or text.startswith("//"):
        return "is a Windows drive or network path; write it relative to this file"
    if PurePosixPath(text).is_absolute() or text.startswith("~"):
        return "is an absolute path; write it relative to this file"
    return None


def configured_roots() -> list[Path]:
    """The folders ``DOCGEN_EVIDENCE_ROOT`` names, resolved."""
    value = os.environ.get(ROOT_ENV, "")
    return [Path(part).expanduser().resolve() for part in value.split(os.pathsep) if part.strip()]


def case_roots(case_file: Path | None) -> list[Path]:
    """Where a case file's evidence may live (see the module docstring)."""
    folder = Path(case_file).resolve().parent if case_file is not None else Path.cwd().resolve()
    return [folder, (folder.parent / "evidence").resolve()] + configured_roots()


def spec_roots(spec_file: Path | None) -> list[Path]:
    """Where a bundle spec's documents may live."""
    folder = Path(spec_file).resolve().parent if spec_file is not None else Path.cwd().resolve()
    return [folder] + configured_roots()


def contained(base: Path, written: str | Path, roots: Sequence[Path]) -> Path:
    """``written`` (relative to ``base``) as a path on disk, if it stays inside ``roots``.

    Raises :class:`OutsideRoots` saying why otherwise. The check is made on the fully
    resolved path, so a symlinked file or folder that points elsewhere is refused too.
    """
    text = str(written)
    reason = portable_problem(text)
    if reason:
        raise OutsideRoots(reason)
    path = Path(base) / text
    try:
        real = path.resolve(strict=False)
    except (OSError, RuntimeError) as exc:  # a symlink loop
        raise OutsideRoots(f"cannot be followed ({exc})") from None
    if not any(real == root or real.is_relative_to(root) for root in roots):
        allowed = ", ".join(str(r) for r in roots) or "(none)"
        how = " (through a symlink)" if _via_symlink(path) else ""
        raise OutsideRoots(
            f"resolves{how} outside the folders evidence may come from ({allowed}); "
            f"move the file there or add its folder to {ROOT_ENV}"
        )
    return path


def _via_symlink(path: Path) -> bool:
    """Whether any part of ``path`` is a symlink (to say so in the message)."""
    current = path
    while current != current.parent:
        if current.is_symlink():
            return True
        current = current.parent
    return False
