"""Reading templates: from inside their folders only, as regular files of bounded size.

A template folder given with --template-dir may come from someone else (a pull request, in CI).
A name like `../secret`, `/etc/passwd`, or a symbolic link or FIFO inside the folder would
otherwise put another file into the document, or hang the reader. Each name is resolved one
component at a time, never following a symbolic link, and only a regular file is read.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import BaseLoader, TemplateError, TemplateNotFound

from hrdplan.io.errors import InputError, display_path, quoted
from hrdplan.io.files import read_stream, size_limit, too_large

if TYPE_CHECKING:
    from jinja2 import Environment

# Where the platform can open one component relative to a folder without following a link
# (every POSIX system): the check and the open are the same step, so nothing can be swapped in
# between. Elsewhere each component is checked with lstat before the file is opened.
_AT = os.open in os.supports_dir_fd and hasattr(os, "O_NOFOLLOW")
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # opening a FIFO must not wait for a writer
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


class TemplateRefused(TemplateError):
    """A template name or file that is not read: the message says why."""

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self.reason = reason
        self.path: str | None = None  # the file, as shown to users, once known
        super().__init__(f"template {quoted(name)} {reason}")


class FolderLoader(BaseLoader):
    """Templates from the first of `folders` that has the name; shipped folders come last."""

    def __init__(self, folders: list[Path]) -> None:
        self.folders = [f.resolve() for f in folders]

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        parts = _parts(template)
        for folder in self.folders:
            try:
                found = _read(folder, parts, template)
            except TemplateRefused as exc:
                # The folder as shown, then the name: resolving the file would follow the link.
                exc.path = "/".join([display_path(folder), *parts])
                raise
            if found is not None:
                return found, str(folder.joinpath(*parts)), _always
        raise TemplateNotFound(template)

    def list_templates(self) -> list[str]:
        return sorted(
            {p.name for f in self.folders if f.is_dir() for p in f.iterdir() if p.is_file()}
        )


def _always() -> bool:
    return True  # templates are read once per command (auto_reload is off)


def _parts(name: str) -> list[str]:
    """The folder components of a template name, or TemplateRefused: a name is relative,
    separated by `/`, and never leaves its folder."""
    if "\x00" in name:
        raise TemplateRefused(name, "has a NUL character in its name")
    if name.startswith("/") or "\\" in name or (len(name) > 1 and name[1] == ":"):
        raise TemplateRefused(name, "is an absolute path; name a template inside the folder")
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if ".." in parts:
        raise TemplateRefused(name, "leaves the template folder (..)")
    if not parts:
        raise TemplateNotFound(name)
    return parts


def _read(folder: Path, parts: list[str], name: str) -> str | None:
    """The text of folder/parts, None when it is not there, TemplateRefused when it is there
    but is not a regular file inside the folder."""
    try:
        fd = _open_at(folder, parts, name) if _AT else _open_checked(folder, parts, name)
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise TemplateRefused(
                name,
                "is a symbolic link; templates are read only as "
                "regular files inside the template folder",
            ) from None
        raise TemplateRefused(name, f"cannot be read: {exc.strerror or exc}") from None
    if fd is None:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if stat.S_ISDIR(info.st_mode):
            return None  # a folder of that name: not a template here
        if not stat.S_ISREG(info.st_mode):
            raise TemplateRefused(name, "is not a regular file")
        limit = size_limit()
        if info.st_size > limit:
            raise TemplateRefused(name, too_large(name, info.st_size, limit).message)
        try:
            return read_stream(handle, name, max_bytes=limit)
        except InputError as err:
            raise TemplateRefused(name, err.problems[0].message) from None


def _open_at(folder: Path, parts: list[str], name: str) -> int | None:
    """Open each component relative to the previous one, refusing links (ELOOP)."""
    fd = os.open(folder, os.O_RDONLY | _DIRECTORY)
    try:
        for part in parts[:-1]:
            try:
                next_fd = os.open(part, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=fd)
            except OSError as exc:
                # A link to a folder fails with ENOTDIR under O_NOFOLLOW|O_DIRECTORY on Linux:
                # tell a link from a missing folder.
                if _is_link(part, fd):
                    raise OSError(errno.ELOOP, "symbolic link") from None
                raise exc
            os.close(fd)
            fd = next_fd
        return os.open(parts[-1], os.O_RDONLY | _NOFOLLOW | _NONBLOCK, dir_fd=fd)
    finally:
        os.close(fd)


def _is_link(part: str, dir_fd: int) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(part, dir_fd=dir_fd).st_mode)
    except OSError:
        return False


def _open_checked(folder: Path, parts: list[str], name: str) -> int | None:
    """Where components cannot be opened relative to a folder: lstat each one first."""
    path = folder
    for part in parts:
        path = path / part
        if stat.S_ISLNK(os.lstat(path).st_mode):
            raise OSError(errno.ELOOP, "symbolic link")
    return os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | getattr(os, "O_BINARY", 0))
