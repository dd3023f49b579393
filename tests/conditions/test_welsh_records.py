"""Welsh beside the English: each clause record carries its own Welsh and review status."""

from __future__ import annotations

from pathlib import Path

import yaml

from docgen.conditions import shipped_library
from docgen.locale import clauses as cy_clauses
from docgen.locale.clauses import translation_of, translations


def test_the_welsh_comes_from_the_records_and_there_is_no_separate_file():
    lib = shipped_library()
    found = translations("cy", lib)
    assert {"COM-001@1.0.0", "COM-002@1.0.0", "FIN-001@1.0.0", "RES-001@1.0.0"} <= set(found)
    assert found["COM-001@1.0.0"] is lib.find("COM-001@1.0.0").cy
    assert not (Path(cy_clauses.__file__).parent / "cy" / "clauses.yaml").exists()


def test_a_cy_block_is_the_last_part_of_its_record_file():
    lib = shipped_library()
    for clause in lib.clauses:
        if clause.cy is None:
            continue
        with open(clause.source, encoding="utf-8") as fh:
            keys = list(yaml.safe_load(fh))
        assert keys[-1] == "cy", clause.source


def test_a_record_with_no_welsh_wording_is_not_a_translation():
    lib = shipped_library()
    english_only = [c for c in lib.clauses if c.cy is None]
    assert english_only and all(translation_of(c, "cy") is None for c in english_only)
    assert translation_of(lib.find("COM-001@1.0.0"), "fr") is None
