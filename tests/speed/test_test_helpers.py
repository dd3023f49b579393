"""The test suite's own shortcuts give what the plain library calls give."""

from __future__ import annotations

import io

from pypdf import PdfReader

from docgen.demo import render_dated
from docgen.pipeline import load_inputs
from tests.conftest import SAMPLES, pdf_text


def _plain_pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    pages = [f"--- page {n} ---\n{page.extract_text().strip()}" for n, page in enumerate(reader.pages, start=1)]
    return "\n".join(pages) + "\n"


def test_pdf_text_reads_each_font_once_and_gets_the_same_text():
    for stem, kind in (("specimen-drugs", "draft-order"), ("ffug-wales", "release-acknowledgement"), ("exampleton-fraud", "licence-mirror")):
        case, house = load_inputs(SAMPLES / "cases" / f"{stem}.yaml")
        data = render_dated(case, house, kind).files["pdf"]
        assert pdf_text(data) == _plain_pdf_text(data), (stem, kind)



def test_a_command_line_made_once_answers_as_one_made_afresh(monkeypatch):
    """The suite makes each Typer app's Click command once (build_each_command_once): the
    same app answers as a freshly made command does, run after run, and an app given another
    command is made again."""
    import typer
    import typer.main
    import typer.testing
    from typer.testing import CliRunner

    from docgen import cli

    made_afresh = typer.main.get_command.made_by  # Typer's own
    assert typer.main.get_command(cli.app) is typer.main.get_command(cli.app)  # the shortcut is on
    case = str(SAMPLES / "cases" / "specimen-drugs.yaml")
    runs = [["--help"], ["render", "--help"], ["conditions", "show", "COM-001"], ["check", case],
            ["render", "no-such-kind", case], ["render", "warning-letter", case, "--date", "not a date"]]  # fmt: skip
    for args in runs * 2:
        ours = CliRunner().invoke(cli.app, args)
        with monkeypatch.context() as plain:
            plain.setattr(typer.testing, "_get_command", made_afresh)
            theirs = CliRunner().invoke(cli.app, args)
        assert (ours.exit_code, ours.output) == (theirs.exit_code, theirs.output), args

    app = typer.Typer()
    app.command("one")(lambda: print("one"))
    first = typer.main.get_command(app)
    app.command("two")(lambda: print("two"))
    assert typer.main.get_command(app) is not first
    assert CliRunner().invoke(app, ["two"]).output == "two\n"
