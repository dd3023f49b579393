"""`docgen render --all`: a cohort on several processes gives the files one-at-a-time rendering gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from docgen.bulk import render_cohort
from docgen.cli import app
from docgen.demo import demo_options, demo_runs, render_dated
from docgen.errors import DocgenError
from docgen.pipeline import load_inputs
from docgen.render import kinds, template_dirs

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
CASES = [SAMPLES / "cases" / "specimen-drugs.yaml", SAMPLES / "cases" / "proposton-proposed.yaml"]


def _one_at_a_time(case_path: Path) -> dict[str, bytes]:
    """Each allowed document rendered on its own, through the library, as the demo does."""
    case, house = load_inputs(case_path)
    files = {}
    for kind in kinds(template_dirs(house.templates)).values():
        for event_id in demo_runs(kind, case):
            rendered = render_dated(case, house, kind.name, event_id, options=demo_options(case, kind.name, event_id))
            for fmt, data in rendered.files.items():
                files[f"{case.case_id}/{rendered.stem}.{fmt}"] = data
    return files


def _written(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_a_pool_of_processes_writes_exactly_the_one_at_a_time_files(tmp_path: Path) -> None:
    result = render_cohort(CASES, tmp_path / "out", jobs=2)
    expected = {}
    for case in CASES:
        expected.update(_one_at_a_time(case))
    assert result.refusals == []
    assert result.documents * 2 == len(expected) == len(result.written)
    assert _written(tmp_path / "out") == expected


def test_the_command_matches_a_single_render_of_the_same_document(tmp_path: Path) -> None:
    runner = CliRunner()
    batch = runner.invoke(app, ["render", "--all", str(CASES[0]), "--kinds", "warning-letter", "--out", str(tmp_path / "all"), "-j", "1"])
    assert batch.exit_code == 0, batch.output
    letter = next((tmp_path / "all").rglob("*warning-letter-EV-002.pdf"))
    single = runner.invoke(app, ["render", "warning-letter", str(CASES[0]), "--event", "EV-002", "--date", "2027-02-03",
                                 "--out", str(tmp_path / "one")])  # fmt: skip
    assert single.exit_code == 0, single.output
    assert (tmp_path / "one" / letter.name).read_bytes() == letter.read_bytes()
    assert {p.name.split("-warning-letter-")[0] for p in (tmp_path / "all").rglob("*.pdf")} == {"WYP-SCPO-0001"}


def test_a_bad_case_is_summarised_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "cases"
    shutil.copytree(SAMPLES / "house-style", tmp_path / "house-style")
    folder.mkdir()
    good = folder / "good.yaml"
    shutil.copy(CASES[0], good)
    bad = folder / "bad.yaml"
    bad.write_text(CASES[0].read_text(encoding="utf-8").replace("managing_force: WYP", "managing_force: 12"), encoding="utf-8")
    result = CliRunner().invoke(app, ["render", "--all", str(bad), str(good), "--out", str(tmp_path / "out"),
                                      "--kinds", "warning-letter,start-of-order-checklist"])  # fmt: skip
    assert result.exit_code == 1
    assert f"refused: {bad}: " in result.output
    assert "1 refused" in result.output
    assert list((tmp_path / "out" / "WYP-SCPO-0001").glob("*warning-letter*.pdf"))


@pytest.mark.parametrize(
    ("extra", "field"),
    [(["--kinds", "no-such-kind"], "--kinds"), (["--event", "EV-001"], "--event"), (["--issue"], "--issue")],
)
def test_options_that_do_not_fit_a_cohort_are_refused_before_anything_is_written(tmp_path: Path, extra: list[str], field: str) -> None:
    result = CliRunner().invoke(app, ["render", "--all", str(CASES[0]), "--out", str(tmp_path / "out"), *extra])
    assert isinstance(result.exception, DocgenError)
    assert result.exception.problems[0].field == field
    assert not (tmp_path / "out").exists()


def test_one_document_takes_one_case_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["render", "warning-letter", *map(str, CASES), "--out", str(tmp_path)])
    assert isinstance(result.exception, DocgenError)
    assert "--all" in str(result.exception)
