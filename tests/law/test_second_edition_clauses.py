"""The second-edition travel, TRO, residence and vehicle clauses keep their own promises.

Each record is rendered at its sample values and at every parameter boundary: the start-up
duty is part of the wording, every exception shows in the wording and in the mirror, every
parameter value reaches the mirror, every exception has a worked example, and the plain
drafting rules hold (no "etc.", no "and/or", no unqualified "reasonable", no sentence over
60 words).
"""

from __future__ import annotations

import re

import pytest

from docgen.conditions import shipped_library

CODES = [f"TRV-00{n}" for n in range(1, 7)] + ["TRO-001", "TRO-002", "TRO-003", "RES-001", "VEH-001", "VEH-002"]
LIB = shipped_library()
CLAUSES = [LIB.find(f"{code}@2.0.0") for code in CODES]


def flat(text: str | None) -> str:
    return " ".join((text or "").split())


@pytest.fixture(params=CLAUSES, ids=CODES)
def clause(request):
    assert request.param is not None
    return request.param


def test_each_supersedes_its_first_edition_which_points_back(clause):
    old = LIB.find(clause.supersedes)
    assert old is not None and old.replaced_by == clause.ref and old.change_note is not None


def test_each_names_its_legal_basis_and_a_remedy(clause):
    assert clause.legal_basis and clause.remedy
    if clause.category == "tro" and clause.subject.startswith("tro-"):
        assert clause.legal_basis.startswith("Criminal Justice and Police Act 2001 s.33")
        assert "5(3)(f)" not in clause.legal_basis


def test_the_start_up_duty_is_part_of_the_wording(clause):
    for values in clause.value_sets():
        startup = clause.render_startup(values)
        if startup:
            assert flat(startup) in flat(clause.render_wording(values))


def test_every_exception_shows_in_the_wording_and_the_mirror(clause):
    for values in clause.value_sets():
        wording, mirror = flat(clause.render_wording(values)), flat(clause.render_mirror(values))
        for exception in clause.exceptions:
            assert exception.marker in wording, exception.key
            if mirror and not exception.not_mirrored:
                assert (exception.mirror_marker or exception.marker) in mirror, exception.key


def test_every_parameter_value_reaches_the_wording_and_the_mirror(clause):
    if not clause.mirrorable:
        assert clause.mirror.reason
        return
    for values in clause.value_sets():
        wording, mirror = flat(clause.render_wording(values)), flat(clause.render_mirror(values))
        for name, shown in clause._context(values, "en_GB").items():
            assert flat(str(shown)) in wording and flat(str(shown)) in mirror, name


def test_every_exception_has_a_worked_example_and_some_help_a_subject(clause):
    assert 3 <= len(clause.examples) <= 5
    assert {e.key for e in clause.exceptions} <= {x.exception for x in clause.examples}
    assert any(x.for_subject for x in clause.examples)
    assert any(x.breach for x in clause.examples) and any(not x.breach for x in clause.examples)


def test_the_welsh_travels_with_the_record_and_renders(clause):
    assert clause.cy is not None and clause.cy.review == "unreviewed"
    for values in clause.value_sets():
        context = clause._context(values, "cy_GB")
        for field in ("wording", "plain_words", "mirror", "remedy", "startup"):
            source = getattr(clause.cy, field)
            if source:
                assert clause._render(source, f"cy.{field}", context)
    assert bool(clause.cy.mirror) == clause.mirrorable
    assert bool(clause.cy.startup) == bool(clause.startup)


def test_plain_drafting(clause):
    for values in clause.value_sets():
        texts = [
            clause.render_wording(values), clause.render_mirror(values), clause.plain_words(values),
            clause.render_startup(values), clause.render_remedy(values), clause.urgent_route,
        ]
        for text in filter(None, texts):
            lowered = text.lower()
            assert "etc." not in lowered and "and/or" not in lowered and "reasonabl" not in lowered
            for sentence in re.split(r"(?<=[.;:])\s+|\n", text):
                assert len(sentence.split()) <= 60, sentence


def test_no_duty_asks_for_a_telephone_call(clause):
    assert "by telephone" not in flat(clause.render_wording(clause.sample_params()))


def test_travel_between_the_four_nations_is_not_leaving_the_united_kingdom():
    text = LIB.definitions["leave-uk"].text
    assert "A journey between England, Scotland, Wales and Northern Ireland" in text
    for code in ("TRV-001", "TRV-003", "TRO-001"):
        assert "leave-uk" in LIB.find(f"{code}@2.0.0").definitions
        assert "foreign-travel" not in LIB.find(f"{code}@2.0.0").definitions


def test_a_manufacturers_storage_space_is_not_a_hidden_compartment():
    text = LIB.definitions["hidden-compartment"].text
    assert "storage space fitted by the vehicle's manufacturer is not a hidden compartment" in text
    assert "know or suspect" in LIB.find("VEH-002@2.0.0").render_wording({})


def test_a_night_shift_or_a_night_in_hospital_is_not_a_night_away():
    wording = LIB.find("TRV-005@2.0.0").render_wording({})
    assert "working a shift for an employer" in wording and "in a hospital as a patient" in wording


def test_electronic_monitoring_rests_on_s5b_and_says_it_is_not_in_force():
    from docgen.law import shipped_law

    em = LIB.find("TRV-006@2.0.0")
    assert em.electronic_monitoring and "s.5B" in em.legal_basis and "5(3)(f)" not in em.legal_basis
    if not shipped_law().scpo.electronic_monitoring_in_force:
        assert "not in force until commenced" in " ".join(em.legal_basis.split())
