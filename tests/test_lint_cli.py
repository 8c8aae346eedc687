"""`hrdplan lint` and `hrdplan rule` as users call them: paths, options, config, suppression."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, EXAMPLES_TODAY, FORMAT2_TODAY, ROOT, Run

from hrdplan.lint import explain
from hrdplan.lint.rules import RULES

GHANA = EXAMPLES / "gh-2021-2025.yaml"
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>HRD\d{3}) (?P<msg>.+)$")


def strategy(tmp_path: Path, name: str = "strategies/s.yaml", **replace: str) -> Path:
    """The Ghana example with text replaced (old=new pairs given as keyword arguments)."""
    text = GHANA.read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old.replace("_", " ") in text or old in text
        text = text.replace(old if old in text else old.replace("_", " "), new)
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def findings(text: str) -> list[dict[str, str]]:
    """The findings in text output, but HRD008 (a format 1 strategy is told of format 2; the
    examples these tests start from may be in either format: tests/test_lint_progress.py)."""
    found = [m.groupdict() for line in text.splitlines() if (m := LINE.match(line))]
    return [f for f in found if f["code"] != "HRD008"]


def test_examples_lint_clean(run: Run) -> None:
    result = run("lint", EXAMPLES, env=EXAMPLES_TODAY)
    assert result.code == 0, result
    # The format 1 example (tn) is kept as it was, to show the upgrade path: it is told of the
    # newer catalogue too (HRD007, information), the format 2 examples of nothing.
    told = [(f["code"], Path(f["file"]).name) for f in findings(result.stdout)]
    assert told == [("HRD007", "tn-2021-2025.yaml")]


def test_default_path_is_strategies_folder(run: Run, tmp_path: Path) -> None:
    strategy(tmp_path, **{"country: GH": "country: FR"})
    result = run("lint")
    assert result.code == 1
    (finding,) = [f for f in findings(result.stdout) if f["code"] == "HRD302"]
    assert finding["file"] == "strategies/s.yaml"  # relative, no ./


def test_missing_path_and_missing_default_folder_exit_2(run: Run) -> None:
    missing = run("lint", "nowhere.yaml")
    assert missing.code == 2 and "nowhere.yaml: no such file or directory" in missing.stderr
    assert run("lint").code == 2


def test_warnings_pass_unless_strict(run: Run, tmp_path: Path) -> None:
    strategy(
        tmp_path,
        **{"status: adopted": "status: draft", "context: |": "context: |\n  TODO: finish\n  "},
    )
    result = run("lint")
    assert result.code == 0, result
    assert "HRD401" in result.stdout
    assert run("lint", "--strict").code == 1


def test_select_and_ignore_by_code_and_prefix(run: Run, tmp_path: Path) -> None:
    strategy(tmp_path, **{"country: GH": "country: FR", "member_states: [": "member_states: [US, "})
    both = {f["code"] for f in findings(run("lint").stdout)}
    assert {"HRD302", "HRD303"} <= both
    assert {f["code"] for f in findings(run("lint", "--select", "HRD302").stdout)} == {"HRD302"}
    assert "HRD302" not in {f["code"] for f in findings(run("lint", "--ignore", "HRD3").stdout)}
    bad = run("lint", "--select", "HRD999")
    assert bad.code == 2 and "HRD999" in bad.stderr


def test_config_discovered_upwards(run: Run, tmp_path: Path) -> None:
    strategy(tmp_path, **{"country: GH": "country: FR"})
    (tmp_path / "hrdplan.toml").write_text('ignore = ["HRD302"]\n', encoding="utf-8")
    sub = tmp_path / "strategies"
    result = run("lint", "s.yaml", cwd=sub)
    assert result.code == 0, result


def test_config_in_pyproject_and_per_file_ignores(run: Run, tmp_path: Path) -> None:
    strategy(tmp_path, **{"country: GH": "country: FR"})
    (tmp_path / "pyproject.toml").write_text(
        "[tool.hrdplan]\npaths = ['strategies']\n"
        "[tool.hrdplan.per-file-ignores]\n's.yaml' = ['HRD302']\n",
        encoding="utf-8",
    )
    assert run("lint").code == 0


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('colour = "red"\n', "unknown key 'colour'"),
        ('select = ["HRD999"]\n', "unknown rule code"),
        ('select = "HRD1"\n', "select"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_invalid_config_exits_2_naming_the_key(
    run: Run, tmp_path: Path, toml: str, expected: str
) -> None:
    strategy(tmp_path)
    (tmp_path / "hrdplan.toml").write_text(toml, encoding="utf-8")
    result = run("lint")
    assert result.code == 2
    assert expected in result.stderr and "hrdplan.toml" in result.stderr


def test_inline_suppression_and_unused_suppression(run: Run, tmp_path: Path) -> None:
    strategy(tmp_path, **{"country: GH": "country: FR  # hrdplan: ignore[HRD302]"})
    result = run("lint")
    assert result.code == 0, result
    assert "HRD302" not in result.stdout
    strategy(tmp_path, **{"country: GH": "# hrdplan: ignore[HRD302, HRD404]\ncountry: FR"})
    result = run("lint")
    assert result.code == 0
    (unused,) = findings(result.stdout)
    assert unused["code"] == "HRD006" and "HRD404" in unused["msg"]


@pytest.mark.parametrize(
    ("toml", "options"),
    [
        ("", ("--ignore", "HRD302")),
        ("", ("--ignore", "HRD3")),
        ("", ("--select", "HRD0,HRD4")),
        ('ignore = ["HRD302"]\n', ()),
        ('select = ["HRD0"]\n', ()),
        ('[per-file-ignores]\n"strategies/*" = ["HRD302"]\n', ()),
    ],
)
def test_a_suppression_of_a_rule_that_did_not_run_is_not_unused(
    run: Run, tmp_path: Path, toml: str, options: tuple[str, ...]
) -> None:
    # The rule would fire here (FR is a member state); deselected, it cannot prove the
    # suppression unused.
    strategy(tmp_path, **{"country: GH": "country: FR  # hrdplan: ignore[HRD302]"})
    (tmp_path / "hrdplan.toml").write_text(toml, encoding="utf-8")
    result = run("lint", *options)
    assert result.code == 0, result
    assert findings(result.stdout) == []


def test_a_suppression_of_a_rule_skipped_for_want_of_a_catalogue_is_not_unused(
    run: Run, tmp_path: Path
) -> None:
    strategy(
        tmp_path,
        **{
            "eu-hrd-2020-2024@1.2.0": "eu-hrd-2020-2024@9.9.9",
            "objective: 1.1.j": "objective: 9.9.z  # hrdplan: ignore[HRD101]",
        },
    )
    result = run("lint")
    assert [f["code"] for f in findings(result.stdout)] == ["HRD005"]


def test_unused_suppressions_of_rules_that_ran_or_do_not_exist_are_reported(
    run: Run, tmp_path: Path
) -> None:
    strategy(tmp_path, **{"country: GH": "country: GH  # hrdplan: ignore[HRD302, HRD999]"})
    result = run("lint", "--ignore", "HRD4")
    got = [(f["code"], f["msg"]) for f in findings(result.stdout)]
    assert got == [
        ("HRD006", "unused suppression of HRD302"),
        ("HRD006", "unused suppression of HRD999 (no such rule)"),
    ]


def test_stdin_with_filename(run: Run) -> None:
    text = GHANA.read_text(encoding="utf-8").replace("country: GH", "country: FR")
    result = run("lint", "-", "--stdin-filename", "strategies/gh.yaml", stdin=text)
    assert result.code == 1
    assert any(
        f["file"] == "strategies/gh.yaml" and f["code"] == "HRD302" for f in findings(result.stdout)
    )


def test_output_file_and_json(run: Run, tmp_path: Path) -> None:
    strategy(tmp_path, **{"country: GH": "country: FR"})
    result = run("lint", "--format", "json", "--output", "report.json")
    assert result.code == 1 and result.stdout == ""
    data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert {"code", "name", "severity", "message", "file", "line", "column"} <= set(data[0])


def test_folders_skip_hidden_and_non_yaml(run: Run, tmp_path: Path) -> None:
    strategy(tmp_path, "tree/a/s.yaml")
    strategy(tmp_path, "tree/.git/s.yaml", **{"country: GH": "country: FR"})
    (tmp_path / "tree" / "notes.txt").write_text("country: FR\n", encoding="utf-8")
    result = run("lint", "tree")
    assert result.code == 0, result
    assert "All checked" in result.stdout or "1 file" in result.stdout


def test_broken_file_never_stops_the_others(run: Run, tmp_path: Path) -> None:
    strategy(tmp_path, "strategies/a.yaml", **{"country: GH": "country: FR"})
    (tmp_path / "strategies" / "b.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    (tmp_path / "strategies" / "c.yaml").write_bytes(b"title: \xff\n")
    result = run("lint")
    assert result.code == 1
    got = {(f["file"], f["code"]) for f in findings(result.stdout)}
    assert ("strategies/a.yaml", "HRD302") in got
    assert ("strategies/b.yaml", "HRD001") in got
    assert ("strategies/c.yaml", "HRD001") in got


def test_many_files_use_both_cores_and_agree(run: Run, tmp_path: Path) -> None:
    for i in range(60):
        strategy(tmp_path, f"strategies/s{i:02d}.yaml", **{"country: GH": "country: FR"})
    result = run("lint", "--format", "json")
    data = json.loads(result.stdout)
    assert len([d for d in data if d["code"] == "HRD302"]) == 60


def test_statistics_quiet_and_color(run: Run, tmp_path: Path) -> None:
    strategy(tmp_path, **{"country: GH": "country: FR"})
    stats = run("lint", "--statistics")
    assert "HRD302" in stats.stdout and "eu-member-host" in stats.stdout
    quiet = run("lint", "--quiet")
    assert "Found" not in quiet.stdout and "HRD302" in quiet.stdout
    assert "\x1b[" in run("lint", "--color", "always", env={"NO_COLOR": ""}).stdout
    assert "\x1b[" not in run("lint", "--color", "auto").stdout  # not a terminal


def test_rule_list_and_explain(run: Run) -> None:
    listing = run("rule")
    assert listing.code == 0
    for rule in RULES:
        assert rule.code in listing.stdout and rule.name in listing.stdout
    one = run("rule", "HRD201")
    assert one.code == 0
    for part in ("not-gender-responsive", "Why:", "Fails:", "Passes:", "gender"):
        assert part in one.stdout
    unknown = run("rule", "HRD2O1")
    assert unknown.code == 2 and "did you mean HRD201" in unknown.stderr


def test_every_rule_is_documented_with_plan_reference() -> None:
    for rule in RULES:
        assert rule.summary and rule.explanation and rule.why and rule.fail and rule.ok, rule.code
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name), rule.name


def test_readme_rule_table_is_generated_from_the_rules() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert explain.markdown_table() in readme, "README rule table drifted from the rules"


def test_pre_commit_hook_definition() -> None:
    import yaml

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "hrdplan-lint" and hook["entry"].startswith("hrdplan lint")
    assert re.search(hook["files"], "strategies/ke-2021-2025.yaml")
    assert not re.search(hook["files"], "README.md")


def test_scaffold_lints_clean_in_draft(run: Run, tmp_path: Path) -> None:
    assert run("new-strategy", "Kenya", "--priority", "1.1.c", "--priority", "2.2.a").code == 0
    result = run("lint", "--format", "json")
    assert result.code == 0, result
    data = json.loads(result.stdout)
    assert all(d["severity"] == "warning" for d in data)
    placeholders = [d for d in data if d["code"] == "HRD401"]
    assert placeholders
    assert not {"HRD202", "HRD203", "HRD404"} & {d["code"] for d in data}
    lines = [(d["line"], d["column"]) for d in placeholders]
    assert len(lines) == len(set(lines))  # each placeholder once


def test_works_from_a_copy_of_the_examples(run: Run, tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "strategies")
    assert run("lint", env=EXAMPLES_TODAY).code == 0


def test_without_paths_or_config_lint_checks_strategies_and_progress(
    run: Run, tmp_path: Path
) -> None:
    from conftest import FIXTURES

    shutil.copytree(FIXTURES / "format2", tmp_path, dirs_exist_ok=True)
    files = len(list(tmp_path.glob("strategies/*.yaml"))) + len(
        list(tmp_path.glob("progress/*/*.yaml"))
    )
    result = run("lint", env=FORMAT2_TODAY)
    assert result.code == 0 and f"All checked: {files} files" in result.stdout, result
    shutil.rmtree(tmp_path / "progress")  # no progress folder: the strategies alone, no error
    result = run("lint")
    assert result.code == 0 and "All checked: 1 file," in result.stdout, result
