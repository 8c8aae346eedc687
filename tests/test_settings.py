"""One settings object per run: every command that reads the configuration reads it once and
checks it the same way, rule codes included."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, Run

from hrdplan.io import config
from hrdplan.io.errors import HrdplanError
from hrdplan.settings import Selection, build

GHANA = EXAMPLES / "gh-2021-2025.yaml"

# Every command that reads the configuration, with arguments that would otherwise succeed.
COMMANDS = [
    ("lint", "s.yaml"),
    ("render", "s.yaml", "--out", "out"),
    ("report", "s.yaml", "--out", "report.html"),
    ("migrate", "s.yaml", "--dry-run"),
    ("new-strategy", "Kenya", "--priority", "1.1.c", "--dir", "new"),
    ("catalogue", "list"),
    ("catalogue", "show", "1.1.a"),
    ("catalogue", "search", "torture"),
    ("catalogue", "versions"),
    ("catalogue", "diff", "1.0.0", "1.1.0"),
]
IDS = [" ".join(c[:2]) for c in COMMANDS]


@pytest.fixture
def strategy(tmp_path: Path) -> Path:
    return Path(shutil.copy(GHANA, tmp_path / "s.yaml"))


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ('ignore = ["HRD999"]\n', "ignore"),
        ('select = ["XYZ"]\n', "select"),
        ('[per-file-ignores]\n"*.yaml" = ["HRD99"]\n', "per-file-ignores.'*.yaml'"),
    ],
)
@pytest.mark.parametrize("command", COMMANDS, ids=IDS)
def test_an_unknown_rule_code_exits_2_naming_the_key_for_every_command(
    cli: Run, tmp_path: Path, strategy: Path, command: tuple[str, ...], toml: str, key: str
) -> None:
    (tmp_path / "hrdplan.toml").write_text(toml, encoding="utf-8")
    result = cli(*command)
    assert result.code == 2, result
    assert result.stderr.startswith(f"error: hrdplan.toml: {key}: unknown rule code"), result
    assert not (tmp_path / "out").exists() and not (tmp_path / "new").exists()


@pytest.mark.parametrize("command", COMMANDS, ids=IDS)
def test_the_configuration_is_read_once_per_run(
    cli: Run,
    tmp_path: Path,
    strategy: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: tuple[str, ...],
) -> None:
    (tmp_path / "hrdplan.toml").write_text('ignore = ["HRD404"]\n', encoding="utf-8")
    reads: list[Path] = []
    read = config._read

    def counting(path: Path) -> str:
        reads.append(path)
        return read(path)

    monkeypatch.setattr(config, "_read", counting)
    result = cli(*command)
    assert result.code == 0, result
    assert [p.name for p in reads] == ["hrdplan.toml"]


def test_command_line_options_combine_with_the_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "hrdplan.toml").write_text(
        'select = ["HRD4"]\nignore = ["HRD401"]\n[per-file-ignores]\n"old/*" = ["hrd2"]\n',
        encoding="utf-8",
    )
    settings = build()
    assert settings.selection == Selection(
        select=("HRD4",), ignore=("HRD401",), per_file_ignores=(("old/*", ("HRD2",)),)
    )
    assert settings.found.path == tmp_path / "hrdplan.toml"
    # --select replaces the configuration's select; --ignore adds to its ignore.
    settings = build(select="hrd2,HRD302", ignore="HRD404")
    assert settings.selection.select == ("HRD2", "HRD302")
    assert settings.selection.ignore == ("HRD401", "HRD404")
    with pytest.raises(HrdplanError, match=r"--ignore: unknown rule code 'HRD9'"):
        build(ignore="HRD9")
    with pytest.raises(HrdplanError, match=r"nowhere\.toml: config file not found"):
        build(config=tmp_path / "nowhere.toml")


def test_the_size_limit_is_one_usage_error_for_the_whole_run(run: Run, strategy: Path) -> None:
    shutil.copy(strategy, strategy.with_name("t.yaml"))
    result = run("render", "s.yaml", "t.yaml", env={"HRDPLAN_MAX_FILE_SIZE": "lots"})
    assert result.code == 2
    assert result.stderr.splitlines() == [
        "error: HRDPLAN_MAX_FILE_SIZE must be a size such as 5000000, 800KB or 20MB, not 'lots'"
    ]
