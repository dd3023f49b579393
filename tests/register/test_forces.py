"""The police forces of England and Wales and the regional organised crime units, as data."""

from __future__ import annotations

import pytest

from docgen.errors import DocgenError
from docgen.register.forces import FORCES_FILE, load_forces, shipped_forces
from tests.conftest import SAMPLES, dump_yaml, load_yaml


def test_there_are_43_territorial_forces_39_in_england_and_4_in_wales():
    forces = shipped_forces().forces
    assert len(forces) == 43
    assert sum(f.country == "England" for f in forces) == 39
    assert sorted(f.code for f in forces if f.welsh_language_standards) == ["DPP", "GWP", "NWP", "SWP"]


def test_every_force_belongs_to_exactly_one_regional_unit():
    directory = shipped_forces()
    for force in directory.forces:
        assert directory.rocu_of(force.code).code


def test_the_sample_house_styles_name_their_force_as_the_reference_data_does():
    directory = shipped_forces()
    for path in sorted((SAMPLES / "house-style").glob("*.yaml")):
        style = load_yaml(path.read_text(encoding="utf-8"))
        assert directory.get(style["force_code"]).name == style["force_name"]


def test_an_unknown_code_lists_the_known_ones():
    with pytest.raises(DocgenError, match="known codes: ASP, BED"):
        shipped_forces().get("ZZZ")


def test_a_force_in_two_units_is_refused(tmp_path):
    data = load_yaml(FORCES_FILE.read_text(encoding="utf-8"))
    data["rocus"][0]["forces"].append("WYP")
    path = tmp_path / "forces.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")
    with pytest.raises(DocgenError, match="forces in two rocus: WYP"):
        load_forces(path)


def test_a_force_may_override_the_reference_pattern(tmp_path):
    data = load_yaml(FORCES_FILE.read_text(encoding="utf-8"))
    next(f for f in data["forces"] if f["code"] == "LAN")["reference_pattern"] = "LC/{case_no}/{kind}/{seq}"
    path = tmp_path / "forces.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")
    directory = load_forces(path)
    assert directory.settings_for("LAN").reference_pattern == "LC/{case_no}/{kind}/{seq}"
    assert directory.settings_for("WYP").reference_pattern == directory.defaults.reference_pattern


def test_a_bad_override_is_refused_when_the_file_is_loaded(tmp_path):
    data = load_yaml(FORCES_FILE.read_text(encoding="utf-8"))
    next(f for f in data["forces"] if f["code"] == "LAN")["reference_pattern"] = "LC/{kind}"
    path = tmp_path / "forces.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")
    with pytest.raises(DocgenError, match="needs {seq}"):
        load_forces(path)
