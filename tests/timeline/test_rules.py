"""The timeline's rules, one by one: what a document cites, its deadlines, and the words
that depend on whether the subject has been released. ``--date`` and the case's
``document_date`` meet the same rules, and a refused render writes nothing."""

from __future__ import annotations

import copy
import datetime as dt
import subprocess
from functools import cache
from pathlib import Path

import pytest

from docgen import timeline
from docgen.case import Conviction, case_from_data
from docgen.demo import render_dated
from docgen.errors import DocgenError
from docgen.housestyle import load_house_style
from docgen.model import to_text
from docgen.pipeline import load_inputs, render
from docgen.render import Options
from docgen.templatecheck import check
from docgen.timeline import TimelineError
from tests.conftest import SAMPLES, dump_yaml, load_yaml
from tests.inprocess import run_docgen

CASES = SAMPLES / "cases"
DRUGS = CASES / "specimen-drugs.yaml"
D = dt.date


def docgen(*args: object) -> subprocess.CompletedProcess[str]:
    return run_docgen(*args)


@cache
def _sample(stem: str) -> dict:
    return load_yaml((CASES / f"{stem}.yaml").read_text(encoding="utf-8"))


def sample(stem: str = "specimen-drugs") -> dict:
    return copy.deepcopy(_sample(stem))


def render_data(data: dict, kind: str, event: str | None = None, date: dt.date | None = None, stem: str = "specimen-drugs"):
    case = case_from_data(data, file=f"{stem}.yaml")
    house = load_house_style(SAMPLES / "house-style" / f"{case.managing_force}.yaml")
    return render(case, house, kind, event_id=event, options=Options(date=date), formats=())


def refusal(data: dict, kind: str, event: str | None = None, date: dt.date | None = None, stem: str = "specimen-drugs") -> str:
    with pytest.raises(TimelineError) as info:
        render_data(data, kind, event, date, stem)
    return "\n".join(str(p) for p in info.value.problems)


# --------------------------------------------------------------------------- the command line


def test_the_welsh_letter_dated_after_its_own_deadline_is_refused_and_nothing_is_written(tmp_path):
    result = docgen("render", "warning-letter", CASES / "ffug-wales.yaml", "--event", "EV-002", "--out", tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "history.1.action_by: 2026-11-14" in result.stderr
    assert "on or before the document's date 2026-11-19" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_date_before_the_event_is_refused_naming_the_option_the_event_and_both_dates(tmp_path):
    result = docgen("render", "warning-letter", DRUGS, "--event", "EV-002", "--date", "2027-02-02", "--out", tmp_path)
    assert result.returncode == 2
    assert "--date: 2027-02-02 is before the event EV-002 it reports (2027-02-03)" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_case_date_is_refused_not_moved_when_it_is_before_the_event(tmp_path):
    data = sample()
    data["document_date"] = "2027-02-01"  # the order is live, but the event is two days later
    (tmp_path / "cases").mkdir()
    case = tmp_path / "cases" / "case.yaml"
    case.write_text(dump_yaml(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = docgen("render", "warning-letter", case, "--event", "EV-002", "--out", tmp_path / "out",
                    "--house-style", SAMPLES / "house-style" / "WYP.yaml")  # fmt: skip
    assert result.returncode == 2
    assert "document_date: 2027-02-01 is before the event EV-002 it reports (2027-02-03)" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_variation_relying_on_a_month_not_yet_ended_is_refused_until_it_has(tmp_path):
    case = CASES / "testwood-trafficking.yaml"
    early = docgen("render", "variation-application", case, "--date", "2027-07-15", "--out", tmp_path, "--format", "docx")
    assert early.returncode == 2
    assert "variation-application is dated 2027-07-15, before 'July 2027' named in the text" in early.stderr
    assert "(variation.changes.0.justification.link)" in early.stderr
    assert list(tmp_path.iterdir()) == []
    later = docgen("render", "variation-application", case, "--date", "2027-08-02", "--out", tmp_path, "--format", "docx")
    assert later.returncode == 0, later.stderr


# --------------------------------------------------------------------------- facts cited


def test_a_variation_speaking_of_time_since_release_is_not_dated_before_the_release():
    message = refusal(sample(), "variation-application", date=D(2027, 1, 14))
    assert "before the release it speaks of ('Since release'), 2027-01-15 (order.release_date)" in message
    assert render_data(sample(), "variation-application", date=D(2027, 1, 15)).meta.date == D(2027, 1, 15)


def test_words_about_time_since_release_need_a_release():
    data = sample()
    data["order"].update(start_rule="on_making")
    del data["order"]["release_date"]
    with pytest.raises(DocgenError) as info:
        render_data(data, "variation-application", date=D(2027, 6, 1))
    [problem] = info.value.problems
    assert problem.field == "variation.grounds"
    assert "speaks of time since release ('Since release') but no release is recorded" in problem.message


def test_a_day_named_in_the_grounds_is_a_fact_the_application_relies_on():
    data = sample()
    data["variation"]["grounds"] += " A third handset was seen on 2nd June 2027."
    message = refusal(data, "variation-application", date=D(2027, 6, 1))
    assert "'2nd June 2027' named in the text, 2027-06-02 (variation.grounds)" in message
    render_data(data, "variation-application", date=D(2027, 6, 2))


def test_the_mg5_is_not_dated_before_the_supervisors_review():
    message = refusal(sample(), "mg5", "EV-007", D(2027, 5, 19))
    assert "--date" in message and "(2027-05-20)" in message
    assert render_data(sample(), "mg5", "EV-007", D(2027, 5, 20)).meta.date == D(2027, 5, 20)


def test_a_warning_letter_cites_the_earlier_warnings_it_quotes():
    case, _ = load_inputs(DRUGS)
    facts = timeline.cited_facts("warning-letter", case, {"event": case.event("EV-006"), "earlier_warnings": []})
    assert [f.field for f in facts] == ["order.made_on", "order.release_date", "history.5.date"]
    from docgen.kinds._history import prior_warnings

    earlier = prior_warnings(case, 5, ())
    facts = timeline.cited_facts("warning-letter", case, {"event": case.event("EV-006"), "earlier_warnings": earlier})
    assert [(f.date, f.field) for f in facts] == [
        (D(2024, 6, 14), "order.made_on"),
        (D(2027, 1, 15), "order.release_date"),
        (D(2027, 2, 3), "history.1.date"),
        (D(2027, 3, 10), "history.3.date"),
        (D(2027, 4, 22), "history.5.date"),
    ]


def test_a_letter_saying_the_order_came_into_force_is_not_dated_before_it_did():
    case, _ = load_inputs(DRUGS)
    message = "\n".join(p.message for p in timeline.problems("warning-letter", case, {}, D(2027, 1, 14), "--date"))
    assert "before the order coming into force, 2027-01-15 (order.release_date)" in message
    assert timeline.problems("warning-letter", case, {}, D(2027, 1, 15), "--date") == []


def test_a_later_conviction_is_cited_by_the_variation_it_grounds():
    case, _ = load_inputs(DRUGS)
    later = Conviction(id="C2", offence="x", statute="y", court="z", convicted_on=D(2027, 6, 1), sentenced_on=D(2027, 7, 1), sentence="s")
    facts = timeline.cited_facts("variation-application", case, {"later_conviction": {"conviction": later}})
    assert any(f.date == D(2027, 6, 1) and f.what == "the later conviction C2" for f in facts)


def test_documents_that_ask_for_the_order_cite_the_conviction_and_the_authorisation_not_the_making():
    case, _ = load_inputs(DRUGS)
    fields = [f.field for f in timeline.cited_facts("scpo-application", case, {})]
    assert fields == ["convictions.0.convicted_on", "order.authorising_prosecutor.authorised_on"]
    assert [f.field for f in timeline.cited_facts("licence-mirror", case, {})] == ["order.made_on"]


def test_the_expiry_confirmation_cites_the_day_after_the_order_ended():
    case, _ = load_inputs(CASES / "pastdate-expired.yaml")
    [end] = [f for f in timeline.cited_facts("expiry-confirmation", case, {}) if f.field == "order.expires_on"]
    assert end.date == case.order.expires_on + dt.timedelta(days=1)


# --------------------------------------------------------------------------- deadlines


def test_a_deadline_must_leave_a_working_day_after_the_letter():
    # EV-006 is on Thursday 22 April 2027 and must be answered by Saturday 24 April
    message = refusal(sample(), "warning-letter", "EV-006", D(2027, 4, 23))
    assert "2027-04-24, the deadline for the action the letter requires (EV-006), leaves 0 working days" in message
    assert "the earliest is 2027-04-26" in message
    assert render_data(sample(), "warning-letter", "EV-006", D(2027, 4, 22)).meta.date == D(2027, 4, 22)


def test_bank_holidays_do_not_count_as_time_to_act():
    data = sample()
    event = next(e for e in data["history"] if e["id"] == "EV-006")
    event.update(date=D(2027, 3, 25), action_by=D(2027, 3, 29))  # Thursday before Easter; Easter Monday
    message = refusal(data, "warning-letter", "EV-006", D(2027, 3, 25))
    assert "leaves 0 working days after the document's date 2027-03-25" in message
    assert "the earliest is 2027-03-30" in message


def test_no_date_would_suit_a_letter_whose_deadline_is_before_its_event_could_be_written():
    case, house = load_inputs(CASES / "ffug-wales.yaml")
    with pytest.raises(TimelineError) as info:
        render(case, house, "warning-letter", event_id="EV-002", formats=())
    assert info.value.earliest == case.event("EV-002").date  # the day of the failure still works
    assert timeline.earliest_date("warning-letter", case, {"event": case.event("EV-002")}) == case.event("EV-002").date


# --------------------------------------------------------------------------- words that depend on release


def period(kind: str, date: dt.date) -> str:
    text = to_text(render_data(sample(), kind, date=date).document)
    return next(line for line in text.splitlines() if "into force" in line)


def test_the_order_is_said_to_have_come_into_force_only_once_the_subject_is_released():
    assert "comes into force on the day the subject is released from custody, expected to be 15 January 2027" in period("licence-mirror", D(2027, 1, 14))
    assert "came into force on 15 January 2027, the day the subject was released from custody" in period("licence-mirror", D(2027, 1, 15))


def test_documents_asking_for_the_order_speak_of_it_as_to_come():
    assert "comes into force on the day the subject is released" in period("scpo-application", D(2024, 6, 13))


def test_the_context_tells_templates_what_is_past():
    case, _ = load_inputs(DRUGS)
    before, after = timeline.view(case, D(2027, 1, 14)), timeline.view(case, D(2027, 1, 15), "licence-mirror")
    assert (before.released, before.started, before.ended) == (False, False, False)
    assert (after.released, after.started, after.asks_for_order) == (True, True, False)
    assert timeline.view(case, D(2032, 1, 15)).ended
    assert timeline.view(case, D(2027, 2, 1), "draft-order").asks_for_order


def test_the_template_checker_knows_the_timeline(tmp_path: Path):
    header = "{#-\ndescription: A test letter\n-#}\n"
    (tmp_path / "ok.xml.j2").write_text(header + '<document title="x"><p>{% if timeline.released %}since{% endif %}</p></document>\n', encoding="utf-8")
    assert [str(f) for f in check(tmp_path) if f.severity == "error"] == []
    (tmp_path / "ok.xml.j2").write_text(header + '<document title="x"><p>{% if timeline.releasd %}since{% endif %}</p></document>\n', encoding="utf-8")
    assert any("releasd" in f.message for f in check(tmp_path) if f.severity == "error")


# --------------------------------------------------------------------------- the demo's dating


def test_the_demo_dates_a_refused_document_at_the_earliest_date_its_timeline_allows():
    data = sample()
    data["document_date"] = "2027-05-19"  # the day before the supervisor's review the MG5 cites
    case, house = case_from_data(data, file=DRUGS), load_inputs(DRUGS)[1]
    assert render_dated(case, house, "mg5", "EV-007", formats=()).meta.date == D(2027, 5, 20)
    with pytest.raises(TimelineError):  # a date the caller chose is never changed
        render_dated(case, house, "mg5", "EV-007", options=Options(date=D(2027, 5, 19)), formats=())
