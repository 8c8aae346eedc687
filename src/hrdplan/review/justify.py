"""An adopted strategy against its version at a Git revision: whether its changed commitments
have a `changes:` entry (lint's HRD601). Git runs only for an adopted strategy on disk inside a
repository; each folder's repository and each revision are asked once per process."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from hrdplan.io.errors import HrdplanError

if TYPE_CHECKING:
    from hrdplan.catalogue.registry import Registry
    from hrdplan.review.diff import Change
    from hrdplan.strategy.loader import Loaded


@functools.cache
def _toplevel(folder: Path) -> Path | None:
    from hrdplan.review import git

    return git.toplevel(folder)


@functools.cache
def _commit(top: Path, rev: str) -> str | None:
    from hrdplan.review import git

    try:
        return git.check_revision(top, rev)
    except HrdplanError:
        return None


class UnknownBase(Exception):
    """The configured base is no revision of the repository."""


class GitRefused(Exception):
    """Git refuses the repository holding the file (one owned by another user, say): its
    words, as the message."""


def unjustified(loaded: Loaded, registry: Registry, base: str) -> tuple[Change, str] | None:
    """The change that needs a `changes:` entry and the message saying so, or None: nothing to
    justify, not in a repository, the file new since `base`, or its version there unreadable.
    UnknownBase when `base` is not a revision (but HEAD in a repository without a commit yet is
    simply nothing to compare with), GitRefused when git refuses the repository."""
    from hrdplan.review import git

    if loaded.path is None or loaded.strategy is None:
        return None
    path = loaded.path.absolute()
    try:
        top = _toplevel(path.parent)
    except HrdplanError as err:
        raise GitRefused(err.problems[0]) from None
    if top is None:
        return None
    commit = _commit(top, base)
    if commit is None:
        if base == "HEAD":
            return None
        raise UnknownBase(base)
    name = f"{loaded.doc.file}@{base}"
    try:
        text = git.show(top, commit, path, name)
        if text is None or text == loaded.doc.text:  # new since the base, or unchanged
            return None
        from hrdplan.io.yamlio import parse
        from hrdplan.strategy.loader import analyse

        # Loaded only, not linted: this runs inside lint, and a version there that is not a
        # strategy is simply nothing to compare with.
        before = analyse(parse(text, name), registry)
    except HrdplanError:
        return None
    if before.strategy is None:
        return None
    # The comparison's modules only once there is something to compare (a pre-commit hook
    # lints many unchanged adopted strategies).
    from hrdplan.review.diff import compare, justification_message

    comparison = compare(before, loaded, registry, old_name=name, new_name=loaded.doc.file)
    if comparison.unjustified is None:
        return None
    return comparison.unjustified, justification_message(comparison, base)


__all__ = ["GitRefused", "UnknownBase", "unjustified"]
