"""Shell completion through its protocol, as bash, zsh and fish call the installed script: the
`_HRDPLAN_COMPLETE` instruction and the words typed so far in environment variables."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import HRDPLAN, MINIMAL_CATALOGUE

Words = list[str]


def complete(shell: str, line: str, *, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """What `hrdplan` answers to a Tab at the end of `line` (words split on spaces)."""
    extra = dict(env)
    if shell == "bash":
        words = line.split(" ")
        extra |= {"COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    else:
        extra["_TYPER_COMPLETE_ARGS"] = line
        if shell == "fish":
            extra.setdefault("_TYPER_COMPLETE_FISH_ACTION", "get-args")
    return subprocess.run(
        [str(HRDPLAN)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "_HRDPLAN_COMPLETE": f"complete_{shell}", **extra},
        timeout=60,
        check=False,
    )


def bash(line: str, cwd: Path) -> Words:
    result = complete("bash", line, cwd=cwd)
    assert result.returncode == 0, result
    assert result.stderr == ""
    return result.stdout.split()


@pytest.mark.process
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("hrdplan cat", ["catalogue"]),
        ("hrdplan catalogue ins", ["instruments"]),
        ("hrdplan lint --format ", ["text", "json", "github", "sarif", "junit", "gitlab"]),
        ("hrdplan lint --color a", ["auto", "always"]),
        ("hrdplan render --format ", ["md", "html", "docx", "pdf"]),
        ("hrdplan catalogue list --format ", ["text", "json"]),
        ("hrdplan catalogue show --lang ", ["en", "nl"]),
        ("hrdplan rule HRD10", ["HRD101", "HRD102", "HRD103", "HRD104", "HRD105", "HRD106"]),
        ("hrdplan rule hrd40", [f"hrd40{n}" for n in range(1, 8)]),
        ("hrdplan lint --select HRD101,HRD20", [f"HRD101,HRD20{n}" for n in range(1, 10)]),
        ("hrdplan lint --ignore HRD30", [f"HRD30{n}" for n in range(1, 6)]),
        ("hrdplan catalogue instruments hrd", ["hrd-support"]),
        ("hrdplan catalogue show 1.1.c", ["1.1.c"]),
        ("hrdplan catalogue list --section 4.", ["4.1", "4.2"]),
        ("hrdplan catalogue list --tag death", ["death-penalty"]),
        (
            "hrdplan catalogue list --catalogue eu-hrd-2020-2024@",
            [
                "eu-hrd-2020-2024@1.0.0",
                "eu-hrd-2020-2024@1.1.0",
                "eu-hrd-2020-2024@1.1.1",
                "eu-hrd-2020-2024@1.2.0",
            ],
        ),
    ],
)
def test_bash_completes(line: str, expected: Words, tmp_path: Path) -> None:
    assert bash(line, tmp_path) == expected


@pytest.mark.process
def test_bash_completes_catalogue_codes(tmp_path: Path) -> None:
    codes = bash("hrdplan catalogue show 1.", tmp_path)
    assert {"1.1", "1.1.a", "1.6.h"} <= set(codes)
    assert "2.1.a" not in codes
    assert "5.2.a" in bash("hrdplan catalogue show 5.2.", tmp_path)  # show takes milestones too


@pytest.mark.process
def test_priority_completes_only_selectable_objectives(tmp_path: Path) -> None:
    assert "1.1.c" in bash("hrdplan new-strategy Kenya --priority 1.1.", tmp_path)
    assert bash("hrdplan new-strategy Kenya --priority 5.2.", tmp_path) == []  # milestones


@pytest.mark.process
def test_completion_follows_the_catalogue_on_the_command_line(tmp_path: Path) -> None:
    minimal = MINIMAL_CATALOGUE
    folder = tmp_path / "catalogues" / "test-plan"
    folder.mkdir(parents=True)
    (folder / "1.0.0.yaml").write_bytes(minimal.read_bytes())
    line = "hrdplan catalogue show --catalogue-dir catalogues --catalogue test-plan "
    assert bash(line, tmp_path) == [
        "1",
        "2",
        "1.1",
        "1.2",
        "2.1",
        "1.1.a",
        "1.1.b",
        "1.2.a",
        "2.1.a",
    ]
    line = "hrdplan catalogue instruments --catalogue-dir catalogues --catalogue te"
    assert bash(line, tmp_path) == ["test-plan", "test-plan@1.0.0"]
    line = "hrdplan catalogue instruments --catalogue-dir catalogues --catalogue test-plan "
    assert bash(line, tmp_path) == ["human-rights-dialogue", "public-diplomacy"]


@pytest.mark.process
def test_completion_never_prints_an_error(tmp_path: Path) -> None:
    (tmp_path / "hrdplan.toml").write_text("select = 3\n", encoding="utf-8")  # a bad config
    assert bash("hrdplan catalogue show --catalogue nope 1.", tmp_path) == []
    assert bash("hrdplan catalogue show 1.1.a", tmp_path) == []  # the bad config, quietly


@pytest.mark.process
def test_zsh_completes_with_descriptions(tmp_path: Path) -> None:
    result = complete("zsh", "hrdplan catalogue show 1.1.c", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("_arguments '*: :((")
    assert '"1.1.c":"Support and protect human rights defenders' in result.stdout
    rules = complete("zsh", "hrdplan rule HRD20", cwd=tmp_path).stdout
    assert '"HRD201":"not-gender-responsive' in rules


@pytest.mark.process
def test_zsh_falls_back_to_files_where_nothing_is_known(tmp_path: Path) -> None:
    result = complete("zsh", "hrdplan lint ", cwd=tmp_path)
    assert result.stdout.strip() == "_files"


@pytest.mark.process
def test_fish_completes_with_descriptions(tmp_path: Path) -> None:
    result = complete("fish", "hrdplan lint --select HRD40", cwd=tmp_path)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("HRD401\tplaceholder: ")
    assert [line.split("\t")[0] for line in lines] == [f"HRD40{n}" for n in range(1, 8)]
    instruments = complete("fish", "hrdplan catalogue instruments hrd", cwd=tmp_path).stdout
    assert instruments.startswith("hrd-support\t")


@pytest.mark.process
def test_fish_lets_files_through_where_nothing_is_known(tmp_path: Path) -> None:
    result = complete("fish", "hrdplan lint ", cwd=tmp_path, _TYPER_COMPLETE_FISH_ACTION="is-args")
    assert result.returncode == 1  # fish then completes file names


@pytest.mark.process
@pytest.mark.parametrize(
    ("instruction", "marker"),
    [
        ("bash_source", "complete -o default -F _hrdplan_completion hrdplan"),
        ("source_bash", "_HRDPLAN_COMPLETE=complete_bash"),
        ("zsh_source", "compdef _hrdplan_completion hrdplan"),
        ("source_zsh", "_HRDPLAN_COMPLETE=complete_zsh"),
        ("fish_source", "complete --command hrdplan"),
        ("source_fish", "_HRDPLAN_COMPLETE=complete_fish"),
    ],
)
def test_completion_scripts(instruction: str, marker: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [str(HRDPLAN)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "_HRDPLAN_COMPLETE": instruction},
        timeout=60,
        check=False,
    )
    assert result.returncode == 0
    assert marker in result.stdout


@pytest.mark.process
def test_show_completion_and_install_completion_are_root_options(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(HRDPLAN), "--help"], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert "--install-completion" in result.stdout
    assert "--show-completion" in result.stdout
    sub = subprocess.run(
        [str(HRDPLAN), "catalogue", "--help"], capture_output=True, text=True, check=False
    )
    assert "--install-completion" not in sub.stdout  # one place: the root command


BASH = shutil.which("bash")


@pytest.mark.process
@pytest.mark.skipif(BASH is None, reason="no bash")
def test_show_completion_in_bash_gives_a_script_that_completes(tmp_path: Path) -> None:
    # The whole round trip in a real bash: the script --show-completion prints, sourced, asked
    # for the words after `hrdplan catalogue sh`.
    script = (
        "source <(hrdplan --show-completion)\n"
        "COMP_WORDS=(hrdplan catalogue sh); COMP_CWORD=2\n"
        "_hrdplan_completion hrdplan\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    path = f"{HRDPLAN.parent}{os.pathsep}{os.environ.get('PATH', '')}"
    result = subprocess.run(
        [str(BASH), "--norc", "-c", script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PATH": path},
        timeout=60,
        check=False,
    )
    assert result.stdout.split() == ["show"], result


@pytest.mark.process
@pytest.mark.skipif(BASH is None, reason="no bash")
def test_install_completion_in_bash(tmp_path: Path) -> None:
    path = f"{HRDPLAN.parent}{os.pathsep}{os.environ.get('PATH', '')}"
    result = subprocess.run(
        # A command after it keeps bash from exec'ing hrdplan in its place: bash stays its
        # parent, the shell it detects, as at a prompt (not whatever started the tests).
        [str(BASH), "--norc", "-c", "hrdplan --install-completion; exit $?"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PATH": path, "HOME": str(tmp_path)},
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result
    installed = tmp_path / ".bash_completions" / "hrdplan.sh"
    assert "_HRDPLAN_COMPLETE=complete_bash" in installed.read_text(encoding="utf-8")
    assert str(installed) in (tmp_path / ".bashrc").read_text(encoding="utf-8")
