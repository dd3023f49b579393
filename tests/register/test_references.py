"""References: a force's pattern, filled in, never reused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgen.register.forces import shipped_forces
from docgen.register.references import Numbering, check_pattern, file_stem, format_reference

DEFAULT = shipped_forces().defaults.reference_pattern


def test_the_default_pattern_gives_the_familiar_shape():
    assert format_reference(DEFAULT, Numbering("WYP", 2026, 7, "WYP-SCPO-0001", "WL", 2, 1)) == "WYP/SCPO/2026/0007/WL-02"


def test_a_reissue_gets_a_version_suffix_when_the_pattern_has_no_version():
    assert format_reference(DEFAULT, Numbering("WYP", 2026, 7, "X", "WL", 2, 3)) == "WYP/SCPO/2026/0007/WL-02/v3"


def test_a_pattern_with_a_version_field_places_it_itself():
    pattern = "{case}/{kind}{seq}.{version}"
    assert format_reference(pattern, Numbering("WYP", 2026, 7, "WYP-SCPO-0001", "MG5", 1, 2)) == "WYP-SCPO-0001/MG51.2"


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("{force}/{case}/{kind}", "needs {seq}"),
        ("{force}/{case}/{seq}", "needs {kind}"),
        ("{force}/{kind}-{seq}", "needs {case} or {case_no}"),
        ("{case}/{kind}/{seq}/{officer}", "unknown field"),
        ("{case} {kind} {seq}", "only letters, digits"),
        ("{case}/{kind}/{seq:q}", "cannot be filled in"),
        ("{case}/{kind}/{seq", "not a valid pattern"),
    ],
)
def test_a_pattern_that_cannot_tell_documents_apart_or_name_a_file_is_refused(pattern, message):
    with pytest.raises(ValueError, match=message.replace("{", r"\{").replace("}", r"\}")):
        check_pattern(pattern)


numberings = st.builds(
    Numbering,
    force=st.sampled_from(["WYP", "LAN", "MPS"]),
    year=st.integers(2020, 2035),
    case_no=st.integers(1, 9999),
    case=st.sampled_from(["C-1", "C-2"]),
    kind=st.sampled_from(["WL", "MG5", "RR", "TL"]),
    seq=st.integers(1, 99),
    version=st.integers(1, 9),
)


@given(numberings, numberings)
def test_two_different_documents_never_share_a_reference_under_the_default_pattern(a, b):
    key = lambda n: (n.force, n.year, n.case_no, n.kind, n.seq, n.version)  # noqa: E731
    if key(a) != key(b):
        assert format_reference(DEFAULT, a) != format_reference(DEFAULT, b)


def test_the_file_name_comes_from_the_reference():
    assert file_stem("WYP/SCPO/2026/0007/WL-02/v2") == "WYP_SCPO_2026_0007_WL-02_v2"
