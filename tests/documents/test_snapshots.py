"""Every document of the order, for every sample: what it says (one snapshot, of the model), and that Word and PDF say the same."""

from __future__ import annotations

import pytest

from docgen.conditions import shipped_library
from docgen.model import to_text
from tests.conftest import assert_files_carry_the_model, pdf_text
from tests.documents.conftest import KINDS, PAIRS, STEMS, case_and_house, render_kind

CASES = PAIRS
IDS = [f"{kind}-{stem}" for kind, stem in CASES]


@pytest.mark.parametrize(("kind", "stem"), CASES, ids=IDS)
def test_document_model_snapshot(rendered, kind, stem, snapshot):
    assert to_text(rendered[kind, stem].document) == snapshot


@pytest.mark.parametrize(("kind", "stem"), CASES, ids=IDS)
def test_word_and_pdf_say_what_the_model_says(rendered, kind, stem):
    assert_files_carry_the_model(rendered[kind, stem])


def test_every_kind_renders_for_every_sample_whose_order_is_in_a_state_it_allows():
    missing = {(kind, stem) for kind in KINDS for stem in STEMS} - set(PAIRS)
    ended = {"pastdate-expired", "unbound-discharged"}
    not_made = {"proposton-proposed", "signwell-authorised"}
    no_application = {"varywell-varied", "waitingford-awaiting-release", "unbound-discharged"}
    no_variation = {"proposton-proposed", "signwell-authorised", "varywell-varied", "waitingford-awaiting-release"}
    assert missing == (
        {(kind, stem) for kind in ("draft-order", "licence-mirror", "release-acknowledgement", "variation-application") for stem in ended}
        | {(kind, stem) for kind in ("licence-mirror", "release-acknowledgement") for stem in not_made}
        | {(kind, stem) for kind in ("scpo-application", "cps-covering-note") for stem in no_application}
        | {("variation-application", stem) for stem in no_variation}
    )


@pytest.mark.parametrize("kind", KINDS)
def test_the_same_inputs_give_byte_identical_files(rendered, kind):
    again = render_kind(kind, "specimen-drugs")
    first = rendered[kind, "specimen-drugs"]
    assert again.files["docx"] == first.files["docx"]
    assert again.files["pdf"] == first.files["pdf"]


# The clause trace goes to the agencies that work from the library (probation, the CPS);
# what goes to the court or the subject carries none (tests/layout).
TRACED = [(kind, stem) for kind, stem in CASES if kind in ("licence-mirror", "cps-covering-note")]


@pytest.mark.parametrize(("kind", "stem"), TRACED, ids=[f"{k}-{s}" for k, s in TRACED])
def test_the_mirror_and_the_covering_note_name_the_clause_code_and_version_of_every_term(rendered, kind, stem):
    text = to_text(rendered[kind, stem].document)
    case, _ = case_and_house(stem)
    for term in case.terms:
        clause = shipped_library().get(term.clause, version=term.version)
        assert f"{clause.code} | {clause.version}" in text or f"{clause.code} {clause.version}" in text, (
            f"{kind} for {stem} does not trace term {term.number} to {clause.ref}"
        )


@pytest.mark.parametrize("kind", KINDS)
def test_every_pdf_page_carries_the_marking(rendered, kind):
    pages = pdf_text(rendered[kind, "exampleton-fraud"].files["pdf"]).split("--- page ")[1:]
    assert pages
    assert all("OFFICIAL" in page for page in pages)
