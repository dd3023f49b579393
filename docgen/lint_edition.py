"""The second edition's drafting points, checked on each current second-edition record.

A record is second-edition when its major version is 2 or more or it declares a remedy
(:attr:`docgen.conditions.Clause.second_edition`). Each rule here serves one of the ten
drafting points of the second edition, plus the start-up duty, the remedy and the worked
examples; the word lists and limits are data in ``docgen/data/lint_words.yaml``. The
first edition's checks (brands, requirement parts, vague words, definitions) stay in
:mod:`docgen.lint`, which calls :func:`edition_findings` for these records and
:func:`route_promises` for each term of a case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .conditions import Clause, Library
from .errors import DocgenError
from .lint import (
    DATA,
    Brands,
    Finding,
    Severity,
    _check_brands,
    _check_requirements,
    _excerpt,
    _paragraphs,
    _rx,
    _shipped_brands,
    _shipped_words,
    finding,
    rendered as _render,
    renders_kept,
)
from .yamlio import read_yaml_mapping


@dataclass(frozen=True)
class EditionRules:
    """The second edition's word data from ``lint_words.yaml`` (one entry per drafting point)."""

    loose_terms: list[tuple[str, re.Pattern[str], str, str]]
    wrong_recipient: list[re.Pattern[str]]
    legal_basis: re.Pattern[str]
    evidence_min_words: int
    exception_signals: list[re.Pattern[str]]
    agreement: re.Pattern[str]
    answer_period: re.Pattern[str]
    advance_notice: list[re.Pattern[str]]
    sentence_words: int
    mirror_permission: re.Pattern[str]
    monitoring_min_words: int
    vague_monitoring: list[re.Pattern[str]]
    privileged: list[re.Pattern[str]]
    privilege_carveout: re.Pattern[str]
    startup_verbs: re.Pattern[str]
    comes_into_force: re.Pattern[str]
    promises_route: re.Pattern[str]
    promises_exception: re.Pattern[str]
    subject_email: re.Pattern[str]
    remedy_deadline: list[re.Pattern[str]]


def load_edition_rules(path: Path | None = None) -> EditionRules:
    """Read the second edition's word data (the shipped file unless ``path`` is given)."""
    path = path or DATA / "lint_words.yaml"
    d = read_yaml_mapping(path)

    def rx(key: str) -> re.Pattern[str]:
        return _rx(d[key], path, key)

    def rxs(key: str) -> list[re.Pattern[str]]:
        return [_rx(p, path, f"{key}.{i}") for i, p in enumerate(d[key])]

    try:
        return EditionRules(
            loose_terms=[
                (v["id"], _rx(v["pattern"], path, f"loose_terms.{i}.pattern"), v["definition"], v["fix"])
                for i, v in enumerate(d["loose_terms"])
            ],
            wrong_recipient=rxs("wrong_recipient"),
            legal_basis=rx("legal_basis"),
            evidence_min_words=int(d["evidence_min_words"]),
            exception_signals=rxs("exception_signals"),
            agreement=rx("agreement"),
            answer_period=rx("answer_period"),
            advance_notice=rxs("advance_notice"),
            sentence_words=int(d["sentence_words"]),
            mirror_permission=rx("mirror_permission"),
            monitoring_min_words=int(d["monitoring_min_words"]),
            vague_monitoring=rxs("vague_monitoring"),
            privileged=rxs("privileged"),
            privilege_carveout=rx("privilege_carveout"),
            startup_verbs=rx("startup_verbs"),
            comes_into_force=rx("comes_into_force"),
            promises_route=rx("promises_route"),
            promises_exception=rx("promises_exception"),
            subject_email=rx("subject_email"),
            remedy_deadline=rxs("remedy_deadline"),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DocgenError(f"missing or malformed second-edition entry {exc}", file=path) from None


@lru_cache(maxsize=1)
def _shipped_edition() -> EditionRules:
    return load_edition_rules()


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\u201c\"])")
_QUOTED = re.compile(r"\u201c([^\u201d]+)\u201d|\"([^\"]+)\"|(?<![\w])'([^']+)'(?![\w])")


def _flat(text: str) -> str:
    return " ".join(text.split()).casefold()


def long_sentences(text: str, limit: int) -> list[tuple[int, str]]:
    """Sentences over ``limit`` words; each sub-item line counts as its own sentence."""
    out = []
    for line in text.splitlines():
        for sentence in _SENTENCE_END.split(line.strip()):
            count = len(sentence.split())
            if count > limit:
                out.append((count, sentence))
    return out


def offers_exception(text: str, rules: EditionRules) -> bool:
    """True when the wording offers an exception (and so must declare it)."""
    return any(rx.search(text) for rx in rules.exception_signals)


def needs_advance_notice(text: str, rules: EditionRules) -> bool:
    return any(rx.search(text) for rx in rules.advance_notice)


def printed_values(param: Any, value: Any) -> list[str]:
    """How a checked parameter value is printed in wording: each item of a list on its own."""
    shown = param.present(value, "en_GB")
    items = shown if isinstance(shown, list) else [shown]
    return [str(item) for item in items]


def _appears(printed: str, text: str, flat: str | None = None) -> bool:
    """True when ``printed`` is in ``text`` (``flat``, when given, is ``_flat(text)``)."""
    if re.fullmatch(r"\d+", printed):
        return re.search(rf"(?<![\d.,£]){printed}(?![\d.,]\d)", text) is not None
    return _flat(printed) in (_flat(text) if flat is None else flat)


def _not_mirrored(clause: Clause, name: str) -> bool:
    """True when ``mirror.not_mirrored`` declares the parameter or exception ``name``."""
    param = clause.parameter(name)
    labels = {name.casefold(), (param.label.casefold() if param is not None else name.casefold())}
    return any(entry.part.strip().casefold() in labels for entry in clause.mirror.not_mirrored)


def mirror_gaps(clause: Clause, values: dict[str, Any]) -> list[str]:
    """What the term prints at ``values`` that its licence mirror does not (empty when none).

    Every parameter's printed value and every exception's marker must be in the term and,
    as ``mirror_marker`` (default: the marker), in the mirror, unless the clause declares
    it not mirrored (``mirror.not_mirrored`` naming the parameter, or the exception's own
    ``not_mirrored``). A clause with no mirror and a stated reason has nothing to compare.
    """
    if not clause.mirror.wording:
        return [] if (clause.mirror.reason or "").strip() else ["the clause has neither a mirror nor a reason"]
    wording = _render(clause, "wording", values)
    mirror = _render(clause, "mirror", values) or ""
    gaps = []
    resolved = clause.resolve(values)
    flat_wording, flat_mirror = _flat(wording), _flat(mirror)
    for param in clause.parameters:
        for printed in printed_values(param, resolved[param.name]):
            if not _appears(printed, wording, flat_wording):
                gaps.append(f"parameter {param.name} = \u201c{_excerpt(printed, 40)}\u201d is not printed in the term")
            elif not _not_mirrored(clause, param.name) and not _appears(printed, mirror, flat_mirror):
                gaps.append(f"parameter {param.name} = \u201c{_excerpt(printed, 40)}\u201d is in the term but not in the mirror")
    for exc in clause.exceptions:
        if _flat(exc.marker) not in flat_wording:
            gaps.append(f"exception {exc.key}: its marker \u201c{exc.marker}\u201d is not in the term")
        elif not exc.not_mirrored and not _not_mirrored(clause, exc.key) and _flat(exc.in_mirror) not in flat_mirror:
            gaps.append(f"exception {exc.key}: \u201c{exc.in_mirror}\u201d is not in the mirror")
    return gaps


def _f(rule: str, clause: Clause, message: str, fix: str, severity: Severity = "error") -> Finding:
    return finding(rule, severity, None, message, fix, clause.ref)


def edition_findings(
    clause: Clause, library: Library, rules: EditionRules | None = None, *, brands: Brands | None = None
) -> list[Finding]:
    """The second edition's drafting points for one record, at its defaults and boundaries."""
    with renders_kept():
        return _edition_findings(clause, library, rules, brands=brands)


def _edition_findings(clause: Clause, library: Library, rules: EditionRules | None, *, brands: Brands | None) -> list[Finding]:
    rules = rules or _shipped_edition()
    brands = brands or _shipped_brands()
    out: list[Finding] = []
    value_sets = clause.value_sets()
    rendered = []
    for values in value_sets:
        try:
            rendered.append(
                (
                    values,
                    _render(clause, "wording", values),
                    _render(clause, "mirror", values) or "",
                    _render(clause, "plain", values),
                    _render(clause, "startup", values) or "",
                )
            )
        except DocgenError:
            continue  # reported by the first edition's checks, which render the same sets
    if not rendered:
        return out
    _values, wording, mirror, plain, startup = rendered[0]
    extra = [("start-up duty", startup), ("remedy", _render(clause, "remedy", _values) or "")]
    extra += [(f"example {i + 1}", f"{e.scenario} {e.why}") for i, e in enumerate(clause.examples)]
    for where, text in extra:
        for message, fix in _check_brands(text, brands, where):
            out.append(_f("brand-name", clause, message, fix))
    out += _defined_exactly(clause, wording, mirror, rules)
    out += _recipient(clause, wording + "\n\n" + startup, rules)
    for message, fix in _check_requirements(startup, _shipped_words()):
        out.append(_f("requirement-parts", clause, "in the start-up duty, " + message, fix))
    out += _legal_basis(clause, library, rules)
    out += _exception_rules(clause, rendered, rules)
    out += _route_rules(clause, wording + "\n\n" + startup, rules)
    for where, text in (("wording", wording), ("start-up duty", startup), ("licence mirror", mirror), ("plain-words summary", plain)):
        for count, sentence in long_sentences(text, rules.sentence_words):
            out.append(
                _f(
                    "sentence-length",
                    clause,
                    f"a sentence of the {where} has {count} words (limit {rules.sentence_words}): \u201c{_excerpt(sentence, 50)}\u201d",
                    "Split it into shorter sentences, or put the items in a lettered list, one per line.",
                )
            )
    out += _future_proofing(clause, clause.wording + "\n\n" + "\n\n".join(r[1] for r in rendered) + "\n\n" + startup)
    out += _mirror_rules(clause, rendered, rules)
    out += _monitoring(clause, rules)
    out += _privileged(clause, wording + "\n\n" + startup, rules)
    out += _startup(clause, wording, startup, rules)
    out += _subject_email(clause, _values, rules)
    out += _remedy_deadline(clause, _values, rules)
    if clause.remedy is None:
        out.append(
            _f(
                "remedy",
                clause,
                f"{clause.ref} declares no remedy",
                "Add remedy.ask (what a warning letter may ask the subject to do, as a template) or remedy.none (why a breach cannot be put right).",
            )
        )
    covered = {e.exception for e in clause.examples if e.exception}
    for exc in clause.exceptions:
        if exc.key not in covered:
            out.append(
                _f(
                    "examples",
                    clause,
                    f"the exception {exc.key} has no worked example",
                    f"Add an example with exception: {exc.key} (a scenario, breach: false, and why).",
                )
            )
    if not clause.examples:
        out.append(_f("examples", clause, f"{clause.ref} has no worked examples", "Add at least one breach and one not-a-breach scenario."))
    return out


def _defined_exactly(clause: Clause, wording: str, mirror: str, rules: EditionRules) -> list[Finding]:
    out = []
    for _id, rx, definition, fix in rules.loose_terms:
        if definition not in clause.definitions:
            continue
        for where, text in (("wording", wording), ("licence mirror", mirror)):
            match = rx.search(text)
            if match:
                out.append(
                    _f(
                        "defined-exactly",
                        clause,
                        f"the {where} says \u201c{match.group(0)}\u201d where the clause defines \u201c{definition.replace('-', ' ')}\u201d",
                        fix,
                    )
                )
    return out


def _recipient(clause: Clause, text: str, rules: EditionRules) -> list[Finding]:
    for rx in rules.wrong_recipient:
        match = rx.search(text)
        if match:
            return [
                _f(
                    "recipient",
                    clause,
                    f"the wording gives a duty to probation: \u201c{_excerpt(match.group(0), 60)}\u201d",
                    "A term of the order is owed to the police; put probation's part in the licence mirror.",
                )
            ]
    return []


def _legal_basis(clause: Clause, library: Library, rules: EditionRules) -> list[Finding]:
    out = []
    if clause.legal_basis is not None and not rules.legal_basis.search(clause.legal_basis):
        out.append(
            _f(
                "legal-basis",
                clause,
                f"legal_basis \u201c{_excerpt(clause.legal_basis)}\u201d does not name an Act and a section",
                "Name the Act with its year and the section, such as \u201cCriminal Justice and Police Act 2001 s.33\u201d.",
            )
        )
    if clause.legal_basis is None and clause.s5_basis not in library.kinds:
        out.append(
            _f(
                "legal-basis",
                clause,
                f"{clause.ref} names no legal basis and its category gives none",
                "Set legal_basis, or put the clause in a category whose kind names the power.",
            )
        )
    evidence = clause.guidance.evidence
    if len(evidence.split()) < rules.evidence_min_words or _flat(evidence) == _flat(clause.guidance.purpose):
        out.append(
            _f(
                "legal-basis",
                clause,
                f"the evidence guidance is too thin to link the term to a subject's offending ({len(evidence.split())} words)",
                f"Say in at least {rules.evidence_min_words} words what evidence shows the term is needed for this subject.",
            )
        )
    return out


def _exception_rules(clause: Clause, rendered: list[tuple[Any, ...]], rules: EditionRules) -> list[Finding]:
    out = []
    wording = rendered[0][1]
    if offers_exception(wording, rules) and not clause.exceptions:
        out.append(
            _f(
                "exceptions",
                clause,
                "the wording offers an exception but the clause declares none",
                "Declare each exception under exceptions (key, marker: a phrase of the wording), so examples and the mirror can refer to it.",
            )
        )
    flat_wordings = [_flat(r[1]) for r in rendered] if clause.exceptions else []
    for exc in clause.exceptions:
        marker = _flat(exc.marker)
        missing = [r for r, flat in zip(rendered, flat_wordings) if marker not in flat]
        if missing:
            out.append(
                _f(
                    "exceptions",
                    clause,
                    f"the exception {exc.key}: its marker \u201c{exc.marker}\u201d is not in the wording"
                    + ("" if len(missing) == len(rendered) else " at every parameter value"),
                    "Make marker a phrase the rendered wording prints, word for word.",
                )
            )
    return out


def _route_rules(clause: Clause, text: str, rules: EditionRules) -> list[Finding]:
    out = []
    if rules.agreement.search(text):
        route = clause.approval_route
        if route is None:
            out.append(
                _f(
                    "approval-route",
                    clause,
                    "the wording says \u201cunless ... agreed\u201d but the clause declares no approval_route",
                    "Add approval_route: who decides, how to ask (in writing), answer_within (a number of days) and the urgent way to ask.",
                )
            )
        elif not rules.answer_period.search(route.answer_within):
            out.append(
                _f(
                    "approval-route",
                    clause,
                    f"approval_route.answer_within \u201c{route.answer_within}\u201d gives no period",
                    "Give a number of days or hours, such as \u201c5 working days\u201d.",
                )
            )
    if needs_advance_notice(text, rules) and not (clause.urgent_route or "").strip():
        out.append(
            _f(
                "urgent-route",
                clause,
                "the wording requires notice in advance but the clause declares no urgent_route",
                "Add urgent_route: how to give notice when the event cannot wait (a funeral, a hospital stay), and by when.",
            )
        )
    return out


def _future_proofing(clause: Clause, texts: str) -> list[Finding]:
    out = []
    haystack = _flat(texts)
    for i, note in enumerate(clause.future_proofing):
        for match in _QUOTED.finditer(note.part):
            quoted = next(g for g in match.groups() if g)
            if _flat(quoted) not in haystack:
                out.append(
                    _f(
                        "future-proofing",
                        clause,
                        f"future_proofing.{i} quotes \u201c{_excerpt(quoted, 50)}\u201d, which the wording does not say",
                        "Quote the wording exactly, or change the wording so it does what the note claims.",
                    )
                )
    return out


def _mirror_rules(clause: Clause, rendered: list[tuple[Any, ...]], rules: EditionRules) -> list[Finding]:
    out = []
    if not clause.mirror.wording:
        reason = (clause.mirror.reason or "").strip()
        if len(reason.split()) < 8:
            out.append(
                _f(
                    "mirror-parameters",
                    clause,
                    "the reason for having no licence mirror is too short to say why a licence cannot carry the term",
                    "Say in a full sentence what a licence condition cannot do here and why.",
                )
            )
        return out
    seen: set[str] = set()
    for values, *_texts in rendered:
        for gap in mirror_gaps(clause, values):
            if gap not in seen:
                seen.add(gap)
                out.append(
                    _f(
                        "mirror-parameters",
                        clause,
                        gap,
                        "Print the same value in the mirror (it is a template over the same parameters), or declare it under mirror.not_mirrored with the reason.",
                    )
                )
    mirror = rendered[0][2]
    match = rules.mirror_permission.search(mirror)
    if match and clause.approval_route is None:
        out.append(
            _f(
                "mirror-parameters",
                clause,
                f"the mirror says \u201c{match.group(0)}\u201d but the term offers no approval route",
                "Make the mirror say what the term says; probation cannot permit what the order forbids.",
            )
        )
    return out


def _monitoring(clause: Clause, rules: EditionRules) -> list[Finding]:
    out = []
    for name in ("how", "breach"):
        text = getattr(clause.monitoring, name)
        vague = next((rx.search(text) for rx in rules.vague_monitoring if rx.search(text)), None)
        if len(text.split()) < rules.monitoring_min_words or vague:
            why = f"says \u201c{vague.group(0)}\u201d" if vague else f"has {len(text.split())} words"
            out.append(
                _f(
                    "monitoring",
                    clause,
                    f"monitoring.{name} is not concrete ({why})",
                    "Say what an officer checks and where (records, visits, searches), and what a breach looks like in fact.",
                )
            )
    return out


_DISCLOSE = re.compile(r"\bmust\s+(?:also\s+)?(?:provide|produce|disclose|supply|give|hand|deliver|send|allow)\b", re.IGNORECASE)


def _privileged(clause: Clause, text: str, rules: EditionRules) -> list[Finding]:
    for paragraph in _paragraphs(text):
        if not _DISCLOSE.search(paragraph) or rules.privilege_carveout.search(paragraph):
            continue
        for rx in rules.privileged:
            match = rx.search(paragraph)
            if match:
                return [
                    _f(
                        "privileged-material",
                        clause,
                        f"a duty to hand over \u201c{match.group(0)}\u201d could compel privileged or excluded material",
                        "Narrow the duty to what is needed, and say in the same paragraph that it does not require "
                        "legally privileged or excluded material (Serious Crime Act 2007 ss.12-13).",
                    )
                ]
    return []


def _startup(clause: Clause, wording: str, startup: str, rules: EditionRules) -> list[Finding]:
    if not rules.startup_verbs.search(wording):
        return []
    out = []
    if not clause.startup:
        out.append(
            _f(
                "startup",
                clause,
                f"{clause.ref} imposes a notification duty but has no start-up duty",
                "Add startup: what the subject must notify about things that exist when the order comes into force, and by when.",
            )
        )
    if not rules.comes_into_force.search(wording):
        out.append(
            _f(
                "startup",
                clause,
                "the wording does not say what is due when the order comes into force",
                "Say \u201cwithin N days of the order coming into force\u201d for what already exists on that day.",
            )
        )
    return out


def _subject_texts(clause: Clause, values: dict[str, Any]) -> list[tuple[str, str]]:
    """What the subject reads of a clause (English and Welsh), rendered at ``values``."""
    texts = [
        ("plain-words summary", _render(clause, "plain", values)),
        ("start-up duty", _render(clause, "startup", values) or ""),
        ("remedy", _render(clause, "remedy", values) or ""),
        ("licence mirror", _render(clause, "mirror", values) or ""),
    ]
    cy = clause.cy
    if cy is not None:
        texts += [
            (f"Welsh {name}", text or "")
            for name, text in (("plain words", cy.plain_words), ("start-up duty", cy.startup), ("remedy", cy.remedy), ("mirror", cy.mirror))
        ]
    for i, example in enumerate(clause.examples):
        texts.append((f"example {i + 1}", " ".join(clause.render_example(example, values))))
        if example.cy is not None:
            texts.append((f"Welsh example {i + 1}", f"{example.cy.scenario} {example.cy.why}"))
    return [(where, " ".join(text.split())) for where, text in texts]


def _subject_email(clause: Clause, values: dict[str, Any], rules: EditionRules) -> list[Finding]:
    """Email is writing only where the force has a mailbox, so the subject is never told to email."""
    out = []
    for where, text in _subject_texts(clause, values):
        match = rules.subject_email.search(text)
        if match:
            out.append(
                _f(
                    "no-email",
                    clause,
                    f"the {where} speaks of email (\u201c{_excerpt(match.group(0), 40)}\u201d), which counts as writing only where the force has a mailbox",
                    "Say \u201ctell the police in writing at the notification address\u201d or \u201csend written notice\u201d, and time an example by when the notice is sent.",
                )
            )
    return out


def _remedy_deadline(clause: Clause, values: dict[str, Any], rules: EditionRules) -> list[Finding]:
    """The warning letter sets the remedy's deadline, so remedy.ask must not set another."""
    texts = [("remedy.ask", _render(clause, "remedy", values) or "")]
    if clause.cy is not None and clause.cy.remedy:
        texts.append(("Welsh remedy", clause.cy.remedy))
    out = []
    for where, text in texts:
        match = next((m for m in (rx.search(text) for rx in rules.remedy_deadline) if m), None)
        if match:
            out.append(
                _f(
                    "remedy-deadline",
                    clause,
                    f"the {where} sets its own deadline (\u201c{_excerpt(match.group(0), 40)}\u201d) beside the letter's \u201cBy the end of <date>\u201d",
                    "Take the deadline out of the remedy; the warning letter gives the one date by which it must be done.",
                )
            )
    return out


def route_promises(term: Any, clause: Clause, rules: EditionRules | None = None) -> list[Finding]:
    """A case's justification that promises a route or an exception the clause does not have."""
    rules = rules or _shipped_edition()
    just = term.justification
    if just is None:
        return []
    text = " ".join(str(getattr(just, name, "") or "") for name in ("link", "proportionality"))
    try:
        wording = _render(clause, "wording", dict(term.params))
    except DocgenError:
        return []
    # a second-edition record declares its routes and exceptions, so a promise it does not
    # keep is an error; a first-edition record's are inferred from its wording: a warning
    severity: Severity = "error" if clause.second_edition else "warning"
    out = []
    match = rules.promises_route.search(text)
    if match and clause.approval_route is None and not rules.agreement.search(wording):
        out.append(
            finding(
                "route-promised",
                severity,
                term.number,
                f"the justification says \u201c{_excerpt(match.group(0), 40)}\u201d but {clause.ref} offers no approval route",
                "Take the promise out of the justification, or choose a clause whose wording offers the route.",
                clause.ref,
            )
        )
    match = rules.promises_exception.search(text)
    if match and not clause.exceptions and not offers_exception(wording, rules):
        out.append(
            finding(
                "route-promised",
                severity,
                term.number,
                f"the justification speaks of an exception (\u201c{_excerpt(match.group(0), 40)}\u201d) but {clause.ref} offers none",
                "Take the exception out of the justification, or choose a clause whose wording has it.",
                clause.ref,
            )
        )
    return out
