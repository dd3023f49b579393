"""The shipped library and the record loader, as a drafter and a maintainer meet them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from docgen.conditions import load_library, shipped_library
from docgen.errors import DocgenError
from tests.conftest import dump_yaml, load_yaml

from .builders import MINIMAL_CLAUSE, load_with, write_clause

SAMPLE_CLAUSES = {
    "COM-001": ("notify_days", 1, 7, 3),
    "COM-002": ("max_devices", 1, 3, 1),
    "FIN-002": ("notify_days", 1, 7, 3),
    "TRV-001": ("notice_days", 1, 28, 7),
    "VEH-001": ("notify_days", 1, 7, 3),
    "RES-001": ("notify_days", 1, 7, 3),
}


def problems(exc: pytest.ExceptionInfo[DocgenError]) -> list[tuple[str, str, str]]:
    return [(Path(p.file).name, p.field, p.message) for p in exc.value.problems]


def test_the_library_has_at_least_thirty_approved_clauses(library):
    approved = {c.code for c in library.clauses if c.status == "approved"}
    assert len(approved) >= 30


def test_every_kind_of_term_has_an_approved_clause(library):
    kinds = {c.s5_basis for c in library.clauses if c.status == "approved"}
    assert kinds == set(library.kinds)


@pytest.mark.parametrize(
    "topic",
    ["COM-003", "NET-001", "FIN-003", "FIN-004", "FIN-005", "BUS-001", "EMP-001", "PRP-001", "PRM-001",
     "ASC-001", "TRV-004", "TRV-002", "TRV-005", "ITM-001", "ITM-002", "TRO-001"],
)
def test_each_topic_the_teams_asked_for_has_a_current_clause(library, topic):
    assert library.current(topic) is not None


@pytest.mark.parametrize("code", sorted(SAMPLE_CLAUSES))
def test_clauses_the_samples_use_have_the_agreed_parameter(library, code):
    name, low, high, default = SAMPLE_CLAUSES[code]
    param = library.get(code).parameter(name)
    assert (param.name, param.type, param.min, param.max, param.default) == (name, "integer", low, high, default)


def test_the_cash_limit_is_money_between_100_and_10000_defaulting_to_1000(library):
    param = library.get("FIN-001").parameter("cash_limit")
    assert (param.name, param.type, param.min, param.max, param.coerce(param.default)) == (
        "cash_limit", "money", 100, 10000, param.coerce("1000.00"))


def test_non_association_needs_a_list_of_names_with_no_default(library):
    (param,) = library.get("ASC-001").parameters
    assert (param.name, param.type, param.default) == ("persons", "names", None)


def test_the_encrypted_network_clause_takes_no_parameters(library):
    assert library.get("COM-003").parameters == []


def test_every_clause_rests_on_the_kind_of_its_category(library):
    for clause in library.clauses:
        assert clause.s5_basis == library.categories[clause.category].kind


def test_codes_are_never_reused_across_categories(library):
    for code in library.codes():
        assert len({c.category for c in library.versions(code)}) == 1


def test_get_without_a_version_gives_the_latest_approved(library):
    assert library.get("FIN-004").version == "3.0.0"


def test_get_with_a_version_gives_that_version_whatever_its_status(library):
    assert library.get("FIN-004", "1.0.0").version == "1.0.0"


def test_an_unknown_code_is_an_error_that_names_it(library):
    with pytest.raises(DocgenError, match="NOPE-001"):
        library.get("NOPE-001")


def test_an_unknown_version_lists_the_versions_there_are(library):
    with pytest.raises(DocgenError, match=r"versions: 1\.0\.0, 2\.0\.0, 3\.0\.0"):
        library.get("FIN-004", "4.0.0")


def test_a_withdrawn_clause_has_no_current_version_and_points_to_its_replacement(library):
    with pytest.raises(DocgenError, match="VEH-003 has no approved version.*use VEH-001@2.0.0"):
        library.get("VEH-003")


def test_an_earlier_version_is_superseded_by_the_one_that_names_it(library):
    old = library.find("FIN-004@1.0.0")
    assert library.is_superseded(old)
    assert library.replacement(old).ref == "FIN-004@3.0.0"
    assert library.find("FIN-004@3.0.0").change_note.live_cases


def test_a_draft_is_never_the_current_version(library):
    draft = library.find("TRV-006@0.1.0")
    assert draft.status == "draft" and draft.electronic_monitoring
    assert library.current("TRV-006") is not draft
    assert all(library.current(c.code) is not c for c in library.clauses if c.status == "draft")


def test_the_shipped_library_is_loaded_once():
    assert shipped_library() is shipped_library()


def test_definitions_have_the_word_and_its_meaning(library):
    police = library.definitions["the-police"]
    assert police.term == "the police"
    assert police.sentence.startswith("\u201cthe police\u201d means the police force")
    assert "probation officer" in police.text


def test_every_definition_a_clause_lists_is_in_the_schedule(library):
    for clause in library.clauses:
        assert set(clause.definitions) <= set(library.definitions)


def test_a_clean_copy_of_the_library_loads(library_copy):
    assert len(load_library(library_copy).clauses) == len(shipped_library().clauses)


def test_a_missing_field_is_reported_with_file_and_field(library_copy):
    text = MINIMAL_CLAUSE.replace("title: Test clause\n", "")
    with pytest.raises(DocgenError) as exc:
        load_with(library_copy, text)
    assert ("ITM-900.yaml", "title", "Field required") in problems(exc)


def test_a_misspelt_field_is_reported_as_unknown(library_copy):
    text = MINIMAL_CLAUSE.replace("subject: test-subject", "subject: test-subject\nsubjekt: x")
    with pytest.raises(DocgenError) as exc:
        load_with(library_copy, text)
    assert [(f, fld) for f, fld, _ in problems(exc)] == [("ITM-900.yaml", "subjekt")]


def test_a_default_outside_its_bounds_is_reported_on_the_parameter(library_copy):
    text = MINIMAL_CLAUSE.replace("default: 3", "default: 9")
    with pytest.raises(DocgenError) as exc:
        load_with(library_copy, text)
    ((file, field, message),) = problems(exc)
    assert (file, field) == ("ITM-900.yaml", "parameters.0")
    assert "default 9 must be between 1 and 7" in message


def test_an_unknown_parameter_type_is_reported(library_copy):
    text = MINIMAL_CLAUSE.replace("type: integer", "type: colour")
    with pytest.raises(DocgenError) as exc:
        load_with(library_copy, text)
    assert problems(exc)[0][:2] == ("ITM-900.yaml", "parameters.0")


def test_a_template_that_does_not_compile_is_reported_on_the_wording(library_copy):
    text = MINIMAL_CLAUSE.replace('{{ notify_days|plural("day") }} of acquiring', "{{ notify_days of acquiring")
    with pytest.raises(DocgenError) as exc:
        load_with(library_copy, text)
    assert problems(exc)[0][:2] == ("ITM-900.yaml", "wording")


def test_a_template_that_uses_an_unknown_parameter_is_reported(library_copy):
    text = MINIMAL_CLAUSE.replace('within {{ notify_days|plural("day") }}.', "within {{ notify_dayz }}.", 1)
    with pytest.raises(DocgenError) as exc:
        load_with(library_copy, text)
    ((file, field, message),) = problems(exc)
    assert (file, field) == ("ITM-900.yaml", "plain_words")
    assert "notify_dayz" in message


def test_a_definition_missing_from_the_schedule_is_reported(library_copy):
    text = MINIMAL_CLAUSE.replace("day, vehicle]", "day, vehicle, spaceship]")
    with pytest.raises(DocgenError) as exc:
        load_with(library_copy, text)
    assert problems(exc) == [("ITM-900.yaml", "definitions", "'spaceship' is not in definitions.yaml")]


def test_a_code_whose_prefix_does_not_match_its_category_is_reported(library_copy):
    text = MINIMAL_CLAUSE.replace("code: ITM-900", "code: FIN-900")
    with pytest.raises(DocgenError) as exc:
        load_with(library_copy, text, name="FIN-900.yaml")
    assert ("FIN-900.yaml", "code", "a clause in category items has a code starting ITM-") in problems(exc)


def test_a_record_filed_in_the_wrong_folder_is_reported(library_copy):
    write_clause(library_copy, "travel", "ITM-900.yaml", MINIMAL_CLAUSE)
    with pytest.raises(DocgenError) as exc:
        load_library(library_copy)
    assert ("ITM-900.yaml", "category", "is 'items' but the record is in the folder 'travel'") in problems(exc)


def test_the_same_code_and_version_twice_is_reported(library_copy):
    write_clause(library_copy, "items", "ITM-900-copy.yaml", MINIMAL_CLAUSE)
    with pytest.raises(DocgenError) as exc:
        load_with(library_copy, MINIMAL_CLAUSE)
    assert any(f == "version" and "also defined in" in m for _, f, m in problems(exc))


def test_a_version_link_to_a_missing_record_is_reported(library_copy):
    text = MINIMAL_CLAUSE.replace("subject: test-subject", "subject: test-subject\nreplaced_by: ITM-900@2.0.0")
    with pytest.raises(DocgenError) as exc:
        load_with(library_copy, text)
    assert problems(exc) == [("ITM-900.yaml", "replaced_by", "ITM-900@2.0.0 is not in the library")]


def test_a_new_version_must_be_named_as_the_replacement_by_the_old_one(library_copy):
    newer = MINIMAL_CLAUSE.replace('version: "1.0.0"', 'version: "2.0.0"').replace(
        "subject: test-subject",
        "subject: test-subject\nsupersedes: ITM-900@1.0.0\nchange_note: {what_changed: Fictional., live_cases: Fictional.}",
    )
    write_clause(library_copy, "items", "ITM-900-2.0.0.yaml", newer)
    with pytest.raises(DocgenError) as exc:
        load_with(library_copy, MINIMAL_CLAUSE, name="ITM-900-1.0.0.yaml")
    assert problems(exc) == [("ITM-900-1.0.0.yaml", "replaced_by", "must be ITM-900@2.0.0, which says it supersedes this version")]


def test_a_withdrawn_clause_must_say_why(library_copy):
    text = MINIMAL_CLAUSE.replace("status: approved", "status: withdrawn")
    with pytest.raises(DocgenError) as exc:
        load_with(library_copy, text)
    assert "withdrawn clause needs a change_note" in problems(exc)[0][2]


def test_a_record_that_is_not_yaml_is_reported_with_its_line(library_copy):
    with pytest.raises(DocgenError) as exc:
        load_with(library_copy, "code: [ITM-900\n")
    ((file, where, message),) = problems(exc)
    assert file == "ITM-900.yaml" and re.match(r"line \d+", where) and "not valid YAML" in message


def test_every_problem_in_the_library_is_reported_at_once(library_copy):
    write_clause(library_copy, "items", "ITM-901.yaml", MINIMAL_CLAUSE.replace("ITM-900", "ITM-901").replace("title: Test clause\n", ""))
    with pytest.raises(DocgenError) as exc:
        load_with(library_copy, MINIMAL_CLAUSE.replace("default: 3", "default: 0"))
    assert {p[0] for p in problems(exc)} == {"ITM-900.yaml", "ITM-901.yaml"}


def test_a_missing_library_folder_is_reported(tmp_path):
    with pytest.raises(DocgenError, match="conditions library folder not found"):
        load_library(tmp_path / "nowhere")


def test_a_library_loaded_again_names_its_own_files_and_sees_each_change(tmp_path):
    """Clause records are kept between loads by their bytes, folder, name and schedules:
    a second copy's records and problems name that copy's files, an edited file is read
    afresh, and a changed schedule checks every record again."""
    import shutil

    from docgen.conditions import LIBRARY_ROOT

    broken = MINIMAL_CLAUSE.replace("default: 3", "default: 9")
    found = []
    for name in ("first", "second"):
        root = tmp_path / name
        shutil.copytree(LIBRARY_ROOT, root)
        with pytest.raises(DocgenError) as exc:
            load_with(root, broken)
        found.append([(p.file, p.field) for p in exc.value.problems])
        good = load_with(root, MINIMAL_CLAUSE)
        assert all(c._source.startswith(str(root)) for c in good.clauses)
        assert good.find("ITM-900@1.0.0") is not None
    assert [f.replace("first", "second") for f, _ in found[0]] == [f for f, _ in found[1]]
    assert all("second" in f for f, _ in found[1])
    # the same record checked against other schedules: a definition it uses is gone
    root = tmp_path / "second"
    used = next(c for c in shipped_library().clauses if c.definitions)
    definitions = root / "definitions.yaml"
    schedule = load_yaml(definitions.read_text(encoding="utf-8"))
    key = used.definitions[0]
    del schedule[key]
    definitions.write_text(dump_yaml(schedule), encoding="utf-8")
    (root / "items" / "ITM-900.yaml").unlink()
    with pytest.raises(DocgenError) as exc:
        load_library(root)
    assert any(p.field == "definitions" and repr(key) in p.message for p in exc.value.problems)


def test_a_fifo_among_the_clause_files_is_reported_without_waiting_for_a_writer(library_copy):
    """Clause records are remembered by their bytes, read as every input is read: a FIFO
    given a clause file's name is refused by name, never opened for a blocking read (the
    load runs in a child process with a time limit, so a regression fails, not hangs)."""
    import os
    import subprocess
    import sys

    fifo = library_copy / "items" / "ITM-950.yaml"
    os.mkfifo(fifo)
    code = ("import sys; from docgen.conditions import load_library; from docgen.errors import DocgenError\n"
            "try:\n    load_library(sys.argv[1])\nexcept DocgenError as exc:\n"
            "    print('\\n'.join(f'{p.file}: {p.message}' for p in exc.problems))")  # fmt: skip
    result = subprocess.run([sys.executable, "-c", code, str(library_copy)], capture_output=True, text=True,
                            timeout=60, stdin=subprocess.DEVNULL, env={**os.environ, "DOCGEN_CACHE": "off"})  # fmt: skip
    assert f"{fifo}: is not a regular file (a FIFO)" in result.stdout, result.stderr
