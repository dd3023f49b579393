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


def cannot_write(path: Path, exc: OSError) -> DocgenError:
    """An operating-system refusal (read-only folder, a folder in the way) as a user error."""
    return DocgenError(f"cannot write here: {exc.strerror or exc}", file=path)


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
    except BaseException as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise cannot_write(path, exc) from None
        raise
    return path


# ---------------------------------------------------------------------- two-step writing
#
# Issuing writes each file under a temporary name, records it in the register, and only
# then gives it its real name. The temporary name is fixed by the real one, so a file
# left by a crash is found again (and a retry overwrites its own leftover).

TEMP_SUFFIX = ".docgen-part"


def temporary_name(path: Path) -> Path:
    """``out/X.pdf`` is written first as ``out/.X.pdf.docgen-part``."""
    path = Path(path)
    return path.parent / f".{path.name}{TEMP_SUFFIX}"


def final_name(temporary: Path) -> Path | None:
    """The real name a temporary file stands for, or None if it is not one."""
    name = Path(temporary).name
    if not (name.startswith(".") and name.endswith(TEMP_SUFFIX)) or len(name) <= len(TEMP_SUFFIX) + 1:
        return None
    return Path(temporary).parent / name[1 : -len(TEMP_SUFFIX)]


def write_temporary(path: Path, data: bytes) -> Path:
    """Write ``data`` under ``path``'s temporary name, synced to disk; returns that name."""
    path = Path(path)
    temporary = temporary_name(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as fh:
            os.fchmod(fh.fileno(), file_mode())
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise cannot_write(path, exc) from None
    return temporary


def promote(temporary: Path, path: Path) -> None:
    """Give a temporary file its real name, never replacing a different file.

    Two processes may finish the same file (an issue and a recovery after it): whichever
    comes second finds the file in place with the same bytes and is content.
    """
    try:
        os.link(temporary, path)
    except FileExistsError:
        if not (temporary.is_file() and Path(path).read_bytes() == temporary.read_bytes()):
            raise OutputExistsError("already exists and differs from the file being issued", file=path) from None
    except FileNotFoundError:
        if not Path(path).is_file():
            raise DocgenError("the file being issued vanished before it was put in place", file=path) from None
        return
    except OSError as exc:
        raise cannot_write(path, exc) from None
    Path(temporary).unlink(missing_ok=True)
    sync_folder(Path(path).parent)


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (where the system allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


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
