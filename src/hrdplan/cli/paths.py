"""Which strategy files a command works on: files and folders given, else the config's paths."""

from __future__ import annotations

import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING

from hrdplan.io.errors import HrdplanError, display_path

if TYPE_CHECKING:
    from hrdplan.io.config import Found

STRATEGY_SUFFIXES = (".yaml", ".yml")
DEFAULT_FOLDER = Path("strategies")


def collect(
    targets: list[str], found: Found, *, force_exclude: bool = False
) -> list[tuple[Path, str]]:
    """(path, display name) of every strategy file under the targets (default: the config's
    `paths`, else ./strategies), each once; exit 2 on a missing one. Folders are searched for
    *.yaml and *.yml, skipping hidden folders and the config's `exclude`. A file named
    explicitly is taken as given, unless `force_exclude`: then only if the search without
    targets would have found it (as ruff's `--force-exclude`), so that a pre-commit hook
    handed every YAML file of a repository checks only the strategies."""
    searched = roots(targets, found)
    missing = [r for r in searched if not r.exists()]
    if missing:
        hint = "" if targets else " (give a PATH, or set `paths` in hrdplan.toml)"
        raise HrdplanError(
            *(f"{display_path(m)}: no such file or directory{hint}" for m in missing)
        )
    seen: set[Path] = set()
    out: list[tuple[Path, str]] = []
    for root in searched:
        if root.is_dir():
            candidates = sorted(
                p
                for p in root.rglob("*")
                if p.suffix in STRATEGY_SUFFIXES
                and p.is_file()
                and not _hidden(p, root)
                and not excluded(p, found)
            )
        elif force_exclude and targets and not wanted(root, found):
            candidates = []
        else:
            candidates = [root]
        for path in candidates:
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                out.append((path, display_path(path)))
    return out


def roots(targets: list[str], found: Found) -> list[Path]:
    """Where to look: the targets, else the config's `paths`, else ./strategies."""
    return [Path(t) for t in targets] or found.paths() or [DEFAULT_FOLDER]


def wanted(path: Path, found: Found) -> bool:
    """Whether searching the default roots would find this file (which need not exist: it may
    be the name given to stdin): a YAML file under a root, outside hidden folders, not excluded."""
    if path.suffix not in STRATEGY_SUFFIXES or excluded(path, found):
        return False
    target = path.resolve()
    for root in roots([], found):
        base = root.resolve()
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
    target = path.resolve()
    base = found.root.resolve()
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
