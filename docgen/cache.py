"""A per-user cache of what does not change between runs, so a command starts fast.

What is kept: the checked conditions library, the bank holidays of each year, and Jinja2's
compiled templates. Every entry is keyed by a SHA-256 of everything it was made from:
the content of its input files, docgen's own code and data, and the versions of Python
and of every installed library. Change any of these and the key changes, so a stale entry is
never read; it is simply not found. An entry that cannot be read is made again.

Where: ``$DOCGEN_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/docgen``, else
``~/.cache/docgen``. ``DOCGEN_CACHE=off`` turns the cache off (nothing read or written).
Outputs are byte-identical with and without it: it holds only what the inputs determine.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

T = TypeVar("T")

_PACKAGE = Path(__file__).resolve().parent


def enabled() -> bool:
    return os.environ.get("DOCGEN_CACHE", "").strip().lower() not in ("off", "0", "no", "false")


def cache_dir() -> Path:
    """The cache folder (not created here)."""
    explicit = os.environ.get("DOCGEN_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "docgen"


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """SHA-256 of docgen's own code and data files and the versions that shape what it caches."""
    digest = hashlib.sha256()
    digest.update(sys.version.encode())
    digest.update(_installed_versions().encode())
    for path in sorted(_PACKAGE.rglob("*")):
        relative = path.relative_to(_PACKAGE)
        if relative.parts[0] == "_shipped" or "__pycache__" in relative.parts or not path.is_file():
            continue  # shipped templates and library are keyed by their own content
        digest.update(str(relative).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _installed_versions() -> str:
    """The installed distributions with their versions, from the names of their metadata
    folders (``Jinja2-3.1.4.dist-info``): one directory listing per path entry, where asking
    importlib.metadata for each library costs a tenth of a second."""
    names: list[str] = []
    for entry in sys.path:
        try:
            names.extend(n for n in os.listdir(entry or ".") if n.endswith((".dist-info", ".egg-info")))
        except OSError:
            continue
    return ";".join(sorted(names))


def files_fingerprint(paths: Iterable[Path]) -> str:
    """SHA-256 of the names and contents of ``paths`` (sorted, so the order given does not matter)."""
    digest = hashlib.sha256()
    for path in sorted(Path(p) for p in paths):
        digest.update(str(path).encode() + b"\0")
        with open(path, "rb") as handle:
            digest.update(hashlib.file_digest(handle, "sha256").digest())
    return digest.hexdigest()


def _entry(kind: str, key: str) -> Path:
    full = hashlib.sha256(f"{code_fingerprint()}:{kind}:{key}".encode()).hexdigest()
    return cache_dir() / kind / f"{full}.pickle"


def cached(kind: str, key: str, make: Callable[[], T]) -> T:
    """``make()``, or the value it returned before for the same ``kind`` and ``key``.

    ``key`` must capture every input of ``make`` besides docgen's code and library
    versions (which are added here). A value is stored only when ``make`` returns; an
    exception (bad input) is raised as ever and nothing is stored.
    """
    if not enabled():
        return make()
    entry = _entry(kind, key)
    try:
        with open(entry, "rb") as handle:
            return _load(handle)
    except FileNotFoundError:
        pass
    except Exception:  # a torn or foreign file: make the value again and replace it
        pass
    value = make()
    _store(entry, value)
    return value


def _load(handle: BinaryIO) -> Any:
    """Unpickle with the cyclic collector paused: reading back a parsed font or the
    library makes tens of thousands of containers, and each few hundred set off a
    collection over every object the process holds (half the time of the read)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(handle)  # noqa: S301 - our own file in the user's own cache
    finally:
        if enabled:
            gc.enable()


def _store(entry: Path, value: object) -> None:
    """Write atomically; a cache that cannot be written (read-only home) is only slower."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, entry)
    except OSError:
        return


def template_bytecode_cache(namespace: str) -> object | None:
    """A Jinja2 bytecode cache in the cache folder (None when the cache is off or unusable).

    Jinja2 keys each compiled template by its name and a checksum of its source; the
    folder is keyed here by docgen's code and library versions, which shape the compiled
    code through the environment's filters and options; ``namespace`` separates
    environments whose options differ (one per template search path and language).
    """
    if not enabled():
        return None
    from jinja2 import FileSystemBytecodeCache

    space = hashlib.sha256(f"{code_fingerprint()}:{namespace}".encode()).hexdigest()[:32]
    folder = cache_dir() / "jinja2" / space
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))
