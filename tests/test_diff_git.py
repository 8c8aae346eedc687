"""`hrdplan diff PATH --rev REV` and `hrdplan diff --base REV`, in a Git repository made by
the test."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import EXAMPLES, Run
from gitrepo import commit, git, init

GHANA = (EXAMPLES / "gh-2021-2025.yaml").read_text(encoding="utf-8")
TUNISIA = (EXAMPLES / "tn-2021-2025.yaml").read_text(encoding="utf-8")


def repository(tmp_path: Path) -> Path:
    repo = init(tmp_path / "repo")
    (repo / "strategies").mkdir()
    (repo / "strategies" / "gh-2021-2025.yaml").write_text(GHANA, encoding="utf-8")
    (repo / "strategies" / "tn-2021-2025.yaml").write_text(TUNISIA, encoding="utf-8")
    (repo / "notes.yaml").write_text("a: 1\n", encoding="utf-8")
    commit(repo, "first")
    return repo


def test_rev_compares_the_working_copy_with_a_revision(run: Run, tmp_path: Path) -> None:
    repo = repository(tmp_path)
    path = repo / "strategies" / "gh-2021-2025.yaml"
    path.write_text(GHANA.replace("classification: restricted", "classification: limited"))
    result = run("diff", "strategies/gh-2021-2025.yaml", "--rev", "HEAD", cwd=repo)
    assert result.code == 0, result
    assert "strategies/gh-2021-2025.yaml@HEAD -> strategies/gh-2021-2025.yaml: 1 change" in (
        result.stdout
    )
    assert "classification: restricted -> limited" in result.stdout
    # An older revision, named as Git names it.
    git(repo, "tag", "v1.0")
    commit(repo, "limited")
    again = run("diff", "strategies/gh-2021-2025.yaml", "--rev", "v1.0", "--exit-code", cwd=repo)
    assert again.code == 1 and "classification" in again.stdout


def test_base_lists_every_strategy_changed_since_a_revision(run: Run, tmp_path: Path) -> None:
    repo = repository(tmp_path)
    git(repo, "checkout", "--quiet", "-b", "proposal")
    (repo / "strategies" / "gh-2021-2025.yaml").write_text(
        GHANA.replace("status: adopted ", "status: draft   ", 1)
    )
    (repo / "strategies" / "tn-2021-2025.yaml").unlink()
    (repo / "strategies" / "ke-2027-2031.yaml").write_text(
        GHANA.replace("country: GH", "country: KE")
    )
    (repo / "notes.yaml").write_text("a: 2\n")  # not a strategy: left alone
    commit(repo, "proposal")
    result = run("diff", "--base", "main", "--format", "json", cwd=repo)
    assert result.code == 0, result
    files = {
        f["new"]["file"] if f["new"] else f["old"]["file"]: f
        for f in json.loads(result.stdout)["files"]
    }
    assert set(files) == {
        "strategies/gh-2021-2025.yaml",
        "strategies/ke-2027-2031.yaml",
        "strategies/tn-2021-2025.yaml@main",
    }
    assert files["strategies/ke-2027-2031.yaml"]["status"] == "added"
    assert files["strategies/tn-2021-2025.yaml@main"]["status"] == "removed"
    assert [c["what"] for c in files["strategies/gh-2021-2025.yaml"]["changes"]] == ["status"]
    # Limited to a folder or file.
    only = run(
        "diff", "--base", "main", "strategies/gh-2021-2025.yaml", "--format", "json", cwd=repo
    )
    assert [f["status"] for f in json.loads(only.stdout)["files"]] == ["changed"]


def test_base_reports_a_missing_justification_with_its_position(run: Run, tmp_path: Path) -> None:
    repo = repository(tmp_path)
    path = repo / "strategies" / "gh-2021-2025.yaml"
    changed = GHANA.replace(
        "target: {value: 6000, year: 2025}", "target: {value: 5000, year: 2025}"
    )
    path.write_text(changed)
    line = next(n for n, t in enumerate(changed.splitlines(), 1) if "value: 5000" in t)
    result = run("diff", "--base", "HEAD", "--format", "json", cwd=repo)
    missing = json.loads(result.stdout)["files"][0]["unjustified"]
    assert missing["line"] == line and "add a `changes:` entry" in missing["message"]
    assert f"strategies/gh-2021-2025.yaml:{line}:" in result.stderr
    markdown = run("diff", "--base", "HEAD", "--format", "markdown", cwd=repo)
    assert f"**missing** (line {line})" in markdown.stdout
    # With an entry, nothing is missing.
    path.write_text(
        changed + "changes:\n  - date: 2023-01-10\n    what: P1.1's target lowered to 5000.\n"
        "    why: Funding was cut by a fifth.\n"
    )
    justified = run("diff", "--base", "HEAD", "--format", "json", cwd=repo)
    assert json.loads(justified.stdout)["files"][0]["unjustified"] is None
    assert justified.stderr == ""


def test_not_a_repository_is_one_line(run: Run, tmp_path: Path) -> None:
    (tmp_path / "gh.yaml").write_text(GHANA)
    result = run("diff", "gh.yaml", "--rev", "HEAD")
    assert result.code == 2
    assert result.stderr.strip().count("\n") == 0 and "not inside a Git repository" in result.stderr
    base = run("diff", "--base", "main")
    assert base.code == 2 and "not inside a Git repository" in base.stderr


def test_an_unknown_revision_is_one_line(run: Run, tmp_path: Path) -> None:
    repo = repository(tmp_path)
    for args in (
        ("strategies/gh-2021-2025.yaml", "--rev", "no-such-branch"),
        ("--base", "no-such-branch"),
        ("--base", "--help-me"),
    ):
        result = run("diff", *args, cwd=repo)
        assert result.code == 2, result
        assert result.stderr.count("\n") == 1, result.stderr
        assert "no-such-branch" in result.stderr or "not a revision" in result.stderr


def test_a_file_not_in_the_revision(run: Run, tmp_path: Path) -> None:
    repo = repository(tmp_path)
    (repo / "strategies" / "new.yaml").write_text(GHANA)
    result = run("diff", "strategies/new.yaml", "--rev", "HEAD", cwd=repo)
    assert result.code == 2 and "not in revision HEAD" in result.stderr


def test_a_revision_that_does_not_load_is_one_line(run: Run, tmp_path: Path) -> None:
    repo = repository(tmp_path)
    path = repo / "strategies" / "gh-2021-2025.yaml"
    path.write_text(GHANA.replace("status: adopted ", "status: [oops", 1))
    commit(repo, "broken")
    path.write_text(GHANA)
    result = run("diff", "strategies/gh-2021-2025.yaml", "--rev", "HEAD", cwd=repo)
    assert result.code == 2
    assert result.stderr.startswith("strategies/gh-2021-2025.yaml@HEAD:"), result.stderr
    assert result.stderr.count("\n") == 1
