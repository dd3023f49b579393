"""The draft order offers an email route for notices only when the force holds a team mailbox."""

from __future__ import annotations

from docgen.model import to_text
from docgen.kinds.draft_order import POSTAL_ONLY
from tests.management.conftest import render_edited


def order_text(stem: str) -> str:
    return to_text(render_edited("draft-order", stem).document)


def test_an_order_for_a_force_with_a_team_mailbox_names_it_in_schedule_2_and_the_definitions():
    text = order_text("testwood-trafficking")  # MPS: a team mailbox
    assert "or by email to scpo.notifications@example.police.uk" in text
    assert "postal address or email address given in this order" in text


def test_an_order_for_a_force_without_one_says_nothing_of_email():
    text = order_text("specimen-drugs")  # WYP: post only
    assert "or by email to" not in text
    assert "postal address or email address" not in text
    assert "the postal address given in this order for notices to the police" in text


def test_the_postal_only_definitions_define_the_same_words_as_the_librarys():
    from docgen.conditions import shipped_library

    lib = shipped_library()
    for key, text in POSTAL_ONLY.items():
        assert text.startswith(f"\u201c{lib.definitions[key].term}\u201d means ")
