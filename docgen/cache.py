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
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, entry)
    except OSError:
        Path(temp).unlink(missing_ok=True)
    except BaseException:  # a value that cannot be pickled: no torn file left behind
        Path(temp).unlink(missing_ok=True)
        raise


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


# Compiled regular expressions. Libraries compile their patterns when they are imported
# (one URL pattern in ReportLab's paragraph module alone takes 20 ms), and Python keeps
# no compiled form between processes. Here the compiler's output for the patterns that were
# slow to compile is kept, and put back into ``re``'s own cache before the imports, so
# ``re.compile`` finds them there. Python's version is part of every key (see
# code_fingerprint), and each pattern kept is checked equal to a fresh compilation first.
_SLOW_PATTERN_S = 0.0002


class PatternRecorder:
    """Notes the patterns compiled while it is installed that were slow to compile."""

    def __init__(self) -> None:
        import re

        self._re = re
        self._original = re._compile  # type: ignore[attr-defined]
        self.slow: list[tuple[Any, int]] = []

    def __enter__(self) -> PatternRecorder:
        import time

        re, original, slow = self._re, self._original, self.slow
        cache = re._cache  # type: ignore[attr-defined]

        def timed(pattern: Any, flags: Any) -> Any:
            new = isinstance(pattern, str | bytes) and isinstance(flags, int)
            new = new and (type(pattern), pattern, int(flags)) not in cache
            start = time.perf_counter()
            compiled = original(pattern, flags)  # bad arguments raise here, as ever
            if new and time.perf_counter() - start >= _SLOW_PATTERN_S:
                slow.append((pattern, int(flags)))
            return compiled

        re._compile = timed  # type: ignore[attr-defined]
        return self

    def __exit__(self, *exc: object) -> None:
        self._re._compile = self._original  # type: ignore[attr-defined]


def _compiled_form(pattern: Any, flags: int) -> tuple[Any, ...] | None:
    """The arguments ``_sre.compile`` takes for ``pattern``, as ``re`` works them out."""
    import re
    from re import _compiler, _parser  # type: ignore[attr-defined]

    import _sre  # type: ignore[import-not-found]

    if flags & re.DEBUG:
        return None
    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]  # plain ints: opcodes are an int subclass
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    form = (pattern, flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    if _sre.compile(*form) != re.compile(pattern, flags):  # a Python whose compiler works otherwise
        return None
    return form


def store_patterns(key: str, patterns: Iterable[tuple[Any, int]]) -> None:
    """Keep the compiled form of ``patterns`` under ``key`` (a no-op when the cache is off)."""
    if not enabled():
        return
    try:
        forms = [(flags, form) for pattern, flags in dict.fromkeys(patterns) if (form := _compiled_form(pattern, flags))]
        _store(_entry("regex", key), forms)
    except Exception:  # noqa: BLE001 - only a speed-up: without it, patterns compile as ever
        return


def seed_patterns(key: str) -> bool:
    """Put the patterns kept under ``key`` into ``re``'s cache; False when none are kept."""
    if not enabled():
        return False
    try:
        import re

        import _sre  # type: ignore[import-not-found]

        with open(_entry("regex", key), "rb") as handle:
            forms = _load(handle)
        cache = re._cache  # type: ignore[attr-defined]
        for flags, form in forms:
            cache[type(form[0]), form[0], flags] = _sre.compile(*form)
        return True
    except Exception:  # noqa: BLE001 - missing or unreadable: compiled as ever, and kept again
        return False
