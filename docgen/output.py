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

from .errors import DocgenError, OutputExistsError, Problem


def check_free(paths: Iterable[Path], *, force: bool = False) -> None:
    """Refuse, before any work is done, if any target exists and ``force`` is off.

    A target that is a folder (or anything but a regular file) is refused even with
    ``force``: replacing it is never what was meant, and finding out after the first
    file of a group was written would leave the group half-replaced.
    """
    paths = list(paths)
    odd = [p for p in paths if p.exists() and not p.is_file()]
    if odd:
        raise DocgenError([Problem(str(p), "--out", "is a folder or special file, not a document; --force replaces only files") for p in odd])
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
    check_free([path], force=True)  # a folder or special file in the way is never replaced
    fd, tmp = _temporary_beside(path)
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), file_mode())
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


def _temporary_beside(path: Path) -> tuple[int, str]:
    """A new temporary file in ``path``'s folder (made if missing), or a DocgenError saying
    why the folder cannot take it (it is a file, or it is read-only)."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except (FileExistsError, NotADirectoryError):
        raise DocgenError("is a file, not a folder, so nothing can be written inside it; choose another --out", file=_first_non_folder(folder), field="--out") from None
    except PermissionError:
        raise DocgenError("cannot write into this folder (permission denied); choose another --out", file=folder, field="--out") from None
    except OSError as exc:
        raise DocgenError(f"cannot write into this folder ({exc.strerror or exc})", file=folder, field="--out") from None


def _first_non_folder(folder: Path) -> Path:
    """The part of ``folder`` that exists but is not a folder, to name it in the error."""
    for part in (*reversed(folder.parents), folder):
        if part.exists() and not part.is_dir():
            return part
    return folder


PRIVATE_ENV = "DOCGEN_PRIVATE_FILES"


def file_mode() -> int:
    """The permissions of a new output file: what the umask allows (as for any file the
    user creates), or owner-only 0600 when ``DOCGEN_PRIVATE_FILES=1`` asks for it."""
    if os.environ.get(PRIVATE_ENV, "").strip() in ("1", "true", "yes"):
        return 0o600
    mask = os.umask(0o077)
    os.umask(mask)
    return 0o666 & ~mask


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
