"""Organisations' own catalogues: `catalogue-dirs` in hrdplan.toml and `--catalogue-dir` work
with every command, and a malformed catalogue exits 2 naming its file, line and column."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, Run

VERSIONS = FIXTURES / "catalogues" / "versions"

STRATEGY = """\
hrdplan: 1
catalogue: test-plan@1.0.0
country: KE
title: EU Human Rights and Democracy Country Strategy for Kenya 2021-2025
period: {start: 2021, end: 2025}
status: draft
classification: restricted
delegation: EU Delegation to Kenya
priorities:
  - id: P1
    objective: 1.1.b
    title: Children's rights
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A strategy repository whose hrdplan.toml adds its own catalogue folder."""
    shutil.copytree(VERSIONS, tmp_path / "own-catalogues")
    (tmp_path / "hrdplan.toml").write_text('catalogue-dirs = ["own-catalogues"]\n', "utf-8")
    (tmp_path / "strategies").mkdir()
    (tmp_path / "strategies" / "ke-2021-2025.yaml").write_text(STRATEGY, encoding="utf-8")
    return tmp_path


def test_new_strategy_uses_the_configured_catalogue(
    cli: Run, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sub = repo / "strategies" / "sub"
    sub.mkdir()
    # The configuration is found from the current folder upwards, as lint finds it.
    monkeypatch.chdir(sub)
    result = cli(
        "new-strategy",
        "Ghana",
        "--catalogue",
        "test-plan",
        "--priority",
        "1.3.b",
        "--dir",
        ".",
    )
    assert result.code == 0, result
    text = (sub / "gh-2021-2025.yaml").read_text(encoding="utf-8")
    assert "catalogue: test-plan@3.0.0" in text
    assert "objective: 1.3.b" in text


def test_new_strategy_with_the_option(cli: Run, tmp_path: Path) -> None:
    result = cli("new-strategy", "Ghana", "--catalogue", "test-plan", "--catalogue-dir", VERSIONS)
    assert result.code == 0, result
    assert "catalogue: test-plan@3.0.0" in (
        tmp_path / "strategies" / "gh-2021-2025.yaml"
    ).read_text(encoding="utf-8")
    assert cli("new-strategy", "Ghana", "--catalogue", "test-plan", "--force").code == 2


def test_lint_uses_the_configured_catalogue(cli: Run, repo: Path) -> None:
    result = cli("lint", "--select", "HRD0,HRD1")
    assert result.code == 0, result
    assert "HRD005" not in result.stdout
    assert "HRD007 test-plan@3.0.0 is the newest version of this catalogue" in result.stdout
    (repo / "hrdplan.toml").write_text("", encoding="utf-8")
    without = cli("lint", "--select", "HRD0,HRD1")
    assert without.code == 1 and "HRD005 no catalogue 'test-plan'" in without.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("catalogue", "list", "--catalogue", "test-plan@1.0.0"), "Work towards the abolition"),
        (("catalogue", "show", "1.3", "--catalogue", "test-plan"), "Children"),
        (("catalogue", "search", "elections", "--catalogue", "test-plan@1.1.0"), "1.2.b"),
        (("catalogue", "versions"), "test-plan@3.0.0"),
        (("catalogue", "diff", "test-plan@1.0.0", "test-plan@2.0.0"), "renamed   1.1.b -> 1.3.a"),
    ],
    ids=["list", "show", "search", "versions", "diff"],
)
def test_catalogue_commands_use_the_configured_catalogue(
    cli: Run, repo: Path, args: tuple[str, ...], expected: str
) -> None:
    result = cli(*args)
    assert result.code == 0, result
    assert expected in result.stdout


def test_migrate_uses_the_configured_catalogue(cli: Run, repo: Path) -> None:
    result = cli("migrate", "strategies")
    assert result.code == 0, result
    text = (repo / "strategies" / "ke-2021-2025.yaml").read_text(encoding="utf-8")
    assert "catalogue: test-plan@3.0.0" in text and "objective: 1.3.b" in text


def test_missing_configured_folder_exits_2(cli: Run, repo: Path) -> None:
    (repo / "hrdplan.toml").write_text('catalogue-dirs = ["nowhere"]\n', "utf-8")
    for args in (("catalogue", "versions"), ("lint",), ("migrate", "strategies")):
        result = cli(*args)
        assert result.code == 2, (args, result)
        assert result.stderr.startswith("nowhere: error: catalogue folder does not exist"), result


# -- a malformed catalogue ----------------------------------------------------------------------


@pytest.fixture
def broken(repo: Path) -> tuple[int, int]:
    """test-plan@1.0.0 with an objective code repeated; the line and column where the section
    holding the repeat starts (where the models report it)."""
    path = repo / "own-catalogues" / "test-plan" / "1.0.0.yaml"
    text = path.read_text(encoding="utf-8").replace("- code: 1.1.b", "- code: 1.1.a")
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    line = next(n for n, t in enumerate(lines, 1) if t.strip() == "- code: '1.1'")
    return line, lines[line - 1].index("code") + 1


@pytest.mark.parametrize(
    "args",
    [
        ("new-strategy", "Ghana", "--catalogue", "test-plan@1.0.0"),
        ("lint", "strategies"),
        ("catalogue", "list", "--catalogue", "test-plan@1.0.0"),
        ("catalogue", "versions"),
        ("catalogue", "diff", "test-plan@1.0.0", "test-plan@1.1.0"),
        ("migrate", "strategies"),
    ],
    ids=["new-strategy", "lint", "list", "versions", "diff", "migrate"],
)
def test_malformed_catalogue_exits_2_with_file_line_and_column(
    request: pytest.FixtureRequest, repo: Path, broken: tuple[int, int], args: tuple[str, ...]
) -> None:
    # In-process for speed; lint also as users call it, by the installed script.
    run: Run = request.getfixturevalue("run" if args[0] == "lint" else "cli")
    if args[0] == "new-strategy":
        # new-strategy uses the newest version; make the broken one the newest.
        for later in ("1.1.0", "2.0.0", "3.0.0"):
            (repo / "own-catalogues" / "test-plan" / f"{later}.yaml").unlink()
    before = (repo / "strategies" / "ke-2021-2025.yaml").read_bytes()
    result = run(*args)
    assert result.code == 2, result
    assert result.stdout == ""
    line, column = broken
    assert result.stderr == (
        f"own-catalogues/test-plan/1.0.0.yaml:{line}:{column}: error: lines[0].sections[0]: "
        "duplicate objective code 1.1.a\n"
    )
    assert (repo / "strategies" / "ke-2021-2025.yaml").read_bytes() == before
