"""Git in a checkout hrdplan does not own: a repository that configures programs to run (the
fsmonitor hook, filters, an external diff, a pager, hooks, and all of these through an
`include.path`) has none of them run by `diff --base`, `diff --rev`, `render --compare-to`
or lint's HRD601, which still give the right answer; names git would misread; and a version
at a revision larger than the size limit refused before it is read."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, HRDPLAN, Run
from gitrepo import GIT_ENV, commit, git, init

GHANA = (EXAMPLES / "gh-2021-2025.yaml").read_text(encoding="utf-8")
TUNISIA = (EXAMPLES / "tn-2021-2025.yaml").read_text(encoding="utf-8")
STRATEGY = "strategies/gh-2021-2025.yaml"


def lower_a_target(text: str) -> str:
    return text.replace("target: {value: 6000, year: 2025}", "target: {value: 5000, year: 2025}")


def repository(root: Path, name: str = "repo") -> Path:
    """Two adopted strategies committed; then one of them with a target lowered, unjustified,
    and the other one touched (same bytes, new time: git must read it again)."""
    repo = init(root / name)
    (repo / "strategies").mkdir()
    (repo / STRATEGY).write_text(GHANA, encoding="utf-8")
    (repo / "strategies" / "tn-2021-2025.yaml").write_text(TUNISIA, encoding="utf-8")
    commit(repo, "first")
    (repo / STRATEGY).write_text(lower_a_target(GHANA), encoding="utf-8")
    touched = repo / "strategies" / "tn-2021-2025.yaml"
    later = touched.stat().st_mtime + 5
    os.utime(touched, (later, later))
    return repo


def script(path: Path, marker: Path, body: str) -> str:
    path.write_text(f'#!/bin/sh\necho "$0 $*" >> "{marker}"\n{body}\n', encoding="utf-8")
    path.chmod(0o755)
    return str(path)


def arm(repo: Path, attack: str, marker: Path) -> None:
    """Configure the repository so that git runs a program writing marker."""
    evil = script(repo.parent / "evil.sh", marker, "exit 1")
    # A filter passes the text through, as a real one would.
    passes = script(repo.parent / "filter.sh", marker, "exec cat")
    if attack == "fsmonitor":
        git(repo, "config", "core.fsmonitor", evil)
    elif attack == "filter":
        (repo / ".git" / "info" / "attributes").write_text("*.yaml filter=x\n")
        for variable in ("clean", "smudge"):
            git(repo, "config", f"filter.x.{variable}", passes)
        git(repo, "config", "filter.x.required", "true")
    elif attack == "process-filter-named-with-equals":
        (repo / ".git" / "info" / "attributes").write_text("*.yaml filter=a=b\n")
        git(repo, "config", "filter.a=b.process", evil)
        git(repo, "config", "filter.a=b.clean", passes)
    elif attack == "include":
        included = repo.parent / "included.config"
        included.write_text(
            f"[core]\n\tfsmonitor = {evil}\n\thooksPath = {repo.parent}\n"
            f'[filter "y"]\n\tclean = {passes}\n[diff]\n\texternal = {evil}\n'
            f"[core]\n\tpager = {evil}\n",
            encoding="utf-8",
        )
        (repo / ".git" / "info" / "attributes").write_text("*.yaml filter=y diff=y\n")
        git(repo, "config", "include.path", str(included))
    elif attack == "diff-external":
        (repo / ".git" / "info" / "attributes").write_text("*.yaml diff=y\n")
        git(repo, "config", "diff.external", evil)
        git(repo, "config", "diff.y.command", evil)
        git(repo, "config", "diff.y.textconv", evil)
    elif attack == "pager":
        git(repo, "config", "core.pager", evil)
        for command in ("diff", "show", "ls-files", "ls-tree", "cat-file", "rev-parse"):
            git(repo, "config", f"pager.{command}", evil)
    elif attack == "hooks":
        hooks = repo.parent / "hooks"
        hooks.mkdir()
        for name in ("post-index-change", "post-checkout", "reference-transaction"):
            script(hooks / name, marker, "exit 0")
            script(repo / ".git" / "hooks" / name, marker, "exit 0")
        git(repo, "config", "core.hooksPath", str(hooks))
    else:
        raise AssertionError(attack)


ATTACKS = [
    "fsmonitor",
    "filter",
    "process-filter-named-with-equals",
    "include",
    "diff-external",
    "pager",
    "hooks",
]


def plain_git_runs_it(repo: Path, marker: Path) -> None:
    """The attack is real: git as a user types it runs the program."""
    env = {k: v for k, v in os.environ.items() if k not in ("GIT_PAGER", "PAGER")} | GIT_ENV
    for argv in (["status"], ["diff", "--name-status", "HEAD"]):
        subprocess.run(["git", *argv], cwd=repo, env=env, capture_output=True, check=False)
    # A patch, on a terminal: the pager and the external diff.
    main, terminal = pty.openpty()
    try:
        subprocess.run(
            ["git", "diff", "HEAD"], cwd=repo, env=env, stdout=terminal, stderr=terminal, timeout=60
        )
    finally:
        os.close(terminal)
        os.close(main)
    assert marker.exists(), "the attack runs nothing even in plain git: the test proves nothing"
    marker.unlink()


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_repository_s_programs_never_run(
    attack: str, cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = tmp_path / "marker"
    repo = repository(tmp_path)
    arm(repo, attack, marker)
    monkeypatch.chdir(repo)

    base = cli("diff", "--base", "HEAD", "--format", "json")
    assert base.code == 0, base
    files = json.loads(base.stdout)["files"]
    assert [f["new"]["file"] for f in files] == [STRATEGY]
    assert [c["what"] for c in files[0]["changes"]] == ["indicator.target"], files[0]["changes"]

    rev = cli("diff", STRATEGY, "--rev", "HEAD")
    assert rev.code == 0, rev
    assert "target: 6000 (2025) -> 5000 (2025)" in rev.stdout

    render = cli("render", STRATEGY, "--compare-to", "HEAD", "-o", "out")
    assert render.code == 0, render
    page = (repo / "out" / "gh-2021-2025-redline.html").read_text(encoding="utf-8")
    assert "<del>6000 (2025)</del>" in page and "<ins>5000 (2025)</ins>" in page

    lint = cli("lint", "--select", "HRD601", "--format", "json", "strategies")
    assert lint.code == 1, lint
    assert [f["code"] for f in json.loads(lint.stdout)] == ["HRD601"]

    assert not marker.exists(), marker.read_text()
    plain_git_runs_it(repo, marker)


def test_a_commit_message_search_names_a_revision(cli: Run, tmp_path: Path) -> None:
    repo = repository(tmp_path)
    commit(repo, "lowered")
    for rev in (":/first", "HEAD~1", "main~1^{commit}"):
        done = cli("diff", str(repo / STRATEGY), "--rev", rev)
        assert done.code == 0, (rev, done)
        assert "target: 6000 (2025) -> 5000 (2025)" in done.stdout, rev
    tree = cli("diff", str(repo / STRATEGY), "--rev", "HEAD^{tree}")
    assert tree.code == 2 and "is not a commit" in tree.stderr, tree
    assert tree.stderr.count("\n") == 1


def test_a_repository_folder_whose_name_ends_in_a_space(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = repository(tmp_path, "repo ")
    monkeypatch.chdir(repo)
    rev = cli("diff", STRATEGY, "--rev", "HEAD")
    assert rev.code == 0 and "5000" in rev.stdout, rev
    base = cli("diff", "--base", "HEAD", "--format", "json")
    assert base.code == 0, base
    assert len(json.loads(base.stdout)["files"]) == 1
    lint = cli("lint", "--select", "HRD601", "--format", "json", "strategies")
    assert [f["code"] for f in json.loads(lint.stdout)] == ["HRD601"], lint


def test_git_s_refusal_of_a_repository_it_does_not_trust_is_passed_on(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = repository(tmp_path)
    monkeypatch.chdir(repo)
    # As when the checkout belongs to another user (git's own test switch); no global
    # configuration that might trust every folder.
    monkeypatch.setenv("GIT_TEST_ASSUME_DIFFERENT_OWNER", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    for args in (("diff", STRATEGY, "--rev", "HEAD"), ("diff", "--base", "HEAD")):
        done = cli(*args)
        assert done.code == 2, done
        assert done.stderr.count("\n") == 1, done.stderr
        assert done.stderr.startswith("error: detected dubious ownership in repository at"), done
        assert "safe.directory" in done.stderr
    lint = cli("lint", "--select", "HRD601", "--format", "json", "strategies")
    found = json.loads(lint.stdout)
    assert [f["code"] for f in found] == ["HRD601"], lint
    assert "git refuses the repository (detected dubious ownership" in found[0]["message"]
    # The user's own global configuration is read: there, safe.directory trusts the folder.
    trusted = tmp_path / "global.config"
    trusted.write_text(f"[safe]\n\tdirectory = {repo}\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(trusted))
    done = cli("diff", STRATEGY, "--rev", "HEAD")
    assert done.code == 0 and "5000" in done.stdout, done


def test_a_file_named_like_a_pattern_is_that_file(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = repository(tmp_path)
    starred = repo / "strategies" / "*.yaml"
    starred.write_text(GHANA, encoding="utf-8")
    commit(repo, "starred")
    # Both changed since: a pattern would take both.
    starred.write_text(lower_a_target(GHANA), encoding="utf-8")
    (repo / STRATEGY).write_text(GHANA, encoding="utf-8")
    monkeypatch.chdir(repo)
    base = cli("diff", "--base", "HEAD", "--format", "json", "strategies/*.yaml")
    assert base.code == 0, base
    assert [f["new"]["file"] for f in json.loads(base.stdout)["files"]] == ["strategies/*.yaml"]
    rev = cli("diff", "strategies/*.yaml", "--rev", "HEAD")
    assert rev.code == 0 and "5000" in rev.stdout, rev


def large_blob(tmp_path: Path, size: int) -> Path:
    """A repository whose strategy was, at HEAD, a file of size bytes; a strategy now."""
    repo = init(tmp_path / "repo")
    (repo / "strategies").mkdir()
    line = b"# " + b"x" * 97 + b"\n"
    (repo / STRATEGY).write_bytes(GHANA.encode() + line * (size // len(line)))
    commit(repo, "large")
    (repo / STRATEGY).write_text(GHANA, encoding="utf-8")
    return repo


def test_a_version_over_the_size_limit_is_refused_in_the_words_of_a_file(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = large_blob(tmp_path, 1024 * 1024)
    size = len(git(repo, "cat-file", "blob", f"HEAD:{STRATEGY}").encode())
    monkeypatch.chdir(repo)
    monkeypatch.setenv("HRDPLAN_MAX_FILE_SIZE", "200KB")
    words = f"file is {size:,} bytes, over the limit of 204,800 (set HRDPLAN_MAX_FILE_SIZE to"
    (repo / "strategies" / "notes.yaml").write_text("a: 1\n")  # not a strategy
    for args in (
        ("diff", STRATEGY, "--rev", "HEAD"),
        ("diff", "--base", "HEAD"),
        ("render", STRATEGY, "--compare-to", "HEAD", "-o", "out"),
    ):
        done = cli(*args)
        assert done.code == 2, (args, done)
        assert done.stderr == f"{STRATEGY}@HEAD: error: {words} raise it)\n", done.stderr
    # HRD601 cannot compare with a version it does not read: silent, as for one that does
    # not load.
    lint = cli("lint", "--select", "HRD601", "--format", "json", "strategies")
    assert lint.code == 0 and json.loads(lint.stdout) == [], lint


@pytest.mark.process
def test_a_60_mb_version_costs_no_memory(tmp_path: Path) -> None:
    """Measured in a process of its own: the largest resident size of hrdplan and the gits it
    runs, well under the 60 MB the version would take once read."""
    repo = large_blob(tmp_path, 60 * 1024 * 1024)
    measure = (
        "import resource, subprocess, sys, time\n"
        "start = time.monotonic()\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "took = time.monotonic() - start\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024\n"
        "print(done.returncode, peak, took, done.stderr, sep='\\n')\n"
    )
    for args in (("diff", STRATEGY, "--rev", "HEAD"), ("diff", "--base", "HEAD")):
        done = subprocess.run(
            [sys.executable, "-c", measure, str(HRDPLAN), *args],
            cwd=repo,
            capture_output=True,
            text=True,
            check=True,
        )
        code, peak, took, stderr = done.stdout.split("\n", 3)
        assert code == "2" and "over the limit of 5,242,880" in stderr, done.stdout
        assert int(peak) < 100, f"{args}: {peak} MB resident"
        assert float(took) < 10, f"{args}: {took} s"


def test_a_filter_of_the_user_s_own_configuration_still_applies(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A driver of the global configuration (Git LFS, say) is the user's, not the
    checkout's: git uses it, unless the repository sets any of its keys."""
    from hrdplan.review import git as review_git

    marker = tmp_path / "marker"
    repo = repository(tmp_path)
    passes = script(tmp_path / "filter.sh", marker, "exec cat")
    own = tmp_path / "global.config"
    own.write_text(f'[filter "g"]\n\tclean = {passes}\n', encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(own))
    (repo / ".git" / "info" / "attributes").write_text("*.yaml filter=g\n")
    monkeypatch.chdir(repo)
    assert cli("diff", "--base", "HEAD").code == 0
    assert marker.exists()
    marker.unlink()
    git(repo, "config", "filter.g.smudge", passes)
    review_git._drivers_off.cache_clear()
    assert cli("diff", "--base", "HEAD").code == 0
    assert not marker.exists()


def test_without_scopes_every_driver_is_switched_off(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """git before 2.26 has no `git config --show-scope`."""
    from hrdplan.review import git as review_git

    marker = tmp_path / "marker"
    repo = repository(tmp_path)
    arm(repo, "filter", marker)
    real = review_git._run

    def old_git(cwd: Path, argv: list[str]) -> subprocess.CompletedProcess[bytes]:
        if "--show-scope" in argv:
            return subprocess.CompletedProcess(argv, 129, b"", b"error: unknown option")
        return real(cwd, argv)

    monkeypatch.setattr(review_git, "_run", old_git)
    monkeypatch.chdir(repo)
    done = cli("diff", "--base", "HEAD", "--format", "json")
    assert done.code == 0, done
    assert [f["new"]["file"] for f in json.loads(done.stdout)["files"]] == [STRATEGY]
    assert not marker.exists()


def test_a_partial_clone_fetches_nothing(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A blob a partial clone left out is not fetched: no network, and no upload-pack command
    of the clone's configuration run."""
    marker = tmp_path / "marker"
    source = repository(tmp_path, "source")
    commit(source, "lowered")
    git(source, "config", "uploadpack.allowFilter", "true")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", "--filter=blob:none", f"file://{source}", str(clone))
    upload = script(tmp_path / "upload.sh", marker, 'exec git-upload-pack "$@"')
    git(clone, "config", "remote.origin.uploadpack", upload)
    monkeypatch.chdir(clone)
    done = cli("diff", STRATEGY, "--rev", "HEAD~1")
    assert done.code == 2, done
    assert done.stderr.startswith(f"{STRATEGY}@HEAD~1: error: "), done.stderr
    assert "promisor remote" in done.stderr and done.stderr.count("\n") == 1
    assert not marker.exists()
    # Git as a user types it fetches the blob, through that command.
    git(clone, "cat-file", "-p", f"HEAD~1:{STRATEGY}")
    assert marker.exists()
