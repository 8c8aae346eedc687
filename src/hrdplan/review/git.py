"""Git, as a subprocess: a file as it was at a revision, and the files changed since one.

No library: `git` on PATH is what every strategy repository has. Every failure the user can
fix (no git, not a repository, an unknown revision) is one line, exit 2.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from hrdplan.io.errors import HrdplanError, display_path, printable

Status = Literal["added", "removed", "changed"]
_STATUS: dict[str, Status] = {"A": "added", "D": "removed", "M": "changed", "T": "changed"}


def available() -> bool:
    return shutil.which("git") is not None


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    # A fixed language, so that nothing depends on the user's; no pager, no prompt.
    env = {**os.environ, "LC_ALL": "C", "GIT_PAGER": "cat", "GIT_TERMINAL_PROMPT": "0"}
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, env=env, check=False, timeout=120
    )


def toplevel(folder: Path) -> Path | None:
    """The work tree holding folder, or None: not a repository, or no git."""
    if not available() or not folder.is_dir():
        return None
    done = _git(folder, "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        return None
    return Path(os.fsdecode(done.stdout.strip()))


def require_toplevel(folder: Path) -> Path:
    if not available():
        raise HrdplanError("git is not installed (needed for --rev and --base)")
    top = toplevel(folder)
    if top is None:
        raise HrdplanError(f"{display_path(folder)}: not inside a Git repository")
    return top


def check_revision(top: Path, rev: str) -> str:
    """The commit a revision names; HrdplanError (exit 2) when Git knows no such revision."""
    # A revision starting with `-` would be read as an option.
    if rev.startswith("-") or not rev.strip() or not rev.isprintable():
        raise HrdplanError(f"{printable(rev)!r} is not a revision")
    done = _git(top, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    if done.returncode != 0:
        raise HrdplanError(f"unknown revision {printable(rev)!r} in {display_path(top)}")
    return done.stdout.decode("ascii").strip()


def show(top: Path, commit: str, path: Path, name: str) -> str | None:
    """The file's text at a commit (checked by check_revision), or None when it did not exist
    there. InputError naming `name@rev` when it is not UTF-8."""
    from hrdplan.io.files import decode

    relative = Path(os.path.relpath(os.path.realpath(path), os.path.realpath(top))).as_posix()
    if relative.startswith("../"):
        raise HrdplanError(f"{name}: outside the Git repository {display_path(top)}")
    done = _git(top, "show", f"{commit}:{relative}")
    if done.returncode != 0:
        return None
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
    base = _git(top, "merge-base", commit, "HEAD")
    since = base.stdout.decode("ascii").strip() if base.returncode == 0 else commit
    spec = [os.path.realpath(p) for p in paths] or [str(top)]
    done = _git(top, "diff", "--name-status", "-z", "--no-renames", since, "--", *spec)
    if done.returncode != 0:
        raise HrdplanError(f"git diff failed: {printable(done.stderr.decode(errors='replace'))}")
    parts = [os.fsdecode(p) for p in done.stdout.split(b"\0") if p]
    out: list[Changed] = []
    for status, name in zip(parts[::2], parts[1::2], strict=False):
        if status[:1] in _STATUS:
            out.append(Changed(top / name, _STATUS[status[:1]]))
    others = _git(top, "ls-files", "-z", "--others", "--exclude-standard", "--", *spec)
    out += [Changed(top / os.fsdecode(p), "added") for p in others.stdout.split(b"\0") if p]
    return sorted((c for c in out if c.path.suffix in (".yaml", ".yml")), key=lambda c: str(c.path))
