"""HRD601 (unjustified-change): an adopted strategy whose commitments changed since a Git
revision asks for a `changes:` entry; in a repository made by the test."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import EXAMPLES, Run
from gitrepo import commit, git, init
from lintutil import overlay

from hrdplan.lint.rules import RULE_BY_CODE

GHANA = (EXAMPLES / "gh-2021-2025.yaml").read_text(encoding="utf-8")
RULE = RULE_BY_CODE["HRD601"]
# P2's gender marker, 2 in the example; lowered to 1 below.
P2_MARKER = "    title: Women and young people in public and political life"


def repository(tmp_path: Path, text: str = GHANA) -> tuple[Path, Path]:
    repo = init(tmp_path / "repo")
    path = repo / "strategies" / "gh-2021-2025.yaml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    commit(repo, "adopted")
    return repo, path


def lower_a_target(text: str) -> str:
    return text.replace("target: {value: 6000, year: 2025}", "target: {value: 5000, year: 2025}")


def findings(run: Run, repo: Path, *args: str) -> list[str]:
    result = run("lint", "--select", "HRD601", "--format", "json", *args, cwd=repo)

    assert result.code in (0, 1), result
    return [f"{f['line']}:{f['code']}:{f['message']}" for f in json.loads(result.stdout)]


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_a_changed_target_needs_an_entry(run: Run, tmp_path: Path) -> None:
    repo, path = repository(tmp_path)
    changed = lower_a_target(GHANA)
    path.write_text(changed, encoding="utf-8")
    found = findings(run, repo)
    assert len(found) == 1, found
    line, code, message = found[0].split(":", 2)
    assert code == "HRD601" and int(line) == line_of(changed, "value: 5000")
    assert "indicator P1.1 target 6000 (2025) -> 5000 (2025)" in message
    assert "add a `changes:` entry" in message
    # The exit code of a finding at error level.
    assert run("lint", "strategies", cwd=repo).code == 1


def test_an_entry_dated_after_the_last_one_justifies_it(run: Run, tmp_path: Path) -> None:
    logged = GHANA + (
        "changes:\n  - date: 2022-05-01\n    what: P3 re-worded.\n    why: Consultation.\n"
    )
    repo, path = repository(tmp_path, logged)
    changed = lower_a_target(logged)
    # An entry not after the base's last one does not count.
    old_entry = changed + "  - date: 2022-04-01\n    what: Target lowered.\n    why: Funds cut.\n"
    path.write_text(old_entry, encoding="utf-8")
    assert "dated after 2022-05-01" in findings(run, repo)[0]
    path.write_text(
        changed + "  - date: 2023-01-10\n    what: P1.1's target lowered.\n    why: Funds cut.\n",
        encoding="utf-8",
    )
    assert findings(run, repo) == []


def test_the_rule_s_own_examples(run: Run, tmp_path: Path) -> None:
    repo, path = repository(tmp_path)
    lowered = GHANA.replace(P2_MARKER, P2_MARKER, 1)
    start = lowered.index(P2_MARKER)
    marker = lowered.index("      marker: 2\n", start)
    lowered = lowered[:marker] + "      marker: 1\n" + lowered[marker + len("      marker: 2\n") :]
    path.write_text(overlay(lowered, RULE.fail), encoding="utf-8")
    assert [f.split(":")[1] for f in findings(run, repo)] == ["HRD601"]
    path.write_text(overlay(lowered, RULE.ok), encoding="utf-8")
    assert findings(run, repo) == []


def test_changes_that_are_not_commitments_need_no_entry(run: Run, tmp_path: Path) -> None:
    repo, path = repository(tmp_path)
    path.write_text(
        GHANA.replace("most stable democracies", "most resilient democracies", 1),
        encoding="utf-8",
    )
    assert findings(run, repo) == []


def test_silent_outside_a_repository_for_a_new_file_and_for_drafts(
    run: Run, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "gh.yaml").write_text(lower_a_target(GHANA), encoding="utf-8")
    assert findings(run, outside, "gh.yaml") == []
    # A draft at the base changes freely.
    draft = GHANA.replace("status: adopted ", "status: draft   ", 1)
    repo, path = repository(tmp_path, draft)
    path.write_text(lower_a_target(GHANA), encoding="utf-8")
    assert findings(run, repo) == []
    # A file the base does not have.
    (repo / "strategies" / "ke.yaml").write_text(lower_a_target(GHANA), encoding="utf-8")
    assert findings(run, repo, "strategies/ke.yaml") == []


def test_the_base_is_configurable_and_the_rule_can_be_turned_off(run: Run, tmp_path: Path) -> None:
    repo, path = repository(tmp_path)
    git(repo, "tag", "endorsed")
    path.write_text(lower_a_target(GHANA), encoding="utf-8")
    commit(repo, "lowered")
    # Committed: HEAD has it, so the pre-commit check is satisfied ...
    assert findings(run, repo) == []
    # ... but against the endorsed version it still needs its entry.
    (repo / "hrdplan.toml").write_text('changes-base = "endorsed"\n', encoding="utf-8")
    assert len(findings(run, repo)) == 1
    (repo / "hrdplan.toml").write_text('changes-base = "nowhere"\n', encoding="utf-8")
    assert "is not a revision" in findings(run, repo)[0]
    (repo / "hrdplan.toml").write_text(
        'changes-base = "endorsed"\nignore = ["HRD601"]\n', encoding="utf-8"
    )
    result = run("lint", "strategies", cwd=repo)
    assert result.code == 0 and "HRD601" not in result.stdout


def test_a_catalogue_rename_is_no_change_of_commitments(run: Run, tmp_path: Path) -> None:
    # Re-pinned to the same plan's next version: only a change of catalogue pin.
    older = GHANA.replace("eu-hrd-2020-2024@1.2.0", "eu-hrd-2020-2024@1.1.1")
    repo, path = repository(tmp_path, older)
    path.write_text(GHANA, encoding="utf-8")
    assert findings(run, repo, "--ignore", "HRD007") == []


def test_lint_of_a_draft_loads_nothing_of_review_or_git(tmp_path: Path) -> None:
    from test_startup import _imports

    draft = tmp_path / "gh.yaml"
    draft.write_text(GHANA.replace("status: adopted ", "status: draft   ", 1), encoding="utf-8")
    code, out, modules = _imports("lint", "--select", "HRD6", str(draft))
    assert code == 0, out
    assert not {m for m in modules if m.startswith("hrdplan.review")}, modules


def test_lint_of_an_unchanged_adopted_strategy_compares_nothing(tmp_path: Path) -> None:
    """Git is asked for the base version, which is the same text: the comparison's modules are
    never loaded (a pre-commit hook and CI lint many unchanged adopted strategies)."""
    from test_startup import _imports

    _, path = repository(tmp_path)
    code, out, modules = _imports("lint", "--select", "HRD6", str(path))
    assert code == 0, out
    assert "hrdplan.review.git" in modules  # the rule did run
    assert "hrdplan.review.diff" not in modules, sorted(m for m in modules if "review" in m)
