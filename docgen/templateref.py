"""The template author's reference, read from the code itself.

What a template may override (the blocks of the layouts and kind templates) and what it
may print (the names every document gets from :func:`docgen.pipeline.build_context`, the
names each kind adds, which are the fields of its typed ``Context`` in
``docgen/kinds/<kind_name>/``, each with its meaning, and the fields of the case and
house-style models) are read from the code, so the reference cannot fall behind it. Only
the one-line meanings of the common names are written here, and :func:`undescribed` lists
any name the code adds without a meaning (a test keeps it empty).
"""

from __future__ import annotations

import ast
import functools
import inspect
import io
import re
import tokenize
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, nodes
from pydantic import BaseModel

from . import model as markup_model

# the one-line meaning and type of each context name, common ones first
COMMON: dict[str, tuple[str, str]] = {
    "case": ("Case", "the whole case file (see Case below)"),
    "subject": ("Subject", "the person the order is against (case.subject)"),
    "order": ("Order", "the order: court, dates, duration, notice (case.order)"),
    "convictions": ("list[Conviction]", "the convictions the order rests on (case.convictions)"),
    "function": ("Function", "the partner's function: its name, the categories of term that bear on it, the gateways, what to report back"),
    "history": ("list[Event]", "what has happened under the order, oldest first (case.history)"),
    "officer": ("Officer", "the offender manager (case.offender_manager)"),
    "house": ("HouseStyle", "the force's house style: names, addresses, signatory, marking"),
    "law": ("LawOn", "the law in force on the document's date (dated data with its source)"),
    "locale": ("str", "the language of this rendering, such as en_GB or cy_GB"),
    "terms": ("list[TermView]", "the order's terms as printed: number, wording and paragraphs"),
    "doc": ("dict", "this document: date, reference, version and draft (true while a draft)"),
    "options": ("dict", "what the tool passes from the register (letters issued, review status); not for printing"),
    "timeline": ("Timeline", "the checked dates the document cites, in order"),
}

# names a kind returns that templates never see under that name
_HIDDEN = {"doc_date"}  # becomes doc.date


@dataclass(frozen=True)
class Name:
    name: str
    type: str
    meaning: str


@dataclass(frozen=True)
class BlockInfo:
    name: str
    line: int
    file: str


def _source_of(module_file: Path) -> ast.Module:
    return ast.parse(module_file.read_text(encoding="utf-8"))


def _function(tree: ast.Module, name: str) -> ast.FunctionDef | None:
    return next((n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name), None)


def _dict_keys(node: ast.AST) -> set[str]:
    if isinstance(node, ast.Dict):
        return {k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}
    return set()


def returned_names(fn: ast.FunctionDef) -> set[str]:
    """The keys of the dicts a function returns: literal dicts, or a variable built as one."""
    names: set[str] = set()
    built: dict[str, set[str]] = {}
    for node in ast.walk(fn):
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name) and node.value is not None:
                    built.setdefault(target.id, set()).update(_dict_keys(node.value))
                if (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name)
                        and isinstance(target.slice, ast.Constant) and isinstance(target.slice.value, str)):
                    built.setdefault(target.value.id, set()).add(target.slice.value)
    for node in ast.walk(fn):
        if isinstance(node, ast.Return) and node.value is not None:
            names |= _dict_keys(node.value)
            if isinstance(node.value, ast.Name):
                names |= built.get(node.value.id, set())
    return names


def common_names() -> list[str]:
    """The names every template gets, read from ``build_context``."""
    from . import pipeline

    fn = _function(_source_of(Path(pipeline.__file__)), "build_context")
    assert fn is not None
    names = set()
    for node in ast.walk(fn):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "context" for t in node.targets):
            names |= _dict_keys(node.value)
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == "context":
            names |= _dict_keys(node.value) if node.value else set()
        if isinstance(node, ast.Assign):
            for t in node.targets:
                if (isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name) and t.value.id == "context"
                        and isinstance(t.slice, ast.Constant)):
                    names.add(t.slice.value)
    return sorted(names - _HIDDEN)


def kind_fields(kind: str) -> list[Name]:
    """The names one kind adds, with type and meaning, from its typed ``Context``."""
    from .kinds import context_type
    from .kinds.spec import context_fields

    cls = context_type(kind)
    return sorted((Name(*f) for f in context_fields(cls)), key=lambda n: n.name) if cls is not None else []


def kind_names(kind: str) -> list[str]:
    """The names one kind adds (its ``Context``'s fields)."""
    return [n.name for n in kind_fields(kind)]


def describe_names(names: list[str], table: dict[str, tuple[str, str]]) -> list[Name]:
    return [Name(n, *table.get(n, ("?", "(not described)"))) for n in names]


def shipped_kinds() -> list[str]:
    from .render import kinds, template_dirs

    return sorted(kinds(template_dirs(None)))


def undescribed() -> list[str]:
    """Context names the code adds without a meaning (here, or in the kind's ``Context``)."""
    missing = [f"common: {n}" for n in common_names() if n not in COMMON]
    for kind in shipped_kinds():
        missing += [f"{kind}: {n.name}" for n in kind_fields(kind) if not n.meaning]
    return missing


# --------------------------------------------------------------------------- blocks


def template_blocks(path: Path) -> tuple[str | None, list[BlockInfo]]:
    """The layout a template extends (or None) and the blocks it defines, in order."""
    env = Environment(extensions=["jinja2.ext.i18n"])
    tree = env.parse(path.read_text(encoding="utf-8"))
    parent = next((e.template.value for e in tree.find_all(nodes.Extends) if isinstance(e.template, nodes.Const)), None)
    return parent, [BlockInfo(b.name, b.lineno, path.name) for b in tree.find_all(nodes.Block)]


def layouts(folder: Path | None = None) -> dict[str, list[BlockInfo]]:
    """Each shared layout (``_*.xml.j2``) with the blocks a kind template may fill."""
    from .resources import templates_dir

    folder = folder or templates_dir()
    return {p.name: template_blocks(p)[1] for p in sorted(folder.glob("_*.xml.j2")) if template_blocks(p)[1]}


def kind_blocks(kind: str) -> tuple[str | None, list[BlockInfo]]:
    """The blocks a force may override for a kind: its layout's, then the kind's own."""
    from .render import kinds, template_dirs
    from .resources import templates_dir

    info = kinds(template_dirs(None))[kind]
    parent, own = template_blocks(info.path)
    blocks = template_blocks(templates_dir() / parent)[1] if parent else []
    names = {b.name for b in blocks}
    return parent, blocks + [b for b in own if b.name not in names]


# --------------------------------------------------------------------------- models


@functools.lru_cache(maxsize=None)  # a class's source does not change while the process runs
def _comments(cls: type) -> dict[str, str]:
    """``name: type  # comment`` lines in a class body: the comment is the field's meaning."""
    try:
        source = inspect.getsource(cls)
    except (OSError, TypeError):
        return {}
    found: dict[str, str] = {}
    last_name = None
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.NAME and tok.start[1] == 4 and last_name is None:
            last_name = (tok.string, tok.start[0])
        if tok.type == tokenize.COMMENT and last_name and last_name[1] == tok.start[0]:
            found[last_name[0]] = tok.string.lstrip("# ").strip()
        if tok.type in (tokenize.NEWLINE, tokenize.NL):
            last_name = None
    return found


def _type_name(annotation: Any) -> str:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _type_name(typing.get_args(annotation)[0])
    if origin is typing.Literal:
        values = typing.get_args(annotation)
        if len(values) > 4:
            return f"one of {len(values)} names"
        return " | ".join(repr(a) for a in values)
    if origin in (typing.Union, types.UnionType):
        return " | ".join(_type_name(a) for a in typing.get_args(annotation))
    if origin is not None:
        args = ", ".join(_type_name(a) for a in typing.get_args(annotation))
        return f"{getattr(origin, '__name__', str(origin))}[{args}]"
    if annotation is type(None):
        return "None"
    name = getattr(annotation, "__name__", None) or str(annotation)
    return {"Words": "text", "str": "text"}.get(name, name)


def _first_line(doc: str | None) -> str:
    return (doc or "").strip().split("\n\n")[0].replace("\n", " ").strip()


_KEY = re.compile(r"^(?P<indent>\s*)(?P<dash>-\s+)?(?P<key>[A-Za-z_][A-Za-z0-9_]*):(?P<rest>[^#]*)(#\s*(?P<comment>.*))?$")


def yaml_comments(text: str) -> dict[str, str]:
    """``path.to.field -> comment`` from the commented YAML examples in a Markdown file.

    docs/case-file.md explains each field in a comment beside it; the reference reads the
    meanings from there, so they are written once.
    """
    found: dict[str, str] = {}
    in_yaml = False
    stack: list[tuple[int, str]] = []
    for line in text.splitlines():
        if line.startswith("```"):
            in_yaml = line.strip() == "```yaml"
            stack = []
            continue
        m = _KEY.match(line) if in_yaml else None
        if not m:
            continue
        indent = len(m["indent"]) + (len(m["dash"]) if m["dash"] else 0)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        path = ".".join([k for _, k in stack] + [m["key"]])
        if m["comment"] and path not in found:
            found[path] = m["comment"].strip()
        stack.append((indent, m["key"]))
    return found


def _docs_comments() -> dict[str, str]:
    from .resources import shipped

    try:
        docs = shipped("docs")
    except FileNotFoundError:  # an installation without the documentation: types only
        return {}
    found: dict[str, str] = {}
    for name in ("case-file.md", "templates.md"):
        doc = docs / name
        if doc.is_file():
            for path, comment in yaml_comments(doc.read_text(encoding="utf-8")).items():
                found.setdefault(path, comment)
    return found


def model_fields(cls: type[BaseModel], path: str = "") -> list[Name]:
    """A model's fields and read-only properties, with types and meanings.

    A meaning is the field's description, else the comment beside it in the code, else the
    comment beside it in the documentation's commented example (``path`` is where the model
    sits in the case or house-style file, such as ``offender_manager``).
    """
    comments: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if isinstance(klass, type) and issubclass(klass, BaseModel):
            comments.update(_comments(klass))
    documented = _docs_comments()
    out = []
    for name, info in cls.model_fields.items():
        meaning = info.description or comments.get(name, "") or documented.get(f"{path}.{name}" if path else name, "")
        out.append(Name(name, _type_name(info.annotation), meaning))
    for name, member in sorted(inspect.getmembers(cls, lambda m: isinstance(m, property))):
        if name.startswith("_") or name in ("source", "model_extra", "model_fields_set"):
            continue
        hints = typing.get_type_hints(member.fget) if member.fget else {}
        kind = _type_name(hints["return"]) if "return" in hints else "?"
        out.append(Name(name, kind, _first_line(member.fget.__doc__ if member.fget else "")))
    return out


def models() -> list[tuple[type[BaseModel], str]]:
    """The case and house-style models a template reaches, outermost first, each with the
    first place it sits in its file (``offender_manager`` for Officer)."""
    from .case import Case
    from .housestyle import HouseStyle

    seen: dict[type[BaseModel], str] = {}
    queue: list[tuple[type[BaseModel], str]] = [(Case, ""), (HouseStyle, "")]
    while queue:  # breadth first, so each model takes its shallowest place
        cls, path = queue.pop(0)
        if cls in seen:
            continue
        seen[cls] = path
        for name, info in cls.model_fields.items():
            for inner in _models_in(info.annotation):
                queue.append((inner, f"{path}.{name}" if path else name))
    return list(seen.items())


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for a in typing.get_args(annotation) for m in _models_in(a)]


# --------------------------------------------------------------------------- output


def markup_vocabulary() -> str:
    """The document markup, as :mod:`docgen.model` documents it, and the paragraph styles."""
    doc = markup_model.__doc__ or ""
    start = doc.index("The vocabulary")
    styles = ", ".join(f"`{s}`" for s in typing.get_args(markup_model.ParagraphStyle))
    body = doc[start:].strip()
    return body + f"\n\nParagraph styles (`<p style=\"..\">`): {styles}.\n"


def describe(kind: str | None = None) -> str:
    """The plain-text reference: for one kind, or the layouts and common names for all."""
    lines: list[str] = []
    if kind is not None:
        parent, blocks = kind_blocks(kind)
        lines.append(f"{kind}" + (f" (extends {parent})" if parent else " (a whole template; no layout)"))
        lines.append("  blocks a template may override:")
        lines += [f"    {b.name:<14} {b.file}:{b.line}" for b in blocks] or ["    (none)"]
        lines.append(f"  names only {kind} gets:")
        lines += [f"    {n.name:<20} {n.type:<20} {n.meaning}" for n in kind_fields(kind)] or ["    (none)"]
        lines.append("  names every document gets:")
        lines += [f"    {n.name:<20} {n.type:<20} {n.meaning}" for n in describe_names(common_names(), COMMON)]
        return "\n".join(lines) + "\n"
    lines.append("layouts and their blocks:")
    for name, blocks in layouts().items():
        lines.append(f"  {name}: " + ", ".join(b.name for b in blocks))
    lines.append("kinds (docgen templates describe KIND for one):")
    for k in shipped_kinds():
        parent, _ = kind_blocks(k)
        lines.append(f"  {k:<28} {'extends ' + parent if parent else 'whole template'}; names: {', '.join(kind_names(k)) or '-'}")
    lines.append("names every document gets:")
    lines += [f"  {n.name:<20} {n.type:<20} {n.meaning}" for n in describe_names(common_names(), COMMON)]
    lines.append("fields of the case and house-style models:")
    for cls, path in models():
        lines.append(f"  {cls.__name__}" + (f" ({path})" if path else "") + f": {_first_line(cls.__doc__)}".rstrip())
        lines += [f"    {f.name:<24} {f.type:<28} {f.meaning}".rstrip() for f in model_fields(cls, path)]
    return "\n".join(lines) + "\n"


def _md_row(*cells: str) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def reference_markdown() -> str:
    """The generated part of docs/templates.md."""
    out: list[str] = ["## Blocks a template may override", ""]
    for name, blocks in layouts().items():
        out.append(f"`{name}` has the blocks " + ", ".join(f"`{b.name}` (line {b.line})" for b in blocks) + ".")
        out.append("")
    out += [_md_row("kind", "layout", "blocks"), _md_row("---", "---", "---")]
    for k in shipped_kinds():
        parent, blocks = kind_blocks(k)
        out.append(_md_row(f"`{k}`", f"`{parent}`" if parent else "whole template", ", ".join(f"`{b.name}`" for b in blocks) or "none"))
    out += ["", "## Names every document gets", "", _md_row("name", "type", "meaning"), _md_row("---", "---", "---")]
    out += [_md_row(f"`{n.name}`", f"`{n.type}`", n.meaning) for n in describe_names(common_names(), COMMON)]
    out += ["", "## Names each kind adds", ""]
    for k in shipped_kinds():
        names = kind_fields(k)
        if not names:
            continue
        out += [f"### {k}", "", _md_row("name", "type", "meaning"), _md_row("---", "---", "---")]
        out += [_md_row(f"`{n.name}`", f"`{n.type}`", n.meaning) for n in names]
        out.append("")
    out += ["## Fields of the case and house-style models", ""]
    for cls, path in models():
        where = f"At `{path}` in its file. " if path else ""
        out += [f"### {cls.__name__}", "", (where + _first_line(cls.__doc__)).strip(), "", _md_row("field", "type", "meaning"), _md_row("---", "---", "---")]
        out += [_md_row(f"`{f.name}`", f"`{f.type}`", f.meaning) for f in model_fields(cls, path)]
        out.append("")
    out += ["## Document markup", "", "```text", markup_vocabulary().rstrip(), "```", ""]
    return "\n".join(re.sub(r"[ \t]+$", "", line) for line in out).rstrip() + "\n"


BEGIN = "<!-- generated by `docgen templates reference`: do not edit below this line -->"


def write_reference(doc: Path) -> bool:
    """Replace the generated part of ``doc`` (everything after BEGIN); True when it changed."""
    text = doc.read_text(encoding="utf-8") if doc.exists() else ""
    head = text.split(BEGIN, 1)[0].rstrip() + "\n\n" if BEGIN in text else text
    new = head + BEGIN + "\n\n" + reference_markdown()
    if new == text:
        return False
    doc.write_text(new, encoding="utf-8")
    return True


def reference_is_current(doc: Path) -> bool:
    text = doc.read_text(encoding="utf-8")
    return BEGIN in text and text.split(BEGIN, 1)[1].lstrip("\n") == reference_markdown()
