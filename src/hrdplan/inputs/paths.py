"""Which strategy files a command works on: files and folders given, else the config's paths
(the first step of a checked input), and the folders it may write into."""

from __future__ import annotations

import fnmatch
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from hrdplan.io.errors import HrdplanError, InputError, Problem, display_path

if TYPE_CHECKING:
    from collections.abc import Iterator

    from hrdplan.io.config import Found

STRATEGY_SUFFIXES = (".yaml", ".yml")
DEFAULT_FOLDER = Path("strategies")
# Searched too, when it is there: the progress files beside the strategies (progress/<stem>/).
PROGRESS_FOLDER = Path("progress")


def collect(
    targets: list[str], found: Found, *, force_exclude: bool = False
) -> list[tuple[Path, str]]:
    """(path, display name) of every strategy or progress file under the targets (default:
    the config's `paths`, else ./strategies and ./progress), each once; exit 2 on a missing
    one. Folders are searched for *.yaml and *.yml, skipping hidden folders and the config's
    `exclude`. A file named explicitly is taken as given, unless `force_exclude`: then only
    if the search without targets would have found it (as ruff's `--force-exclude`), so that
    a pre-commit hook handed every YAML file of a repository checks only the strategies and
    progress files.

    The search does not follow symbolic links to folders (as git and ruff do not), so a link
    loop cannot make it go round; everything else with a YAML name, a link to a file, a FIFO,
    a device, a dangling link or a loop, is handed on, to be read or refused by the reader
    like a file given by name. A target or folder that cannot be looked at (a loop, a name
    over 255 bytes, no permission) is one line naming it, exit 2."""
    searched = roots(targets, found)
    missing: list[Path] = []
    problems: list[Problem] = []
    kinds: list[bool] = []  # whether each root is a folder
    for root in searched:
        try:
            kinds.append(stat.S_ISDIR(root.stat().st_mode))
        except FileNotFoundError:
            missing.append(root)
        except OSError as exc:
            problems.append(Problem(display_path(root), exc.strerror or str(exc)))
    if missing:
        hint = "" if targets else " (give a PATH, or set `paths` in hrdplan.toml)"
        raise HrdplanError(
            *(f"{display_path(m)}: no such file or directory{hint}" for m in missing)
        )
    if problems:
        raise HrdplanError(*problems)
    seen: set[Path] = set()
    out: list[tuple[Path, str]] = []
    for root, is_folder in zip(searched, kinds, strict=True):
        if is_folder:
            candidates = sorted(_walk(root, found, problems))
        elif force_exclude and targets and not wanted(root, found):
            candidates = []
        else:
            candidates = [root]
        for path in candidates:
            key = _real(path)
            if key not in seen:
                seen.add(key)
                out.append((path, display_path(path)))
    if problems:
        raise HrdplanError(*problems)
    return out


def _walk(root: Path, found: Found, problems: list[Problem]) -> Iterator[Path]:
    """The strategy files under a folder, without following links to folders; a folder that
    cannot be listed adds a problem naming it."""
    folders = [root]
    while folders:  # a list, not recursion: a deep tree costs no Python stack
        folder = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            problems.append(Problem(display_path(folder), f"cannot read folder: {reason}"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            if _is_folder(entry):
                if not excluded(path, found):
                    folders.append(path)
            elif (
                path.suffix in STRATEGY_SUFFIXES
                and not _links_to_folder(entry)
                and not excluded(path, found)
            ):
                yield path


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _links_to_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink() and entry.is_dir()
    except OSError:  # a loop, a dangling link: not a folder; the reader says what it is
        return False


def _real(path: Path) -> Path:
    """The path with links resolved as far as they go: os.path.realpath, unlike Path.resolve
    before Python 3.13, does not raise on a link loop."""
    return Path(os.path.realpath(path))


def usable_folder(directory: Path) -> None:
    """Refuse, naming it, a folder to write into or read templates from that is a file or that
    the system will not look at (a link loop, a name over 255 bytes), before any work is done.
    One that does not exist is left to the caller (made when written to, or reported)."""
    try:
        info = directory.stat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise InputError(Problem(display_path(directory), exc.strerror or str(exc))) from None
    if not stat.S_ISDIR(info.st_mode):
        raise HrdplanError(f"{display_path(directory)}: not a folder")


def roots(targets: list[str], found: Found) -> list[Path]:
    """Where to look: the targets, else the config's `paths`, else ./strategies (and
    ./progress, when it is a folder)."""
    if targets:
        return [Path(t) for t in targets]
    configured = found.paths()
    if configured:
        return configured
    return [DEFAULT_FOLDER, *([PROGRESS_FOLDER] if PROGRESS_FOLDER.is_dir() else [])]


def wanted(path: Path, found: Found) -> bool:
    """Whether searching the default roots would find this file (which need not exist: it may
    be the name given to stdin): a YAML file under a root, outside hidden folders, not excluded."""
    if path.suffix not in STRATEGY_SUFFIXES or excluded(path, found):
        return False
    target = _real(path)
    for root in roots([], found):
        base = _real(root)
        if target == base:
            return True
        if target.is_relative_to(base) and not _hidden(target, base):
            return True
    return False


def excluded(path: Path, found: Found) -> bool:
    """Whether a pattern of the config's `exclude` matches the path relative to the config's
    folder, one of its folders (`strategies/archive`), or, for a pattern without a slash, any
    one name in it (`drafts`, `*.ci.yml`)."""
    patterns = found.config.exclude
    if not patterns:
        return False
    target = _real(path)
    base = _real(found.root)
    if not target.is_relative_to(base):
        return False
    parts = target.relative_to(base).parts
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for pattern in patterns:
        pattern = pattern.removeprefix("./").strip("/")
        names = prefixes if "/" in pattern else parts
        if any(fnmatch.fnmatchcase(name, pattern) for name in names):
            return True
    return False


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)
