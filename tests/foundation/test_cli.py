"""The command line as a user meets it: exit codes, messages, and files never clobbered."""

from __future__ import annotations


from tests.conftest import SAMPLES
from tests.inprocess import run_docgen

CASE = SAMPLES / "cases" / "specimen-drugs.yaml"
LETTER_DATE = "2027-02-03"  # the day of the failure EV-002 reports; the case's own date is earlier


def docgen(*args, cwd=None):
    return run_docgen(*args, cwd=cwd)


def test_render_writes_both_formats_and_prints_their_paths(tmp_path):
    result = docgen("render", "warning-letter", CASE, "--event", "EV-002", "--date", LETTER_DATE, "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    paths = result.stdout.split()
    assert [p.rsplit(".", 1)[1] for p in paths] == ["docx", "pdf"]
    assert all((tmp_path / p.rsplit("/", 1)[1]).is_file() for p in paths)


def test_an_existing_file_is_never_overwritten_without_force(tmp_path):
    first = docgen("render", "warning-letter", CASE, "--event", "EV-002", "--date", LETTER_DATE, "--out", tmp_path, "--format", "pdf")
    target = tmp_path / first.stdout.strip().rsplit("/", 1)[1]
    target.write_bytes(b"issued copy")
    again = docgen("render", "warning-letter", CASE, "--event", "EV-002", "--date", LETTER_DATE, "--out", tmp_path, "--format", "pdf")
    assert again.returncode == 2
    assert "already exists" in again.stderr and "--force" in again.stderr
    assert target.read_bytes() == b"issued copy"
    forced = docgen("render", "warning-letter", CASE, "--event", "EV-002", "--date", LETTER_DATE, "--out", tmp_path, "--format", "pdf", "--force")
    assert forced.returncode == 0 and target.read_bytes().startswith(b"%PDF")


def test_a_clash_on_one_format_writes_neither(tmp_path):
    first = docgen("render", "warning-letter", CASE, "--event", "EV-002", "--date", LETTER_DATE, "--out", tmp_path, "--format", "pdf")
    assert first.returncode == 0
    again = docgen("render", "warning-letter", CASE, "--event", "EV-002", "--date", LETTER_DATE, "--out", tmp_path)
    assert again.returncode == 2
    assert not list(tmp_path.glob("*.docx"))


def test_invalid_case_exits_2_with_field_messages_and_no_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(CASE.read_text(encoding="utf-8").replace("duration_years: 5", "duration_years: 9"), encoding="utf-8")
    result = docgen("render", "warning-letter", bad, "--event", "EV-002", "--date", LETTER_DATE, "--out", tmp_path / "out")
    assert result.returncode == 2
    assert f"{bad}: order.duration_years: is 9 years" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_validate_reports_valid_and_invalid_files(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("case_id: [", encoding="utf-8")
    result = docgen("validate", CASE, bad)
    assert result.returncode == 2
    assert f"{CASE}: valid" in result.stdout
    assert f"{bad}: line" in result.stderr


def test_unknown_kind_lists_the_known_ones(tmp_path):
    result = docgen("render", "letter-of-marque", CASE, "--out", tmp_path)
    assert result.returncode == 2
    assert "warning-letter" in result.stderr


def test_kinds_lists_each_kind_with_a_description():
    result = docgen("kinds")
    assert result.returncode == 0
    assert "warning-letter" in result.stdout and "Warning letter" in result.stdout


def test_a_force_template_overrides_the_shipped_one(tmp_path):
    from docgen.kinds import kind_template

    shipped = kind_template("warning-letter").read_text(encoding="utf-8")  # in the kind's package
    own = tmp_path / "templates"
    own.mkdir()
    (own / "warning-letter.xml.j2").write_text(
        shipped.replace("You may also wish to take legal advice.", "Our own closing sentence."), encoding="utf-8"
    )
    result = docgen("render", "warning-letter", CASE, "--event", "EV-002", "--date", LETTER_DATE, "--out", tmp_path / "o", "--templates", own, "--format", "docx")
    assert result.returncode == 0, result.stderr
    from tests.conftest import docx_text

    text = docx_text((tmp_path / "o" / "WYP-SCPO-0001-warning-letter-EV-002.docx").read_bytes())
    assert "Our own closing sentence." in text
    assert "(override)" in docgen("kinds", "--templates", own).stdout


def test_a_missing_value_in_a_template_names_the_template_and_line(tmp_path):
    own = tmp_path / "templates"
    own.mkdir()
    (own / "warning-letter.xml.j2").write_text(
        "{#\ndescription: broken on purpose\nneeds: [event]\n#}\n<document title=\"x\">\n<p>{{ subject.no_such_field }}</p>\n</document>\n",
        encoding="utf-8",
    )
    result = docgen("render", "warning-letter", CASE, "--event", "EV-002", "--date", LETTER_DATE, "--out", tmp_path / "o", "--templates", own)
    assert result.returncode == 2
    assert "warning-letter.xml.j2: line 6" in result.stderr and "no_such_field" in result.stderr
    assert not (tmp_path / "o").exists()
