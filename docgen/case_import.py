"""Taking over a transferred case: a transfer pack in, the receiving force's case file out.

``docgen case import PACK.pdf --force-code GMP --out cases/`` first proves the pack is
whole, reporting every mismatch at once and writing nothing when there is one:

- it is a PDF built by docgen with an embedded ``manifest.json`` whose own checksum holds
  (the check ``docgen bundle verify`` makes);
- every file the manifest lists as embedded is there with the SHA-256 and size it
  records, and nothing else is embedded;
- the pack has the pages the manifest counts, and the pages of the front matter, of
  every document, of the manifest itself and of every document added later
  (``docgen bundle add``) have the digests the manifest recorded
  (:mod:`docgen.bundle.seal`), and each document's SHA-256 in the manifest's JSON is the
  one printed on its pages (a late addition is not printed there: its digest is its proof);
- the case data is ours, and every issued document it says is in the pack is one of the
  manifest's documents with the SHA-256 the sending force's register recorded.

Then it writes ``<out>/<case id>.yaml`` for the receiving force: its code as the managing
force (so documents it issues take its reference pattern from the register), the move
naming the force it came from, the subject at the address they moved to, and the
sending force's case id as the transfer event's reference, and the sending force's name
beside every officer it recorded (each history entry's ``by``, the risk assessment's, the
proof of notice's and the start-of-order steps'), so none reads as the receiving force's own. Documents in the pack keep
their original references: the register's log line for the transfer lists them.

The offender manager is the receiving force's to name. With ``--officer FILE`` (a YAML
mapping of the officer's fields) the case is complete and is synced into the register
at once. Without it, the case file is written with every officer field empty: it fails
``docgen validate`` (and so every render) with one message per field until they are
filled in, and the register logs the transfer; ``docgen register sync`` records the
case once it validates. A case file that exists is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import DocgenError, Problem

PLACEHOLDER_OFFICER = {"name": "", "rank": "", "role": "", "phone": "", "email": "", "collar": ""}
_STAND_IN = {"name": "Stand In", "role": "Offender manager", "phone": "0", "email": "x@example.invalid"}


@dataclass(frozen=True)
class Pack:
    """A transfer pack whose integrity has been checked."""

    path: Path
    sha256: str
    manifest: dict[str, Any]
    data: dict[str, Any]

    @property
    def references(self) -> list[str]:
        """The issued documents the pack holds, by their original references."""
        return [d["reference"] for d in self.data["issued"] if d.get("in_pack")]

    @property
    def not_enclosed(self) -> tuple[tuple[str, str], ...]:
        """What the sending force's letter names as not enclosed, each with why: the
        receiving officer asks the sending force for these."""
        listed = (self.data.get("pack") or {}).get("not_enclosed") or []
        return tuple((str(item["what"]), str(item["why"])) for item in listed)

    @property
    def kept_back(self) -> int:
        """How many sensitive evidence files the sending force kept back (never their titles)."""
        pack = self.data.get("pack") or {}
        if "sensitive_kept_back" in pack:
            return int(pack["sensitive_kept_back"])
        return int((self.data.get("withheld") or {}).get("sensitive evidence files", 0))

    @property
    def late_additions(self) -> tuple[str, ...]:
        """Documents added to the pack after it was built (``bundle add``), by title."""
        return tuple(str(d.get("title")) for d in self.manifest.get("late_additions", []))


@dataclass(frozen=True)
class Imported:
    """What ``import_case`` wrote and recorded."""

    path: Path
    case_id: str
    from_case: str
    from_force: str
    officer_set: bool
    references: tuple[str, ...]
    register: Path
    not_enclosed: tuple[tuple[str, str], ...] = ()  # (what, why), as the sending force's letter names them
    kept_back: int = 0  # sensitive evidence files the sending force kept back
    late_additions: tuple[str, ...] = ()  # titles of documents added to the pack after it was built
    withheld: tuple[tuple[str, int], ...] = ()  # case data left out as sensitive: (what, how many)


# ---------------------------------------------------------------------- reading the pack


def read_pack(path: str | Path) -> Pack:
    """The pack's manifest and case data, once every check holds; else every mismatch, named."""
    from pypdf import PdfReader

    from .bundle.manifest import NAME as MANIFEST, checksum_problem, read_manifest

    path = Path(path)
    where = str(path)
    if not path.is_file():
        raise DocgenError("does not exist or is not a file", file=where)
    raw = path.read_bytes()
    if not raw.startswith(b"%PDF-"):
        raise DocgenError("is not a PDF, so it is not a transfer pack", file=where)
    try:
        reader = PdfReader(io.BytesIO(raw))
        pages = list(reader.pages)
        manifest = read_manifest(reader, file=where)
    except DocgenError:
        raise
    except Exception as exc:  # any damage pypdf meets
        raise DocgenError(f"is not a readable PDF ({exc}), so it cannot be checked as a transfer pack", file=where) from None
    if manifest is None:
        raise DocgenError(f"has no docgen {MANIFEST}: it is not a pack docgen built, so its contents cannot be proved", file=where)
    problems: list[Problem] = []
    checksum = checksum_problem(reader)
    if checksum is not None:
        problems.append(Problem(where, MANIFEST, checksum))
    volume = manifest.get("volume") or {}
    if int(volume.get("of", 1)) != 1:
        problems.append(Problem(where, MANIFEST, f"this is volume {volume.get('number')} of {volume.get('of')}; import needs "
                                "a pack in one file (build it again without --max-size)"))  # fmt: skip
    if "embedded_files" not in manifest or "page_digests" not in manifest:
        raise DocgenError(problems + [Problem(where, MANIFEST, "lists no embedded case data and no page digests: it is not a "
                                              "transfer pack (docgen bundle transfer builds one)")])  # fmt: skip
    blobs = _embedded(reader, where, problems)
    problems += _check_embedded(manifest, blobs, where, MANIFEST)
    problems += _check_pages(manifest, pages, where)
    problems += _check_printed(manifest, pages, where)
    data = _case_data(blobs, manifest, where, problems)
    if data is not None:
        problems += _check_issued(data, manifest, where)
    if problems:
        raise DocgenError(problems)
    assert data is not None
    return Pack(path, hashlib.sha256(raw).hexdigest(), manifest, data)


def _embedded(reader: Any, where: str, problems: list[Problem]) -> dict[str, bytes]:
    from .bundle.manifest import NAME as MANIFEST
    from .bundle.seal import embedded_files

    try:
        blobs = embedded_files(reader)
    except Exception as exc:  # a damaged name tree or stream
        problems.append(Problem(where, "embedded files", f"cannot be read ({exc})"))
        return {}
    blobs.pop(MANIFEST, None)
    return blobs


def _check_embedded(manifest: dict[str, Any], blobs: dict[str, bytes], where: str, manifest_name: str) -> list[Problem]:
    problems = []
    listed = {str(e.get("name")): e for e in manifest.get("embedded_files") or []}
    for name, entry in sorted(listed.items()):
        blob = blobs.get(name)
        if blob is None:
            problems.append(Problem(where, name, f"is listed in the {manifest_name} but not embedded in the pack (a partial pack)"))
            continue
        digest = hashlib.sha256(blob).hexdigest()
        if digest != entry.get("sha256"):
            problems.append(Problem(where, name, f"has SHA-256 {digest}; the {manifest_name} records {entry.get('sha256')}: "
                                    "it changed after the pack was built"))  # fmt: skip
        elif len(blob) != entry.get("bytes"):
            problems.append(Problem(where, name, f"is {len(blob)} bytes; the {manifest_name} records {entry.get('bytes')}"))
    for name in sorted(set(blobs) - set(listed)):
        problems.append(Problem(where, name, f"is embedded in the pack but not listed in its {manifest_name}"))
    return problems


def _check_pages(manifest: dict[str, Any], pages: list[Any], where: str) -> list[Problem]:
    from .bundle.seal import pages_digest, parts

    problems = []
    if int(manifest.get("pages", -1)) != len(pages):
        problems.append(Problem(where, "pages", f"the pack has {len(pages)} pages; its manifest counts {manifest.get('pages')} (a partial pack)"))
    for part in parts(manifest):
        first, count = part.first, part.count
        if part.late and "content_sha256" not in part.entry:
            problems.append(Problem(where, part.label, "has no page digest in the manifest (it was added by a docgen that "
                                    "did not seal late additions), so its pages cannot be proved; ask the sending force "
                                    "to add it again or build the pack again"))  # fmt: skip
            continue
        if first + count > len(pages):
            problems.append(Problem(where, part.label, f"should be on pages {first + 1}-{first + count}, beyond the pack's last page"))
            continue
        try:
            digest = pages_digest(pages[first : first + count])
        except Exception as exc:  # a stream damaged past decoding
            problems.append(Problem(where, part.label, f"pages {first + 1}-{first + count} cannot be read ({exc})"))
            continue
        if digest != part.entry.get("content_sha256"):
            when = "it was added to the pack" if part.late else "the pack was built"
            problems.append(Problem(where, part.label, f"pages {first + 1}-{first + count} differ from the digest the manifest "
                                    f"recorded when {when}"))  # fmt: skip
    return problems


def _check_printed(manifest: dict[str, Any], pages: list[Any], where: str) -> list[Problem]:
    """Each document's digest in the manifest's JSON is the one printed on its pages, as
    ``bundle verify`` checks it: a JSON rewritten with a fresh checksum still disagrees."""
    from .bundle.pdftext import page_fragments, shared_fonts

    part = manifest.get("manifest_pages") or {}
    first, count = int(part.get("first_index", 0)), int(part.get("pages", 0))
    if first + count > len(pages) or count == 0:
        return []  # reported with the pages
    try:
        with shared_fonts():
            text = " ".join(f.text for page in pages[first : first + count] for f in page_fragments(page)[0])
    except Exception as exc:  # damage pypdf meets on the way
        return [Problem(where, "manifest pages", f"cannot be read ({exc})")]
    return [
        Problem(where, f"document {doc.get('number')} '{doc.get('title')}' ({doc.get('file')})",
                "its SHA-256 in manifest.json is not the one printed on the manifest's pages")  # fmt: skip
        for section in manifest.get("sections", [])
        for doc in section.get("documents", [])
        if str(doc.get("sha256", "")) not in text
    ]


def _case_data(blobs: dict[str, bytes], manifest: dict[str, Any], where: str, problems: list[Problem]) -> dict[str, Any] | None:
    from . import transfer_data

    blob = blobs.get(transfer_data.NAME)
    if blob is None:
        if not any(p.field == transfer_data.NAME for p in problems):
            problems.append(Problem(where, transfer_data.NAME, "is not in the pack: it carries no case data to import"))
        return None
    try:
        data = json.loads(blob.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        problems.append(Problem(where, transfer_data.NAME, f"is not valid JSON ({exc})"))
        return None
    if not isinstance(data, dict) or data.get("format") != transfer_data.FORMAT:
        problems.append(Problem(where, transfer_data.NAME, f"is not docgen transfer case data (format {transfer_data.FORMAT})"))
        return None
    if data.get("version") != transfer_data.VERSION:
        problems.append(Problem(where, transfer_data.NAME, f"is version {data.get('version')}; this docgen reads version {transfer_data.VERSION}"))
        return None
    if data.get("case_id") != manifest.get("reference"):
        problems.append(Problem(where, transfer_data.NAME, f"is for case {data.get('case_id')}; the pack is for {manifest.get('reference')}"))
    return data


def _check_issued(data: dict[str, Any], manifest: dict[str, Any], where: str) -> list[Problem]:
    """Every issued document the case data puts in the pack is there, with the register's digest."""
    in_manifest = {str(d.get("file")): d for s in manifest.get("sections", []) for d in s.get("documents", [])}
    problems = []
    for doc in data.get("issued", []):
        if not doc.get("in_pack"):
            continue
        files = {f["name"]: f["sha256"] for f in doc.get("files", [])}
        found = [name for name in files if name in in_manifest]
        if not found:
            problems.append(Problem(where, doc["reference"], "the case data says this issued document is in the pack, but "
                                    "the manifest lists none of its files"))  # fmt: skip
        elif in_manifest[found[0]].get("sha256") != files[found[0]]:
            problems.append(Problem(where, doc["reference"], f"the pack's copy ({found[0]}) has SHA-256 "
                                    f"{in_manifest[found[0]].get('sha256')}; the sending register recorded {files[found[0]]}"))  # fmt: skip
    return problems


# ---------------------------------------------------------------------- the new case


def receiving_case(pack: Pack, force_code: str, case_id: str, officer: dict[str, Any] | None) -> dict[str, Any]:
    """The case data as the receiving force's case: its force, the move's origin, the new address."""
    carried = json.loads(json.dumps(pack.data["case"]))  # a deep copy
    move = pack.data["transfer"]
    transfers = carried.get("transfers", [])
    for entry in transfers:
        if entry.get("event") == move["event"]:
            entry["from_force"] = pack.data["from_force"]
            enclosed = (pack.data.get("pack") or {}).get("enclosed")
            if enclosed is not None:  # what the pack held, not the list the sending case typed
                entry["enclosures"] = [_enclosure_words(item) for item in enclosed]
                entry["enclosures"] += [_late_words(item) for item in pack.manifest.get("late_additions", [])]
            if entry.get("new_address"):
                carried["subject"]["address"] = entry["new_address"]
    for event in carried.get("history", []):
        if event.get("id") == move["event"] and not event.get("reference"):
            event["reference"] = pack.data["case_id"]
    _name_sending_force(carried, pack.data["from_force"])
    head = {
        "schema_version": carried.pop("schema_version", 1),
        "case_id": case_id,
        "managing_force": force_code,
        "document_date": move["moving_on"],
        "offender_manager": officer if officer is not None else dict(PLACEHOLDER_OFFICER),
    }
    for key in ("case_id", "managing_force", "offender_manager", "document_date"):
        carried.pop(key, None)
    return {**head, **carried}


def _enclosure_words(item: dict[str, Any]) -> str:
    """One enclosure as the transfer letter lists it: what, its reference or exhibit, its date."""
    from .fmt import long_date

    words = item["what"]
    if item.get("reference"):
        words += f", reference {item['reference']}"
    elif item.get("exhibit") and item["exhibit"] not in words:
        words += f", exhibit {item['exhibit']}"
    if item.get("date"):
        words += f", dated {long_date(dt.date.fromisoformat(item['date']))}"
    return words


def _late_words(item: dict[str, Any]) -> str:
    """A document added to the pack after it was built, named as such."""
    from .fmt import long_date

    words = f"{item['title']} (added to the pack after it was built)"
    if item.get("date"):
        words += f", dated {long_date(dt.date.fromisoformat(item['date']))}"
    return words


def _name_sending_force(carried: dict[str, Any], from_force: str) -> None:
    """Put the sending force's name beside every officer the carried case names (``by``),
    so the receiving force's file never reads them as its own officers. An entry that
    already names a force (a case moved before) is left as it is."""
    from .register.forces import shipped_forces

    forces = shipped_forces()
    name = forces.get(from_force).name
    known = {f.name for f in forces.forces}

    def named(by: str) -> str:
        if not by.strip():
            return by
        if by.endswith(")") and "(" in by and by[by.rindex("(") + 1 : -1] in known:
            return by
        return f"{by} ({name})"

    holders = [*carried.get("history", []), carried.get("risk") or {}, (carried.get("order") or {}).get("notice") or {}]
    holders += [done for done in (carried.get("start_of_order") or {}).values() if isinstance(done, dict)]
    for holder in holders:
        if isinstance(holder.get("by"), str):
            holder["by"] = named(holder["by"])


def _check_force(pack: Pack, force_code: str) -> None:
    from .register.forces import shipped_forces

    where = str(pack.path)
    try:
        shipped_forces().get(force_code)
    except DocgenError as exc:
        raise DocgenError(exc.problems[0].message, field="--force-code") from None
    to_force, from_force = pack.data["transfer"]["to_force"], pack.data["from_force"]
    if force_code == from_force:
        raise DocgenError(f"the pack comes from {from_force}; a force does not import its own case", file=where, field="--force-code")
    if force_code != to_force:
        raise DocgenError(f"the pack is for the move to {to_force}, not {force_code}; ask {from_force} for a pack to {force_code}",
                          file=where, field="--force-code")  # fmt: skip


def load_officer(path: Path) -> dict[str, Any]:
    """The receiving officer's details from a YAML mapping, checked as the case checks them."""
    from pydantic import ValidationError

    from .case import Officer
    from .yamlio import pydantic_problems, read_yaml_mapping

    data = read_yaml_mapping(path)
    try:
        Officer.model_validate(data)
    except ValidationError as exc:
        raise DocgenError(pydantic_problems(exc, file=path)) from None
    return data


def next_case_id(force_code: str, taken: set[str], out_dir: Path, first: int) -> str:
    """``<FORCE>-SCPO-<NNNN>``, from the force's next register number, skipping ids in use."""
    number = first
    while True:
        candidate = f"{force_code}-SCPO-{number:04d}"
        if candidate not in taken and not (out_dir / f"{candidate}.yaml").exists():
            return candidate
        number += 1


def import_case(
    pack_path: str | Path,
    *,
    force_code: str,
    out_dir: str | Path,
    register: Path | None = None,
    officer: Path | None = None,
    case_id: str | None = None,
    by: str | None = None,
    now: dt.datetime | None = None,
) -> Imported:
    """Check the pack, write the receiving force's case file and record the transfer in."""
    from .case import case_from_data
    from .output import write_atomic
    from .register import verified_register
    from .register.where import current_user
    from .register.store import Register
    from .register.where import register_path

    pack = read_pack(pack_path)
    _check_force(pack, force_code)
    user = current_user(by)
    officer_data = load_officer(Path(officer)) if officer is not None else None
    out_dir = Path(out_dir)
    reg_path = register_path(register, [out_dir / "case.yaml"])
    rows = []
    if reg_path.exists():  # a tampered register is refused; a new one is made only to write
        with verified_register(reg_path) as reg:
            rows = reg.cases()
            _refuse_second_import(pack, reg)
    taken = {row.case_id for row in rows}
    if case_id is None:
        first = 1 + max((row.case_no for row in rows if row.force == force_code), default=0)
        case_id = next_case_id(force_code, taken, out_dir, first)
    elif case_id in taken:
        raise DocgenError(f"case {case_id} is already in the register", file=reg_path, field="--case-id")
    target = out_dir / f"{case_id}.yaml"
    if target.exists():
        raise DocgenError("already exists; an imported case never replaces a case file (choose --case-id)", file=target)
    data = receiving_case(pack, force_code, case_id, officer_data)
    checked = dict(data, offender_manager=officer_data or _STAND_IN)  # everything but the officer must hold now
    case = case_from_data(checked, file=str(target))
    typed = case.model_dump(mode="python", exclude_defaults=True)
    text = _case_text(pack, _dates(data, typed), officer_data is not None)
    reason = (
        f"received on transfer from {pack.data['from_force']} {_origin(pack)} in the pack with SHA-256 {pack.sha256}; documents keep their "
        f"references: {', '.join(pack.references) or 'none'}"
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    with Register.open(reg_path, create=True) as reg, reg.writing():
        write_atomic(target, text.encode("utf-8"), force=False)
        try:
            if officer_data is not None:
                case._source = target
                reg.refresh_case(case, now or _now())
            reg.note(user=user, action="transfer-in", case_id=case_id, reason=reason, now=now)
        except BaseException:
            target.unlink(missing_ok=True)
            raise
    return Imported(target, case_id, pack.data["case_id"], pack.data["from_force"], officer_data is not None,
                    tuple(pack.references), reg_path, pack.not_enclosed, pack.kept_back, pack.late_additions,
                    tuple(sorted((pack.data.get("withheld") or {}).items())))  # fmt: skip


def to_ask_for(done: Imported) -> list[str]:
    """What the receiving officer should know the pack does not hold, in plain lines: each
    document the sending force's letter names as not enclosed, with why, and how much it
    kept back as sensitive, so the officer knows what to ask that force for."""
    from .register.forces import shipped_forces

    force = f"{shipped_forces().get(done.from_force).name} ({done.from_force})"
    unnamed = "it" if done.kept_back == 1 else "them"
    kept = [f"{_counted(done.kept_back, 'sensitive evidence files')}, kept back (the pack does not name {unnamed})"] if done.kept_back else []
    left = [_counted(n, what) for what, n in done.withheld if what != "sensitive evidence files"]
    if left:
        kept.append(f"left out of the case data as sensitive: {', '.join(left)}")
    if not done.not_enclosed and not kept:
        return [f"Not enclosed: nothing; {force} sent everything its transfer letter lists and kept nothing back"]
    lines = [f"Not enclosed: ask {force} for these if you need them:"]
    lines += [f"  - {what}: {why}" for what, why in done.not_enclosed]
    lines += [f"  - {item}" for item in kept]
    return lines


def _origin(pack: Pack) -> str:
    return f"(case {pack.data['case_id']}, {pack.data['transfer']['event']})"


# the start of the reason import_case writes on its transfer-in log line
_RECEIVED = re.compile(r"received on transfer from (?P<force>[A-Z0-9]+) \(case (?P<case>[^,()]+), (?P<event>[^,()]+)\)")


@dataclass(frozen=True)
class Received:
    """A case the register took in on transfer: the sending force, its case id and the move's event."""

    case_id: str
    from_force: str
    from_case: str
    event: str


def received_cases(entries: Iterable[Any]) -> dict[str, Received]:
    """The cases a register's log says were imported (``transfer-in``), by the receiving case id,
    each with the sending force's case and move it came from, as :func:`import_case` logged them."""
    found: dict[str, Received] = {}
    for entry in entries:
        if entry.action != "transfer-in" or not entry.case_id:
            continue
        match = _RECEIVED.match(entry.reason)
        if match is not None:
            found[entry.case_id] = Received(entry.case_id, match["force"], match["case"], match["event"])
    return found


def _refuse_second_import(pack: Pack, reg: Any) -> None:
    """The same move taken in twice would make two cases of one order."""
    for entry in reg.log():
        if entry.action == "transfer-in" and _origin(pack) in entry.reason:
            raise DocgenError(
                f"the move {pack.data['transfer']['event']} of case {pack.data['case_id']} was already imported as "
                f"{entry.case_id} on {entry.at[:10]}",
                file=reg.path,
                field="transfer-in",
            )


def _dates(data: Any, typed: Any) -> Any:
    """``data`` with each ISO string the case model reads as a date turned back into a date,
    so the file shows dates as a person writes them (unquoted); other strings stay strings."""
    if isinstance(data, dict) and isinstance(typed, dict):
        return {k: _dates(v, typed.get(k)) for k, v in data.items()}
    if isinstance(data, list) and isinstance(typed, list) and len(data) == len(typed):
        return [_dates(d, t) for d, t in zip(data, typed)]
    if isinstance(data, str) and isinstance(typed, dt.date) and not isinstance(typed, dt.datetime) and typed.isoformat() == data:
        return typed
    return data


def _now() -> dt.datetime:
    from .register.store import utc_now

    return utc_now()


def _case_text(pack: Pack, data: dict[str, Any], officer_set: bool) -> str:
    """The case file as YAML, headed by where it came from and what is left to do."""
    withheld = pack.data.get("withheld") or {}
    lines = [
        f"# Received on transfer from {pack.data['from_force']} (its case {pack.data['case_id']}) in the pack",
        f"# {pack.path.name}, SHA-256 {pack.sha256}.",
        "# Documents the sending force issued keep their references (see the register's log).",
    ]
    if withheld:
        lines.append("# Withheld by the sending force as sensitive: "
                     + ", ".join(_counted(n, what) for what, n in sorted(withheld.items())) + ".")  # fmt: skip
    evidence = pack.data.get("evidence") or {}
    if evidence.get("in_pack"):
        lines.append(f"# {_counted(evidence['in_pack'], 'evidence files')} in the pack as documents (not listed as files of this case).")
    if evidence.get("not_enclosed"):
        lines.append(f"# {_counted(evidence['not_enclosed'], 'evidence files')} not enclosed; the transfer letter says why.")
    if not officer_set:
        lines.append("# offender_manager: the receiving force fills in its officer; until then the case does not validate.")
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=88)
    return "\n".join(lines) + "\n" + body


_ONE = {"history events": "history event", "breach-file entries": "breach-file entry", "sensitive evidence files": "sensitive evidence file",
        "evidence files": "evidence file"}  # fmt: skip


def _counted(n: int, what: str) -> str:
    """"1 sensitive evidence file", "3 evidence files": a count the header states exactly."""
    return f"{n} {_ONE.get(what, what) if n == 1 else what}"
