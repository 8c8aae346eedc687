"""Which strategy files a command works on: files and folders given, else the config's paths."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from hrdplan.io.errors import HrdplanError, display_path

if TYPE_CHECKING:
    from hrdplan.io.config import Found

STRATEGY_SUFFIXES = (".yaml", ".yml")


def roots(targets: list[str], found: Found) -> list[Path]:
    """Where to look: the targets, else the config's `paths`, else ./strategies."""
    return [Path(t) for t in targets] or found.paths() or [Path("strategies")]


def collect(targets: list[str], found: Found) -> list[tuple[Path, str]]:
    """(path, display name) of every strategy file under the targets (default: the config's
    `paths`, else ./strategies), each once; exit 2 on a missing one. Folders are searched for
    *.yaml and *.yml, skipping hidden folders."""
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
                and not any(part.startswith(".") for part in p.relative_to(root).parts)
            )
        else:
            candidates = [root]
        for path in candidates:
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                out.append((path, display_path(path)))
    return out
