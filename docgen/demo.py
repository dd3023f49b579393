"""The demo: every document kind for every sample case, written to one folder.

A kind module (``docgen.kinds.<kind>``) may define ``demo_runs(case) -> list[str | None]``
to say which events of a case it should be rendered for; a kind that needs an event and
has no such function is skipped, and any other kind is rendered once per case. Of those,
only the runs the kind's SPEC allows are rendered: in the state the order is in on the
case's date, and in the state on the document's own date (as the case gives it), so the
demo never shows a document the pipeline would refuse, nor one out of the case's time. A
document whose timeline refuses the case's ``document_date`` is dated as the timeline
allows (see :func:`render_dated`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .case import Case
from .output import write_all_atomic
from .kinds import kind_module, spec_for
from .housestyle import HouseStyle
from .orderstate import state_on
from .pipeline import Rendered, load_inputs, render, state_date
from .render import KindInfo, Options, kinds, template_dirs
from .timeline import TimelineError
from .writers import FORMATS
from .resources import samples_dir


def demo_runs(kind: KindInfo, case: Case) -> list[str | None]:
    module = kind_module(kind.name)
    if module is not None and hasattr(module, "demo_runs"):
        runs = list(module.demo_runs(case))
    else:
        runs = [] if "event" in kind.needs else [None]
    return [event_id for event_id in runs if in_state(case, kind.name, event_id)]


def in_state(case: Case, kind_name: str, event_id: str | None) -> bool:
    """Whether the kind may be produced for this case: in the state the case is in on its
    own date, and in the state on the document's date (a letter dated on its event)."""
    spec = spec_for(kind_name)
    if spec is None:
        return True
    options = demo_options(case, kind_name, event_id)
    days = {state_date(case, Options()), state_date(case, options)}
    return all(state_on(case, day).state in spec.states for day in days)


def demo_options(case: Case, kind_name: str, event_id: str | None) -> Options:
    """Each document dated as the case gives it, and a draft while the order is only proposed.

    A kind sent on the day of its event (a warning letter) is dated on that day; every
    other document takes the case's date (an event document never earlier than its event).
    Before a prosecutor has authorised the application, its documents are drafts.
    """
    spec = spec_for(kind_name)
    date = case.event(event_id).date if event_id and spec is not None and spec.sent_on_event_date else None
    options = Options(date=date)
    return Options(date=date, draft=state_on(case, state_date(case, options)).state == "proposed")


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
                rendered = render_dated(case, house, kind.name, event_id, options=demo_options(case, kind.name, event_id))
                folder = Path(out) / case.case_id
                files = {folder / f"{rendered.stem}.{fmt}": data for fmt, data in rendered.files.items()}
                written.extend(write_all_atomic(files, force=True))
    return written
