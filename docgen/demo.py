"""The demo: every document kind for every sample case, written to one folder.

A kind module (``docgen.kinds.<kind>``) may define ``demo_runs(case) -> list[str | None]``
to say which events of a case it should be rendered for; a kind that needs an event and
has no such function is skipped, and any other kind is rendered once per case.
"""

from __future__ import annotations

from pathlib import Path

from .case import Case
from .output import write_all_atomic
from .kinds import kind_module
from .pipeline import load_inputs, render
from .render import KindInfo, kinds, template_dirs
from .resources import samples_dir


def demo_runs(kind: KindInfo, case: Case) -> list[str | None]:
    module = kind_module(kind.name)
    if module is not None and hasattr(module, "demo_runs"):
        return list(module.demo_runs(case))
    return [] if "event" in kind.needs else [None]


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
                rendered = render(case, house, kind.name, event_id=event_id)
                folder = Path(out) / case.case_id
                files = {folder / f"{rendered.stem}.{fmt}": data for fmt, data in rendered.files.items()}
                written.extend(write_all_atomic(files, force=True))
    return written
