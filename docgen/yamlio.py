"""Strict YAML reading shared by case files, house styles and other inputs.

Two things the default loader does that are wrong for legal data:
- it silently keeps the last of two duplicate keys (a typo would hide a value);
- it turns ``2026-02-30`` into a crash deep in the date constructor instead of a message
  that names the field. Dates are left as strings here and parsed by the typed models.
"""

from __future__ import annotations

import os
import stat
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

import yaml

from .errors import DocgenError, FieldProblems, Problem


# libyaml's parser when PyYAML was built with it (several times faster: the clause
# library is read on every command), the pure-Python one otherwise.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """A safe loader without implicit timestamps and with duplicate-key detection."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            # ``? [a, b]`` or ``{x: 1}: ...``: a list or mapping used as a key
            raise yaml.constructor.ConstructorError(
                None, None, f"a key must be a plain value, not a {type(key).__name__}", key_node.start_mark
            ) from None
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def parse_yaml(text: str, *, file: str | Path) -> Any:
    """Parse YAML text, reporting syntax problems with the file and line.

    The same text always gives the same data, so a text parsed before is not parsed again:
    the result is kept by the text itself (an edited file is new text) and each caller
    gets its own copy, free to change. Text that parses to anything but plain values,
    lists and mappings, or that shares one list or mapping in two places (an alias), is
    parsed every time.
    """
    with _memo_lock:
        kept = _memo.get(text)
        if kept is not None:
            _memo.move_to_end(text)
    if kept is not None:
        return _fresh(kept[0])
    data = parse_yaml_plain(text, file=file)
    if len(text) <= _MEMO_TEXT and _memoable(data):
        global _memo_size
        with _memo_lock:
            if text not in _memo:
                _memo[text] = (data,)
                _memo_size += len(text)
            while len(_memo) > _MEMO_ENTRIES or _memo_size > _MEMO_BUDGET:
                _memo_size -= len(_memo.popitem(last=False)[0])
        return _fresh(data)
    return data


# the texts parsed most recently, with their data (never handed out itself): at most
# _MEMO_ENTRIES texts of _MEMO_TEXT characters each, _MEMO_BUDGET characters in all
_MEMO_ENTRIES = 256
_MEMO_TEXT = 256 * 1024
_MEMO_BUDGET = 4 * 1024 * 1024
_memo_size = 0
_MEMO_DEPTH = 64
_memo: OrderedDict[str, tuple[Any]] = OrderedDict()
_memo_lock = threading.Lock()
_PLAIN = frozenset({str, int, float, bool, type(None), bytes})


def _fresh(value: Any) -> Any:
    """A copy of parsed data as a new parse gives it: new lists and mappings, the same
    (unchangeable) plain values."""
    kind = type(value)
    if kind is dict:
        return {key: _fresh(item) for key, item in value.items()}
    if kind is list:
        return [_fresh(item) for item in value]
    return value


def _memoable(data: Any) -> bool:
    """Whether :func:`_fresh` copies ``data`` exactly: only plain values, lists and
    mappings, each list or mapping in one place only, nested no deeper than
    :data:`_MEMO_DEPTH` (so that copying never runs out of stack)."""
    seen: set[int] = set()
    stack = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        kind = type(value)
        if kind is dict or kind is list:
            if id(value) in seen or depth >= _MEMO_DEPTH:
                return False
            seen.add(id(value))
            if kind is dict:
                if any(type(key) not in _PLAIN for key in value):
                    return False
                stack.extend((item, depth + 1) for item in value.values())
            else:
                stack.extend((item, depth + 1) for item in value)
        elif kind not in _PLAIN:
            return False
    return True


def parse_yaml_plain(text: str, *, file: str | Path) -> Any:
    """:func:`parse_yaml` without the memo: the text parsed now."""
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = exc.problem or str(exc)
        raise DocgenError([Problem(str(file), where, f"not valid YAML: {reason}")]) from None
    except yaml.YAMLError as exc:
        raise DocgenError([Problem(str(file), "", f"not valid YAML: {exc}")]) from None


# No case file, house style or spec comes near this; a bigger file is a mistake (or an
# attempt to exhaust memory) and is refused before it is parsed.
MAX_INPUT_BYTES = 16 * 1024 * 1024


class NotRegularFile(OSError):
    """The path is a FIFO, device or socket: reading it could block or never end."""


def read_regular(path: str | Path, *, limit: int | None = None) -> bytes:
    """The bytes of a regular file, read without blocking on a FIFO and up to ``limit``.

    The file is opened non-blocking and checked with ``fstat`` on the open descriptor,
    so what is checked is what is read. Raises :class:`NotRegularFile` for anything that
    is not a regular file, :class:`ValueError` when the file is over ``limit`` bytes, and
    the usual ``OSError`` subclasses otherwise.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, "is a folder", str(path))
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(f"is not a regular file ({_file_type(info.st_mode)}); give the path of an ordinary file")
        if limit is not None and info.st_size > limit:
            raise ValueError(f"is {info.st_size} bytes; the limit is {limit} bytes")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(-1 if limit is None else limit + 1)  # the file may grow meanwhile
        if limit is not None and len(data) > limit:
            raise ValueError(f"is over the limit of {limit} bytes")
        return data
    finally:
        os.close(fd)


def _file_type(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))
    return next((name for test, name in kinds if test(mode)), "a special file")


def read_yaml_mapping(path: str | Path) -> dict[str, Any]:
    """Read a YAML file whose top level must be a mapping.

    Only a regular file of at most :data:`MAX_INPUT_BYTES` is read: a FIFO given by
    mistake would otherwise hang the command, and a huge file exhaust memory.
    """
    return yaml_mapping(read_input(path), file=path)


def read_input(path: str | Path) -> bytes:
    """The bytes of an input file, as :func:`read_yaml_mapping` reads them (a regular
    file of at most :data:`MAX_INPUT_BYTES`), or an error naming the file."""
    path = Path(path)
    try:
        raw = read_regular(path, limit=MAX_INPUT_BYTES)
    except FileNotFoundError:
        raise DocgenError("file not found", file=path) from None
    except IsADirectoryError:
        raise DocgenError("is a folder, not a file", file=path) from None
    except NotRegularFile as exc:
        raise DocgenError(str(exc), file=path) from None
    except ValueError as exc:
        raise DocgenError(f"{exc}; a case file is never this large", file=path) from None
    except OSError as exc:
        raise DocgenError(f"cannot read: {exc.strerror or exc}", file=path) from None
    return raw


def yaml_mapping(raw: bytes, *, file: str | Path) -> dict[str, Any]:
    """A file's bytes read as YAML whose top level must be a mapping; errors name ``file``."""
    path = Path(file)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocgenError(f"not UTF-8 text (byte {exc.start})", file=path) from None
    data = parse_yaml(text, file=path)
    if not isinstance(data, dict):
        raise DocgenError("the file must hold a YAML mapping (key: value pairs) at the top level", file=path)
    return data


def pydantic_problems(exc: Exception, *, file: str | Path) -> list[Problem]:
    """Turn a pydantic ValidationError into one Problem per error, field path first."""
    problems = []
    for err in exc.errors():  # type: ignore[attr-defined]
        loc = ".".join(str(p) for p in err["loc"] if p not in ("function-after", "function-before"))
        msg = err["msg"]
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, ") :]
        if err["type"] == "extra_forbidden":
            msg = "unknown field (check the spelling; see docs/case-file.md)"
        found = err.get("ctx", {}).get("error")
        if isinstance(found, FieldProblems):  # a model's own check: each problem at its own field
            problems.extend(Problem(str(file), ".".join(p for p in (loc, field) if p), message) for field, message in found.problems)
            continue
        problems.append(Problem(str(file), loc, msg))
    return problems
