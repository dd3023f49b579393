"""The enhanced licence request: each term beside its mirror, the unmirrorable ones explained."""

from __future__ import annotations

import pytest

from docgen.conditions import Mirror, shipped_library
from docgen.errors import DocgenError
from docgen.model import to_text
from tests.documents.conftest import case_and_house, render_kind, sample_data


def with_access_codes_term():
    data = sample_data("specimen-drugs")
    data["terms"].append(
        {
            "clause": "COM-004",
            "params": {"reply_days": 2},
            "justification": {
                "link": "He refused to unlock handsets seized on arrest.",
                "evidence": ["MG11 DC Fictional p.6"],
                "proportionality": "Codes are asked for in writing, only for his own devices.",
            },
        }
    )
    return data


def test_each_mirrored_term_sits_beside_its_licence_condition(rendered):
    text = to_text(rendered["licence-mirror", "specimen-drugs"].document)
    assert "H Term | Term of the order | Licence condition asked for" in text
    row = next(line for line in text.splitlines() if line.startswith("| 3 |"))
    case, _ = case_and_house("specimen-drugs")
    clause = shipped_library().get(case.terms[2].clause, version=case.terms[2].version)
    term_words = " ".join(clause.render_wording(case.terms[2].params).split())
    mirror_words = " ".join(clause.render_mirror(case.terms[2].params).split())
    assert "£1,000.00" in term_words and "£1,000.00" in mirror_words
    assert term_words[:80] in " ".join(row.split()) and mirror_words[:80] in " ".join(row.split())


def test_a_term_that_cannot_be_mirrored_is_listed_with_the_librarys_reason():
    text = to_text(render_kind("licence-mirror", "specimen-drugs", with_access_codes_term()).document)
    unmirrored = text.split("### Terms that cannot be mirrored")[1].split("\n### ")[0]
    reason = shipped_library().get("COM-004").mirror.reason
    assert "| 4 |" in unmirrored and " ".join(reason.split()) in unmirrored
    mirrored = text.split("### Terms of the order and the licence conditions")[1].split("\n### ")[0]
    assert "| 4 |" not in mirrored


def test_when_every_term_is_mirrored_the_document_says_so(rendered):
    assert "Every term of the order can be mirrored by a licence condition." in to_text(
        rendered["licence-mirror", "specimen-drugs"].document
    )


def test_it_says_plainly_that_telling_probation_does_not_satisfy_a_duty_to_the_police(rendered):
    text = to_text(rendered["licence-mirror", "testwood-trafficking"].document)
    assert "Telling the probation practitioner does not satisfy them" in text
    assert "do not accept a notice given to probation as a notice to the police" in text


def test_it_is_addressed_to_the_named_probation_practitioner_when_the_case_has_one():
    data = sample_data("specimen-drugs")
    data["probation"] = {"name": "Jo Madeup", "role": "Probation Officer", "organisation": "Example Probation Delivery Unit"}
    text = to_text(render_kind("licence-mirror", "specimen-drugs", data).document)
    assert "| To | Jo Madeup, Probation Officer, Example Probation Delivery Unit" in text


def test_a_clause_with_neither_mirror_nor_reason_is_refused_naming_the_term(monkeypatch):
    from docgen.kinds import licence_mirror

    real = licence_mirror.clause_of

    def without_mirror(term):
        clause = real(term)
        return clause.model_copy(update={"mirror": Mirror()}) if term.clause == "FIN-001" else clause

    monkeypatch.setattr(licence_mirror, "clause_of", without_mirror)
    with pytest.raises(DocgenError) as info:
        render_kind("licence-mirror", "specimen-drugs")
    assert [p.field for p in info.value.problems] == ["terms.2.clause"]
    # the message names the version the made order uses (it names the one it was made on)
    term = next(t for t in case_and_house("specimen-drugs")[0].terms if t.clause == "FIN-001")
    assert f"term 3 uses FIN-001@{term.version or shipped_library().current('FIN-001').version}" in str(info.value)
