"""Check a folder of templates before anything is rendered.

A force that keeps its own templates finds out here, not in front of a subject, that a
template will fail: a syntax error, a name that no case or house style provides, an
attribute a model does not have, an unknown filter, a block that an override misspells
(so its content would silently never appear), an override of a shared layout that drops a
block or macro the shipped documents fill, or anything the sandbox would refuse. Each
finding is located as ``file:line``; every mistake is reported in one run, each where it
starts. In a folder with its own Welsh catalog, wording with no Welsh and Welsh whose
English has changed are errors; without a catalog, wording with no Welsh is a warning.
"""

from __future__ import annotations

import dataclasses
import difflib
import io
import threading
import typing
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.sandbox import (
    UNSAFE_ASYNC_GENERATOR_ATTRIBUTES,
    UNSAFE_COROUTINE_ATTRIBUTES,
    UNSAFE_FUNCTION_ATTRIBUTES,
    UNSAFE_GENERATOR_ATTRIBUTES,
    UNSAFE_METHOD_ATTRIBUTES,
)
from pydantic import BaseModel

from .errors import DocgenError
from .findings import Finding, Severity
from .kinds import spec_for
from .render import MAX_RANGE, TEMPLATE_SUFFIX, TemplateRefused, _read_header, environment, resolve_template, template_dirs
from .resources import templates_dir


# What build_context gives every template (docgen.pipeline.build_context).
CONTEXT_NAMES = ("case", "subject", "order", "convictions", "history", "officer", "house", "law", "locale", "terms", "doc", "options", "timeline")
DOC_KEYS = ("date", "reference", "version", "draft")
_UNSAFE = (
    UNSAFE_FUNCTION_ATTRIBUTES
    | UNSAFE_METHOD_ATTRIBUTES
    | UNSAFE_GENERATOR_ATTRIBUTES
    | UNSAFE_COROUTINE_ATTRIBUTES
    | UNSAFE_ASYNC_GENERATOR_ATTRIBUTES
    | {"mro", "func_globals", "format_map"}
)


def _finding(file: str, line: int, message: str, severity: Severity = "error") -> Finding:
    """One problem in one template (or catalogue), at one line."""
    return Finding(file=file, line=line, message=message, severity=severity)


def _in_order(findings: Iterable[Finding]) -> list[Finding]:
    """By file, line and message, each once: the order the checker has always reported in."""
    return sorted(set(findings), key=lambda f: (f.file, f.line, f.message, f.severity))


def _suggest(name: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, sorted(set(choices)), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


# --------------------------------------------------------------------------- types


def _root_types() -> dict[str, Any]:
    from .case import Case, Conviction, Event, Officer, Order, Subject
    from .housestyle import HouseStyle
    from .law import Law
    from .pipeline import TermView
    from .timeline import TimelineView

    return {
        "case": Case,
        "subject": Subject,
        "order": Order,
        "convictions": list[Conviction],
        "history": list[Event],
        "officer": Officer,
        "house": HouseStyle,
        "law": Law,
        "terms": list[TermView],
        "doc": _Keys("doc", DOC_KEYS),
        "event": Event,
        "timeline": TimelineView,
    }


@dataclass(frozen=True)
class _Keys:
    """A plain mapping whose keys are known (the ``doc`` values)."""

    name: str
    keys: tuple[str, ...]


def _unwrap(tp: Any) -> Any:
    """Strip Optional/Annotated so that ``Subject | None`` checks as ``Subject``."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return None
            tp = args[0]
        else:
            return tp


def _element(tp: Any) -> Any:
    """The item type of ``list[X]`` / ``tuple[X, ...]``, else None."""
    tp = _unwrap(tp)
    if typing.get_origin(tp) in (list, tuple) and typing.get_args(tp):
        return _unwrap(typing.get_args(tp)[0])
    return None


def _checkable(tp: Any) -> bool:
    return isinstance(tp, _Keys) or (isinstance(tp, type) and (issubclass(tp, BaseModel) or dataclasses.is_dataclass(tp)))


@lru_cache(maxsize=4096)
def _attribute(tp: Any, name: str) -> tuple[bool, Any]:
    """:func:`_attribute_plain`, once per type and name: a model's type hints are worked
    out from its annotations on every call, and every template asks about the same few."""
    return _attribute_plain(tp, name)


def _attribute_plain(tp: Any, name: str) -> tuple[bool, Any]:
    """Whether ``tp`` has attribute ``name``, and the attribute's type when known."""
    if isinstance(tp, _Keys):
        return name in tp.keys, None
    hints: dict[str, Any] = {}
    try:
        hints = typing.get_type_hints(tp)
    except Exception:  # unresolvable forward references: fall back to presence only
        hints = {}
    if name in hints and not name.startswith("_"):
        return True, _unwrap(hints[name])
    member = getattr(tp, name, None)
    if isinstance(member, property) and member.fget is not None:
        try:
            return True, _unwrap(typing.get_type_hints(member.fget).get("return"))
        except Exception:
            return True, None
    if isinstance(tp, type) and issubclass(tp, BaseModel) and name in tp.model_fields:
        return True, _unwrap(tp.model_fields[name].annotation)
    return hasattr(tp, name), None


def _public_names(tp: Any) -> list[str]:
    if isinstance(tp, _Keys):
        return list(tp.keys)
    fields = [f.name for f in dataclasses.fields(tp)] if dataclasses.is_dataclass(tp) else []
    return [n for n in dir(tp) if not n.startswith("_")] + list(getattr(tp, "model_fields", {})) + fields


# --------------------------------------------------------------------------- kinds


@lru_cache(maxsize=64)
def kind_names(kind: str) -> frozenset[str] | None:
    """Names a kind adds to its template: the fields of its typed ``Context`` (none for a
    force's own kind, which has no package)."""
    from .kinds import context_type
    from .kinds.spec import context_fields

    cls = context_type(kind)
    return frozenset(name for name, _, _ in context_fields(cls)) if cls is not None else frozenset()


def _all_kind_names(dirs: tuple[Path, ...]) -> frozenset[str] | None:
    """Every name any kind adds, for a shared layout that any kind may extend."""
    from .kinds import specs

    found: set[str] = set()
    kinds = set(specs()) | {p.name[: -len(TEMPLATE_SUFFIX)] for d in dirs for p in d.glob(f"*{TEMPLATE_SUFFIX}")}
    for kind in sorted(kinds):
        if not kind.startswith("_"):
            found |= kind_names(kind) or frozenset()
    return frozenset(found)


# --------------------------------------------------------------------------- checking


def parse_reporting(env: jinja2.Environment, source: str, name: str, filename: str) -> tuple[list[tuple[int, str]], nodes.Template | None]:
    """A template's syntax problems (line, message) and its tree; on a syntax error, a tree
    of the rest (see :meth:`_Checker.parse`)."""
    problems: list[tuple[int, str]] = []
    lines = source.split("\n")
    reported: set[int] = set()
    for line, message in structure_problems(env, source):
        problems.append((line, message))
        reported.add(line)
    for line in sorted(reported):
        lines[line - 1] = ""
    for _ in range(25):  # each pass sets aside one more broken line
        try:
            return problems, env.parse("\n".join(lines), name=name, filename=filename)
        except jinja2.TemplateSyntaxError as exc:
            line = exc.lineno or 1
            if line not in reported:
                problems.append((line, plain_syntax_error(exc.message or "", env)))
                reported.add(line)
            if line > len(lines) or not lines[line - 1]:
                return problems, None  # nothing left to set aside: stop with what was reported
            lines[line - 1] = ""
    return problems, None


# What :func:`parse_reporting` gave, per environment and by the template's text, name and
# path: the shipped templates are checked again by every check of a force's folder.
# Nothing that reads a tree changes it.
_KEPT_PARSES = 256
_kept: "weakref.WeakKeyDictionary[jinja2.Environment, OrderedDict[tuple[str, str, str], Any]]" = weakref.WeakKeyDictionary()
_kept_lock = threading.Lock()


def _parse_kept(env: jinja2.Environment, source: str, name: str, filename: str) -> tuple[list[tuple[int, str]], nodes.Template | None]:
    key = (source, name, filename)
    with _kept_lock:
        kept = _kept.setdefault(env, OrderedDict())
        found = kept.get(key)
        if found is not None:
            kept.move_to_end(key)
    if found is None:
        found = parse_reporting(env, source, name, filename)
        with _kept_lock:
            kept[key] = found
            while len(kept) > _KEPT_PARSES:
                kept.popitem(last=False)
    problems, tree = found
    return list(problems), tree


class _Checker:
    def __init__(self, folder: Path, dirs: tuple[Path, ...], shipped: Path, plain: bool = False) -> None:
        self.folder = folder
        self.dirs = dirs
        self.shipped = shipped
        self.env = environment(dirs, "en")
        self.findings: list[Finding] = []
        # ``plain`` walks every tree for each question and parses a layout again for each
        # template that extends it: the reference the quick path is tested against
        self.plain = plain
        self.attribute = _attribute_plain if plain else _attribute
        self._wholes: dict[str, nodes.Template | jinja2.TemplateSyntaxError] = {}
        self._walks: dict[int, tuple[nodes.Node, list[nodes.Node]]] = {}

    def find(self, tree: nodes.Node, types: type | tuple[type, ...]) -> Iterator[Any]:
        """``tree.find_all(types)``: the nodes below ``tree`` of those types, in the same
        order, from one walk of the tree kept for every later question."""
        if self.plain:
            return tree.find_all(types)
        walked = self._walks.get(id(tree))
        if walked is None or walked[0] is not tree:
            walked = (tree, list(tree.find_all(nodes.Node)))
            self._walks[id(tree)] = walked
        return (node for node in walked[1] if isinstance(node, types))

    def parse_whole(self, source: str) -> nodes.Template:
        """``self.env.parse(source)``, once per text in this run (a layout is read for every
        template that extends it)."""
        if self.plain:
            return self.env.parse(source)
        kept = self._wholes.get(source)
        if kept is None:
            try:
                kept = self.env.parse(source)
            except jinja2.TemplateSyntaxError as exc:
                kept = exc
            self._wholes[source] = kept
        if isinstance(kept, jinja2.TemplateSyntaxError):
            raise kept
        return kept

    def add(self, path: Path, line: int, message: str, severity: Severity = "error") -> None:
        self.findings.append(_finding(self._show(path), line or 1, message, severity))

    def _show(self, path: Path) -> str:
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)

    def parse(self, path: Path) -> nodes.Template | None:
        """The template's tree; on a syntax error, every syntax error and a tree of the rest.

        Each syntax error is reported where it starts (an unclosed ``{% if %}`` at the line
        that opens it) and its line is then set aside, so the names, attributes and blocks
        of the rest of the template are still checked in the same run.
        """
        try:
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.add(path, 1, f"cannot read the template: {exc}")
            return None
        if self.plain:
            problems, tree = parse_reporting(self.env, source, path.name, str(path))
        else:
            problems, tree = _parse_kept(self.env, source, path.name, str(path))
        for line, message in problems:
            self.add(path, line, message)
        return tree

    def resolve(self, name: str) -> Path | None:
        """The file ``name`` loads, as the renderer finds it (None if refused or missing)."""
        try:
            return resolve_template(self.dirs, name)
        except TemplateRefused:
            return None

    def shipped_version(self, path: Path) -> Path | None:
        candidate = self.shipped / path.name
        return candidate if candidate.is_file() and candidate.resolve() != path.resolve() else None

    # --- one template ---------------------------------------------------------------

    def check(self, path: Path, kind: str | None = None) -> None:
        """Check one template; ``kind`` names a shipped kind's package template, which is
        not named after its kind (``template.xml.j2``)."""
        if not path.resolve().is_relative_to(path.parent.resolve()):
            self.add(path, 1, "is a symlink to a file outside the templates folder; the renderer refuses it (copy the template in instead)")
            return
        tree = self.parse(path)
        if tree is None:
            return
        is_kind = kind is not None or (path.name.endswith(TEMPLATE_SUFFIX) and not path.name.startswith("_"))
        name = kind or path.name[: -len(TEMPLATE_SUFFIX)]
        if is_kind and spec_for(name) is None:  # a force's own kind is declared by its header
            try:
                _read_header(name, path, overridden=False)
            except DocgenError as exc:
                self.add(path, 1, exc.problems[0].message)
        self.check_references(path, tree)
        self.check_filters(path, tree)
        self.check_sandbox(path, tree)
        self.check_ranges(path, tree)
        self.check_blocks(path, tree)
        self.check_override(path, tree)
        if is_kind:
            extra = kind_names(name)
        else:
            extra = _all_kind_names(self.dirs)
        self.check_names(path, tree, extra)

    def check_references(self, path: Path, tree: nodes.Template) -> None:
        for node in self.find(tree, (nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
            target = node.template
            if isinstance(target, nodes.Const) and isinstance(target.value, str):
                try:
                    resolve_template(self.dirs, target.value)
                except TemplateRefused as refused:
                    self.add(path, node.lineno, f"the renderer refuses it: {refused.message}")
                    continue
                if self.resolve(target.value) is None:
                    if isinstance(node, nodes.Include) and node.ignore_missing:
                        continue
                    self.add(path, node.lineno, f"template '{target.value}' is not in this folder or the shipped templates")

    def check_filters(self, path: Path, tree: nodes.Template) -> None:
        for node in self.find(tree, nodes.Filter):
            if node.name not in self.env.filters:
                self.add(path, node.lineno, f"unknown filter '{node.name}'{_suggest(node.name, self.env.filters)}")
        for node in self.find(tree, nodes.Test):
            if node.name not in self.env.tests:
                self.add(path, node.lineno, f"unknown test '{node.name}'{_suggest(node.name, self.env.tests)}")

    def check_sandbox(self, path: Path, tree: nodes.Template) -> None:
        for node in self.find(tree, nodes.Getattr):
            if node.attr.startswith("_") or node.attr in _UNSAFE:
                self.add(path, node.lineno, f"the sandbox refuses access to '.{node.attr}' (internal or unsafe attribute)")
        for node in self.find(tree, nodes.Getitem):
            key = node.arg
            if isinstance(key, nodes.Const) and isinstance(key.value, str) and (key.value.startswith("_") or key.value in _UNSAFE):
                self.add(path, node.lineno, f"the sandbox refuses access to '[{key.value!r}]' (internal or unsafe attribute)")

    def check_ranges(self, path: Path, tree: nodes.Template) -> None:
        """A ``range()`` the sandbox would refuse at render time, found now."""
        for call in self.find(tree, nodes.Call):
            if not (isinstance(call.node, nodes.Name) and call.node.name == "range"):
                continue
            args = [_constant_int(arg) for arg in call.args]
            if not args or any(a is None for a in args):
                continue  # depends on the case: the sandbox checks it when rendering
            try:
                size = len(range(*args))  # type: ignore[arg-type]
            except (ValueError, OverflowError):
                size = MAX_RANGE + 1
            if size > MAX_RANGE:
                self.add(path, call.lineno, f"range() of {size} items is too expensive; the sandbox stops any range over {MAX_RANGE} items")

    def blocks_of(self, name: str, seen: frozenset[str] = frozenset()) -> set[str] | None:
        """Every block a template and its parents define, or None if it cannot be read."""
        path = self.resolve(name)
        if path is None or name in seen:
            return None
        try:
            tree = self.parse_whole(path.read_text(encoding="utf-8"))
        except (jinja2.TemplateSyntaxError, OSError):
            return None
        found = {b.name for b in self.find(tree, nodes.Block)}
        for ext in self.find(tree, nodes.Extends):
            if isinstance(ext.template, nodes.Const):
                parent = self.blocks_of(ext.template.value, seen | {name})
                if parent is None:
                    return None
                found |= parent
        return found

    def check_blocks(self, path: Path, tree: nodes.Template) -> None:
        extends = next(iter(self.find(tree, nodes.Extends)), None)
        if extends is None or not isinstance(extends.template, nodes.Const):
            return
        parent_name = extends.template.value
        if parent_name == path.name:
            self.add(path, extends.lineno, f"'{path.name}' extends itself; give the override another name or copy the layout")
            return
        parent = self.blocks_of(parent_name)
        if parent is None:
            return
        for block in self.find(tree, nodes.Block):
            if block.name not in parent:
                self.add(
                    path,
                    block.lineno,
                    f"block '{block.name}' is not a block of {parent_name}, so its content would never appear"
                    f"{_suggest(block.name, parent)} (blocks there: {', '.join(sorted(parent))})",
                )

    def check_override(self, path: Path, tree: nodes.Template) -> None:
        """An override of a shipped layout (``_name``) must keep what kind templates rely on."""
        shipped = self.shipped_version(path)
        if shipped is None or not path.name.startswith("_") or path.parent.resolve() == self.shipped.resolve():
            return
        try:
            original = self.parse_whole(shipped.read_text(encoding="utf-8"))
        except jinja2.TemplateSyntaxError:
            return
        mine = {b.name for b in self.find(tree, nodes.Block)}
        for block in self.find(original, nodes.Block):
            if block.name not in mine:
                self.add(path, 1, f"overrides the shipped {path.name} but has no block '{block.name}', which templates that extend it fill")
        my_macros = {m.name for m in self.find(tree, nodes.Macro)}
        for macro in self.find(original, nodes.Macro):
            if macro.name not in my_macros:
                self.add(path, 1, f"overrides the shipped {path.name} but has no macro '{macro.name}', which templates that extend it call")

    # --- names and attributes -----------------------------------------------------------

    def check_names(self, path: Path, tree: nodes.Template, extra: frozenset[str] | None) -> None:
        if extra is None:
            return  # the kind builds its context in a way we cannot read: do not guess
        local = self.local_names(tree)
        known = set(CONTEXT_NAMES) | set(self.env.globals) | set(extra) | local | {"loop", "caller", "varargs", "kwargs", "self", "super"}
        for node in self.find(tree, nodes.Name):
            if node.ctx == "load" and node.name not in known:
                self.add(
                    path,
                    node.lineno,
                    f"'{node.name}' is not provided: no case, house style or document value has that name"
                    f"{_suggest(node.name, known)}",
                )
        self.check_attributes(path, tree)

    def local_names(self, tree: nodes.Template) -> set[str]:
        names = {n.name for n in self.find(tree, nodes.Name) if n.ctx in ("store", "param")}
        names |= {m.name for m in self.find(tree, nodes.Macro)}
        for imp in self.find(tree, nodes.Import):
            names.add(imp.target)
        for imp in self.find(tree, nodes.FromImport):
            names.update(n if isinstance(n, str) else n[1] for n in imp.names)
        for trans in _trans_names(self.find(tree, nodes.Call)):
            names.add(trans)
        for ext in self.find(tree, nodes.Extends):
            if isinstance(ext.template, nodes.Const):
                parent = self.resolve(ext.template.value)
                if parent is not None:
                    try:
                        names |= self.local_names(self.parse_whole(parent.read_text(encoding="utf-8")))
                    except jinja2.TemplateSyntaxError:
                        pass
        return names

    def check_attributes(self, path: Path, tree: nodes.Template) -> None:
        types: dict[str, Any] = dict(_root_types())
        for node in self.find(tree, (nodes.For, nodes.Assign)):
            value = node.iter if isinstance(node, nodes.For) else node.node
            target = node.target
            if not isinstance(target, nodes.Name):
                continue
            tp = self.type_of(value, types)
            if isinstance(node, nodes.For):
                tp = _element(tp)
            if tp is not None and target.name not in CONTEXT_NAMES:
                types[target.name] = tp
        self._walk_attributes(path, tree, types)

    def _walk_attributes(self, path: Path, tree: nodes.Node, types: dict[str, Any]) -> None:
        for node in self.find(tree, nodes.Getattr):
            owner = self.type_of(node.node, types)
            if owner is None or not _checkable(owner) or node.attr.startswith("_"):
                continue
            found, _ = self.attribute(owner, node.attr)
            if not found:
                where = _dotted(node.node)
                kind = owner.name if isinstance(owner, _Keys) else owner.__name__
                self.add(
                    path,
                    node.lineno,
                    f"'{where}.{node.attr}': {kind} has no '{node.attr}'{_suggest(node.attr, _public_names(owner))}",
                )

    def type_of(self, node: nodes.Node, types: dict[str, Any]) -> Any:
        if isinstance(node, nodes.Name):
            return types.get(node.name)
        if isinstance(node, nodes.Getattr):
            owner = self.type_of(node.node, types)
            if owner is None or not _checkable(owner):
                return None
            return self.attribute(owner, node.attr)[1]
        if isinstance(node, nodes.Getitem):
            return _element(self.type_of(node.node, types))
        if isinstance(node, nodes.Filter) and node.name in ("first", "last", "reverse", "sort", "list", "unique") and node.node is not None:
            inner = self.type_of(node.node, types)
            return _element(inner) if node.name in ("first", "last") else inner
        return None


_KNOWN_TAGS = ("if", "elif", "else", "endif", "for", "endfor", "block", "endblock", "extends", "include", "import",
               "from", "macro", "endmacro", "call", "endcall", "set", "endset", "filter", "endfilter", "with",
               "endwith", "trans", "pluralize", "endtrans", "raw", "endraw", "autoescape", "endautoescape")


# tags that open a block closed by ``end<tag>`` (``set`` only in its block form)
_PAIRED = ("if", "for", "block", "macro", "call", "filter", "trans", "with", "autoescape", "set")


def structure_problems(env: jinja2.Environment, source: str) -> list[tuple[int, str]]:
    """Blocks opened and never closed, and end tags that close nothing, in plain words.

    Jinja reports an unclosed ``{% if %}`` where the template ends (or where another end
    tag is met), which may be far from the mistake; this finds the line that opens it.
    """
    try:
        tokens = list(env.lex(source))
    except jinja2.TemplateSyntaxError:
        return []  # broken inside a tag: the parser's own message says where
    problems: list[tuple[int, str]] = []
    stack: list[tuple[str, int]] = []
    unknown: list[tuple[str, int]] = []
    i = 0
    while i < len(tokens):
        line, kind, value = tokens[i]
        if kind != "block_begin":
            i += 1
            continue
        tag: list[tuple[str, str]] = []
        i += 1
        while i < len(tokens) and tokens[i][1] != "block_end":
            if tokens[i][1] != "whitespace":
                tag.append((tokens[i][1], tokens[i][2]))
            i += 1
        if not tag or tag[0][0] != "name":
            continue
        name = tag[0][1]
        if name not in _KNOWN_TAGS:
            unknown.append((name, line))
            continue
        if name in _PAIRED:
            if name == "set" and any(k == "operator" and v == "=" for k, v in tag):
                continue  # {% set x = ... %} closes itself
            stack.append((name, line))
        elif name.startswith("end") and name[3:] in _PAIRED:
            want = name[3:]
            if any(open_ == want for open_, _ in stack):
                while stack and stack[-1][0] != want:
                    open_, at = stack.pop()
                    problems.append((at, f"'{{% {open_} %}}' opened here is never closed: add '{{% end{open_} %}}' before the '{{% {name} %}}' at line {line}"))
                stack.pop()
            else:
                typo = next((u for u in unknown if difflib.get_close_matches(u[0], [want], n=1, cutoff=0.6)), None)
                if typo is not None:  # {% iff %} ... {% endif %}: one mistake, said once
                    unknown.remove(typo)
                    problems.append((typo[1], f"'{{% {typo[0]} %}}' is not a template tag; did you mean '{want}'? "
                                              f"(the '{{% {name} %}}' at line {line} closes it)"))
                    continue
                inner = f"; the innermost open block is the '{{% {stack[-1][0]} %}}' at line {stack[-1][1]}" if stack else ""
                problems.append((line, f"'{{% {name} %}}' closes nothing: no '{{% {want} %}}' is open here{inner}"))
    for name, at in unknown:
        problems.append((at, f"'{{% {name} %}}' is not a template tag{_suggest(name, _KNOWN_TAGS)}"))
    for open_, at in stack:
        problems.append((at, f"'{{% {open_} %}}' opened here is never closed: add '{{% end{open_} %}}' where it should end"))
    return sorted(problems)


def plain_syntax_error(message: str, env: jinja2.Environment) -> str:
    """Jinja's syntax message said for a template author, without the parser's own words."""
    import re

    unknown = re.match(r"Encountered unknown tag '(\w+)'", message)
    if unknown:
        tag = unknown.group(1)
        if tag.startswith("end") and tag in _KNOWN_TAGS:
            return f"'{{% {tag} %}}' closes nothing: no '{{% {tag[3:]} %}}' is open here"
        if tag in _KNOWN_TAGS:
            return f"'{{% {tag} %}}' is not allowed here (it belongs inside an open '{{% if %}}', '{{% for %}}' or '{{% trans %}}')"
        return f"'{{% {tag} %}}' is not a template tag{_suggest(tag, _KNOWN_TAGS)}"
    got = re.match(r"expected token '([^']+)', got '([^']+)'", message)
    if got:
        want, found = got.groups()
        closers = {"end of print statement": "'}}' to close the '{{'", "end of statement block": "'%}' to close the '{%'"}
        return f"found '{found}' where {closers.get(want, repr(want))} was expected"
    if message.startswith("unexpected end of template") or message.startswith("Unexpected end of template"):
        return "the template ends inside an unfinished tag or block"
    if message == "unexpected '}'":
        return "found a single '}': close '{{' with '}}' and '{%' with '%}'"
    if message.startswith("unexpected '"):
        return f"unexpected character {message[len('unexpected '):]}: check the '{{{{ }}}}' or '{{% %}}' around it"
    return "syntax error: " + message.replace("Jinja was looking", "the template needs").replace("Jinja ", "")


def plain_undefined(message: str, known: Iterable[str] = ()) -> str | None:
    """Jinja's message for a name or attribute that does not exist, said as the checker says
    it (no Python class names), with a "did you mean"; None when it is not such a message.

    ``known`` is the names the template had, for a misspelt top-level name.
    """
    import importlib
    import re

    attr = re.match(r"^'(?P<owner>[\w.]+) object' has no attribute '(?P<attr>\w+)'$", message)
    if attr:
        dotted, name = attr.group("owner"), attr.group("attr")
        module, _, cls_name = dotted.rpartition(".")
        owner: Any = None
        if module.startswith("docgen"):
            try:
                owner = getattr(importlib.import_module(module), cls_name, None)
            except ImportError:
                owner = None
        if owner is not None:
            return f"{cls_name} has no '{name}'{_suggest(name, _public_names(owner))}"
        label = {"dict": "this value", "str": "this text", "list": "this list"}.get(cls_name, "this value")
        return f"{label} has no '{name}'"
    key = re.match(r"^'(?P<owner>[\w.]+) object' has no attribute (?P<attr>.+)$", message)
    if key:
        return f"this value has no {key.group('attr')}"
    name = re.match(r"^'(?P<name>\w+)' is undefined$", message)
    if name:
        return (f"'{name.group('name')}' is not provided: no case, house style or document value has that name"
                f"{_suggest(name.group('name'), known)}")

_ARITHMETIC = {nodes.Add: int.__add__, nodes.Sub: int.__sub__, nodes.Mul: int.__mul__, nodes.FloorDiv: int.__floordiv__}


def _constant_int(node: nodes.Node) -> int | None:
    """The value of a constant integer expression such as ``10**9``, or None."""
    if isinstance(node, nodes.Const):
        return node.value if isinstance(node.value, int) and not isinstance(node.value, bool) else None
    if isinstance(node, nodes.Neg):
        value = _constant_int(node.node)
        return None if value is None else -value
    if isinstance(node, nodes.BinExpr):
        left, right = _constant_int(node.left), _constant_int(node.right)
        if left is None or right is None:
            return None
        if isinstance(node, nodes.Pow):
            return left**right if 0 <= right <= 256 and abs(left) < 2**64 else None
        op = _ARITHMETIC.get(type(node))
        if op is None or (isinstance(node, nodes.FloorDiv) and right == 0):
            return None
        return op(left, right)
    return None


def _dotted(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_dotted(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        return f"{_dotted(node.node)}[...]"
    return "..."


def _trans_names(calls: Iterable[nodes.Call]) -> Iterator[str]:
    """Names bound in ``{% trans x=... %}`` headers appear as template-local names."""
    for call in calls:
        if isinstance(call.node, nodes.Name) and call.node.name in ("gettext", "ngettext", "pgettext", "npgettext"):
            for kw in call.kwargs:
                yield kw.key


# --------------------------------------------------------------------------- API


def template_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.j2") if p.is_file())


def shipped_kind_templates() -> dict[str, Path]:
    """Each shipped kind's template (in its package), by kind name."""
    from .kinds import kind_template, specs

    return {kind: path for kind in specs() if (path := kind_template(kind)) is not None}


def shipped_template_files() -> list[Path]:
    """Every shipped template: the shared layouts and macros, then each kind's."""
    return template_files(templates_dir()) + list(shipped_kind_templates().values())


def check(folder: Path | None = None) -> list[Finding]:
    """Every finding for the templates in ``folder`` (default: the shipped templates).

    A force's folder is checked as it will be used: on the search path in front of the
    shipped templates, so ``{% extends "_letter.xml.j2" %}`` finds the shipped layout.
    """
    return _check(folder, plain=False)


def _check(folder: Path | None, *, plain: bool) -> list[Finding]:
    shipped = templates_dir()
    if folder is not None and not Path(folder).is_dir():
        raise DocgenError("templates folder not found", file=folder)
    dirs = template_dirs(Path(folder) if folder is not None else None)
    target = Path(folder).resolve() if folder is not None else shipped
    checker = _Checker(target, dirs, shipped, plain)
    for path in template_files(target):
        checker.check(path)
    if folder is None:  # the shipped kinds, each in its package
        for kind, path in shipped_kind_templates().items():
            checker.check(path, kind)
    checker.findings.extend(_catalog_findings(target, dirs, checker))
    return _in_order(checker.findings)


def _catalog_findings(target: Path, dirs: tuple[Path, ...], checker: _Checker) -> list[Finding]:
    """What the Welsh catalogs would get wrong in a Welsh document.

    An entry that breaks a render (a lost placeholder) is an error. In a folder with its own
    Welsh catalog, wording with no Welsh is an error, and so is a catalog entry whose English
    no longer appears in any template (the English was edited, so the Welsh is never used
    and the paragraph would print in English): both sides are named, file and line. In a
    folder without a catalog, wording with no Welsh is a warning.
    """
    from . import i18n

    out: list[Finding] = []
    for path in i18n.catalog_files("cy", dirs):
        if checker.plain:
            try:
                i18n.read_catalog(path, "cy")
                problems = []
            except DocgenError as exc:
                problems = exc.problems
        else:
            problems = i18n.catalog_problems(path, "cy")
        for p in problems:
            line = int(p.field.split()[-1]) if p.field.startswith("line ") else 1
            out.append(_finding(checker._show(Path(p.file)), line, p.message))
    if out:
        return out
    catalog = i18n.catalog("cy", dirs)
    shipped_po = i18n.catalog_files("cy", ())
    own_po = target / "locale" / "cy.po"
    has_own = own_po.is_file() and target.resolve() != templates_dir().resolve()
    checked = shipped_template_files() if target.resolve() == templates_dir().resolve() else template_files(target)
    extract = i18n.extract_plain if checker.plain else i18n.extract
    missing = [f for f in extract(checked) if (f.context, f.msgid) not in catalog.messages]
    orphans = _orphans(own_po, dirs, shipped_po, extract, _po_entries_plain if checker.plain else _po_entries) if has_own else []
    for found in missing:
        old = _closest([o for o in orphans if o[1] == found.context], found.msgid)
        if has_own and old is not None:
            message = (f"no Welsh for {found.msgid!r}: the entry at {checker._show(own_po)}:{old[0]} is for the old wording "
                       f"{old[2]!r}; change its msgid to the new English and review its Welsh")
        elif has_own:
            message = f"no Welsh for {found.msgid!r} in {checker._show(own_po)} (docgen templates extract adds an entry to translate)"
        else:
            message = f"no Welsh translation for {found.msgid!r} (add it to locale/cy.po; docgen templates extract writes one)"
        out.append(_finding(checker._show(found.file), found.line, message, "error" if has_own else "warning"))
    for line, context, msgid in orphans:
        new = _closest_found([f for f in missing if f.context == context], msgid)
        where = f"; the template now says {new.msgid!r} at {checker._show(new.file)}:{new.line}" if new else ""
        out.append(_finding(checker._show(own_po), line,
                           f"the Welsh entry for {msgid!r} is never used: no template has that English any more{where}"))
    return out


_Entry = tuple[int, "str | None", str, bool]  # line, context, msgid, fuzzy


def _po_entries_plain(path: Path) -> list[_Entry]:
    """Every entry of a ``.po`` file that has a msgid, read now."""
    from babel.messages.pofile import read_po

    with open(path, "rb") as fh:
        return [(m.lineno, m.context, _msgid(m), m.fuzzy) for m in read_po(fh, locale="cy") if m.id]


def _po_entries(path: Path) -> list[_Entry]:
    """:func:`_po_entries_plain`, kept by the file's bytes."""
    with open(path, "rb") as fh:
        return list(_po_entries_of(fh.read()))


@lru_cache(maxsize=32)
def _po_entries_of(raw: bytes) -> tuple[_Entry, ...]:
    from babel.messages.pofile import read_po

    return tuple((m.lineno, m.context, _msgid(m), m.fuzzy) for m in read_po(io.BytesIO(raw), locale="cy") if m.id)


def _orphans(
    po: Path,
    dirs: tuple[Path, ...],
    shipped_po: list[Path],
    extract: Callable[[list[Path]], list[Any]],
    entries_of: Callable[[Path], list[_Entry]],
) -> list[tuple[int, str | None, str]]:
    """Entries of a force's catalog whose English no template on the search path (nor the
    tool itself, through the shipped catalog) uses: (line, context, msgid)."""
    files = {f"{kind}{TEMPLATE_SUFFIX}": path for kind, path in shipped_kind_templates().items()}
    for folder in reversed(dirs):  # earlier folders win
        for path in template_files(folder):
            files[path.name] = path
    used = {(f.context, f.msgid) for f in extract(sorted(files.values()))}
    for path in shipped_po:
        used |= {(context, msgid) for _, context, msgid, _ in entries_of(path)}
    entries = entries_of(po)
    return sorted((line, context, msgid) for line, context, msgid, fuzzy in entries if (context, msgid) not in used and not fuzzy)


def _msgid(message: Any) -> str:
    return message.id[0] if isinstance(message.id, (list, tuple)) else message.id


def _closest(orphans: list[tuple[int, str | None, str]], english: str) -> tuple[int, str | None, str] | None:
    ids = [o[2] for o in orphans]
    close = difflib.get_close_matches(english, ids, n=1, cutoff=0.6)
    return next(o for o in orphans if o[2] == close[0]) if close else None


def _closest_found(found: list[Any], english: str) -> Any:
    close = difflib.get_close_matches(english, [f.msgid for f in found], n=1, cutoff=0.6)
    return next(f for f in found if f.msgid == close[0]) if close else None


def resolution(folder: Path | None = None) -> list[tuple[str, Path, bool]]:
    """Every kind and shared layout, the file it resolves to, and whether that is an override."""
    dirs = template_dirs(Path(folder) if folder is not None else None)
    packaged = {f"{kind}{TEMPLATE_SUFFIX}": path for kind, path in shipped_kind_templates().items()}
    names = sorted({p.name for d in dirs if d.is_dir() for p in d.glob("*.j2")} | set(packaged))
    rows = []
    for name in names:
        kind = name.endswith(TEMPLATE_SUFFIX) and not name.startswith("_")
        label = name[: -len(TEMPLATE_SUFFIX)] if kind else f"{name} (layout)"
        for rank, folder_ in enumerate(dirs):
            if (folder_ / name).is_file():
                rows.append((label, folder_ / name, rank < len(dirs) - 1))
                break
        else:
            rows.append((label, packaged[name], False))
    return rows
