"""Shared fixtures: the CLI as users call it, through typer's runner or as a process."""

from __future__ import annotations

import contextlib
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
# HRDPLAN_TEST_PROCESSES=1 runs every `run` as a process, to compare with the in-process runs.
EVERY_RUN_A_PROCESS = os.environ.get("HRDPLAN_TEST_PROCESSES") == "1"


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


def run_process(
    *args: str | Path,
    cwd: Path,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
) -> Result:
    """The installed `hrdplan` in a subprocess, as users start it."""
    full_env = {**os.environ, **(env or {})}
    proc = subprocess.run(
        [str(HRDPLAN), *map(str, args)],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return Result(proc.returncode, proc.stdout, proc.stderr)


def run_in_process(
    *args: str | Path,
    cwd: Path,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
) -> Result:
    """The same command through typer's runner in this process: the same parsing, error
    boundary, exit codes and separate stdout and stderr, without a start-up per command.
    What a command changes of the process (environment, folder, umask) is put back after it."""
    umask = os.umask(0o022)
    os.umask(umask)
    environ = dict(os.environ)
    with contextlib.chdir(cwd):
        try:
            result = CliRunner().invoke(
                app,
                [str(a) for a in args],
                input=stdin,
                env=env,
                prog_name="hrdplan",
            )
        finally:
            os.umask(umask)
            os.environ.clear()
            os.environ.update(environ)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        # What the process would end with in a traceback: the test fails on it.
        raise result.exception
    assert "Traceback" not in result.stderr, result.stderr
    return Result(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def run(request: pytest.FixtureRequest, tmp_path: Path) -> Run:
    """Run `hrdplan`, by default in an empty temporary folder: in this process, or as the
    installed console script in a subprocess for a test marked `process` (the entry point,
    the real process's exit, signals, pipes, its imports or environment)."""
    as_process = EVERY_RUN_A_PROCESS or request.node.get_closest_marker("process") is not None
    start = run_process if as_process else run_in_process

    def _run(
        *args: str | Path,
        cwd: Path | None = None,
        stdin: str | None = None,
        env: dict[str, str] | None = None,
    ) -> Result:
        full_env = {"NO_COLOR": "1", "COLUMNS": "120", **(env or {})}
        return start(*args, cwd=cwd or tmp_path, stdin=stdin, env=full_env)

    return _run


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    """The typer app in this process, whatever the test's markers: for tests that patch the
    code the command runs (the test itself then runs in the temporary folder too)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")

    def _invoke(*args: str | Path, stdin: str | None = None) -> Result:
        return run_in_process(*args, cwd=Path.cwd(), stdin=stdin)  # the test may move

    return _invoke
