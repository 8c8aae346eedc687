"""Shared fixtures: the CLI as users call it, by subprocess and through typer's runner."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hrdplan.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).parent / "fixtures"
# The small, valid test catalogue: the first of the versioning tests' versions.
MINIMAL_CATALOGUE = FIXTURES / "catalogues" / "versions" / "test-plan" / "1.0.0.yaml"
SCHEMAS = ROOT.parent / "shared" / "schemas"

# The catalogue cache of this test run, never the user's (subprocesses inherit it).
os.environ["HRDPLAN_CACHE_DIR"] = tempfile.mkdtemp(prefix="hrdplan-cache-")
# new-strategy's default period counts from today: pinned, so that tests do not depend on the
# day they run (a plan adopted in 2020 gives 2021-2025). Tests of the default set their own.
os.environ["HRDPLAN_TODAY"] = "2020-11-17"
# A day when the examples' progress years are all past and none is missing (HRD513, HRD514),
# for tests that lint them; and one for the format 2 fixtures' 2027 and 2028.
EXAMPLES_TODAY = {"HRDPLAN_TODAY": "2026-06-01"}
FORMAT2_TODAY = {"HRDPLAN_TODAY": "2029-06-01"}

# The installed console script next to the interpreter running the tests.
HRDPLAN = Path(sys.executable).with_name("hrdplan")


class Result:
    def __init__(self, code: int, stdout: str, stderr: str) -> None:
        self.code = code
        self.stdout = stdout
        self.stderr = stderr

    def __repr__(self) -> str:
        return (
            f"Result(code={self.code}, stdout={self.stdout[:500]!r}, stderr={self.stderr[:500]!r})"
        )


Run = Callable[..., Result]


@pytest.fixture
def run(tmp_path: Path) -> Run:
    """Run the installed `hrdplan` in a subprocess, by default in an empty temporary folder."""

    def _run(
        *args: str | Path,
        cwd: Path | None = None,
        stdin: str | None = None,
        env: dict[str, str] | None = None,
    ) -> Result:
        full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", **(env or {})}
        proc = subprocess.run(
            [str(HRDPLAN), *map(str, args)],
            cwd=cwd or tmp_path,
            input=stdin,
            capture_output=True,
            text=True,
            env=full_env,
            timeout=120,
        )
        assert "Traceback" not in proc.stderr, proc.stderr
        return Result(proc.returncode, proc.stdout, proc.stderr)

    return _run


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    """Invoke the typer app in-process (faster; same parsing as the console script)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    runner = CliRunner()

    def _invoke(*args: str | Path, stdin: str | None = None) -> Result:
        result = runner.invoke(app, [str(a) for a in args], input=stdin)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Result(result.exit_code, result.stdout, result.stderr)

    return _invoke
