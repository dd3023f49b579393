"""Editing one section of a case file from a form, keeping the file as its author wrote it.

The file is read and written with ruamel.yaml's round-trip mode, so comments, key order
and quoting survive and only the values the form changed are touched. The edited text is
validated by the same loader as ``docgen validate`` (:func:`docgen.case.case_from_data`)
before anything is written, and a save is refused when the file changed on disk after the
form was opened (its SHA-256 travels with the form), so nobody's edit is silently lost.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from ..case import EventType, WarningLevel, case_from_data
from ..errors import DocgenError, Problem
from ..fmt import DEFAULT_LOCALE
from ..output import write_atomic
from ..pipeline import term_views
from ..yamlio import parse_yaml


@dataclass(frozen=True)
class FormField:
    """One form field: where it lives under the section, how it is entered."""

    path: tuple[str, ...]
    label: str
    kind: str = "text"  # text, paragraph, number, date, select, lines (one item a line)
    choices: tuple[str, ...] = ()
    hint: str = ""
    required: bool = True

    @property
    def name(self) -> str:
        return ".".join(self.path)


@dataclass(frozen=True)
class Section:
    """A part of the case a form edits: a mapping (``subject``), one new item at the end of
    a list (``append``: a new history event) or one item already in a list (``item``)."""

    key: str
    title: str
    fields: tuple[FormField, ...]
    append: bool = False
    item: int | None = None  # an existing item of the list under ``key``, by position


SECTIONS = {
    "subject": Section(
        "subject",
        "The subject",
        (
            FormField(("given_names",), "Given names"),
            FormField(("family_name",), "Family name"),
            FormField(("aliases",), "Other names used", "lines", hint="One name a line; leave empty if none.", required=False),
            FormField(("date_of_birth",), "Date of birth", "date", hint="For example 1980-03-27."),
            FormField(("gender",), "Gender", "select", ("male", "female", "other", "not recorded")),
            FormField(("language",), "Language for letters", "select", ("en", "cy"), hint="en English, cy Welsh."),
            FormField(("pnc",), "PNC number", hint="For example 2009/0000003Z."),
            FormField(("address", "lines"), "Address", "lines", hint="One line of the address a line, without the postcode."),
            FormField(("address", "postcode"), "Postcode"),
        ),
    ),
    "offender_manager": Section(
        "offender_manager",
        "The offender manager",
        (
            FormField(("name",), "Name"),
            FormField(("rank",), "Rank", required=False),
            FormField(("role",), "Role", hint="For example Lifetime Offender Manager."),
            FormField(("phone",), "Phone"),
            FormField(("email",), "Email"),
            FormField(("collar",), "Collar number", required=False),
        ),
    ),
    "order": Section(
        "order",
        "The order",
        (
            FormField(("status",), "Status", "select", ("proposed", "made", "expired", "discharged")),
            FormField(("court",), "Court"),
            FormField(("hearing_on",), "Hearing on", "date", required=False),
            FormField(("made_on",), "Made on", "date", hint="Once the court has made the order.", required=False),
            FormField(("start_rule",), "The order starts", "select", ("on_release", "on_making", "on_date")),
            FormField(("start_date",), "Starts on", "date", hint="Only when the order starts on a set date.", required=False),
            FormField(("release_date",), "Release date", "date", hint="When the order starts on release.", required=False),
            FormField(("duration_years",), "Duration in years", "number", hint="At most 5 (Serious Crime Act 2007, s.16)."),
            FormField(("reference",), "Court reference", required=False),
            FormField(("authorising_prosecutor", "name"), "Authorising prosecutor", hint="The CPS lawyer who authorised the application.", required=False),
            FormField(("authorising_prosecutor", "role"), "Prosecutor's role", hint="For example Senior Crown Prosecutor.", required=False),
            FormField(("authorising_prosecutor", "authorised_on"), "Authorised on", "date", required=False),
        ),
    ),
    "application": Section(
        "application",
        "The application",
        (
            FormField(("officer_in_case", "name"), "Officer in the case"),
            FormField(("officer_in_case", "rank"), "Rank", required=False),
            FormField(("officer_in_case", "role"), "Role"),
            FormField(("officer_in_case", "phone"), "Phone"),
            FormField(("officer_in_case", "email"), "Email"),
            FormField(("background",), "Background", "paragraph", hint="The offending and how the subject came to notice."),
            FormField(("risk",), "Risk", "paragraph", hint="Why there are reasonable grounds to believe the order would protect the public."),
            FormField(("protection",), "How the order protects the public", "paragraph"),
            FormField(("duration_reason",), "Why this duration", "paragraph"),
        ),
    ),
    "history": Section(
        "history",
        "Add a history event",
        (
            FormField(("id",), "Event id", hint="Unique in the case, for example EV-011."),
            FormField(("type",), "What happened", "select", get_args(EventType)),
            FormField(("date",), "Date", "date", hint="For example 2027-03-10."),
            FormField(("time",), "Time", hint="24-hour clock, for example 14:30.", required=False),
            FormField(("summary",), "Summary", "paragraph", hint="What happened, as it would be read out in court."),
            FormField(("term",), "Term of the order", "number", hint="The term's number, if the event is about one.", required=False),
            FormField(("level",), "Warning level", "select", ("", *get_args(WarningLevel)), hint="For a warning only.", required=False),
            FormField(("action_required",), "Action required of the subject", "paragraph", required=False),
            FormField(("action_by",), "Action due by", "date", required=False),
            FormField(("by",), "Recorded by", required=False),
        ),
        append=True,
    ),
}


_PARAM_KINDS = {"integer": "number", "names": "lines", "address": "lines", "date": "date"}


def term_section(clause: Any, item: int | None = None) -> Section:
    """The form for adding a term drawn from ``clause``: its parameters (with their labels and
    limits as hints), then the justification the drafting rules ask for, with one answer per
    drafting question of the clause's guidance."""
    fields = [FormField(("clause",), "Clause", "hidden")]
    for p in clause.parameters:
        kind = "select" if p.type == "enum" else _PARAM_KINDS.get(p.type, "text")
        choices = tuple(str(c) for c in p.choices) if p.type == "enum" else ()
        limits = f" From {p.min} to {p.max}{' ' + p.unit if getattr(p, 'unit', '') else ''}." if hasattr(p, "min") and hasattr(p, "max") else ""
        example = "" if p.default is None else f" Usual value: {p.default}."
        fields.append(FormField(("params", p.name), str(p.label), kind, choices, hint=f"{p.help}{limits}{example}".strip(), required=p.required))
    fields += [
        FormField(("justification", "link"), "Link to the offending", "paragraph",
                  hint="How the term stops or restricts what the subject did (Serious Crime Act 2007, s.1)."),
        FormField(("justification", "evidence"), "Evidence", "lines", hint="One statement or exhibit a line."),
        FormField(("justification", "proportionality"), "Why it is proportionate", "paragraph"),
    ]
    fields += [FormField(("justification", "answers", q.key), str(q.ask), "paragraph") for q in clause.guidance.questions]
    fields.append(FormField(("starts_on",), "Starts on", "date", hint="Only if the term starts later than the order.", required=False))
    fields.append(FormField(("ends_on",), "Ends on", "date", hint="Only if the term ends before the order.", required=False))
    what = f"{clause.title} ({clause.code} v{clause.version})"
    if item is None:
        return Section("terms", f"Add a term: {what}", tuple(fields), append=True)
    return Section("terms", f"Change term {item + 1}: {what}", tuple(fields), item=item)


def _schedule1_codes() -> tuple[str, ...]:
    """Schedule 1's headings as the shipped law data holds them today (the lint checks the same)."""
    from ..law import shipped_law

    return ("", *(h.code for h in shipped_law().schedule1.headings))


def conviction_fields() -> tuple[FormField, ...]:
    return (
        FormField(("id",), "Conviction id", hint="For example C1."),
        FormField(("offence",), "Offence"),
        FormField(("statute",), "Statute and section", hint="For example Misuse of Drugs Act 1971 s.4(3)."),
        FormField(("court",), "Convicting court"),
        FormField(("convicted_on",), "Convicted on", "date"),
        FormField(("sentenced_on",), "Sentenced on", "date"),
        FormField(("sentence",), "Sentence"),
        FormField(("custody_months",), "Months of custody", "number", required=False),
        FormField(("schedule1_heading",), "Serious Crime Act 2007, Schedule 1 heading", "select", _schedule1_codes(),
                  hint="The heading of Schedule 1, Part 1 the offence falls under, if any.", required=False),
        FormField(("serious_reason",), "Why the court should treat it as serious", "paragraph",
                  hint="Only when the offence is under no heading of Schedule 1 (section 2(2)(b)).", required=False),
    )


def conviction_section(index: int) -> Section:
    """The form for one conviction already in the case (its id stays: the application cites it)."""
    fields = tuple(f for f in conviction_fields() if f.name != "id")
    return Section("convictions", f"Change conviction {index + 1}", fields, item=index)


def event_section(index: int, event_id: str) -> Section:
    """The form for one history event already in the case: every field but its id, which
    issued documents and other events refer to."""
    fields = tuple(f for f in SECTIONS["history"].fields if f.name != "id")
    return Section("history", f"Change history event {event_id}", fields, item=index)


def new_case_section(teams: tuple[str, ...]) -> Section:
    """The first page of a new case: what every case file must hold before anything else.
    Field paths run from the top of the file; the one conviction becomes ``convictions[0]``."""
    return Section(
        "new",
        "A new case",
        (
            FormField(("case_id",), "Case id", hint="Capital letters, digits and '-', for example WYP-SCPO-0012."),
            FormField(("managing_force",), "Managing force", "select", teams),
            FormField(("document_date",), "Date for documents", "date", hint="The date documents are dated unless another is chosen.", required=False),
            FormField(("offender_manager", "name"), "Offender manager's name"),
            FormField(("offender_manager", "rank"), "Rank", required=False),
            FormField(("offender_manager", "role"), "Role", hint="For example Lifetime Offender Manager."),
            FormField(("offender_manager", "phone"), "Phone"),
            FormField(("offender_manager", "email"), "Email"),
            FormField(("subject", "given_names"), "Subject's given names"),
            FormField(("subject", "family_name"), "Subject's family name"),
            FormField(("subject", "date_of_birth"), "Date of birth", "date"),
            FormField(("subject", "address", "lines"), "Address", "lines", hint="One line a line, without the postcode."),
            FormField(("subject", "address", "postcode"), "Postcode"),
            FormField(("subject", "pnc"), "PNC number", hint="For example 2009/0000003Z."),
            *(FormField(("convictions", *f.path), f.label, f.kind, f.choices, f.hint, f.required) for f in conviction_fields()),
            FormField(("order", "court"), "Court to apply to"),
            FormField(("order", "start_rule"), "The order starts", "select", ("on_release", "on_making", "on_date")),
            FormField(("order", "duration_years"), "Duration in years", "number", hint="At most 5 (Serious Crime Act 2007, s.16)."),
        ),
        append=True,
    )


# The new-case form's pages, one part of the case file each, by the first part of each field's path.
NEW_CASE_STEPS = (
    ("The case and its offender manager", ("case_id", "managing_force", "document_date", "offender_manager")),
    ("The subject", ("subject",)),
    ("The conviction", ("convictions",)),
    ("The order to apply for", ("order",)),
)


def new_case_step(section: Section, step: int) -> Section:
    """Page ``step`` (1-based) of the new-case form: the fields of one part of the case."""
    title, heads = NEW_CASE_STEPS[step - 1]
    return Section("new", title, tuple(f for f in section.fields if f.path[0] in heads), append=True)


def step_of(field_name: str) -> int:
    """The page of the new-case form a field is on."""
    head = field_name.split(".", 1)[0]
    return next(i for i, (_, heads) in enumerate(NEW_CASE_STEPS, 1) if head in heads)


def create(folder: Path, section: Section, posted: dict[str, str], *, write: bool = True) -> Path:
    """Write a new case file from the new-case form's values, after validate's checks.

    The file is named for the case id and never replaces a file; a case id the folder
    already holds is refused. With ``write=False`` only the checks are made (a page of the
    form is checked before the next is shown).
    """
    doc = CommentedMap()
    doc["schema_version"] = 1
    for f in section.fields:
        value = _typed(f, posted.get(f.name, ""))
        if value in ("", []):
            continue
        node = doc
        for key in f.path[:-1]:
            node = node.setdefault(key, CommentedMap())
        node[f.path[-1]] = value
    if "convictions" in doc:
        doc["convictions"] = CommentedSeq([doc["convictions"]])
    doc["order"] = doc.get("order") or CommentedMap()
    doc["order"].insert(0, "status", "proposed")
    case_id = str(doc.get("case_id", ""))
    path = Path(folder) / f"{case_id.lower()}.yaml"
    text = "# Made in the workbench; edit freely, the workbench keeps comments and order.\n" + dump(doc)
    from .caseload import CaseFolder

    problems = []
    if case_id and (CaseFolder(Path(folder)).find(case_id) is not None or path.exists()):
        problems.append(Problem(str(path), "case_id", f"the case folder already holds case {case_id}"))
    try:
        term_views(case_from_data(parse_yaml(text, file=path), file=path), DEFAULT_LOCALE)
    except DocgenError as exc:
        problems += exc.problems
    if problems:
        raise DocgenError(problems)
    if write:
        write_atomic(path, text.encode("utf-8"))
    return path


class StaleEdit(DocgenError):
    """The file changed on disk after the form was opened."""


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a line the author wrote
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# Round-trip trees by the file's SHA-256. A form is opened, checked and saved from the same
# bytes, and ruamel's round-trip parser is the slowest step of those pages (tens of
# milliseconds for a long case). Keyed by content, so a file edited by anyone, anywhere, is
# parsed afresh on the next read. A tree is shared only for reading; a writer takes it out
# (a deep copy would not do: it turns merge keys into plain keys when the tree is changed).
_TREES: OrderedDict[str, Any] = OrderedDict()
_TREES_KEPT = 16


def read(path: Path) -> tuple[Any, bytes]:
    """The file's round-trip tree, shared with other readers: never change it. And its bytes."""
    data = Path(path).read_bytes()
    key = digest(data)
    tree = _TREES.get(key)
    if tree is None:
        tree = _TREES[key] = parse(data)
        while len(_TREES) > _TREES_KEPT:
            _TREES.popitem(last=False)
    else:
        _TREES.move_to_end(key)
    return tree, data


def load(path: Path) -> tuple[CommentedMap, bytes]:
    """The file's round-trip tree for the caller to change, and its bytes: the kept tree of
    those bytes is taken out (no reader sees it again), or the bytes are parsed."""
    data = Path(path).read_bytes()
    tree = _TREES.pop(digest(data), None)
    return (parse(data) if tree is None else tree), data


def parse(data: bytes) -> Any:
    """The plain round-trip parse that :func:`load` keeps."""
    return _yaml().load(data.decode("utf-8"))


def dump(doc: Any) -> str:
    buffer = io.StringIO()
    _yaml().dump(doc, buffer)
    return buffer.getvalue()


def _get(node: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def form_values(path: Path, section: Section) -> dict[str, str]:
    """The section's current values as the form shows them."""
    if section.append:
        return {f.name: "" for f in section.fields}
    doc, _ = read(path)
    node = _node(doc, section) or {}
    values = {}
    for f in section.fields:
        value = _get(node, f.path)
        if isinstance(value, dict) and f.kind != "lines":  # bilingual text: the form edits the English
            value = value.get("en")
        if f.kind == "lines":
            values[f.name] = "\n".join(str(v) for v in value or [])
        else:
            values[f.name] = "" if value is None else str(value)
    return values


def _node(doc: CommentedMap, section: Section) -> Any:
    """The mapping a section's fields live in: the section itself, or one item of its list."""
    node = doc.get(section.key)
    if section.item is None:
        return node
    if not isinstance(node, list) or not 0 <= section.item < len(node):
        return None
    return node[section.item]


def _text(value: str) -> str:
    """A string as it must be written for docgen's own reader (YAML 1.1) to read it back as
    the same string: quoted when plain it would be a number, a boolean or null (``25:00``,
    ``yes``, ``0123``), plain otherwise so an edited value keeps the file's style."""
    try:
        same = parse_yaml(f"v: {value}", file="<form>") == {"v": value}
    except DocgenError:
        same = False
    return value if same else DoubleQuotedScalarString(value)


def _typed(f: FormField, text: str) -> Any:
    text = text.strip()
    if f.kind == "lines":
        return [_text(line.strip()) for line in text.splitlines() if line.strip()]
    if f.kind == "number" and text.isdigit():
        return int(text)
    if f.kind == "date":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return _text(text)  # left as text: validation names the field and says what is wrong
    return _text(text)


def _remove(node: CommentedMap, path: tuple[str, ...]) -> None:
    """An optional field left empty: its key goes, and any mapping it leaves empty."""
    chain = [node]
    for key in path[:-1]:
        node = node.get(key) if isinstance(node, dict) else None
        if not isinstance(node, dict):
            return
        chain.append(node)
    if path[-1] not in node:
        return
    del node[path[-1]]
    for parent, key in zip(reversed(chain[:-1]), reversed(path[:-1])):
        if parent[key]:
            break
        del parent[key]


def _set(node: CommentedMap, path: tuple[str, ...], value: Any, required: bool = True) -> None:
    if value in ("", []) and not required:
        _remove(node, path)
        return
    for key in path[:-1]:
        if not isinstance(node.get(key), dict):
            node[key] = CommentedMap()
        node = node[key]
    old = node.get(path[-1])
    if isinstance(old, dict) and isinstance(value, str) and "en" in old:  # bilingual: the English is edited
        if old["en"] != value:
            old["en"] = value
        return
    if isinstance(old, CommentedSeq) and isinstance(value, list):
        if list(old) != value:  # changed in place, so the list keeps its style and comments
            del old[:]
            old.extend(value)
        return
    if old != value and not (old is None and value in ("", [])):
        node[path[-1]] = value


def save(path: Path, section: Section, posted: dict[str, str], opened_digest: str) -> bytes:
    """Apply the posted values, validate the whole case, write it; return the new bytes.

    Raises StaleEdit when the file is no longer what the form was opened on, and
    DocgenError with every problem (fields named as ``docgen validate`` names them) when
    the edited case does not validate; nothing is written then.
    """
    doc, data = load(path)
    if digest(data) != opened_digest:
        raise StaleEdit(
            "the case file changed after you opened this form (someone else saved it, or it was "
            "edited outside the workbench); your changes were not saved. Open the form again to "
            "see the file as it is now, then make your changes again.",
            file=path,
            field=section.key,
        )
    if section.append:
        _append(doc, section, posted)
    else:
        node = _node(doc, section)
        if section.item is not None and not isinstance(node, dict):
            raise StaleEdit("the item this form edits is no longer in the case file; open the case again",
                            file=path, field=section.key)
        if not isinstance(node, dict):
            node = doc[section.key] = CommentedMap()
        for f in section.fields:
            _set(node, f.path, _typed(f, posted.get(f.name, "")), f.required)
    text = dump(doc)
    data_out = text.encode("utf-8")
    # the same checks as `docgen validate`: the case's models, then every term against its clause
    term_views(case_from_data(parse_yaml(text, file=path), file=path), DEFAULT_LOCALE)
    if data_out != data:
        write_atomic(Path(path), data_out, force=True)
    return data_out


def _append(doc: CommentedMap, section: Section, posted: dict[str, str]) -> None:
    """A new item at the end of the section's list, with only the fields given, in form order."""
    item = CommentedMap()
    for f in section.fields:
        value = _typed(f, posted.get(f.name, ""))
        if value in ("", []):
            continue
        node = item
        for key in f.path[:-1]:
            node = node.setdefault(key, CommentedMap())
        node[f.path[-1]] = value
    items = doc.get(section.key)
    if not isinstance(items, list):
        items = doc[section.key] = CommentedSeq()
    items.append(item)


def prefix(path: Path, section: Section) -> str:
    """How validation names the section's fields: ``subject.`` or ``history.7.`` for a new event."""
    if section.item is not None:
        return f"{section.key}.{section.item}."
    if not section.append:
        return section.key + "."
    doc, _ = read(path)
    return f"{section.key}.{len(doc.get(section.key) or [])}."


def field_messages(problems: list[Problem], section: Section, prefix: str | None = None) -> tuple[dict[str, list[str]], list[str]]:
    """Problems by form field (``subject.address.postcode`` -> ``address.postcode``), and the rest."""
    names = {f.name for f in section.fields}
    by_field: dict[str, list[str]] = {}
    other: list[str] = []
    prefix = section.key + "." if prefix is None else prefix
    for p in problems:
        name = p.field[len(prefix):] if p.field.startswith(prefix) else ""
        if section.key == "new":
            name = name.replace("convictions.0.", "convictions.")
        while name and name not in names and "." in name:
            name = name.rsplit(".", 1)[0]  # address.lines.0 belongs to address.lines
        if name and name not in names:  # a whole group missing: shown at its first field
            name = next((n for n in (f.name for f in section.fields) if n.startswith(name + ".")), name)
        if name in names:
            by_field.setdefault(name, []).append(p.message)
        else:
            other.append(f"{p.field}: {p.message}" if p.field else p.message)
    return by_field, other


def remove_term(path: Path, number: int, opened_digest: str) -> bytes:
    """Take term ``number`` (1-based) out of a proposed order, after validate's checks.

    Refused when the order is already made (its terms change only by variation) and when
    anything in the case refers to this term or a later one by number, since those numbers
    would then point at a different term.
    """
    doc, data = load(path)
    if digest(data) != opened_digest:
        raise StaleEdit("the case file changed after you opened this page; nothing was removed. Open the case "
                        "again to see the file as it is now.", file=path, field="terms")
    terms = doc.get("terms")
    if not isinstance(terms, list) or not 1 <= number <= len(terms):
        raise DocgenError(f"the order has no term {number}", file=path, field="terms")
    status = (doc.get("order") or {}).get("status", "proposed")
    if status != "proposed":
        raise DocgenError(
            f"the order is {status}: its terms change only by a variation (Serious Crime Act 2007, s.17), "
            "recorded under variation", file=path, field=f"terms.{number - 1}")
    pointing = [f"history event {e.get('id')} (term {e.get('term')})" for e in doc.get("history") or []
                if isinstance(e, dict) and isinstance(e.get("term"), int) and e["term"] >= number]
    pointing += [f"application.third_parties.{i} (terms {list(t.get('terms') or [])})"
                 for i, t in enumerate((doc.get("application") or {}).get("third_parties") or [])
                 if any(isinstance(n, int) and n >= number for n in t.get("terms") or [])]
    if pointing:
        raise DocgenError(
            f"term {number} cannot be removed: removing it renumbers the terms after it, and these refer to "
            f"terms by number: {'; '.join(pointing)}. Change them first", file=path, field=f"terms.{number - 1}")
    del terms[number - 1]
    if not terms:
        del doc["terms"]
    text = dump(doc)
    term_views(case_from_data(parse_yaml(text, file=path), file=path), DEFAULT_LOCALE)
    data_out = text.encode("utf-8")
    write_atomic(Path(path), data_out, force=True)
    return data_out
