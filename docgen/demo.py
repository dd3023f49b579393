"""The demo: every document kind for every sample case, written to one folder.

A kind module (``docgen.kinds.<kind>``) may define ``demo_runs(case) -> list[str | None]``
to say which events of a case it should be rendered for; a kind that needs an event and
has no such function is skipped, and any other kind is rendered once per case. A document
whose timeline refuses the case's ``document_date`` is dated as the timeline allows
(see :func:`render_dated`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .case import Case
from .output import write_all_atomic
from .kinds import kind_module
from .housestyle import HouseStyle
from .pipeline import Rendered, load_inputs, render
from .render import KindInfo, Options, kinds, template_dirs
from .timeline import TimelineError
from .writers import FORMATS
from .resources import samples_dir


def demo_runs(kind: KindInfo, case: Case) -> list[str | None]:
    module = kind_module(kind.name)
    if module is not None and hasattr(module, "demo_runs"):
        return list(module.demo_runs(case))
    return [] if "event" in kind.needs else [None]


def render_dated(
    case: Case,
    house: HouseStyle,
    kind_name: str,
    event_id: str | None = None,
    *,
    options: Options = Options(),
    formats: tuple[str, ...] = FORMATS,
) -> Rendered:
    """Render at the case's date or, when the timeline refuses that date, at the earliest date
    it allows (the day of the latest fact the document cites): what a user does with ``--date``.

    A date the caller chose (``options.date``) is never changed, and a document that no
    date would suit (a deadline before the facts it follows) is refused all the same.
    """
    if options.date is not None:
        return render(case, house, kind_name, event_id=event_id, options=options, formats=formats)
    dated = options
    for _ in range(4):  # a kind's own check, then the whole timeline, may each move it once
        try:
            return render(case, house, kind_name, event_id=event_id, options=dated, formats=formats)
        except TimelineError as exc:
            if exc.earliest is None or exc.earliest == dated.date:
                raise
            dated = replace(options, date=exc.earliest)
    return render(case, house, kind_name, event_id=event_id, options=dated, formats=formats)


def sample_cases(samples: Path | None = None) -> list[Path]:
    folder = samples or samples_dir()
    if (folder / "cases").is_dir():
        folder = folder / "cases"
    return sorted(folder.glob("*.yaml"))


def run_demo(out: Path, samples: Path | None = None) -> list[Path]:
    """Render every kind for every sample case; the demo folder's files are replaced."""
    written: list[Path] = []
    for case_path in sample_cases(samples):
        case, house = load_inputs(case_path)
        for kind in kinds(template_dirs(house.templates)).values():
            for event_id in demo_runs(kind, case):
                rendered = render_dated(case, house, kind.name, event_id)
                folder = Path(out) / case.case_id
                files = {folder / f"{rendered.stem}.{fmt}": data for fmt, data in rendered.files.items()}
                written.extend(write_all_atomic(files, force=True))
    return written
