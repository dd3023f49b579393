"""Kinds declare themselves; the registry, the pack order, bundle titles and `docgen kinds` read that."""

from __future__ import annotations

import docgen.kinds as kinds_package
from docgen.kinds import pack_rank, spec_for, specs
from docgen.kinds.spec import ORDER_STATES


def test_every_shipped_template_kind_has_a_spec():
    from docgen.render import kinds, template_dirs

    assert set(kinds(template_dirs())) <= set(specs())


def test_the_pack_order_is_the_one_the_packs_have_always_used():
    order = sorted(specs(), key=pack_rank)
    shipped = ["transfer-letter", "scpo-application", "cps-covering-note", "draft-order", "variation-application",
               "licence-mirror", "release-acknowledgement", "warning-letter", "recall-request", "mg5",
               "expiry-confirmation", "closure-checklist"]  # fmt: skip
    assert [k for k in order if k in shipped] == shipped
    assert pack_rank("a-force-own-kind") > pack_rank("closure-checklist")


def test_a_new_kind_module_with_a_spec_is_found_without_any_list(tmp_path, monkeypatch):
    (tmp_path / "zz_new_notice.py").write_text(
        "from docgen.kinds.spec import KindSpec\nSPEC = KindSpec(title='A new notice', states=('live',), pack_position=55)\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(kinds_package, "__path__", [*kinds_package.__path__, str(tmp_path)])
    specs.cache_clear()
    try:
        assert spec_for("zz-new-notice").title == "A new notice"
        assert pack_rank("variation-application") < pack_rank("zz-new-notice") < pack_rank("licence-mirror")
    finally:
        specs.cache_clear()


def test_docgen_kinds_shows_title_audience_states_and_needs(cli):
    code, out, _ = cli("kinds")
    assert code == 0
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("warning-letter "))
    assert "Warning letter" in lines[at]
    assert lines[at + 1].split() == ["for:", "subject;", "order", "states:", "live,", "varied;", "needs:", "event"]
    for name, spec in specs().items():
        assert any(line.startswith(f"{name} ") and spec.title in line for line in lines), name


def test_a_bundle_titles_each_document_by_its_kind():
    from docgen.bundle.from_case import _title
    from docgen.register.store import IssuedDocument

    fields = {f: None for f in IssuedDocument.__dataclass_fields__}
    doc = IssuedDocument(**{**fields, "kind": "mg5", "record": {}})
    assert _title(doc) == "MG5 case summary"


def test_every_spec_uses_known_states():
    assert all(set(spec.states) <= set(ORDER_STATES) for spec in specs().values())


def test_the_case_file_docs_list_each_kinds_states_as_its_spec_declares():
    from tests.conftest import SAMPLES

    text = (SAMPLES.parent / "docs" / "case-file.md").read_text(encoding="utf-8")
    rows = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] and all(name.strip() in specs() for name in cells[0].split(",")):
            for name in cells[0].split(","):
                rows[name.strip()] = tuple(s.strip() for s in cells[1].split(","))
    assert rows == {name: spec.states for name, spec in specs().items()}
