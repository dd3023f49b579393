"""A draft may show a refused document for discussion; nothing out of state is ever issued."""

from __future__ import annotations

import datetime as dt

from docgen.pipeline import load_inputs, render
from docgen.render import Options
from tests.conftest import docx_text
from tests.orderstate.conftest import CASES

EXPIRED = CASES / "pastdate-expired.yaml"
RULE = "warning-letter may be produced only while the order is live or varied; on 2024-10-07 the order WYP-SCPO-0005 has expired"


def test_a_refused_kind_names_the_rule_and_the_dates(tmp_path, cli):
    code, _, err = cli("render", "warning-letter", EXPIRED, "--event", "EV-002", "--out", tmp_path / "out")
    assert code == 2
    assert f"error: {EXPIRED}: order: {RULE} (at the end of 2024-10-01)" in err
    assert not (tmp_path / "out").exists()


def test_a_draft_renders_a_refused_kind_with_the_rule_in_its_banner(tmp_path, cli):
    refused = cli("render", "licence-mirror", EXPIRED, "--out", tmp_path, "--format", "docx")
    assert refused[0] == 2 and "licence-mirror may be produced only while the order is made, live or varied" in refused[2]
    code, out, err = cli("render", "licence-mirror", EXPIRED, "--out", tmp_path, "--format", "docx", "--draft")
    assert code == 0, err
    text = docx_text((tmp_path / "WYP-SCPO-0005-licence-mirror.docx").read_bytes())
    assert "DRAFT - licence-mirror: only while made, live or varied; expired on 2024-10-07" in text


def test_a_draft_of_an_allowed_kind_keeps_the_usual_draft_banner():
    case, house = load_inputs(CASES / "specimen-drugs.yaml")
    rendered = render(case, house, "warning-letter", event_id="EV-002", options=Options(draft=True, date=dt.date(2027, 2, 3)), formats=("docx",))
    assert rendered.meta.banner == "DRAFT - NOT FOR SERVICE"


def test_a_draft_cannot_be_issued(tmp_path, cli):
    register = tmp_path / "docgen.db"
    code, _, err = cli("render", "warning-letter", EXPIRED, "--event", "EV-002", "--out", tmp_path / "out", "--draft",
                       "--issue", "--reason", "discussion", "--by", "Officer Example", "--register", register)  # fmt: skip
    assert code == 2 and "a draft cannot be issued" in err
    assert not (tmp_path / "out").exists() and not register.exists()


def test_issuing_applies_the_same_rule_as_a_preview_and_records_nothing(tmp_path, cli):
    from docgen.register.store import Register

    register = tmp_path / "docgen.db"
    preview = cli("render", "warning-letter", EXPIRED, "--event", "EV-002", "--out", tmp_path / "out")
    issue = cli("render", "warning-letter", EXPIRED, "--event", "EV-002", "--out", tmp_path / "out",
                "--issue", "--reason", "advice", "--by", "Officer Example", "--register", register)  # fmt: skip
    assert preview[0] == issue[0] == 2
    assert preview[2] == issue[2]
    assert not (tmp_path / "out").exists()
    if register.exists():
        with Register.open(register) as reg:
            assert list(reg.issued("WYP-SCPO-0005")) == []


def test_the_state_is_read_on_the_date_given_with_date(tmp_path, cli):
    # the specimen order is live in May 2027; on --date after its expiry a warning is refused
    code, _, err = cli("render", "warning-letter", CASES / "specimen-drugs.yaml", "--event", "EV-002", "--date", "2032-02-01",
                       "--out", tmp_path)  # fmt: skip
    assert code == 2
    assert "on 2032-02-01 the order WYP-SCPO-0001 has expired (at the end of 2032-01-14)" in err


def test_an_order_awaiting_release_gets_an_acknowledgement_without_dates(tmp_path, cli):
    code, _, err = cli("render", "release-acknowledgement", CASES / "waitingford-awaiting-release.yaml", "--out", tmp_path, "--format", "docx")
    assert code == 0, err
    text = docx_text((tmp_path / "MPS-SCPO-0008-release-acknowledgement.docx").read_bytes())
    assert "From the day you are released from custody, written here by the officer: ____________, until the end of: ____________" in text


def test_a_draft_of_a_kind_that_prints_the_expiry_is_refused_clearly_while_no_release_date_is_known(tmp_path, cli):
    code, _, err = cli("render", "expiry-confirmation", CASES / "waitingford-awaiting-release.yaml", "--out", tmp_path, "--draft")
    assert code == 2
    assert "order.release_date: the expiry-confirmation prints when the order starts and ends" in err
    assert "awaiting release, with no release date recorded yet" in err
    assert "Traceback" not in err and not any(tmp_path.iterdir())


def test_a_kind_about_an_event_still_needs_the_event_in_a_draft(tmp_path, cli):
    code, _, err = cli("render", "warning-letter", EXPIRED, "--out", tmp_path, "--draft")
    assert code == 2 and "--event: the warning-letter is about one history event" in err


def test_a_force_kind_without_a_spec_may_be_produced_in_any_state(tmp_path):
    own = tmp_path / "templates"
    own.mkdir()
    (own / "force-note.xml.j2").write_text(
        "{#- \ndescription: A force's own note\n-#}\n<document title=\"Note\">\n<p>{{ subject.full_name }}</p>\n</document>\n",
        encoding="utf-8",
    )
    case, house = load_inputs(EXPIRED)
    rendered = render(case, house, "force-note", templates=own, formats=("docx",))
    assert rendered.kind.name == "force-note"

