"""The two sides of a comparison: a file on disk, or a file as it was at a Git revision, each
a checked input (`hrdplan.inputs`); a side that is not sound is refused as every command refuses
it, exit 2."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from hrdplan.io.errors import HrdplanError, display_path

if TYPE_CHECKING:
    from hrdplan.review.diff import Comparison
    from hrdplan.settings import Settings
    from hrdplan.strategy.loader import Loaded


def is_strategy_text(text: str) -> bool:
    """Whether a YAML file found by `--base` is a strategy, cheaply: it says `hrdplan:` and
    `catalogue:` at the top level and is not a progress file (CI files, catalogues and
    progress files changed in the same pull request are left alone)."""
    return (
        re.search(r"(?m)^hrdplan\s*:", text) is not None
        and re.search(r"(?m)^catalogue\s*:", text) is not None
        and re.search(r"(?m)^kind\s*:\s*['\"]?progress", text) is None
    )


def _side(path: Path, name: str, settings: Settings) -> Loaded:
    from hrdplan import inputs

    return inputs.strategy(path, name, settings, history=False).loaded


def _side_text(text: str, name: str, settings: Settings) -> Loaded:
    from hrdplan import inputs

    return inputs.strategy_text(text, name, settings).loaded


def compare_files(old: Path, new: Path, settings: Settings) -> Comparison:
    """Two strategy files compared (`hrdplan diff OLD NEW`, `render --compare-to FILE`)."""
    from hrdplan.review.diff import compare

    old_name, new_name = display_path(old), display_path(new)
    before = _side(old, old_name, settings)
    after = _side(new, new_name, settings)
    return compare(before, after, settings.registry, old_name=old_name, new_name=new_name)


def compare_at_revision(rev: str, path: Path, settings: Settings) -> Comparison:
    """A strategy file compared with itself as it was at a Git revision (`diff --rev`,
    `render --compare-to REV`); one line, exit 2, when Git cannot answer or the file was not
    there."""
    from hrdplan.review import git
    from hrdplan.review.diff import compare

    name = display_path(path)
    after = _side(path, name, settings)
    top = git.require_toplevel(path.absolute().parent)
    commit = git.check_revision(top, rev)
    old_name = f"{name}@{rev}"
    text = git.show(top, commit, path, old_name, settings.max_bytes)
    if text is None:
        raise HrdplanError(f"{name}: not in revision {rev}")
    before = _side_text(text, old_name, settings)
    return compare(before, after, settings.registry, old_name=old_name, new_name=name)


def compare_since(rev: str, targets: list[Path], settings: Settings) -> list[Comparison]:
    """Every strategy under targets (default: the whole repository) changed since a Git
    revision, compared with itself there (`diff --base`): what a pull request holds."""
    from hrdplan.io.files import read_text
    from hrdplan.review import git
    from hrdplan.review.diff import compare

    for target in targets:
        if not target.exists():
            raise HrdplanError(f"{display_path(target)}: no such file or directory")
    top = git.require_toplevel(Path.cwd())
    commit = git.check_revision(top, rev)
    out: list[Comparison] = []
    for found in git.changed(top, commit, targets):
        name = display_path(found.path)
        old_name = f"{name}@{rev}"
        before_text = git.show(top, commit, found.path, old_name, settings.max_bytes)
        after_text = None
        if found.path.is_file():
            after_text = read_text(found.path, max_bytes=settings.max_bytes)
        if not any(is_strategy_text(t) for t in (before_text, after_text) if t is not None):
            continue  # a CI file, a catalogue, a progress file: not for this command
        before = _side_text(before_text, old_name, settings) if before_text is not None else None
        after = _side(found.path, name, settings) if after_text is not None else None
        out.append(compare(before, after, settings.registry, old_name=old_name, new_name=name))
    return out
