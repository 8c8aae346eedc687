"""The console script skips Python's teardown for speed: everything must still be delivered,
with the right exit code, and a reader that goes away early is not an error."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLES, HRDPLAN, Run

# The console script itself: its final flush, its exit without Python's teardown.
pytestmark = pytest.mark.process


def test_large_output_reaches_the_reader_whole(run: Run) -> None:
    result = run("catalogue", "list", "--format", "json")
    assert result.code == 0
    assert len(result.stdout) > 50_000
    assert len(json.loads(result.stdout)) > 0  # complete JSON, not cut off at a buffer


def test_files_written_before_exit_are_complete(run: Run, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("hrdplan: 1\n", encoding="utf-8")
    result = run("lint", broken.name, str(EXAMPLES), "--format", "sarif", "--output", "out.sarif")
    assert result.code == 1
    log = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    assert log["runs"][0]["results"]


def test_a_reader_that_stops_early_is_not_an_error(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [str(HRDPLAN), "catalogue", "list", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(10)
    proc.stdout.close()
    assert proc.wait(timeout=30) == 0
    assert proc.stderr.read() == b""
