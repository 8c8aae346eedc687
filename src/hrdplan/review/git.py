"""Git, as a subprocess: a file as it was at a revision, and the files changed since one.

No library: `git` on PATH is what every strategy repository has. Every failure the user can
fix (no git, not a repository, an unknown revision) is one line, exit 2.

hrdplan runs in CI on other people's pull requests, in checkouts it does not own, so every
call goes through `_git`, which runs git so that nothing a repository configures is executed
and nothing a user names is read as an option; see there.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from hrdplan.io.errors import HrdplanError, InputError, Problem, display_path, printable, quoted

if TYPE_CHECKING:
    from collections.abc import Sequence

Status = Literal["added", "removed", "changed"]
_STATUS: dict[str, Status] = {"A": "added", "D": "removed", "M": "changed", "T": "changed"}

# Settings that make git run a program, overridden on the command line, which wins over every
# configuration file (the repository's own, and whatever its `include.path` brings in):
# - core.fsmonitor: a command run by any git command that reads the index (git-config(1):
#   "false" turns it off; the setting git's CVE-2022-24765 advisory showed run by a planted
#   repository, and the one editors and shell prompts that run git in any folder now turn
#   off with `-c core.fsmonitor=false`, as here, next to `--no-optional-locks`);
# - core.hooksPath: no hook at all (post-index-change runs when the index is written);
# - core.untrackedCache: read the work tree for untracked files, not a cache it may hold;
# - protocol.allow: no transport at all, hence no fetch of a partial clone's missing object,
#   no ssh command, no credential helper (hrdplan never uses the network);
# - core.pager: nothing to page (capture_output is no terminal, and `--no-pager` too).
# Filter drivers (gitattributes(5): clean, smudge, process) have names a repository chooses;
# each one it configures is switched off by `_drivers_off`. diff.external and textconv drivers
# run only for a patch, which hrdplan never asks for (`--no-ext-diff --no-textconv` anyway).
# The user's global and system configuration are read as usual: they are the CI's own, not the
# checkout's, and hold the `safe.directory` a CI runner sets for a checkout owned by another
# user (actions/checkout does); git reads that setting only from there, never from a
# repository, so ignoring them (GIT_CONFIG_GLOBAL=/dev/null) would refuse those checkouts.
_SAFE_CONFIG = (
    "core.fsmonitor=false",
    "core.hooksPath=/dev/null",
    "core.untrackedCache=false",
    "protocol.allow=never",
    "core.pager=cat",
)
# The configuration that is not the checkout's (git-config(1), --show-scope).
_TRUSTED = (b"system", b"global", b"command")
# The environment variables `--config-env` reads a driver's overrides from, for a driver whose
# name holds `=`: `-c filter.a=b.clean=` would split at the first `=`, `--config-env` splits
# at the last. Only then, as `--config-env` needs git 2.31 (Debian 11 has 2.30).
_EMPTY, _FALSE = "HRDPLAN_GIT_EMPTY", "HRDPLAN_GIT_FALSE"


def available() -> bool:
    return shutil.which("git") is not None


def _run(cwd: Path, argv: Sequence[str]) -> subprocess.CompletedProcess[bytes]:
    env = {
        **os.environ,
        # A fixed language, so that git's messages (read below) do not depend on the user's.
        "LC_ALL": "C",
        "GIT_PAGER": "cat",
        "GIT_TERMINAL_PROMPT": "0",
        # Paths are file names, never patterns (a file may be called `*.yaml`); git(1).
        "GIT_LITERAL_PATHSPECS": "1",
        # A read-only look: `git diff` does not write back the index it refreshes (git(1),
        # --no-optional-locks), in a checkout that is not ours.
        "GIT_OPTIONAL_LOCKS": "0",
        # No fetch of a partial clone's missing object (where git reads it: git(1); else
        # protocol.allow refuses the fetch).
        "GIT_NO_LAZY_FETCH": "1",
        _EMPTY: "",
        _FALSE: "false",
    }
    config = [arg for setting in _SAFE_CONFIG for arg in ("-c", setting)]
    return subprocess.run(
        ["git", "--no-pager", *config, *argv],
        cwd=cwd,
        capture_output=True,
        env=env,
        check=False,
        timeout=120,
    )


@functools.cache
def _drivers_off(cwd: Path) -> tuple[str, ...]:
    """The arguments that switch off every filter driver the repository configures (in its
    own configuration, or a file its `include.path` names) where git runs in cwd: reading the
    configuration runs nothing, and `git config` follows includes as every other command does.
    A driver of the user's own (global, system, command-line) configuration, such as Git LFS,
    is left alone unless the repository sets any of its keys. An empty command is no command
    (convert.c), and a driver marked `required` would otherwise refuse to work without one."""
    query = ["--get-regexp", "--end-of-options", r"^filter\."]
    done = _run(cwd, ["config", "--null", "--show-scope", *query])
    if done.returncode in (0, 1):  # 1: no such key
        fields = done.stdout.split(b"\0")
        scoped = list(zip(fields[::2], fields[1::2], strict=False))
    else:  # git before 2.26 has no --show-scope: every driver is switched off
        done = _run(cwd, ["config", "--null", *query])
        scoped = [(b"", entry) for entry in done.stdout.split(b"\0")]
    names = set()
    for scope, entry in scoped:
        key = entry.partition(b"\n")[0]
        section, dot, _variable = key.rpartition(b".")
        if scope not in _TRUSTED and dot and section.startswith(b"filter."):
            names.add(os.fsdecode(section[len("filter.") :]))
    off: list[str] = []
    for name in sorted(names):
        for variable, value in (
            ("clean", ""),
            ("smudge", ""),
            ("process", ""),
            ("required", "false"),
        ):
            setting = f"filter.{name}.{variable}"
            if "=" in name:
                off.append(f"--config-env={setting}={_FALSE if value else _EMPTY}")
            else:
                off += ["-c", f"{setting}={value}"]
    return tuple(off)


def _git(
    cwd: Path,
    command: str,
    *options: str,
    operands: Sequence[str] = (),
    paths: Sequence[str] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """The one way hrdplan runs git, `git COMMAND OPTIONS --end-of-options OPERANDS -- PATHS`
    in cwd, with the configuration that would run a program switched off (`_SAFE_CONFIG`,
    `_drivers_off`). options are hrdplan's own; what a user named (a revision, a path) goes in
    operands and paths, where git cannot take it for an option."""
    argv = [*_drivers_off(cwd), command, *options]
    if operands:  # only then: rev-parse would print a lone `--end-of-options` back
        argv += ["--end-of-options", *operands]
    if paths is not None:
        argv += ["--", *paths]
    return _run(cwd, argv)


def _refusal(done: subprocess.CompletedProcess[bytes]) -> str:
    """git's own words for a failure, on one line: its `fatal:` and blank lines dropped, a line
    that does not end in a colon or a stop followed by `;`."""
    words = ""
    for line in done.stderr.decode(errors="replace").splitlines():
        for prefix in ("fatal: ", "error: ", "warning: "):
            line = line.strip().removeprefix(prefix)
        if line:
            words += ("" if not words else " " if words.endswith((":", ".", ";")) else "; ") + line
    return printable(words or f"git exited with status {done.returncode}")


def toplevel(folder: Path) -> Path | None:
    """The work tree holding folder, or None: not a repository, or no git. HrdplanError with
    git's words when git refuses the repository (one owned by another user, say)."""
    if not available() or not folder.is_dir():
        return None
    done = _git(folder, "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        if b"not a git repository" in done.stderr:
            return None
        raise HrdplanError(_refusal(done))
    # As git prints it, the final newline only dropped: a folder's name may end in a space.
    return Path(os.fsdecode(done.stdout.removesuffix(b"\n")))


def require_toplevel(folder: Path) -> Path:
    if not available():
        raise HrdplanError("git is not installed (needed for --rev and --base)")
    top = toplevel(folder)
    if top is None:
        raise HrdplanError(f"{display_path(folder)}: not inside a Git repository")
    return top


def check_revision(top: Path, rev: str) -> str:
    """The commit a revision names; HrdplanError (exit 2) when Git knows no such revision or
    it names no commit."""
    # No revision name starts with `-` (git-check-ref-format(1)); it would be a typo.
    if rev.startswith("-") or not rev.strip() or not rev.isprintable():
        raise HrdplanError(f"{quoted(rev)} is not a revision")
    # Resolved first, peeled after: `rev^{commit}` would change what a revision such as
    # `:/message` (a commit-message search) names.
    done = _git(top, "rev-parse", "--verify", "--quiet", operands=[rev])
    if done.returncode != 0:
        raise HrdplanError(f"unknown revision {quoted(rev)} in {display_path(top)}")
    name = done.stdout.decode("ascii").strip()
    peeled = _git(top, "rev-parse", "--verify", "--quiet", operands=[f"{name}^{{commit}}"])
    if peeled.returncode != 0:
        raise HrdplanError(f"revision {quoted(rev)} in {display_path(top)} is not a commit")
    return peeled.stdout.decode("ascii").strip()


def show(top: Path, commit: str, path: Path, name: str, max_bytes: int | None = None) -> str | None:
    """The file's text at a commit (checked by check_revision), or None when it did not exist
    there. InputError naming `name` when it is over the size limit (max_bytes, default the
    limit of every file read), as its size in the repository says before anything is read,
    or not UTF-8."""
    from hrdplan.io.files import decode, size_limit, too_large

    relative = Path(os.path.relpath(os.path.realpath(path), os.path.realpath(top))).as_posix()
    if relative.startswith("../"):
        raise HrdplanError(f"{name}: outside the Git repository {display_path(top)}")
    # The tree's entry, with its size: ls-tree reads the commit, never the work tree, and takes
    # a path as it is (no pattern).
    listed = _git(
        top, "ls-tree", "-z", "--long", "--full-tree", operands=[commit], paths=[relative]
    )
    if listed.returncode != 0:
        raise InputError(Problem(name, _refusal(listed)))
    entry = None
    for record in listed.stdout.split(b"\0"):
        meta, _tab, listed_path = record.partition(b"\t")
        if listed_path == os.fsencode(relative):
            entry = meta.split()
    if entry is None or entry[1] != b"blob":  # not there, or a folder or a submodule there
        return None
    oid, size = entry[2].decode("ascii"), int(entry[3])
    limit = size_limit() if max_bytes is None else max_bytes
    if size > limit:
        raise InputError(too_large(name, size, limit))
    # The blob's bytes as stored: cat-file applies no filter nor textconv.
    done = _git(top, "cat-file", "blob", operands=[oid])
    if done.returncode != 0:  # a partial clone's missing blob, say: never fetched
        raise InputError(Problem(name, _refusal(done)))
    return decode(done.stdout, name)


@dataclass(frozen=True)
class Changed:
    """A file changed since a revision: its path now (or then, when removed)."""

    path: Path
    status: Status


def changed(top: Path, commit: str, paths: list[Path]) -> list[Changed]:
    """The YAML files under paths (default: the whole work tree) that differ between the merge
    base of the commit and HEAD and the working copy, untracked ones included: what a pull
    request holds against its target branch."""
    base = _git(top, "merge-base", operands=[commit, "HEAD"])
    since = base.stdout.decode("ascii").strip() if base.returncode == 0 else commit
    spec = [os.path.realpath(p) for p in paths] or [str(top)]
    # Names and statuses only; submodules are not looked into (their own configuration).
    done = _git(
        top,
        "diff",
        "--name-status",
        "-z",
        "--no-renames",
        "--no-ext-diff",
        "--no-textconv",
        "--ignore-submodules=all",
        operands=[since],
        paths=spec,
    )
    if done.returncode != 0:
        raise HrdplanError(f"git diff failed: {_refusal(done)}")
    parts = [os.fsdecode(p) for p in done.stdout.split(b"\0") if p]
    out: list[Changed] = []
    for status, name in zip(parts[::2], parts[1::2], strict=False):
        if status[:1] in _STATUS:
            out.append(Changed(top / name, _STATUS[status[:1]]))
    others = _git(top, "ls-files", "-z", "--others", "--exclude-standard", paths=spec)
    if others.returncode != 0:
        raise HrdplanError(f"git ls-files failed: {_refusal(others)}")
    out += [Changed(top / os.fsdecode(p), "added") for p in others.stdout.split(b"\0") if p]
    return sorted((c for c in out if c.path.suffix in (".yaml", ".yml")), key=lambda c: str(c.path))
