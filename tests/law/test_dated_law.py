"""The law as dated data: each value changes on its commencement date, not a day before."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from docgen.errors import DocgenError
from docgen.law import LAW_FILE, law_on, load_book, shipped_law
from tests.conftest import load_yaml
from tests.law.conftest import book_with

D = dt.date.fromisoformat
SIX = "imprisonment for a term not exceeding 6 months or a fine, or both"
TWELVE = "imprisonment for a term not exceeding 12 months or a fine, or both"


@pytest.mark.parametrize(
    ("before", "after", "was", "becomes"),
    [
        ("2022-05-01", "2022-05-02", SIX, TWELVE),  # CJA 2003 s.282 commenced (SI 2022/500)
        ("2023-03-29", "2023-03-30", TWELVE, SIX),  # SI 2023/298
        ("2024-11-17", "2024-11-18", SIX, TWELVE),  # SI 2024/1067
    ],
)
def test_the_summary_maximum_follows_the_general_limit_on_each_date(before, after, was, becomes):
    assert law_on(D(before)).scpo.breach.summary_max == was
    assert law_on(D(after)).scpo.breach.summary_max == becomes


def test_each_summary_maximum_says_what_its_date_is_measured_against_and_its_source():
    old = law_on(D("2022-06-01")).scpo.breach
    new = law_on(D("2025-01-01")).scpo.breach
    assert "offences committed" in old.summary_max_applies and "SI 2022/500" in old.summary_max_source
    assert "convictions" in new.summary_max_applies and "SI 2024/1067" in new.summary_max_source


def test_the_indictment_maximum_is_five_years_throughout():
    for day in ("2009-01-01", "2023-06-01", "2026-12-01"):
        assert law_on(D(day)).scpo.breach.indictment_max.startswith("imprisonment for a term not exceeding 5 years")


def test_there_is_no_law_before_the_act_came_into_force():
    with pytest.raises(DocgenError, match="in force on 2008-04-05"):
        law_on(D("2008-04-05"))
    assert law_on(D("2008-04-06")).scpo.act == "Serious Crime Act 2007"


def test_electronic_monitoring_and_interim_orders_are_not_in_force_without_commencement():
    law = shipped_law()
    assert not law.scpo.electronic_monitoring_in_force and not law.scpo.interim_orders_in_force
    note = law.scpo.electronic_monitoring_note
    assert "Border Security, Asylum and Immigration Act 2025 s.55" in note and "commencement" in note
    assert "Crime and Policing" not in note
    assert "s.56" in law.scpo.interim_orders_note
    assert law.scpo.electronic_monitoring_max_months == 12


def test_a_commenced_power_is_in_force_from_its_date_and_not_the_day_before(tmp_path):
    def commence(data):
        data["scpo"]["electronic_monitoring"]["commenced"] = "2027-03-01"
        data["scpo"]["interim_orders"]["commenced"] = "2027-04-01"

    book = book_with(tmp_path, commence)
    assert not book.on(D("2027-02-28")).scpo.electronic_monitoring_in_force
    assert book.on(D("2027-03-01")).scpo.electronic_monitoring_in_force
    assert "in force from 2027-03-01" in book.on(D("2027-03-01")).scpo.electronic_monitoring_note
    assert not book.on(D("2027-03-31")).scpo.interim_orders_in_force
    assert book.on(D("2027-04-01")).scpo.interim_orders_in_force


def test_entries_out_of_date_order_are_refused(tmp_path):
    def shuffle(data):
        data["scpo"]["breach"]["summary_max"].reverse()

    with pytest.raises(DocgenError, match="date order"):
        book_with(tmp_path, shuffle)


def test_every_entry_names_its_source_and_date():
    text = LAW_FILE.read_text(encoding="utf-8")
    data = load_yaml(text)

    def walk(node, where):
        if isinstance(node, dict):
            if "value" in node or "title" in node and "code" in node:
                assert node.get("source") and node.get("from"), where
            for key, value in node.items():
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}.{i}")

    walk(data, "law")


def test_schedule_1_headings_use_the_statutory_words_and_the_comment_counts_them():
    book = load_book()
    titles = {h.code: h.title for h in book.schedule1.headings}
    assert titles["slavery"] == "Slavery etc"
    said = re.search(r"The list holds (\d+) entries; (\d+) headings are in force from", LAW_FILE.read_text(encoding="utf-8"))
    assert said and int(said.group(1)) == len(book.schedule1.headings)
    assert int(said.group(2)) == len(law_on(D("2017-09-30")).schedule1.headings)


def test_the_slavery_heading_exists_from_its_insertion_only():
    assert law_on(D("2015-07-30")).schedule1.get("slavery") is None
    assert law_on(D("2015-07-31")).schedule1.get("slavery").title == "Slavery etc"


def test_tro_facts_rest_on_the_2001_act():
    tro = shipped_law().tro
    assert tro.power == "Criminal Justice and Police Act 2001 s.33"
    assert tro.commenced == D("2002-04-01")
    assert (tro.min_years, tro.qualifying_sentence_years) == (2, 4)
    assert tro.passport_offence.startswith("on summary conviction only")
    assert "level 5" in tro.passport_offence
    acts = {o.act: o.sections for o in tro.drug_trafficking_offences}
    assert "5(3)" not in acts["Misuse of Drugs Act 1971"]  # possession with intent: Schedule 1, not s.34


def test_the_tro_power_has_no_entry_before_it_came_into_force():
    with pytest.raises(DocgenError):
        law_on(D("2008-04-06")).on(D("2002-03-31"))


def test_the_hancox_test_is_real_or_significant():
    assert shipped_law().scpo.risk_test.startswith("a real or significant risk")


def test_a_document_cites_the_law_in_force_on_its_own_date():
    from docgen.pipeline import build_context, load_inputs
    from docgen.render import Options, get_kind, template_dirs
    from tests.conftest import SAMPLE_CASES

    # the expired sample: everything it cites is older than the change on 2024-11-18
    case, house = load_inputs(next(p for p in SAMPLE_CASES if p.stem == "pastdate-expired"))
    kind = get_kind("expiry-confirmation", template_dirs())  # the order expired on 2024-10-01

    def law(day: str):
        return build_context(case, house, kind, Options(date=D(day)), None)["law"]

    assert law("2024-11-17").scpo.breach.summary_max == SIX
    assert law("2024-11-18").scpo.breach.summary_max == TWELVE
    assert law("2024-11-18").as_of == D("2024-11-18")


def test_the_categories_call_the_s5_kinds_examples():
    text = (Path(__file__).resolve().parents[2] / "conditions_library" / "categories.yaml").read_text(encoding="utf-8")
    assert "the kinds the law allows" not in text.lower() and "examples" in text


@pytest.mark.parametrize("code", ["firearms", "computer-misuse"])
def test_headings_added_by_the_serious_crime_act_2015_exist_from_3_may_2015(code):
    assert law_on(D("2015-05-02")).schedule1.get(code) is None
    assert law_on(D("2015-05-03")).schedule1.get(code) is not None


def test_the_2015_act_added_no_organised_crime_heading():
    # s.47 amends paras 1, 3 and 11A of Part 1 only; the participation offence (s.45) is not listed
    for day in ("2015-05-03", "2026-11-01"):
        assert law_on(D(day)).schedule1.get("organised-crime") is None


def test_the_interim_order_and_monitoring_notes_name_the_date_asked_about():
    assert "not in force on 2027-01-01" in law_on(D("2027-01-01")).scpo.interim_orders_note
