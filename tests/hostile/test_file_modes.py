"""Output files get the permissions the umask allows, or 0600 when asked for."""

from __future__ import annotations

import os
import stat

import pytest

from docgen.output import PRIVATE_ENV, write_all_atomic, write_atomic


@pytest.fixture
def umask():
    def set_(mask: int) -> None:
        os.umask(mask)

    old = os.umask(0o022)
    os.umask(old)
    yield set_
    os.umask(old)


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("mask, expected", [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600), (0o002, 0o664)])
def test_new_files_follow_the_umask(mask, expected, tmp_path, umask, monkeypatch):
    monkeypatch.delenv(PRIVATE_ENV, raising=False)
    umask(mask)
    written = write_all_atomic({tmp_path / "a.docx": b"a", tmp_path / "a.pdf": b"b"})
    assert [_mode(p) for p in written] == [expected, expected]


def test_private_files_are_0600_whatever_the_umask(tmp_path, umask, monkeypatch):
    monkeypatch.setenv(PRIVATE_ENV, "1")
    umask(0o002)
    assert _mode(write_atomic(tmp_path / "a.pdf", b"x")) == 0o600
    assert _mode(write_atomic(tmp_path / "a.pdf", b"y", force=True)) == 0o600


def test_a_replaced_file_gets_the_current_mode_not_the_old_one(tmp_path, umask, monkeypatch):
    monkeypatch.delenv(PRIVATE_ENV, raising=False)
    target = tmp_path / "a.pdf"
    target.write_bytes(b"old")
    target.chmod(0o600)
    umask(0o022)
    assert _mode(write_atomic(target, b"new", force=True)) == 0o644
