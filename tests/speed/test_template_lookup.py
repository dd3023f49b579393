"""Finding a kind's template: the quick containment check answers as resolving does.

:func:`docgen.render._resolves_inside` resolves a path only when the name is itself a
symlink. For every shape a template's path can take it must agree with resolving both
the path and its folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.errors import DocgenError
from docgen.render import _resolves_inside, get_kind, template_dirs


def _shapes(tmp_path: Path) -> dict[str, Path]:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "target.xml.j2").write_text("x", encoding="utf-8")
    real = tmp_path / "real"
    real.mkdir()
    (real / "plain.xml.j2").write_text("x", encoding="utf-8")
    (real / "sibling.xml.j2").symlink_to(real / "plain.xml.j2")
    (real / "escapes.xml.j2").symlink_to(outside / "target.xml.j2")
    (real / "relative-escape.xml.j2").symlink_to(Path("..") / "outside" / "target.xml.j2")
    (real / "dangling.xml.j2").symlink_to(tmp_path / "nowhere.xml.j2")
    (real / "a-folder.xml.j2").mkdir()
    linked = tmp_path / "linked"
    linked.symlink_to(real, target_is_directory=True)
    return {
        "plain file": real / "plain.xml.j2",
        "symlink beside it": real / "sibling.xml.j2",
        "symlink out of the folder": real / "escapes.xml.j2",
        "relative symlink out": real / "relative-escape.xml.j2",
        "dangling symlink": real / "dangling.xml.j2",
        "missing": real / "missing.xml.j2",
        "a folder": real / "a-folder.xml.j2",
        "plain file through a symlinked folder": linked / "plain.xml.j2",
        "escape through a symlinked folder": linked / "escapes.xml.j2",
        "with a dot-dot in the folder": real / ".." / "real" / "escapes.xml.j2",
    }


def test_the_quick_check_agrees_with_resolving_for_every_shape(tmp_path: Path) -> None:
    answers = {}
    for name, path in _shapes(tmp_path).items():
        answers[name] = _resolves_inside(path)
        assert answers[name] == path.resolve().is_relative_to(path.parent.resolve()), name
    assert not answers["symlink out of the folder"] and answers["plain file"]


def test_a_force_template_symlinked_out_of_its_folder_is_still_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("{# description: x #}", encoding="utf-8")
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "own-kind.xml.j2").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(DocgenError, match="symlink"):
        get_kind("own-kind", template_dirs(folder))
