"""What each reader sees: every management document for every sample that has one."""

from __future__ import annotations

import pytest

from docgen.model import to_text
from tests.conftest import assert_files_carry_the_model, docx_text, pdf_text
from tests.management.conftest import KINDS, RUNS, run_id


def test_every_kind_has_at_least_one_sample_to_show_it():
    assert {kind for _, kind, _ in RUNS} == set(KINDS)


@pytest.mark.parametrize("run", RUNS, ids=run_id)
def test_document_model(rendered, run, snapshot):
    assert to_text(rendered[run].document) == snapshot


@pytest.mark.parametrize("run", RUNS, ids=run_id)
def test_word_and_pdf_say_what_the_model_says(rendered, run):
    assert_files_carry_the_model(rendered[run])


@pytest.mark.parametrize("run", RUNS, ids=run_id)
def test_the_same_inputs_give_byte_identical_files(rendered, run):
    from tests.management.conftest import render_run

    again = render_run(run)
    assert again.files == rendered[run].files


@pytest.mark.parametrize("run", RUNS, ids=run_id)
def test_a_plain_render_is_marked_as_a_preview_on_every_page(rendered, run):
    meta = rendered[run].meta
    if meta.language == "en-GB":
        assert meta.banner == "PREVIEW - NOT ISSUED"
    assert meta.banner and not meta.watermark  # a preview is not a draft
    pages = pdf_text(rendered[run].files["pdf"]).split("--- page ")[1:]
    assert pages and all(meta.banner in page for page in pages)
    assert f"[header] {meta.banner}" in docx_text(rendered[run].files["docx"])
