"""The entry point's plain ``render`` does what the full command line does, and hands
every other command line over to it."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from docgen import launch
from tests.inprocess import run_docgen

ROOT = Path(__file__).resolve().parents[2]
CASE = ROOT / "samples" / "cases" / "specimen-drugs.yaml"
PLAIN = ["render", "warning-letter", str(CASE), "--event", "EV-002", "--date", "2027-02-03"]


@pytest.mark.parametrize(
    "argv",
    [
        ["render", "warning-letter"],
        ["--debug", *PLAIN],
        ["kinds"],
        [*PLAIN, "--help"],
        [*PLAIN, "--issue"],
        [*PLAIN, "--all"],
        [*PLAIN, "--reason", "because"],
        [*PLAIN, "--event", "EV-003"],  # given twice
        [*PLAIN, "-oelsewhere"],
        [*PLAIN, "--out"],  # no value
        [*PLAIN, "--reference", "-1"],
        [*PLAIN, "--force=yes"],
        [*PLAIN, "another.yaml"],
        [*PLAIN, "--"],
        ["render", "warning-letter", str(CASE), "--date", "2027-02-30"],  # Typer's usage error says so
    ],
)
def test_anything_but_a_plain_render_goes_to_the_full_command_line(argv: list[str]) -> None:
    assert launch.simple_render(argv) is None


def test_a_plain_render_is_read_as_typer_reads_it() -> None:
    args = launch.simple_render([*PLAIN, "-o", "x", "--format=pdf", "--force", "--lang", "cy", "--register", "r.db"])
    assert args == {
        "kind": "warning-letter", "case": CASE, "event": "EV-002", "date": dt.date(2027, 2, 3), "out": Path("x"),
        "format": "pdf", "force": True, "draft": False, "pdfa": False, "lang": "cy", "register": Path("r.db"),
    }  # fmt: skip


def _launch(argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["docgen", *argv])
    code = 0
    try:
        launch.main()
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


BASE = ["render", "warning-letter", str(CASE)]


@pytest.mark.parametrize(
    "options",
    [
        ["--event", "EV-002", "--date", "2027-02-03"],
        ["--event=EV-002", "--date", "2027-02-03", "--format", "pdf", "--draft"],
        ["--event", "EV-002", "--date", "2027-02-03", "-f", "odt"],
        ["--event", "EV-002", "--date", "2027-02-03", "--lang", "fr"],
        ["--event", "EV-999", "--date", "2027-02-03"],
    ],
)
def test_the_plain_render_writes_and_says_what_the_full_command_line_does(
    options: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fast, full = tmp_path / "fast", tmp_path / "full"
    assert launch.simple_render([*BASE, *options, "--out", str(fast)]) is not None
    code, out, err = _launch([*BASE, *options, "--out", str(fast)], monkeypatch, capsys)
    expected = run_docgen(*BASE, *options, "--out", str(full))
    assert (code, err) == (expected.returncode, expected.stderr)
    assert out.replace(str(fast), "OUT") == expected.stdout.replace(str(full), "OUT")
    written = sorted(p.name for p in fast.glob("*")) if fast.exists() else []
    assert written == (sorted(p.name for p in full.glob("*")) if full.exists() else [])
    assert len(written) == (0 if code else 2 - ("--format" in options))
    for name in written:
        assert (fast / name).read_bytes() == (full / name).read_bytes()


def test_a_missing_case_file_is_reported_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    argv = ["render", "warning-letter", str(tmp_path / "absent.yaml"), "--out", str(tmp_path / "out")]
    code, out, err = _launch(argv, monkeypatch, capsys)
    expected = run_docgen(*argv)
    assert (code, out, err) == (expected.returncode, expected.stdout, expected.stderr)
    assert code == 2 and "absent.yaml" in err


def test_the_collector_is_on_again_after_a_plain_render(tmp_path: Path, monkeypatch, capsys) -> None:
    import gc

    assert gc.isenabled()
    code, _, _ = _launch([*BASE, "--event", "EV-002", "--date", "2027-02-03", "--out", str(tmp_path)], monkeypatch, capsys)
    assert code == 0 and gc.isenabled()
