"""Case bundles take evidence only from inside the case's folders, named by the case's field.

Runs ``docgen bundle breach`` on a copy of an issued workspace (the samples' cases,
house styles and evidence, with the documents a breach file needs already issued).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.bundle_case.conftest import USER, Workspace, issued_workspace, workspace_copy  # noqa: F401 - fixtures
from tests.conftest import dump_yaml, load_yaml

from .probe_kit import assert_refused, run, tree

CERTIFIED = "af-29-certified-order.pdf"  # evidence_files[0] of the drugs case: in every breach file


@pytest.fixture(autouse=True)
def _user(monkeypatch):
    monkeypatch.setenv("DOCGEN_USER", USER)
    monkeypatch.delenv("DOCGEN_REGISTER", raising=False)
    monkeypatch.delenv("DOCGEN_EVIDENCE_ROOT", raising=False)


def _set_first_evidence(ws: Workspace, path: str) -> None:
    data = load_yaml(ws.drugs.read_text(encoding="utf-8"))
    assert data["evidence_files"][0]["file"].endswith(CERTIFIED)
    data["evidence_files"][0]["file"] = path
    ws.drugs.write_text(dump_yaml(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _breach(capsys, ws: Workspace):
    return run(capsys, "bundle", "breach", ws.drugs, "--event", "EV-007", "--out", ws.root / "breach.pdf")


def _outside(tmp_path: Path) -> Path:
    """A folder outside the workspace holding a perfectly good PDF."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    shutil.copy(Path(__file__).resolve().parents[2] / "samples" / "evidence" / "WYP-SCPO-0001" / CERTIFIED, folder / CERTIFIED)
    return folder


def _climb(ws: Workspace, tmp_path: Path) -> None:
    outside = _outside(tmp_path)
    _set_first_evidence(ws, "../" * len(ws.cases.resolve().parts) + str(outside / CERTIFIED).lstrip("/"))


def _symlinked_file(ws: Workspace, tmp_path: Path) -> None:
    target = ws.root / "evidence" / "WYP-SCPO-0001" / CERTIFIED
    target.unlink()
    target.symlink_to(_outside(tmp_path) / CERTIFIED)


def _symlinked_folder(ws: Workspace, tmp_path: Path) -> None:
    folder = ws.root / "evidence" / "WYP-SCPO-0001"
    moved = tmp_path / "moved"
    shutil.move(folder, moved)
    folder.symlink_to(moved, target_is_directory=True)


def _symlink_in_case_folder(ws: Workspace, tmp_path: Path) -> None:
    (ws.cases / "order.pdf").symlink_to(_outside(tmp_path) / CERTIFIED)
    _set_first_evidence(ws, "order.pdf")


CONTAINMENT = {
    "../ out of the case folder": _climb,
    "symlinked evidence file": _symlinked_file,
    "symlinked evidence folder": _symlinked_folder,
    "symlink planted beside the case": _symlink_in_case_folder,
}


@pytest.mark.parametrize("name", list(CONTAINMENT))
def test_evidence_from_outside_is_refused_by_the_case_field(name, workspace_copy, tmp_path, capsys):  # noqa: F811
    CONTAINMENT[name](workspace_copy, tmp_path)
    before = tree(workspace_copy.root)
    result = _breach(capsys, workspace_copy)
    assert_refused(result, file=str(workspace_copy.drugs), field="evidence_files.0.file")
    assert "outside the folders evidence may come from" in result.err
    assert "sections[" not in result.err
    assert tree(workspace_copy.root) == before


def test_a_configured_evidence_root_lets_a_share_in(workspace_copy, tmp_path, capsys, monkeypatch):  # noqa: F811
    _symlinked_folder(workspace_copy, tmp_path)
    monkeypatch.setenv("DOCGEN_EVIDENCE_ROOT", str(tmp_path / "moved"))
    result = _breach(capsys, workspace_copy)
    assert result.code == 0, result.err
    assert (workspace_copy.root / "breach.pdf").is_file()


def test_a_damaged_evidence_file_is_named_by_the_case_field(workspace_copy, capsys):  # noqa: F811
    (workspace_copy.root / "evidence" / "WYP-SCPO-0001" / CERTIFIED).write_bytes(b"%PDF-1.4\nnot really\n")
    before = tree(workspace_copy.root)
    result = _breach(capsys, workspace_copy)
    assert_refused(result, file=str(workspace_copy.drugs), field="evidence_files.0.file")
    assert "damaged" in result.err and "sections[" not in result.err
    assert "EOF marker" not in result.err
    assert tree(workspace_copy.root) == before


def test_a_fifo_as_evidence_is_refused_without_waiting(workspace_copy, capsys):  # noqa: F811
    target = workspace_copy.root / "evidence" / "WYP-SCPO-0001" / CERTIFIED
    target.unlink()
    import os

    os.mkfifo(target)
    result = _breach(capsys, workspace_copy)
    assert_refused(result, file=str(workspace_copy.drugs), field="evidence_files.0.file")
    assert "not a regular file" in result.err
