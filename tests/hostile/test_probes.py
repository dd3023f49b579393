"""Each hostile or mistaken input a user could give: exit 2, the file and field named,
no internal error, no traceback, nothing written.

Every probe builds its inputs in a fresh workspace and returns the command line to run;
the workspace is compared before and after, so a half-written file would be caught.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SAMPLES

from .probe_kit import assert_refused, case_data, run, tree, workspace, write_case

RENDER = ["render", "licence-mirror"]
Probe = Callable[[Path], tuple[list[str], str, str]]  # -> (arguments, file named, field named)


def _template(ws: Path, body: str) -> Path:
    folder = ws / "tpl"
    folder.mkdir(exist_ok=True)
    (folder / "licence-mirror.xml.j2").write_text(
        '{# description: a probe #}\n<document title="Probe" subject="Probe">\n' + body + "\n</document>\n",
        encoding="utf-8",
    )
    return folder


def _with_template(body: str, *, link: tuple[str, str] | None = None) -> Probe:
    def probe(ws: Path) -> tuple[list[str], str, str]:
        folder = _template(ws, body)
        if link:
            (folder / link[0]).symlink_to(link[1])
        args = [*RENDER, "cases/case.yaml", "--templates", "tpl", "--out", "out"]
        return args, "licence-mirror.xml.j2", "line 3"

    return probe


def out_names_a_file(ws: Path):
    (ws / "afile").write_text("not a folder\n")
    return [*RENDER, "cases/case.yaml", "--out", "afile"], "afile", "--out"


def out_below_a_file(ws: Path):
    (ws / "afile").write_text("not a folder\n")
    return [*RENDER, "cases/case.yaml", "--out", "afile/below"], "afile", "--out"


def force_onto_a_folder(ws: Path):
    (ws / "out" / "WYP-SCPO-0001-licence-mirror.pdf").mkdir(parents=True)
    return [*RENDER, "cases/case.yaml", "--out", "out", "--force"], "WYP-SCPO-0001-licence-mirror.pdf", "--out"


def bundle_out_is_a_folder(ws: Path):
    spec = _spec(ws, "item.pdf")
    shutil.copy(SAMPLES / "bundles" / "evidence" / "scpo-application.pdf", ws / "spec" / "item.pdf")
    (ws / "taken").mkdir()
    return ["bundle", "build", spec, "--out", "taken", "--force"], "taken", "--out"


def calendar_onto_a_folder(ws: Path):
    (ws / "dates.ics").mkdir()
    return ["calendar", "cases/case.yaml", "--out", "dates.ics", "--force"], "dates.ics", "--out"


def unhashable_key(ws: Path):
    (ws / "cases" / "case.yaml").write_text("? [a, b]\n: 1\ncase_id: X\n", encoding="utf-8")
    return ["validate", "cases/case.yaml"], "case.yaml", "line 1"


def unhashable_nested_key(ws: Path):
    text = (ws / "cases" / "case.yaml").read_text(encoding="utf-8")
    (ws / "cases" / "case.yaml").write_text(text.replace("subject:\n", "subject:\n  {x: 1}: 2\n", 1), encoding="utf-8")
    return [*RENDER, "cases/case.yaml", "--out", "out"], "case.yaml", "line "


def character_device_as_case(ws: Path):
    return [*RENDER, os.devnull, "--out", "out"], os.devnull, "regular file"


def oversized_case(ws: Path):
    with open(ws / "cases" / "case.yaml", "r+b") as fh:
        fh.truncate(17 * 1024 * 1024)  # sparse: nothing is really written
    return ["validate", "cases/case.yaml"], "case.yaml", "limit"


def unknown_managing_force(ws: Path):
    data = case_data()
    data["managing_force"] = "ZZZ"
    write_case(ws / "cases" / "case.yaml", data)
    return ["validate", "cases/case.yaml"], "case.yaml", "managing_force"


def far_future_release(ws: Path):
    data = case_data()
    data["order"]["release_date"] = "9999-12-31"
    write_case(ws / "cases" / "case.yaml", data)
    return [*RENDER, "cases/case.yaml", "--out", "out"], "case.yaml", "order.release_date"


def templates_option_is_a_file(ws: Path):
    (ws / "afile").write_text("x")
    return [*RENDER, "cases/case.yaml", "--templates", "afile", "--out", "out"], "afile", "templates"


def bad_date_option(ws: Path):
    return [*RENDER, "cases/case.yaml", "--date", "2026-02-30", "--out", "out"], "--date", "--date"


def windows_evidence_path(ws: Path):
    data = case_data()
    data["evidence_files"] = [{"file": "C:/Evidence/statement.pdf", "title": "Statement"}]
    write_case(ws / "cases" / "case.yaml", data)
    return ["validate", "cases/case.yaml"], "case.yaml", "evidence_files.0.file"


def backslash_evidence_path(ws: Path):
    data = case_data()
    data["evidence_files"] = [{"file": "..\\..\\statement.pdf", "title": "Statement"}]
    write_case(ws / "cases" / "case.yaml", data)
    return ["validate", "cases/case.yaml"], "case.yaml", "evidence_files.0.file"


def _spec(ws: Path, *files: str) -> str:
    (ws / "spec").mkdir(exist_ok=True)
    docs = "".join(f"      - file: {f!r}\n        title: Item\n" for f in files)
    (ws / "spec" / "spec.yaml").write_text(
        f"title: T\ncase: R v X\nreference: X1\nsections:\n  - title: S\n    documents:\n{docs}", encoding="utf-8"
    )
    return "spec/spec.yaml"


def spec_climbs_out(ws: Path):
    return ["bundle", "build", _spec(ws, "../../../../../../etc/passwd.pdf"), "--out", "b.pdf"], "spec.yaml", "sections[0].documents[0].file"


def spec_symlinked_file(ws: Path):
    spec = _spec(ws, "passwd.pdf")
    (ws / "spec" / "passwd.pdf").symlink_to("/etc/passwd")
    return ["bundle", "build", spec, "--out", "b.pdf"], "spec.yaml", "sections[0].documents[0].file"


def spec_symlinked_folder(ws: Path):
    spec = _spec(ws, "etc/passwd.pdf")
    (ws / "spec" / "etc").symlink_to("/etc")
    return ["bundle", "build", spec, "--out", "b.pdf"], "spec.yaml", "sections[0].documents[0].file"


def spec_absolute(ws: Path):
    return ["bundle", "build", _spec(ws, "/etc/passwd.pdf"), "--out", "b.pdf"], "spec.yaml", "sections[0].documents[0].file"


def spec_windows(ws: Path):
    return ["bundle", "build", _spec(ws, "C:/Windows/win.pdf"), "--out", "b.pdf"], "spec.yaml", "sections[0].documents[0].file"


def damaged_pdf_in_spec(ws: Path):
    spec = _spec(ws, "cut.pdf")
    (ws / "spec" / "cut.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nstartxref\n9\n")
    return ["bundle", "build", spec, "--out", "b.pdf"], "cut.pdf", "sections[0].documents[0]"


def template_is_a_fifo(ws: Path):
    (ws / "tpl").mkdir()
    os.mkfifo(ws / "tpl" / "licence-mirror.xml.j2")
    return [*RENDER, "cases/case.yaml", "--templates", "tpl", "--out", "out"], "licence-mirror.xml.j2", "regular file"


def templates_folder_escapes_by_symlink(ws: Path):
    (ws / "tpl").mkdir()
    (ws / "tpl" / "licence-mirror.xml.j2").symlink_to("/etc/hostname")
    return [*RENDER, "cases/case.yaml", "--templates", "tpl", "--out", "out"], "licence-mirror.xml.j2", "outside the templates folder"


PROBES: dict[str, Probe] = {
    "template is a FIFO": template_is_a_fifo,
    "template symlinked out of its folder": templates_folder_escapes_by_symlink,
    "out names a file": out_names_a_file,
    "out below a file": out_below_a_file,
    "force onto a folder": force_onto_a_folder,
    "bundle out is a folder": bundle_out_is_a_folder,
    "calendar --force onto a folder": calendar_onto_a_folder,
    "unhashable YAML key": unhashable_key,
    "unhashable nested YAML key": unhashable_nested_key,
    "character device as case file": character_device_as_case,
    "oversized case file": oversized_case,
    "unknown managing force": unknown_managing_force,
    "release date too far in the future": far_future_release,
    "--templates is a file": templates_option_is_a_file,
    "impossible --date": bad_date_option,
    "Windows evidence path": windows_evidence_path,
    "backslash evidence path": backslash_evidence_path,
    "spec path climbs out": spec_climbs_out,
    "spec symlinked file": spec_symlinked_file,
    "spec symlinked folder": spec_symlinked_folder,
    "spec absolute path": spec_absolute,
    "spec Windows path": spec_windows,
    "damaged PDF in a spec": damaged_pdf_in_spec,
    "include of an absolute path": _with_template('{% include "/etc/passwd" %}'),
    "include of a missing template": _with_template('{% include "nowhere.xml.j2" %}'),
    "include of an absolute path, ignore missing": _with_template('{% include "/etc/passwd" ignore missing %}'),
    "include of a list with an absolute path": _with_template('{% include ["/etc/passwd", "nowhere.j2"] %}'),
    "include through ..": _with_template('{% include "../../../etc/passwd" %}'),
    "include with backslashes": _with_template('{% include "..\\\\secret.j2" %}'),
    "include of a drive path": _with_template('{% include "C:/secret.j2" %}'),
    "include through a symlink": _with_template('{% include "passwd.j2" %}', link=("passwd.j2", "/etc/passwd")),
    "extends through a symlink": _with_template('{% extends "passwd.j2" %}', link=("passwd.j2", "/etc/passwd")),
    "import through a symlink": _with_template('{% import "passwd.j2" as p %}', link=("passwd.j2", "/etc/passwd")),
    "range(10**9)": _with_template("{% for i in range(10**9) %}x{% endfor %}"),
    "nested ranges": _with_template("{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}"),
    "string repetition": _with_template('{{ "x" * 10**9 }}'),
    "huge power": _with_template("{{ 10 ** 100000000 }}"),
    "center(10**9)": _with_template('{{ "x"|center(10**9) }}'),
    "ljust(10**9)": _with_template('{{ "x".ljust(10**9) }}'),
    "%-format width": _with_template('{{ "%999999999s" % "x" }}'),
    "format filter width": _with_template('{{ "%999999999s"|format("x") }}'),
    "str.format width": _with_template('{{ "{:>999999999}".format("x") }}'),
    "runaway recursion": _with_template("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}"),
}


@pytest.mark.parametrize("name", list(PROBES))
def test_a_probe_is_refused_by_name_and_writes_nothing(name, tmp_path, capsys, monkeypatch):
    ws = workspace(tmp_path / "ws")
    monkeypatch.chdir(ws)
    args, file, field = PROBES[name](ws)
    before = tree(ws)
    result = run(capsys, *args)
    assert_refused(result, file=file, field=field)
    assert tree(ws) == before, "something was written"


def test_force_onto_a_folder_leaves_no_half_written_pair(tmp_path, capsys, monkeypatch):
    ws = workspace(tmp_path / "ws")
    monkeypatch.chdir(ws)
    force_onto_a_folder(ws)
    run(capsys, *RENDER, "cases/case.yaml", "--out", "out", "--force")
    assert not (ws / "out" / "WYP-SCPO-0001-licence-mirror.docx").exists()
    assert [p.name for p in (ws / "out").iterdir()] == ["WYP-SCPO-0001-licence-mirror.pdf"]


def test_a_read_only_output_folder_is_named(tmp_path, capsys, monkeypatch):
    ws = workspace(tmp_path / "ws")
    monkeypatch.chdir(ws)
    (ws / "locked").mkdir()
    if os.geteuid() == 0:  # root writes anywhere: make the folder refuse as a read-only mount would
        import tempfile

        real = tempfile.mkstemp

        def refuse(*args, dir=None, **kwargs):  # noqa: A002 - tempfile's own name
            if dir is not None and Path(dir).name == "locked":
                raise PermissionError(13, "Permission denied", str(dir))
            return real(*args, dir=dir, **kwargs)

        monkeypatch.setattr("docgen.output.tempfile.mkstemp", refuse)
    else:
        (ws / "locked").chmod(0o555)
    before = tree(ws)
    result = run(capsys, *RENDER, "cases/case.yaml", "--out", "locked")
    (ws / "locked").chmod(0o755)
    assert_refused(result, file="locked", field="--out")
    assert "permission denied" in result.err
    assert tree(ws) == before


def test_the_sandbox_limits_leave_ordinary_loops_alone(tmp_path, capsys, monkeypatch):
    ws = workspace(tmp_path / "ws")
    monkeypatch.chdir(ws)
    _template(
        ws,
        '<p>{% for i in range(3) %}{{ i }}{% endfor %} {{ "ab" * 3 }} {{ 2 ** 10 }} '
        '{{ "%d"|format(10**8) }} {{ "%.2f" % 1.234 }} {{ "{:>4}".format("z") }}|{{ "ab"|center(6) }}|</p>',
    )
    result = run(capsys, *RENDER, "cases/case.yaml", "--templates", "tpl", "--out", "out", "--format", "docx")
    assert result.code == 0, result.err
    from docx import Document

    text = "\n".join(p.text for p in Document(next((ws / "out").glob("*.docx"))).paragraphs)
    assert "012 ababab 1024 100000000 1.23    z|  ab  |" in text


def test_templates_check_reports_what_the_renderer_would_refuse(tmp_path, capsys):
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "passwd.j2").symlink_to("/etc/passwd")
    (folder / "licence-mirror.xml.j2").write_text(
        '{# description: a probe #}\n<document title="P" subject="P">\n'
        '{% include "/etc/passwd" %}\n{% include "missing.j2" %}\n{% include "passwd.j2" %}\n'
        "{% for i in range(10**9) %}{% endfor %}\n{% for i in range(5) %}{% endfor %}\n</document>\n",
        encoding="utf-8",
    )
    result = run(capsys, "templates", "check", folder)
    assert result.code == 2
    assert "internal error" not in result.err and "Traceback" not in result.err
    found = result.out + result.err
    assert "licence-mirror.xml.j2:3: " in found and "absolute path" in found
    assert "licence-mirror.xml.j2:4: template 'missing.j2' is not" in found
    assert "licence-mirror.xml.j2:5: " in found and "outside the templates folder" in found
    assert "licence-mirror.xml.j2:6: range() of 1000000000 items" in found
    assert "licence-mirror.xml.j2:7:" not in found
    assert "passwd.j2:1: is a symlink to a file outside the templates folder" in found
    assert "root:" not in found  # nothing of the linked file is shown
