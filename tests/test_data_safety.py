"""Nothing a user wrote is ever lost: writes are atomic, an interrupted or failed write leaves
the original as it was, and a file is only replaced when asked."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import Run

from hrdplan.io import files
from hrdplan.io.errors import InputError

ORIGINAL = b"# weeks of work\r\ncountry: KE\r\ncontext: \xe2\x80\x94 keep me\n"


@pytest.fixture
def original(tmp_path: Path) -> Path:
    path = tmp_path / "ke-2021-2025.yaml"
    path.write_bytes(ORIGINAL)
    path.chmod(0o640)
    return path


def test_a_failing_rename_leaves_the_original_and_no_temporary_file(
    original: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(self: Path, target: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", fail)
    with pytest.raises(InputError) as caught:
        files.atomic_write(original, "country: TZ\n", overwrite=True)
    assert "cannot write: No space left on device" in str(caught.value)
    assert original.read_bytes() == ORIGINAL
    assert sorted(p.name for p in original.parent.iterdir()) == [original.name]


def test_a_failing_write_leaves_the_original(
    original: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(InputError):
        files.atomic_write(original, "country: TZ\n", overwrite=True)
    assert original.read_bytes() == ORIGINAL
    assert sorted(p.name for p in original.parent.iterdir()) == [original.name]


@pytest.mark.process
def test_a_process_killed_while_writing_leaves_the_original(original: Path) -> None:
    # The writer stalls after writing the temporary file and before the rename, is killed
    # there with SIGKILL (no clean-up can run), and the original must still be whole.
    script = (
        "import os, sys, time\n"
        "from pathlib import Path\n"
        "from hrdplan.io import files\n"
        "os.fsync = lambda fd: (print('writing', flush=True), time.sleep(60))\n"
        "files.atomic_write(Path(sys.argv[1]), 'country: TZ\\n' * 100000, overwrite=True)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(original)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline() == "writing\n"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert original.read_bytes() == ORIGINAL


def test_a_replaced_file_keeps_its_permissions(original: Path) -> None:
    files.atomic_write(original, "country: TZ\n", overwrite=True)
    assert original.read_text(encoding="utf-8") == "country: TZ\n"
    assert original.stat().st_mode & 0o777 == 0o640


def test_a_new_file_gets_the_umask_mode_not_0600(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        files.atomic_write(tmp_path / "new.yaml", "a: 1\n")
    finally:
        os.umask(old)
    assert (tmp_path / "new.yaml").stat().st_mode & 0o777 == 0o644


def test_a_symbolic_link_stays_a_link(original: Path) -> None:
    link = original.with_name("current.yaml")
    link.symlink_to(original.name)
    files.atomic_write(link, "country: TZ\n", overwrite=True)
    assert link.is_symlink()
    assert original.read_text(encoding="utf-8") == "country: TZ\n"


def test_a_dangling_link_is_not_written_through_without_force(tmp_path: Path) -> None:
    link = tmp_path / "ke-2021-2025.yaml"
    link.symlink_to(tmp_path / "elsewhere.yaml")
    with pytest.raises(InputError, match="already exists"):
        files.atomic_write(link, "country: TZ\n")
    assert not (tmp_path / "elsewhere.yaml").exists()


def test_new_strategy_never_replaces_a_file_without_force(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "strategies" / "ke-2021-2025.yaml"
    assert run("new-strategy", "Kenya", "--priority", "1.1.c").code == 0
    target.write_bytes(ORIGINAL)
    before = target.stat().st_mtime_ns
    time.sleep(0.01)
    result = run("new-strategy", "Kenya", "--priority", "1.1.c")
    assert result.code == 2
    assert result.stderr.strip() == (
        "strategies/ke-2021-2025.yaml: error: already exists; use --force to overwrite it"
    )
    assert target.read_bytes() == ORIGINAL and target.stat().st_mtime_ns == before
    assert run("new-strategy", "Kenya", "--priority", "1.1.c", "--force").code == 0
    assert target.read_bytes() != ORIGINAL


def test_init_never_replaces_anything(run: Run, tmp_path: Path) -> None:
    (tmp_path / "hrdplan.toml").write_bytes(ORIGINAL)
    result = run("init")
    assert (tmp_path / "hrdplan.toml").read_bytes() == ORIGINAL
    assert "hrdplan.toml" in result.stdout + result.stderr
