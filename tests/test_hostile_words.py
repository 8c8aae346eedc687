"""Hostile input that once ended in an internal error or in a message that said the wrong
thing: a NUL in a progress file's `strategy:`, a strategy named there that is a link loop or a
name too long, hrdplan.toml nested 5,000 or 100,000 deep or with a NUL escape, a command-line
value that is not UTF-8, a malformed code in a catalogue. Each is one line that says what is
wrong, exit 2 (or a finding, exit 1), never "internal error"."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, FIXTURES, Run

COLOMBIA = "co-2022-2026"
MINIMAL = FIXTURES / "catalogues" / "versions" / "test-plan" / "1.0.0.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The examples: strategies with their progress files."""
    shutil.copy(EXAMPLES / f"{COLOMBIA}.yaml", tmp_path)
    shutil.copytree(EXAMPLES / "progress" / COLOMBIA, tmp_path / "progress" / COLOMBIA)
    return tmp_path


def progress_naming(repo: Path, strategy: str) -> Path:
    path = repo / "progress" / COLOMBIA / "2030.yaml"
    path.write_text(
        f'kind: progress\nhrdplan: 2\nstrategy: "{strategy}"\nyear: 2030\n', encoding="utf-8"
    )
    return path


def test_a_nul_in_the_strategy_a_progress_file_names(cli: Run, repo: Path) -> None:
    progress_naming(repo, f"../../{COLOMBIA}\\0.yaml")
    result = cli("lint", "progress")
    assert "internal error" not in result.stderr, result
    assert "HRD506 `strategy:` holds a NUL character (\\x00): not a file name" in result.stdout


def test_a_strategy_named_that_is_a_link_loop(cli: Run, repo: Path) -> None:
    (repo / "loop.yaml").symlink_to("loop.yaml")
    progress_naming(repo, "../../loop.yaml")
    result = cli("lint", "progress")
    assert "the strategy file loop.yaml cannot be read: a symbolic link loop" in result.stdout


def test_a_strategy_named_with_a_name_too_long(cli: Run, repo: Path) -> None:
    progress_naming(repo, "../../" + "a" * 300 + ".yaml")
    result = cli("lint", "progress")
    assert "cannot be read: its name is too long" in result.stdout, result
    assert "not found" not in result.stdout


@pytest.mark.parametrize(
    "toml",
    [
        "x = " + "{a = " * 5000 + "1" + "}" * 5000,
        "x = " + "[" * 100_000 + "]" * 100_000,
    ],
    ids=["inline tables", "arrays"],
)
def test_a_toml_nested_deeply_is_one_line(cli: Run, repo: Path, toml: str) -> None:
    (repo / "hrdplan.toml").write_text(toml + "\n", encoding="utf-8")
    result = cli("lint", f"{COLOMBIA}.yaml")
    assert result.code == 2, result
    assert result.stderr.strip() == "error: hrdplan.toml: invalid TOML: nested too deeply", result


@pytest.mark.parametrize("key", ["catalogue-dirs", "paths", "exclude", "select"])
def test_a_toml_nul_escape_names_the_key(cli: Run, repo: Path, key: str) -> None:
    (repo / "hrdplan.toml").write_text(f'{key} = ["a\\u0000b"]\n', encoding="utf-8")
    result = cli("lint", f"{COLOMBIA}.yaml")
    assert result.code == 2, result
    assert result.stderr.strip() == (
        f"error: hrdplan.toml: {key}[0]: a NUL character (\\u0000) is not allowed"
    ), result


def test_a_value_that_is_not_utf8_is_not_blamed_on_the_file(cli: Run, repo: Path) -> None:
    file = repo / "progress" / COLOMBIA / "2024.yaml"
    before = file.read_bytes()
    result = cli("progress", "record", file, "P6.3", "caf\udcff")
    assert result.code == 2, result
    assert result.stderr.startswith("error: VALUE 'caf\\udcff' is not UTF-8 text"), result
    assert file.read_bytes() == before


def test_a_strategy_name_that_is_not_utf8_cannot_be_named(cli: Run, repo: Path) -> None:
    odd = repo / "co\udcff.yaml"
    shutil.copy(repo / f"{COLOMBIA}.yaml", odd)
    result = cli("progress", "new", odd, "--year", "2024")
    assert result.code == 2, result
    assert "the file's name is not UTF-8" in result.stderr, result
    assert not (repo / "progress" / "co\udcff").exists()


@pytest.mark.parametrize("code", ["1.1.z0", "<b>"])
def test_a_malformed_code_in_a_catalogue_names_the_pattern(
    cli: Run, tmp_path: Path, code: str
) -> None:
    folder = tmp_path / "cats" / "test-plan"
    folder.mkdir(parents=True)
    text = MINIMAL.read_text(encoding="utf-8")
    first = "code: 1.1.a"
    assert first in text
    (folder / "1.0.0.yaml").write_text(text.replace(first, f'code: "{code}"', 1), "utf-8")
    result = cli("catalogue", "list", "--catalogue", "test-plan", "--catalogue-dir", "cats")
    assert result.code == 2, result
    assert "must match the pattern ^[1-9]\\.[1-9]\\d*\\.[a-z]$" in result.stderr, result
    assert "expected text" not in result.stderr
