"""Atomic writes give a file the permissions it had, or those a new file gets (not mkstemp's
private 0600): `migrate` rewrites strategies in place, `new-strategy` creates them."""

from __future__ import annotations

import os
from pathlib import Path

from hrdplan.files import atomic_write


def test_a_new_file_gets_the_umask_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "new.yaml", "a: 1\n")
    finally:
        os.umask(old)
    assert (tmp_path / "new.yaml").stat().st_mode & 0o777 == 0o644


def test_an_overwritten_file_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    path.chmod(0o664)
    atomic_write(path, "a: 2\n", overwrite=True)
    assert path.read_text(encoding="utf-8") == "a: 2\n"
    assert path.stat().st_mode & 0o777 == 0o664
