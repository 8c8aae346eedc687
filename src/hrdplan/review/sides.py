"""The two sides of a comparison: a file on disk, or a file as it was at a Git revision,
loaded through the one loader. A side that does not load is one line, exit 2."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from hrdplan.catalogue.registry import Registry
from hrdplan.io.errors import InputError, Problem
from hrdplan.io.validate import problem
from hrdplan.io.yamlio import parse
from hrdplan.strategy.loader import Loaded, analyse

if TYPE_CHECKING:
    from hrdplan.review.diff import Comparison


def load_text(text: str, name: str, registry: Registry, path: Path | None = None) -> Loaded:
    """A strategy given as text, loaded; InputError with one line (the first problem) when it
    cannot be parsed, is a progress file, or does not fit the models."""
    try:
        doc = parse(text, name)
    except InputError as err:
        raise InputError(err.problems[0]) from None
    loaded = analyse(doc, registry, path)
    if loaded.kind == "progress":
        raise InputError(Problem(name, "a progress file, not a strategy"))
    if loaded.strategy is None:
        first = problem(doc, loaded.violations[0]) if loaded.violations else Problem(name, "?")
        more = len(loaded.violations) - 1
        message = first.message + (f" (and {more} more: hrdplan lint {name})" if more else "")
        raise InputError(Problem(first.file, message, first.line, first.column))
    return loaded


def load_file(path: Path, name: str, registry: Registry, max_bytes: int | None) -> Loaded:
    from hrdplan.io.files import read_text

    try:
        text = read_text(path, max_bytes=max_bytes)
    except InputError as err:
        raise InputError(err.problems[0]) from None
    return load_text(text, name, registry, path)


def is_strategy_text(text: str) -> bool:
    """Whether a YAML file found by `--base` is a strategy, cheaply: it says `hrdplan:` and
    `catalogue:` at the top level and is not a progress file (CI files, catalogues and
    progress files changed in the same pull request are left alone)."""
    import re

    return (
        re.search(r"(?m)^hrdplan\s*:", text) is not None
        and re.search(r"(?m)^catalogue\s*:", text) is not None
        and re.search(r"(?m)^kind\s*:\s*['\"]?progress", text) is None
    )


def compare_files(old: Path, new: Path, registry: Registry, max_bytes: int | None) -> Comparison:
    """Two strategy files compared (`hrdplan diff OLD NEW`, `render --compare-to FILE`)."""
    from hrdplan.io.errors import display_path
    from hrdplan.review.diff import compare

    old_name, new_name = display_path(old), display_path(new)
    before = load_file(old, old_name, registry, max_bytes)
    after = load_file(new, new_name, registry, max_bytes)
    return compare(before, after, registry, old_name=old_name, new_name=new_name)


def compare_at_revision(
    rev: str, path: Path, registry: Registry, max_bytes: int | None
) -> Comparison:
    """A strategy file compared with itself as it was at a Git revision (`diff --rev`,
    `render --compare-to REV`); one line, exit 2, when Git cannot answer or the file was not
    there."""
    from hrdplan.io.errors import HrdplanError, display_path
    from hrdplan.review import git
    from hrdplan.review.diff import compare

    name = display_path(path)
    after = load_file(path, name, registry, max_bytes)
    top = git.require_toplevel(path.absolute().parent)
    commit = git.check_revision(top, rev)
    old_name = f"{name}@{rev}"
    text = git.show(top, commit, path, old_name, max_bytes)
    if text is None:
        raise HrdplanError(f"{name}: not in revision {rev}")
    before = load_text(text, old_name, registry)
    return compare(before, after, registry, old_name=old_name, new_name=name)
