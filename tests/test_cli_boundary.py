"""The CLI boundary, for every command: a reader that goes away, errors that are the user's to
fix against bugs, `--help` as users read it, and a folder with nothing to lint."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
from conftest import EXAMPLES, HRDPLAN, Run

from hrdplan.catalogue.registry import Registry
from hrdplan.cli import COMMANDS, app
from hrdplan.io.errors import HrdplanError
from hrdplan.strategy import countries

GHANA = EXAMPLES / "gh-2021-2025.yaml"


def closed_pipe(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """Run hrdplan with stdout a pipe whose reader has already gone (`| head -0`)."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run(
            [str(HRDPLAN), *map(str, args)],
            stdout=write,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env={**os.environ, "NO_COLOR": "1", "COLUMNS": "120"},
            timeout=120,
            check=False,
        )
    finally:
        os.close(write)


# -- a reader that goes away ----------------------------------------------------------------------


@pytest.mark.process
@pytest.mark.parametrize(
    "args",
    [
        ("rule",),
        ("rule", "HRD105"),
        ("lint", str(EXAMPLES)),
        ("lint", str(EXAMPLES), "--format", "json"),
        ("schema",),
        ("catalogue", "list"),
        ("catalogue", "list", "--format", "json"),
        ("catalogue", "show", "1"),
        ("catalogue", "show", "1.1.c"),
        ("catalogue", "search", "death penalty"),
        ("catalogue", "instruments"),
        ("catalogue", "versions"),
        ("catalogue", "diff", "1.0.0", "1.1.0"),
        ("report", str(EXAMPLES), "--format", "md"),
        ("--version",),
        ("--help",),
        ("lint", "--help"),
        ("catalogue", "--help"),
    ],
    ids=lambda args: " ".join(a if "/" not in a else Path(a).name for a in args),
)
def test_a_closed_pipe_ends_quietly_with_exit_0(args: tuple[str, ...], tmp_path: Path) -> None:
    proc = closed_pipe(*args, cwd=tmp_path)
    assert proc.stderr == b""
    assert proc.returncode == 0


@pytest.mark.process
def test_a_closed_pipe_wins_over_findings(tmp_path: Path) -> None:
    # As ruff and ripgrep do: the reader stopped reading, so nothing is reported as failed.
    (tmp_path / "broken.yaml").write_text("hrdplan: 1\n", encoding="utf-8")
    proc = closed_pipe("lint", "broken.yaml", cwd=tmp_path)
    assert proc.stderr == b""
    assert proc.returncode == 0


@pytest.mark.process
def test_an_error_still_reaches_stderr_when_stdout_is_closed(tmp_path: Path) -> None:
    proc = closed_pipe("catalogue", "show", "9.9.z", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.decode().startswith("error: unknown code '9.9.z'")


# -- the user's mistakes against bugs -------------------------------------------------------------


def test_unknown_names_are_the_users_to_fix() -> None:
    with pytest.raises(HrdplanError, match="no catalogue 'nope'"):
        Registry().load("nope")
    with pytest.raises(HrdplanError, match=r"has no version '9\.9\.9'"):
        Registry().load("eu-hrd-2020-2024@9.9.9")
    with pytest.raises(HrdplanError, match="Narnia"):
        countries.resolve("Narnia")


def test_a_key_error_in_our_code_is_an_internal_error(
    cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hrdplan.lint import explain

    def broken() -> str:
        missing: dict[str, str] = {}
        return missing["HRD999"]

    monkeypatch.setattr(explain, "table", broken)
    result = cli("rule")
    assert result.code == 2
    assert "internal error (KeyError)" in result.stderr
    assert "HRDPLAN_DEBUG=1" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("catalogue", "show", "1.1.z"), "error: unknown code '1.1.z'"),
        (("catalogue", "list", "--catalogue", "nope"), "error: no catalogue 'nope'"),
        (("catalogue", "instruments", "--catalogue", "eu-hrd-2020-2024@9.9.9"), "error: catalogue"),
        (("new-strategy", "Narnia"), "error: "),
        (("new-strategy", "Kenya", "--catalogue", "nope"), "error: no catalogue 'nope'"),
    ],
)
def test_unknown_names_are_one_line_and_exit_2(
    run: Run, args: tuple[str, ...], message: str
) -> None:
    result = run(*args)
    assert result.code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(message)
    assert "internal error" not in result.stderr


# -- --help ---------------------------------------------------------------------------------------


def every_command_line() -> list[tuple[str, ...]]:
    root: Any = typer.main.get_command(app)
    ctx: Any = root.make_context("hrdplan", ["--help"], resilient_parsing=True)
    lines: list[tuple[str, ...]] = [()]
    for name in COMMANDS:
        command: Any = root.get_command(ctx, name)
        lines.append((name,))
        lines += [(name, sub) for sub in getattr(command, "commands", {})]
    return lines


PYTHON_METAVAR = re.compile(r"<(bool|str|int|path|list|float)\b|list\[|\{[a-z_]+\}|<[a-z_|\[\]]+>")


@pytest.mark.parametrize("words", every_command_line(), ids=lambda w: " ".join(w) or "hrdplan")
def test_help_reads_like_a_unix_tool(cli: Run, words: tuple[str, ...]) -> None:
    result = cli(*words, "--help")
    assert result.code == 0, result
    found = PYTHON_METAVAR.findall(result.stdout)
    assert not found, (found, result.stdout)
    # A flag takes no value: nothing between the flag and its help text.
    for flag in ("--help", "--force", "--strict", "--quiet", "--public", "--dry-run"):
        row = next((line for line in result.stdout.splitlines() if f"{flag} " in line), None)
        if row is not None:
            after = row.split(flag, 1)[1].split()
            assert after[0] in ("-h", "-q") or after[0][0].isupper(), row


def test_every_catalogue_subcommand_is_checked() -> None:
    assert {"list", "show", "search", "instruments", "versions", "diff"} <= {
        w[1] for w in every_command_line() if len(w) == 2
    }


@pytest.mark.parametrize(
    ("words", "usage"),
    [
        (("new-strategy",), "Usage: hrdplan new-strategy [OPTIONS] COUNTRY"),
        (("init",), "Usage: hrdplan init [OPTIONS] [DIR]"),
        (("lint",), "Usage: hrdplan lint [OPTIONS] [PATH]..."),
        (("rule",), "Usage: hrdplan rule [OPTIONS] [CODE]"),
        (("render",), "Usage: hrdplan render [OPTIONS] [PATH]..."),
        (("migrate",), "Usage: hrdplan migrate [OPTIONS] PATH..."),
        (("catalogue", "show"), "Usage: hrdplan catalogue show [OPTIONS] CODE"),
        (("catalogue", "instruments"), "Usage: hrdplan catalogue instruments [OPTIONS] [ID]..."),
        (("catalogue", "diff"), "Usage: hrdplan catalogue diff [OPTIONS] A B"),
    ],
)
def test_usage_lines(run: Run, words: tuple[str, ...], usage: str) -> None:
    result = run(*words, "--help")
    assert usage in result.stdout


def test_option_metavars(run: Run) -> None:
    lint = run("lint", "--help").stdout
    for option, metavar in [
        ("--format", "FORMAT"),
        ("--output", "FILE"),
        ("--select", "CODES"),
        ("--config", "FILE"),
        ("--catalogue-dir", "DIR"),
    ]:
        assert re.search(rf"{option}\s+(-\w\s+)?{metavar}\s", lint), (option, lint)
    render = run("render", "--help").stdout
    assert re.search(r"--format\s+FORMAT\s", render)
    assert re.search(r"--lang\s+LANG\s", render)


def test_a_missing_argument_names_its_metavar(run: Run) -> None:
    result = run("catalogue", "show")
    assert result.code == 2
    assert "CODE" in result.stderr


# -- nothing to lint ------------------------------------------------------------------------------


def test_lint_of_a_folder_without_strategies_warns(run: Run, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("no strategy here\n", encoding="utf-8")
    result = run("lint", ".")
    assert result.code == 0
    assert result.stderr.strip() == ("warning: no strategy files (*.yaml, *.yml) found in .")


def test_lint_names_every_path_searched(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    result = run("lint", "a", "b", "--format", "json")
    assert result.code == 0
    assert result.stdout.strip() == "[]"  # the report stays valid for machines
    assert "found in a, b" in result.stderr


def test_lint_of_the_default_folder_when_empty_warns(run: Run, tmp_path: Path) -> None:
    (tmp_path / "strategies").mkdir()
    result = run("lint")
    assert result.code == 0
    assert "found in strategies" in result.stderr


def test_lint_with_files_does_not_warn(run: Run) -> None:
    result = run("lint", str(GHANA))
    assert result.code == 0
    assert "warning: no strategy files" not in result.stderr


# -- start-up -------------------------------------------------------------------------------------


@pytest.mark.process
def test_command_modules_load_nothing_heavy_for_completion() -> None:
    # Completion callbacks are declared on the options; what they use loads only at a Tab.
    code = (
        "import sys\n"
        "import hrdplan.cli.lint_cmd, hrdplan.cli.catalogue_cmd, hrdplan.cli.scaffold_cmd\n"
        "import hrdplan.cli.render_cmd, hrdplan.cli.migrate_cmd, hrdplan.cli.schema_cmd\n"
        "heavy = ('pydantic', 'hrdplan.catalogue.registry', 'hrdplan.lint.rules', 'rich.console')\n"
        "print([m for m in heavy if m in sys.modules])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
