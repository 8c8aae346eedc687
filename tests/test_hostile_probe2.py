"""A second round of hostile inputs: variations on outputs over inputs, dates and numbers from
the environment and the command line. Each case once failed; each is one line and exit 2 (or
the value taken), never a traceback and never a user's file replaced."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from conftest import FIXTURES, MINIMAL_CATALOGUE, Run

STRATEGY = Path("strategies") / "ke-2027-2031.yaml"
PROGRESS = Path("progress") / "ke-2027-2031" / "2028.yaml"
CONFIG = "# the repository's configuration\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The progress fixture as the current folder, with an hrdplan.toml."""
    shutil.copytree(FIXTURES / "progress", tmp_path, dirs_exist_ok=True)
    (tmp_path / "hrdplan.toml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("args", "victim"),
    [
        # The configuration lint read, not one of the files it lints.
        (("lint", str(STRATEGY), "--output", "hrdplan.toml"), "hrdplan.toml"),
        # The strategy a progress file names, read to lint it.
        (("lint", str(PROGRESS), "--output", str(STRATEGY)), str(STRATEGY)),
        # A progress file the portfolio reads beside its strategy.
        (("report", "strategies", "--format", "md", "--out", str(PROGRESS)), str(PROGRESS)),
        (("report", "strategies", "--format", "md", "--out", "hrdplan.toml"), "hrdplan.toml"),
    ],
    ids=["lint-config", "lint-progress-strategy", "report-progress", "report-config"],
)
def test_no_output_replaces_a_file_read_even_with_force(
    cli: Run, repo: Path, args: tuple[str, ...], victim: str
) -> None:
    before = (repo / victim).read_bytes()
    result = cli(*args, "--force")
    assert result.code == 2, result
    (line,) = result.stderr.splitlines()
    assert line == f"{victim}: error: is one of the files being read; write the output elsewhere"
    assert (repo / victim).read_bytes() == before


@pytest.mark.parametrize("today", ["9999-12-31", "2196-05-01"])
def test_a_today_whose_default_period_no_strategy_can_have_is_one_line(
    cli: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, today: str
) -> None:
    monkeypatch.setenv("HRDPLAN_TODAY", today)
    result = cli("new-strategy", "Kenya", "--priority", "1.1.c")
    assert result.code == 2, result
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: HRDPLAN_TODAY="), line
    assert "2200" in line and "--period" in line, line
    assert not (tmp_path / "strategies").exists() or not any((tmp_path / "strategies").iterdir())


def test_a_bad_today_is_escaped_once(cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HRDPLAN_TODAY", "\x1b[31m")
    result = cli("new-strategy", "Kenya", "--priority", "1.1.c")
    assert result.code == 2
    assert result.stderr == "error: HRDPLAN_TODAY='\\x1b[31m': not a date such as 2026-01-31\n"


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("1e3", "1000.0"),
        ("1.5E+2", "150.0"),
        ("-2.5e-1", "-0.25"),
        ("1e308", "1.0e+308"),
        ("0.00001", "1.0e-05"),
    ],
)
def test_a_number_with_an_exponent_is_recorded(
    cli: Run, repo: Path, typed: str, written: str
) -> None:
    result = cli("progress", "record", str(PROGRESS), "P1.1", "--", typed)
    assert result.code == 0, result
    assert f"actual: {written}" in (repo / PROGRESS).read_text(encoding="utf-8")


def test_an_exponent_beyond_a_float_is_said_to_be_too_large(cli: Run, repo: Path) -> None:
    before = (repo / PROGRESS).read_bytes()
    result = cli("progress", "record", str(PROGRESS), "P1.1", "1e309")
    assert result.code == 2
    (line,) = result.stderr.splitlines()
    assert "larger than a number can be here" in line, line
    assert (repo / PROGRESS).read_bytes() == before


LONG = "\x1b[31m" + "z" * 3_000


@pytest.mark.parametrize(
    "args",
    [
        ("catalogue", "list", "--catalogue", f"eu-hrd-2020-2024@{LONG}"),
        ("catalogue", "instruments", LONG),
        ("catalogue", "list", "--tag", LONG),
        ("catalogue", "gender", LONG),
        ("catalogue", "show", f"1.1.{LONG}"),
        ("catalogue", "search", LONG),
        ("rule", LONG),
        ("lint", "--format", LONG),
        ("lint", "--color", LONG),
        ("lint", "--select", LONG),
        ("render", "x.yaml", "--format", LONG),
        ("catalogue", "show", "1", LONG),
    ],
    ids=lambda a: " ".join(a)[:30],
)
def test_a_long_value_typed_is_quoted_short_and_escaped_once(
    cli: Run, args: tuple[str, ...]
) -> None:
    result = cli(*args)
    assert result.code in (0, 2), result
    (line,) = result.stderr.splitlines()
    assert len(line) < 250, line
    assert "\\x1b" in line and "\\\\x1b" not in line and "\x1b" not in line, line
    assert "z" * 41 not in line, line


def test_a_long_max_file_size_is_quoted_short(cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HRDPLAN_MAX_FILE_SIZE", LONG)
    result = cli("lint", "x.yaml")
    assert result.code == 2
    (line,) = result.stderr.splitlines()
    assert len(line) < 250 and "\x1b" not in line, line


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_force_never_replaces_what_is_not_a_regular_file(
    cli: Run, tmp_path: Path, kind: str
) -> None:
    target = tmp_path / "target"
    if kind == "folder":
        target.mkdir()
    else:
        os.mkfifo(target)
    result = cli("schema", "--output", "target", "--force")
    assert result.code == 2, result
    (line,) = result.stderr.splitlines()
    assert line.startswith("target: error: is ") and "not a regular file" in line, line
    assert target.is_dir() if kind == "folder" else stat.S_ISFIFO(target.lstat().st_mode)


@pytest.mark.parametrize("value", [-0.0, -0.004, -1e-300])
@pytest.mark.parametrize("kind", ["number", "percent"])
def test_a_negative_zero_is_shown_as_zero(value: float, kind: str) -> None:
    from hrdplan.strategy.measures import shown

    assert shown(value, kind) == ("0%" if kind == "percent" else "0")


@pytest.mark.parametrize("body", ["{% raw %}", "{# a comment not closed", "{{ x"])
def test_a_template_syntax_error_names_the_template_file(cli: Run, repo: Path, body: str) -> None:
    (repo / "tpl").mkdir()
    (repo / "tpl" / "strategy.md.j2").write_text(body + "\n", encoding="utf-8")
    result = cli("render", str(STRATEGY), "--template-dir", "tpl", "--format", "md")
    assert result.code == 2, result
    (line,) = result.stderr.splitlines()
    assert line.startswith("tpl/strategy.md.j2:1: error: "), line


def test_no_output_replaces_the_catalogue_read_even_from_the_cache(cli: Run, repo: Path) -> None:
    folder = repo / "cats" / "test-plan"
    folder.mkdir(parents=True)
    shutil.copy(MINIMAL_CATALOGUE, folder / "1.0.0.yaml")
    strategy = repo / STRATEGY
    text = strategy.read_text(encoding="utf-8")
    strategy.write_text(
        text.replace("catalogue: eu-hrd-2020-2024@1.2.0", "catalogue: test-plan@1.0.0"),
        encoding="utf-8",
    )
    before = (folder / "1.0.0.yaml").read_bytes()
    for _ in range(2):  # the second run finds the catalogue in the cache
        args = ("lint", str(STRATEGY), "--catalogue-dir", "cats")
        result = cli(*args, "--output", "cats/test-plan/1.0.0.yaml", "--force")
        assert result.code == 2, result
        assert "is one of the files being read" in result.stderr
    assert (folder / "1.0.0.yaml").read_bytes() == before
