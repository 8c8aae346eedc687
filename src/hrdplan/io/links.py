"""Files reached through a symbolic link that leaves their folder, and what messages about them
may show.

CI runs hrdplan on other people's pull requests and prints to public logs. A strategy, progress,
catalogue or configuration file there may be a link to the runner's credentials or to
/etc/passwd: quoting what such a file holds in a message would publish it. While one is read
(`hiding`), `errors.quoted` shows no value, only that it is not shown; catalogue and template
files are not read through such a link at all.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

NOT_SHOWN = "content not shown: reached through a link out of its folder"

_HIDING: ContextVar[bool] = ContextVar("hrdplan_hiding", default=False)


def leaves_folder(path: Path, folder: Path | None = None) -> bool:
    """Whether path, its links followed, ends outside folder (by default the folder it is
    named in): its real place is not where it was reached. A link to a file beside it, or
    below it, stays in its folder; a folder that is itself a link is where it leads."""
    base = path.parent if folder is None else folder
    try:
        real = Path(os.path.realpath(path))
        return not real.is_relative_to(os.path.realpath(base))
    except (OSError, ValueError):  # a name the system refuses: nothing of it is trusted
        return True


def hidden() -> bool:
    """Whether the file being read was reached through a link out of its folder."""
    return _HIDING.get()


@contextmanager
def hiding(hide: bool = True) -> Iterator[None]:
    """Within the block, messages quote no value read (`errors.quoted`) when hide is true."""
    token = _HIDING.set(hide or _HIDING.get())
    try:
        yield
    finally:
        _HIDING.reset(token)
