"""The transfer round trip: a pack out of one force, its case taken in by another.

The sample fraud case (Lancashire) moves to Greater Manchester. Its transfer pack
carries the case data as an embedded file listed in the manifest; ``docgen case import``
checks every embedded file and page against the manifest, writes the case for the
receiving force and logs the transfer. Each way a pack can be tampered with or cut short
is refused, naming what does not match, and leaves nothing behind.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from docgen.bundle.manifest import read_manifest, replace_embedded
from docgen.bundle.seal import embedded_files
from docgen.case import load_case
from docgen.case_import import import_case
from docgen.demo import render_dated
from docgen.errors import DocgenError
from docgen.housestyle import load_house_style
from docgen.lint import lint_case
from docgen.register import Register
from docgen.transfer_data import NAME as CASE_DATA
from tests.bundle_case.conftest import OFFICER, refused_import
from tests.conftest import SAMPLES
from tests.inprocess import run_docgen


@pytest.fixture(scope="module")
def pack(transfer_built) -> Path:
    return transfer_built.path


@pytest.fixture
def officer(tmp_path: Path) -> Path:
    path = tmp_path / "officer.yaml"
    path.write_text(OFFICER, encoding="utf-8")
    return path


def _data(pack: Path) -> dict:
    return json.loads(embedded_files(PdfReader(pack))[CASE_DATA])


# ---------------------------------------------------------------------- what the pack carries


def test_the_pack_embeds_the_case_data_and_lists_it_in_the_manifest_with_its_digest(pack):
    reader = PdfReader(pack)
    blob = embedded_files(reader)[CASE_DATA]
    listed = read_manifest(reader, file=str(pack))["embedded_files"]
    assert listed == [{"name": CASE_DATA, "description": listed[0]["description"],
                       "sha256": hashlib.sha256(blob).hexdigest(), "bytes": len(blob)}]  # fmt: skip


def test_the_case_data_has_terms_with_pinned_versions_history_and_issued_hashes(pack, issued_workspace):
    data = _data(pack)
    assert data["from_force"] == "LAN" and data["transfer"] == {"event": "EV-005", "to_force": "GMP", "moving_on": "2028-03-01"}
    terms = data["case"]["terms"]
    assert [t["clause"] for t in terms] and all(t["version"] for t in terms)
    assert all(t["justification"]["link"] for t in terms)
    assert [e["id"] for e in data["case"]["history"]] == ["EV-001", "EV-002", "EV-003", "EV-004", "EV-005"]
    with Register.open(issued_workspace.register) as reg:
        recorded = {d.reference: {f.sha256 for f in d.files} for d in reg.issued("LAN-SCPO-0002")}
    carried = {d["reference"]: {f["sha256"] for f in d["files"]} for d in data["issued"]}
    assert carried == recorded  # every issue, every version, with the register's digests
    assert {d["reference"] for d in data["issued"] if not d["in_pack"]} == {"LAN/SCPO/2027/0001/WL-01"}  # version 1


def test_the_case_data_lists_the_pack_as_the_letter_and_index_do(pack, transfer_built):
    carried = _data(pack)["pack"]
    in_pack = transfer_built.titles()[1:]  # after the letter itself
    assert len(carried["enclosed"]) == len(in_pack)
    letter = transfer_built.gathered.spec.documents()[0]
    for missing in carried["not_enclosed"]:
        assert missing["what"] in letter.description and missing["why"]
    assert carried["sensitive_kept_back"] == 1
    assert "Intelligence report" not in json.dumps(carried)


def test_sensitive_material_is_never_in_the_case_data(workspace_copy, tmp_path):
    from docgen.bundle.from_case import build_case_bundle, transfer_bundle

    def mark(data):
        data["history"][2]["sensitive"] = True  # EV-003
        data["history"][3]["refers_to"] = ["EV-003"]
        data["risk"]["sensitive"] = True

    case = workspace_copy.variant(workspace_copy.fraud, "exampleton-fraud.yaml", mark)
    gathered = transfer_bundle(case, register=workspace_copy.register)
    build_case_bundle(gathered, tmp_path / "pack.pdf", by="DC Example")
    data = _data(tmp_path / "pack.pdf")
    history = data["case"]["history"]
    assert "EV-003" not in [e["id"] for e in history]
    assert all("EV-003" not in e.get("refers_to", []) for e in history)
    assert "risk" not in data["case"] and "evidence_files" not in data["case"] and "offender_manager" not in data["case"]
    assert data["withheld"]["history events"] == 1 and data["withheld"]["risk assessment"] == 1


def test_the_pack_is_still_byte_identical_for_the_same_inputs(transfer_built, issued_workspace, tmp_path):
    from docgen.bundle.from_case import build_case_bundle, transfer_bundle

    again = tmp_path / "again.pdf"
    build_case_bundle(transfer_bundle(issued_workspace.fraud, register=issued_workspace.register), again, by="Someone Else")
    assert again.read_bytes() == transfer_built.path.read_bytes()


# ---------------------------------------------------------------------- the round trip


def test_round_trip_the_imported_case_validates_lints_clean_and_renders(pack, officer, tmp_path):
    out = tmp_path / "gmp" / "cases"
    done = import_case(pack, force_code="GMP", out_dir=out, officer=officer, by="DC Receiving")
    assert done.path == out / "GMP-SCPO-0001.yaml" and done.officer_set
    case = load_case(done.path)  # validates
    assert case.managing_force == "GMP" and case.offender_manager.name == "Riley Notarealname"
    assert case.transfers[0].from_force == "LAN" and case.subject.address.postcode == "ZZ5 5EE"
    assert case.event("EV-005").reference == "LAN-SCPO-0002"
    original = load_case(SAMPLES / "cases" / "exampleton-fraud.yaml")
    assert [(t.clause, t.params, t.justification) for t in case.terms] == [
        (t.clause, t.params, t.justification) for t in original.terms
    ]
    assert lint_case(case) == []
    house = load_house_style(SAMPLES / "house-style" / "GMP.yaml")
    letter = render_dated(case, house, "transfer-acceptance", "EV-005", formats=("pdf",))
    assert letter.files["pdf"].startswith(b"%PDF-")
    assert render_dated(case, house, "draft-order", formats=("pdf",)).files["pdf"].startswith(b"%PDF-")


def test_the_header_says_which_evidence_files_were_kept_back_and_which_are_in_the_pack(pack, officer, tmp_path):
    done = import_case(pack, force_code="GMP", out_dir=tmp_path / "cases", officer=officer, by="DC Receiving")
    header = [line for line in done.path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    assert "# Withheld by the sending force as sensitive: 1 sensitive evidence file." in header
    assert "# 3 evidence files in the pack as documents (not listed as files of this case)." in header
    assert not any("evidence files listed" in line or "not enclosed" in line for line in header)


def test_the_imported_move_lists_what_the_pack_enclosed_in_the_letters_order(pack, officer, tmp_path):
    done = import_case(pack, force_code="GMP", out_dir=tmp_path / "cases", officer=officer, by="DC Receiving")
    carried = _data(pack)["pack"]["enclosed"]
    listed = load_case(done.path).transfers[0].enclosures
    assert len(listed) == len(carried) and [e.split(",")[0] for e in listed] == [c["what"].split(",")[0] for c in carried]
    assert any(e.startswith("Signed acknowledgement of the terms, exhibit LAN/RA/1") and e.endswith("dated 6 September 2027") for e in listed)
    assert any(e.startswith("Application to the Crown Court") and ", reference LAN/SCPO/2025/0001/APP-01, dated" in e for e in listed)


def test_every_officer_the_sending_force_recorded_is_named_with_that_force(pack, officer, tmp_path):
    done = import_case(pack, force_code="GMP", out_dir=tmp_path / "cases", officer=officer, by="DC Receiving")
    case = load_case(done.path)
    assert {e.by for e in case.history} == {"DS Inventedname (Lancashire Constabulary)"}
    assert case.risk.by == "DS Inventedname (Lancashire Constabulary)"
    assert case.order.notice.by == "DS Inventedname (Lancashire Constabulary)"


def test_an_officer_already_named_with_a_force_is_left_as_it_is():
    from docgen.case_import import _name_sending_force

    carried = {"history": [{"by": "DC Earlier (West Yorkshire Police)"}, {"by": "DS Later"}, {"by": ""}]}
    _name_sending_force(carried, "LAN")
    assert [e["by"] for e in carried["history"]] == ["DC Earlier (West Yorkshire Police)", "DS Later (Lancashire Constabulary)", ""]


def test_the_transfer_is_logged_with_the_original_references_and_the_case_synced(pack, officer, tmp_path):
    register = tmp_path / "gmp.db"
    done = import_case(pack, force_code="GMP", out_dir=tmp_path / "cases", officer=officer, register=register, by="DC Receiving")
    with Register.open(register) as reg:
        row = reg.case(done.case_id)
        entry = reg.log(done.case_id)[-1]
    assert row is not None and row.force == "GMP" and row.case_no == 1
    assert entry.action == "transfer-in" and entry.user == "DC Receiving"
    assert "received on transfer from LAN (case LAN-SCPO-0002, EV-005)" in entry.reason
    assert "LAN/SCPO/2028/0001/TL-01" in entry.reason and "LAN/SCPO/2027/0001/WL-01/v2" in entry.reason


def test_without_an_officer_the_case_fails_validation_until_one_is_filled_in(pack, tmp_path):
    out = tmp_path / "cases"
    done = import_case(pack, force_code="GMP", out_dir=out, by="DC Receiving")
    assert not done.officer_set
    with pytest.raises(DocgenError) as refused:
        load_case(done.path)
    fields = {p.field for p in refused.value.problems}
    assert fields == {"offender_manager.name", "offender_manager.role", "offender_manager.phone", "offender_manager.email"}
    assert all(p.message == "must not be empty" for p in refused.value.problems)
    text = done.path.read_text(encoding="utf-8")
    filled = text.replace("  name: ''", "  name: Riley Notarealname").replace("  role: ''", "  role: Offender Manager")
    filled = filled.replace("  phone: ''", "  phone: 0161 496 0123").replace("  email: ''", "  email: riley.lom@example.police.uk")
    done.path.write_text(filled, encoding="utf-8")
    assert load_case(done.path).offender_manager.name == "Riley Notarealname"


def test_an_existing_case_file_is_never_overwritten_and_a_second_import_isrefused_import(pack, officer, tmp_path):
    out = tmp_path / "cases"
    out.mkdir()
    (out / "GMP-SCPO-0007.yaml").write_text("# someone's case\n", encoding="utf-8")
    with pytest.raises(DocgenError, match="already exists"):
        import_case(pack, force_code="GMP", out_dir=out, case_id="GMP-SCPO-0007", officer=officer)
    assert (out / "GMP-SCPO-0007.yaml").read_text(encoding="utf-8") == "# someone's case\n"
    first = import_case(pack, force_code="GMP", out_dir=out, officer=officer)
    with pytest.raises(DocgenError, match=f"already imported as {first.case_id}"):
        import_case(pack, force_code="GMP", out_dir=out, officer=officer)


def test_a_pack_for_another_force_isrefused_import(pack, tmp_path):
    with pytest.raises(DocgenError, match="the pack is for the move to GMP, not WYP"):
        import_case(pack, force_code="WYP", out_dir=tmp_path / "cases")
    with pytest.raises(DocgenError, match="'XX' is not a known police force code"):
        import_case(pack, force_code="XX", out_dir=tmp_path / "cases")
    assert not (tmp_path / "cases").exists()


# ---------------------------------------------------------------------- tampered and partial packs


def _rewrite(pack: Path, out: Path, change) -> Path:  # noqa: ANN001
    writer = PdfWriter(clone_from=PdfReader(pack))
    change(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    out.write_bytes(buffer.getvalue())
    return out


def _flip(data: bytes, marker: bytes, old: bytes, new: bytes) -> bytes:
    """One byte changed inside the stream that holds ``marker``."""
    at = data.index(marker)
    at = data.index(old, at)
    assert len(old) == len(new)
    return data[:at] + new + data[at + len(old) :]


def test_a_changed_byte_in_the_case_data_isrefused_import(pack, tmp_path):
    tampered = tmp_path / "t.pdf"
    tampered.write_bytes(_flip(pack.read_bytes(), b'"docgen-transfer-case"', b'"EXAMPLETON"', b'"EXAMPLETOM"'))
    problems = refused_import(tampered, tmp_path)
    assert any(p.startswith(f"{CASE_DATA}: has SHA-256") and "it changed after the pack was built" in p for p in problems)


def test_a_changed_byte_in_the_manifest_fails_its_checksum(pack, tmp_path):
    tampered = tmp_path / "t.pdf"
    tampered.write_bytes(_flip(pack.read_bytes(), b'"docgen-bundle-manifest"', b'"Transfer pack', b'"Transfer pick'))
    problems = refused_import(tampered, tmp_path)
    assert any("manifest.json: the embedded manifest.json does not match its own checksum" in p for p in problems)


def test_a_changed_byte_in_a_page_number_stamp_is_refused_naming_the_document(pack, tmp_path):
    data = pack.read_bytes()
    at = data.index(b" Tf (", data.index(b"/Subtype /Form")) + len(b" Tf (")  # a stamp, stored uncompressed
    tampered = tmp_path / "t.pdf"
    tampered.write_bytes(data[:at] + (b"9" if data[at : at + 1] != b"9" else b"8") + data[at + 1 :])
    problems = refused_import(tampered, tmp_path)
    assert len(problems) == 1
    assert problems[0].startswith("document ") and "differ from the digest the manifest recorded" in problems[0]


def test_a_changed_page_is_refused_naming_the_document(pack, tmp_path):
    def deface(writer):
        page = writer.pages[3]
        content = page.get_contents()
        content.set_data(content.get_data() + b"\nq 1 0 0 RG 10 10 m 100 100 l S Q\n")
        page.replace_contents(content)

    problems = refused_import(_rewrite(pack, tmp_path / "t.pdf", deface), tmp_path)
    assert len(problems) == 1
    assert problems[0].startswith("document ") and "differ from the digest the manifest recorded" in problems[0]


def test_a_missing_embedded_file_isrefused_import(pack, tmp_path):
    def drop(writer):
        names = writer.root_object["/Names"]["/EmbeddedFiles"]["/Names"]
        at = list(names).index(CASE_DATA)
        del names[at : at + 2]

    problems = refused_import(_rewrite(pack, tmp_path / "t.pdf", drop), tmp_path)
    assert f"{CASE_DATA}: is listed in the manifest.json but not embedded in the pack (a partial pack)" in problems


def test_an_extra_embedded_file_isrefused_import(pack, tmp_path):
    problems = refused_import(_rewrite(pack, tmp_path / "t.pdf", lambda w: w.add_attachment("notes.txt", b"slipped in")), tmp_path)
    assert "notes.txt: is embedded in the pack but not listed in its manifest.json" in problems


def test_a_pack_with_pages_removed_isrefused_import(pack, tmp_path):
    def cut(writer):
        writer.remove_page(len(writer.pages) - 2)

    problems = refused_import(_rewrite(pack, tmp_path / "t.pdf", cut), tmp_path)
    assert any(p.startswith("pages: the pack has") and "(a partial pack)" in p for p in problems)


def test_a_manifest_rewritten_with_a_good_checksum_still_disagrees_with_the_register(pack, tmp_path):
    def forge(writer):
        manifest = read_manifest(PdfReader(pack), file="x")
        doc = manifest["sections"][1]["documents"][0]
        doc["sha256"] = "0" * 64
        replace_embedded(writer, manifest, file="x")

    problems = refused_import(_rewrite(pack, tmp_path / "t.pdf", forge), tmp_path)
    assert not any("checksum" in p for p in problems)
    assert any(p.endswith("its SHA-256 in manifest.json is not the one printed on the manifest's pages") for p in problems)
    assert any("the sending register recorded" in p for p in problems)


def test_a_pdf_that_is_not_a_transfer_pack_isrefused_import(pack, breach_built, issued_workspace, tmp_path):
    plain = next(issued_workspace.issued.glob("*ORD-01.pdf"))
    assert refused_import(plain, tmp_path) == [": has no docgen manifest.json: it is not a pack docgen built, so its contents cannot be proved"]
    text = tmp_path / "notes.pdf"
    text.write_text("not a pdf at all", encoding="utf-8")
    assert refused_import(text, tmp_path) == [": is not a PDF, so it is not a transfer pack"]
    assert any("it is not a transfer pack" in p for p in refused_import(breach_built.path, tmp_path))


def test_the_command_refuses_with_exit_2_and_no_traceback(pack, tmp_path):
    tampered = tmp_path / "t.pdf"
    tampered.write_bytes(_flip(pack.read_bytes(), b'"docgen-transfer-case"', b'"EXAMPLETON"', b'"EXAMPLETOM"'))
    run = run_docgen("case", "import", tampered, "--force-code", "GMP", "--out", tmp_path / "out")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert f"{tampered}: {CASE_DATA}: has SHA-256" in run.stderr
    assert not (tmp_path / "out").exists()


def test_the_command_writes_the_case_and_says_what_is_left_to_do(pack, tmp_path):
    shutil.copy(pack, tmp_path / "pack.pdf")
    run = run_docgen("case", "import", "pack.pdf", "--force-code", "GMP", "--out", "cases", "--by", "DC Receiving",
                     cwd=tmp_path)  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "Wrote cases/GMP-SCPO-0001.yaml: case GMP-SCPO-0001, received from LAN (its case LAN-SCPO-0002)" in run.stdout
    assert "Fill in offender_manager in cases/GMP-SCPO-0001.yaml" in run.stdout
    assert re.search(r"; (1 document keeps its reference|[02-9]\d* documents keep their references)$", run.stdout, re.M), run.stdout
    validate = run_docgen("validate", "cases/GMP-SCPO-0001.yaml", cwd=tmp_path)
    assert validate.returncode == 2 and "cases/GMP-SCPO-0001.yaml: offender_manager.name: must not be empty" in validate.stderr


def test_the_command_with_an_officer_gives_a_case_that_validates_and_lints_clean(pack, officer, tmp_path):
    def docgen(*args):
        return run_docgen(*args, cwd=tmp_path)

    imported = docgen("case", "import", pack, "--force-code", "GMP", "--out", "cases", "--officer", officer, "--by", "DC R")
    assert imported.returncode == 0, imported.stderr
    assert docgen("validate", "cases/GMP-SCPO-0001.yaml").returncode == 0
    lint = docgen("lint", "cases/GMP-SCPO-0001.yaml")
    assert lint.returncode == 0 and "0 errors, 0 warnings" in lint.stdout


def test_a_pdfa_pack_keeps_its_case_data_in_the_catalogue_and_imports(workspace_copy, officer, tmp_path):
    from tests.bundle.pdfa_check import pdfa_problems
    from tests.bundle_case.test_cli import run

    out = workspace_copy.root / "pack.pdf"
    result = run("transfer", str(workspace_copy.fraud), "--out", str(out), "--pdfa")
    assert result.exit_code == 0, result.output
    assert pdfa_problems(out) == []
    assert PdfReader(out).attachments == {}  # PDF/A-2 allows only PDF/A attachments
    done = import_case(out, force_code="GMP", out_dir=tmp_path / "cases", officer=officer)
    assert load_case(done.path).managing_force == "GMP"


# ---------------------------------------------------------------------- what the receiving officer is told


def test_the_import_returns_what_the_pack_does_not_hold_as_the_letter_names_it(pack, officer, tmp_path):
    done = import_case(pack, force_code="GMP", out_dir=tmp_path / "cases", officer=officer, by="DC Receiving")
    carried = _data(pack)["pack"]
    assert carried["not_enclosed"], "the sample pack names something as not enclosed"
    assert done.not_enclosed == tuple((m["what"], m["why"]) for m in carried["not_enclosed"])
    assert done.kept_back == carried["sensitive_kept_back"] == 1


def test_the_command_prints_what_was_not_enclosed_and_what_was_kept_back(pack, tmp_path):
    run = run_docgen("case", "import", pack, "--force-code", "GMP", "--out", tmp_path / "cases")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    start = lines.index("Not enclosed: ask Lancashire Constabulary (LAN) for these if you need them:")
    items = [line for line in lines[start + 1 :] if line.startswith("  - ")]
    for missing in _data(pack)["pack"]["not_enclosed"]:
        assert f"  - {missing['what']}: {missing['why']}" in items
    assert "  - 1 sensitive evidence file, kept back (the pack does not name it)" in items
    assert "Intelligence report" not in run.stdout  # a sensitive file is counted, never named


def test_a_pack_with_nothing_left_out_says_so(pack, officer, tmp_path):
    from docgen.case_import import to_ask_for

    done = import_case(pack, force_code="GMP", out_dir=tmp_path / "cases", officer=officer, by="DC Receiving")
    whole = dataclasses.replace(done, not_enclosed=(), kept_back=0, withheld=())
    assert to_ask_for(whole) == ["Not enclosed: nothing; Lancashire Constabulary (LAN) sent everything its transfer letter lists and kept nothing back"]
    partial = dataclasses.replace(whole, withheld=(("history events", 2), ("risk assessment", 1)))
    assert to_ask_for(partial)[1:] == ["  - left out of the case data as sensitive: 2 history events, 1 risk assessment"]
