"""Atomic, never-overwriting file output.

A document is written to a temporary file in the destination folder and renamed into
place, so a crash never leaves half a file behind. An existing file is only replaced
when the caller says so explicitly.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import DocgenError, OutputExistsError


def check_free(paths: Iterable[Path], *, force: bool = False) -> None:
    """Refuse, before any work is done, if any target exists and ``force`` is off."""
    if force:
        return
    taken = [p for p in paths if p.exists()]
    if taken:
        raise OutputExistsError(
            [
                # one problem per file so the user sees all of them
                *(
                    DocgenError(
                        "already exists; use --force to replace it or choose another --out",
                        file=p,
                    ).problems[0]
                    for p in taken
                )
            ]
        )


def write_atomic(path: Path, data: bytes, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` via a temporary file and rename.

    Without ``force`` an existing file is never replaced (the check and the rename use
    a hard link so that two processes cannot both win).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if force:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise OutputExistsError(
                    "already exists; use --force to replace it or choose another --out", file=path
                ) from None
            os.unlink(tmp)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path


def write_all_atomic(files: dict[Path, bytes], *, force: bool = False) -> list[Path]:
    """Write several files as a group: all are checked before any is written."""
    check_free(files, force=force)
    written: list[Path] = []
    try:
        for path, data in files.items():
            written.append(write_atomic(path, data, force=force))
    except BaseException:
        if not force:
            for p in written:
                p.unlink(missing_ok=True)
        raise
    return written
