"""Check a folder of templates before anything is rendered.

A force that keeps its own templates finds out here, not in front of a subject, that a
template will fail: a syntax error, a name that no case or house style provides, an
attribute a model does not have, an unknown filter, a block that an override misspells
(so its content would silently never appear), an override of a shared layout that drops a
block or macro the shipped documents fill, or anything the sandbox would refuse. Each
finding is located as ``file:line``. Wording with no Welsh translation is a warning.
"""

from __future__ import annotations

import ast
import dataclasses
import difflib
import importlib.util
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

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
from .render import MAX_RANGE, TEMPLATE_SUFFIX, TemplateRefused, _read_header, environment, resolve_template, template_dirs
from .resources import templates_dir

Severity = Literal["error", "warning"]

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


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in one template, at one line."""

    file: str
    line: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        tag = "warning: " if self.severity == "warning" else ""
        return f"{self.file}:{self.line}: {tag}{self.message}"


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


def _attribute(tp: Any, name: str) -> tuple[bool, Any]:
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
    """Names a kind module's ``context()`` adds; None when they cannot be read statically."""
    spec = importlib.util.find_spec(f"docgen.kinds.{kind.replace('-', '_')}")
    if spec is None or spec.origin is None:
        return frozenset()
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    names: set[str] = set()
    for fn in tree.body:
        if isinstance(fn, ast.FunctionDef) and fn.name == "context":
            for node in ast.walk(fn):
                if isinstance(node, ast.Return) and node.value is not None:
                    if isinstance(node.value, ast.Dict) and all(isinstance(k, ast.Constant) for k in node.value.keys):
                        names.update(k.value for k in node.value.keys)  # type: ignore[union-attr]
                    else:
                        return None
                elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store) and isinstance(node.slice, ast.Constant):
                    names.add(node.slice.value)
    return frozenset(names)


def _all_kind_names(dirs: tuple[Path, ...]) -> frozenset[str] | None:
    found: set[str] = set()
    for folder in dirs:
        for path in folder.glob(f"*{TEMPLATE_SUFFIX}"):
            if path.name.startswith("_"):
                continue
            names = kind_names(path.name[: -len(TEMPLATE_SUFFIX)])
            if names is None:
                return None
            found |= names
    return frozenset(found)


# --------------------------------------------------------------------------- checking


class _Checker:
    def __init__(self, folder: Path, dirs: tuple[Path, ...], shipped: Path) -> None:
        self.folder = folder
        self.dirs = dirs
        self.shipped = shipped
        self.env = environment(dirs, "en")
        self.findings: list[Finding] = []

    def add(self, path: Path, line: int, message: str, severity: Severity = "error") -> None:
        self.findings.append(Finding(self._show(path), line or 1, message, severity))

    def _show(self, path: Path) -> str:
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)

    def parse(self, path: Path) -> nodes.Template | None:
        try:
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.add(path, 1, f"cannot read the template: {exc}")
            return None
        try:
            return self.env.parse(source, name=path.name, filename=str(path))
        except jinja2.TemplateSyntaxError as exc:
            self.add(path, exc.lineno, f"syntax error: {exc.message}")
            return None

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

    def check(self, path: Path) -> None:
        if not path.resolve().is_relative_to(path.parent.resolve()):
            self.add(path, 1, "is a symlink to a file outside the templates folder; the renderer refuses it (copy the template in instead)")
            return
        tree = self.parse(path)
        if tree is None:
            return
        is_kind = path.name.endswith(TEMPLATE_SUFFIX) and not path.name.startswith("_")
        if is_kind:
            try:
                _read_header(path.name[: -len(TEMPLATE_SUFFIX)], path, overridden=False)
            except DocgenError as exc:
                self.add(path, 1, exc.problems[0].message)
        self.check_references(path, tree)
        self.check_filters(path, tree)
        self.check_sandbox(path, tree)
        self.check_ranges(path, tree)
        self.check_blocks(path, tree)
        self.check_override(path, tree)
        if is_kind:
            extra = kind_names(path.name[: -len(TEMPLATE_SUFFIX)])
        else:
            extra = _all_kind_names(self.dirs)
        self.check_names(path, tree, extra)

    def check_references(self, path: Path, tree: nodes.Template) -> None:
        for node in tree.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
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
        for node in tree.find_all(nodes.Filter):
            if node.name not in self.env.filters:
                self.add(path, node.lineno, f"unknown filter '{node.name}'{_suggest(node.name, self.env.filters)}")
        for node in tree.find_all(nodes.Test):
            if node.name not in self.env.tests:
                self.add(path, node.lineno, f"unknown test '{node.name}'{_suggest(node.name, self.env.tests)}")

    def check_sandbox(self, path: Path, tree: nodes.Template) -> None:
        for node in tree.find_all(nodes.Getattr):
            if node.attr.startswith("_") or node.attr in _UNSAFE:
                self.add(path, node.lineno, f"the sandbox refuses access to '.{node.attr}' (internal or unsafe attribute)")
        for node in tree.find_all(nodes.Getitem):
            key = node.arg
            if isinstance(key, nodes.Const) and isinstance(key.value, str) and (key.value.startswith("_") or key.value in _UNSAFE):
                self.add(path, node.lineno, f"the sandbox refuses access to '[{key.value!r}]' (internal or unsafe attribute)")

    def check_ranges(self, path: Path, tree: nodes.Template) -> None:
        """A ``range()`` the sandbox would refuse at render time, found now."""
        for call in tree.find_all(nodes.Call):
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
            tree = self.env.parse(path.read_text(encoding="utf-8"))
        except (jinja2.TemplateSyntaxError, OSError):
            return None
        found = {b.name for b in tree.find_all(nodes.Block)}
        for ext in tree.find_all(nodes.Extends):
            if isinstance(ext.template, nodes.Const):
                parent = self.blocks_of(ext.template.value, seen | {name})
                if parent is None:
                    return None
                found |= parent
        return found

    def check_blocks(self, path: Path, tree: nodes.Template) -> None:
        extends = next(iter(tree.find_all(nodes.Extends)), None)
        if extends is None or not isinstance(extends.template, nodes.Const):
            return
        parent_name = extends.template.value
        if parent_name == path.name:
            self.add(path, extends.lineno, f"'{path.name}' extends itself; give the override another name or copy the layout")
            return
        parent = self.blocks_of(parent_name)
        if parent is None:
            return
        for block in tree.find_all(nodes.Block):
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
            original = self.env.parse(shipped.read_text(encoding="utf-8"))
        except jinja2.TemplateSyntaxError:
            return
        mine = {b.name for b in tree.find_all(nodes.Block)}
        for block in original.find_all(nodes.Block):
            if block.name not in mine:
                self.add(path, 1, f"overrides the shipped {path.name} but has no block '{block.name}', which templates that extend it fill")
        my_macros = {m.name for m in tree.find_all(nodes.Macro)}
        for macro in original.find_all(nodes.Macro):
            if macro.name not in my_macros:
                self.add(path, 1, f"overrides the shipped {path.name} but has no macro '{macro.name}', which templates that extend it call")

    # --- names and attributes -----------------------------------------------------------

    def check_names(self, path: Path, tree: nodes.Template, extra: frozenset[str] | None) -> None:
        if extra is None:
            return  # the kind builds its context in a way we cannot read: do not guess
        local = self.local_names(tree)
        known = set(CONTEXT_NAMES) | set(self.env.globals) | set(extra) | local | {"loop", "caller", "varargs", "kwargs", "self", "super"}
        for node in tree.find_all(nodes.Name):
            if node.ctx == "load" and node.name not in known:
                self.add(
                    path,
                    node.lineno,
                    f"'{node.name}' is not provided: no case, house style or document value has that name"
                    f"{_suggest(node.name, known)}",
                )
        self.check_attributes(path, tree)

    def local_names(self, tree: nodes.Template) -> set[str]:
        names = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
        names |= {m.name for m in tree.find_all(nodes.Macro)}
        for imp in tree.find_all(nodes.Import):
            names.add(imp.target)
        for imp in tree.find_all(nodes.FromImport):
            names.update(n if isinstance(n, str) else n[1] for n in imp.names)
        for trans in _trans_names(tree):
            names.add(trans)
        for ext in tree.find_all(nodes.Extends):
            if isinstance(ext.template, nodes.Const):
                parent = self.resolve(ext.template.value)
                if parent is not None:
                    try:
                        names |= self.local_names(self.env.parse(parent.read_text(encoding="utf-8")))
                    except jinja2.TemplateSyntaxError:
                        pass
        return names

    def check_attributes(self, path: Path, tree: nodes.Template) -> None:
        types: dict[str, Any] = dict(_root_types())
        for node in tree.find_all((nodes.For, nodes.Assign)):
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
        for node in tree.find_all(nodes.Getattr):
            owner = self.type_of(node.node, types)
            if owner is None or not _checkable(owner) or node.attr.startswith("_"):
                continue
            found, _ = _attribute(owner, node.attr)
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
            return _attribute(owner, node.attr)[1]
        if isinstance(node, nodes.Getitem):
            return _element(self.type_of(node.node, types))
        if isinstance(node, nodes.Filter) and node.name in ("first", "last", "reverse", "sort", "list", "unique") and node.node is not None:
            inner = self.type_of(node.node, types)
            return _element(inner) if node.name in ("first", "last") else inner
        return None


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


def _trans_names(tree: nodes.Template) -> Iterator[str]:
    """Names bound in ``{% trans x=... %}`` headers appear as template-local names."""
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name in ("gettext", "ngettext", "pgettext", "npgettext"):
            for kw in call.kwargs:
                yield kw.key


# --------------------------------------------------------------------------- API


def template_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.j2") if p.is_file())


def check(folder: Path | None = None) -> list[Finding]:
    """Every finding for the templates in ``folder`` (default: the shipped templates).

    A force's folder is checked as it will be used: on the search path in front of the
    shipped templates, so ``{% extends "_letter.xml.j2" %}`` finds the shipped layout.
    """
    shipped = templates_dir()
    if folder is not None and not Path(folder).is_dir():
        raise DocgenError("templates folder not found", file=folder)
    dirs = template_dirs(Path(folder) if folder is not None else None)
    target = Path(folder).resolve() if folder is not None else shipped
    checker = _Checker(target, dirs, shipped)
    for path in template_files(target):
        checker.check(path)
    checker.findings.extend(_catalog_findings(target, dirs, checker))
    return sorted(set(checker.findings))


def _catalog_findings(target: Path, dirs: tuple[Path, ...], checker: _Checker) -> list[Finding]:
    """Catalog entries that would break a render are errors; wording with no Welsh, a warning."""
    from . import i18n

    out: list[Finding] = []
    for path in i18n.catalog_files("cy", dirs):
        try:
            i18n.read_catalog(path, "cy")
        except DocgenError as exc:
            for p in exc.problems:
                line = int(p.field.split()[-1]) if p.field.startswith("line ") else 1
                out.append(Finding(checker._show(Path(p.file)), line, p.message))
    if out:
        return out
    catalog = i18n.catalog("cy", dirs)
    for found in i18n.extract(template_files(target)):
        if (found.context, found.msgid) not in catalog.messages:
            out.append(Finding(checker._show(found.file), found.line, f"no Welsh translation for {found.msgid!r} (add it to locale/cy.po)", "warning"))
    return out


def resolution(folder: Path | None = None) -> list[tuple[str, Path, bool]]:
    """Every kind and shared layout, the file it resolves to, and whether that is an override."""
    dirs = template_dirs(Path(folder) if folder is not None else None)
    names = sorted({p.name for d in dirs if d.is_dir() for p in d.glob("*.j2")})
    rows = []
    for name in names:
        for rank, folder_ in enumerate(dirs):
            if (folder_ / name).is_file():
                kind = name.endswith(TEMPLATE_SUFFIX) and not name.startswith("_")
                label = name[: -len(TEMPLATE_SUFFIX)] if kind else f"{name} (layout)"
                rows.append((label, folder_ / name, rank < len(dirs) - 1))
                break
    return rows
