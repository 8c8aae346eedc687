"""The pre-commit hook and `lint --force-exclude`: a repository holds other YAML (CI, catalogues,
site config) that the hook is handed and must leave alone."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import HRDPLAN, ROOT, Run

MKDOCS = "site_name: Strategies\nnav:\n  - Home: index.md\n"
BROKEN = "hrdplan: 1\ncountry: [not, a, strategy\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(run: Run, tmp_path: Path) -> Path:
    """An `init`ed repository with a strategy and the YAML a real one also holds."""
    assert run("init").code == 0
    assert run("new-strategy", "Kenya", "--priority", "1.1.c", "--priority", "2.2.a").code == 0
    _write(tmp_path / "mkdocs.yml", MKDOCS)
    _write(tmp_path / "catalogues" / "my-plan" / "1.0.0.yaml", "id: my-plan\n")
    _write(tmp_path / "strategies" / "archive" / "old.yaml", BROKEN)
    with (tmp_path / "hrdplan.toml").open("a", encoding="utf-8") as config:
        config.write('exclude = ["strategies/archive"]\n')
    return tmp_path


OTHER_YAML = [
    ".gitlab-ci.yml",
    ".github/workflows/hrdplan.yml",
    ".pre-commit-config.yaml",
    "mkdocs.yml",
    "catalogues/my-plan/1.0.0.yaml",
    "strategies/archive/old.yaml",
]


def test_force_exclude_skips_named_files_outside_paths_or_excluded(run: Run, repo: Path) -> None:
    strategy = "strategies/ke-2021-2025.yaml"
    result = run("lint", "--force-exclude", "--format", "json", *OTHER_YAML, strategy)
    assert result.code == 0, result
    assert {d["file"] for d in json.loads(result.stdout)} == {strategy}
    only_others = run("lint", "--force-exclude", *OTHER_YAML)
    assert only_others.code == 0 and "0 files" in only_others.stdout
    assert only_others.stderr == ""  # left out on purpose: no "nothing found" warning


def test_without_force_exclude_a_named_file_is_linted_as_given(run: Run, repo: Path) -> None:
    result = run("lint", "--format", "json", ".gitlab-ci.yml")
    assert result.code == 1
    assert {d["code"] for d in json.loads(result.stdout)} >= {"HRD003"}


def test_exclude_applies_to_the_folder_search(run: Run, repo: Path) -> None:
    result = run("lint", "--format", "json")
    assert result.code == 0, result
    assert {d["file"] for d in json.loads(result.stdout)} == {"strategies/ke-2021-2025.yaml"}
    assert run("lint", "strategies/archive/old.yaml").code == 1  # named: linted as given


def test_force_exclude_applies_to_the_stdin_filename(run: Run, repo: Path) -> None:
    skipped = run(
        "lint", "--force-exclude", "-", "--stdin-filename", ".gitlab-ci.yml", stdin=BROKEN
    )
    assert skipped.code == 0 and "0 files" in skipped.stdout
    linted = run(
        "lint", "--force-exclude", "-", "--stdin-filename", "strategies/new.yaml", stdin=BROKEN
    )
    assert linted.code == 1 and "strategies/new.yaml" in linted.stdout


def test_force_exclude_without_config_keeps_the_strategies_folder(run: Run, tmp_path: Path) -> None:
    assert run("new-strategy", "Kenya", "--priority", "1.1.c").code == 0
    _write(tmp_path / "ci.yml", BROKEN)
    result = run("lint", "--force-exclude", "--format", "json", "ci.yml", "strategies")
    assert result.code == 0, result
    assert {d["file"] for d in json.loads(result.stdout)} == {"strategies/ke-2021-2025.yaml"}


@pytest.mark.parametrize(
    ("pattern", "excluded"),
    [
        ("strategies/archive", True),
        ("./strategies/archive/", True),
        ("strategies/archive/*", True),
        ("archive", True),
        ("old.yaml", True),
        ("*.yaml", True),
        ("strategies/arch", False),
        ("other/archive", False),
    ],
)
def test_exclude_patterns(tmp_path: Path, pattern: str, excluded: bool) -> None:
    from hrdplan.inputs.paths import excluded as is_excluded
    from hrdplan.io.config import Config, Found

    found = Found(Config(exclude=[pattern]), tmp_path / "hrdplan.toml")
    assert is_excluded(tmp_path / "strategies" / "archive" / "old.yaml", found) is excluded


def test_exclude_must_be_a_list_of_strings(run: Run, tmp_path: Path) -> None:
    _write(tmp_path / "hrdplan.toml", 'exclude = "ci.yml"\n')
    result = run("lint")
    assert result.code == 2 and "hrdplan.toml: exclude" in result.stderr


# -- the hooks, run by pre-commit itself ----------------------------------------------------------


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip(
            f"{name} is not installed (pre-commit is in the dev extras: pip install .[dev])"
        )
    return found


def _git_repo(folder: Path) -> dict[str, str]:
    """A git repository with everything staged, and the environment pre-commit runs in: the
    installed hrdplan first on PATH, pre-commit's cache inside the test's folder."""
    git = _tool("git")
    env = {
        **os.environ,
        "PATH": f"{HRDPLAN.parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(folder.parent / "pre-commit-cache"),
        "NO_COLOR": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    for args in (
        ["init", "--quiet"],
        ["config", "user.name", "Test"],
        ["config", "user.email", "test@example.org"],
        ["config", "commit.gpgsign", "false"],
        ["add", "--all"],
    ):
        subprocess.run([git, *args], cwd=folder, env=env, check=True, capture_output=True)
    return env


def _pre_commit(folder: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    pre_commit = _tool("pre-commit")
    return subprocess.run(
        [pre_commit, "run", "--all-files", "--verbose", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.process
def test_init_hook_passes_on_a_repository_holding_ci_files(repo: Path) -> None:
    env = _git_repo(repo)
    result = _pre_commit(repo, env)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert re.search(r"hrdplan lint\.+Passed", output), output
    assert "1 file" in output and "HRD003" not in output  # only the strategy was checked
    assert "HRD401" in output  # the scaffold's placeholders: warnings, shown


@pytest.mark.process
def test_init_hook_fails_on_a_broken_strategy_and_names_only_it(repo: Path) -> None:
    path = repo / "strategies" / "ke-2021-2025.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("1.1.c", "1.1.z"), encoding="utf-8")
    env = _git_repo(repo)
    result = _pre_commit(repo, env)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert re.search(r"hrdplan lint\.+Failed", output)
    assert "strategies/ke-2021-2025.yaml:" in output and "HRD101" in output
    for other in OTHER_YAML:
        assert f"{other}:" not in output


@pytest.mark.process
def test_init_hook_follows_the_config_paths(run: Run, repo: Path) -> None:
    # Strategies kept elsewhere: editing hrdplan.toml is enough, the hook follows.
    (repo / "strategies").rename(repo / "country-strategies")
    config = repo / "hrdplan.toml"
    text = config.read_text(encoding="utf-8").replace(
        'paths = ["strategies", "progress"]', 'paths = ["country-strategies", "progress"]'
    )
    config.write_text(
        text.replace('"strategies/archive"', '"country-strategies/archive"'), encoding="utf-8"
    )
    path = repo / "country-strategies" / "ke-2021-2025.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("1.1.c", "1.1.z"), encoding="utf-8")
    env = _git_repo(repo)
    result = _pre_commit(repo, env)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "country-strategies/ke-2021-2025.yaml:" in output and "HRD101" in output
    assert "archive/old.yaml" not in output


@pytest.mark.process
def test_published_hook_leaves_other_yaml_alone(repo: Path) -> None:
    # The hook of .pre-commit-hooks.yaml as published, run with the installed hrdplan (pre-commit
    # would otherwise build it from this repository, which needs the package index).
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["language"] == "python"  # pre-commit installs hrdplan itself: nothing on PATH
    local = {**hook, "language": "system"}
    (repo / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": "local", "hooks": [local]}]}), encoding="utf-8"
    )
    env = _git_repo(repo)
    result = _pre_commit(repo, env)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "HRD003" not in output and "1 file" in output


@pytest.mark.process
def test_init_hook_lints_progress_files(run: Run, repo: Path) -> None:
    # hrdplan init's configuration names progress/ (made with a README, so a clone has it):
    # a changed progress file is linted before the commit, against its strategy.
    assert (repo / "progress" / "README.md").is_file()
    folder = repo / "progress" / "ke-2021-2025"
    folder.mkdir()
    (folder / "2030.yaml").write_text(
        "hrdplan: 2\nkind: progress\nstrategy: ../../strategies/ke-2021-2025.yaml\n"
        "year: 2030\nstatus: draft\n",
        encoding="utf-8",
    )
    env = _git_repo(repo)
    result = _pre_commit(repo, env)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "progress/ke-2021-2025/2030.yaml:" in output and "HRD509" in output
