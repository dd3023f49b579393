"""Render a whole cohort: every document each case allows, over a pool of processes.

Each case is one unit of work. Its documents are chosen as the demo chooses them (every
kind, or those asked for, in each event it applies to, only in the order states its
SPEC allows) and dated as the demo dates them unless a date is given. A document that is
refused (its state, its timeline, a missing value) is recorded and the batch goes on; the
refusals are returned sorted, so the summary is the same however the work was shared.
The files are byte-identical to rendering each document on its own.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import DocgenError
from .render import Options


@dataclass(frozen=True)
class Refusal:
    """One document (or a whole case) that was not rendered, and why."""

    case: str  # the case file
    document: str  # "kind" or "kind EV-001"; "" when the case itself could not be read
    reason: str

    def __str__(self) -> str:
        return f"{self.case}: {self.document + ': ' if self.document else ''}{self.reason}"


@dataclass
class CohortResult:
    written: list[Path] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)
    documents: int = 0  # documents rendered (each in one or more formats)


@dataclass(frozen=True)
class _Job:
    case: Path
    out: Path
    kinds: tuple[str, ...] | None
    formats: tuple[str, ...]
    options: Options
    force: bool
    register: Path | None


def _reason(exc: DocgenError, case: str) -> str:
    """The problems, without the case file's name where they begin with it (the summary does)."""
    texts = [str(p) for p in exc.problems] or [str(exc)]
    return "; ".join(t.removeprefix(f"{case}: ") for t in texts)


def render_case(job: _Job) -> CohortResult:
    """Every allowed document of one case, written under ``out/<case id>/``."""
    from .demo import demo_options, demo_runs, render_dated
    from .output import write_all_atomic
    from .pipeline import load_inputs
    from .register.where import register_extra
    from .render import kinds, template_dirs

    result = CohortResult()
    name = str(job.case)
    try:
        case, house = load_inputs(job.case)
        extra = register_extra(job.case, job.register)
        found = kinds(template_dirs(house.templates))
    except DocgenError as exc:
        result.refusals.append(Refusal(name, "", _reason(exc, name)))
        return result
    for kind in found.values():
        if job.kinds is not None and kind.name not in job.kinds:
            continue
        try:
            runs = demo_runs(kind, case)
        except DocgenError as exc:
            result.refusals.append(Refusal(name, kind.name, _reason(exc, name)))
            continue
        for event_id in runs:
            label = f"{kind.name} {event_id}" if event_id else kind.name
            dated = demo_options(case, kind.name, event_id)
            options = replace(
                job.options,
                date=job.options.date or dated.date,
                draft=job.options.draft or dated.draft,
                extra={**job.options.extra, **extra},
            )
            try:
                rendered = render_dated(case, house, kind.name, event_id, options=options, formats=job.formats)
                folder = job.out / case.case_id
                files = {folder / f"{rendered.stem}.{fmt}": data for fmt, data in rendered.files.items()}
                result.written.extend(write_all_atomic(files, force=job.force))
                result.documents += 1
            except DocgenError as exc:
                result.refusals.append(Refusal(name, label, _reason(exc, name)))
    return result


def _warm() -> None:
    """Load in the parent what every worker needs, so forked workers start with it."""
    from . import demo, pipeline  # noqa: F401
    from .conditions import shipped_library

    shipped_library()


def render_cohort(
    cases: Sequence[Path],
    out: Path,
    *,
    kinds: Sequence[str] | None = None,
    formats: tuple[str, ...] = ("docx", "pdf"),
    options: Options = Options(),
    force: bool = False,
    register: Path | None = None,
    jobs: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> CohortResult:
    """Render every allowed document of every case; ``progress(n)`` after each n cases.

    ``jobs`` processes (default: the cores available); with one, everything runs here.
    """
    chosen = tuple(dict.fromkeys(kinds)) if kinds else None
    work = [_Job(Path(c), Path(out), chosen, formats, options, force, register) for c in cases]
    workers = max(1, min(jobs or _cores(), len(work)))
    total = CohortResult()
    if workers == 1:
        results = []
        for job in work:
            results.append(render_case(job))
            if progress:
                progress(1)
    else:
        _warm()
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = []
            for result in pool.map(render_case, work, chunksize=1):
                results.append(result)
                if progress:
                    progress(1)
    for result in results:
        total.written.extend(result.written)
        total.refusals.extend(result.refusals)
        total.documents += result.documents
    total.refusals.sort(key=lambda r: (r.case, r.document, r.reason))
    return total


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
