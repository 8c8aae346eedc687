"""Reading user files within limits, and writing files atomically without losing anything."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from hrdplan.errors import InputError, Problem, display_path

# A strategy is a few tens of KB; a catalogue a few hundred. Anything far larger is a mistake
# or an attack, and reading it would only delay the error.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


def read_text(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The file's text (UTF-8, an optional BOM dropped), or an InputError that says why not."""
    name = display_path(path)
    try:
        # Look before opening: opening a FIFO would block until a writer comes.
        info = path.stat()
    except FileNotFoundError:
        raise InputError(Problem(name, "no such file")) from None
    except OSError as exc:
        raise InputError(Problem(name, f"cannot read: {exc.strerror or exc}")) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(Problem(name, "is a directory, not a file"))
    if not stat.S_ISREG(info.st_mode):
        raise InputError(Problem(name, "is not a regular file"))
    if info.st_size > max_bytes:
        raise InputError(
            Problem(name, f"file is {info.st_size:,} bytes, over the limit of {max_bytes:,}")
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(Problem(name, f"cannot read: {exc.strerror or exc}")) from None
    if len(data) > max_bytes:
        raise InputError(Problem(name, f"file is over the limit of {max_bytes:,} bytes"))
    return decode(data, name)


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM); name the line and column of the first bad byte."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(Problem(name, "file is UTF-16; save it as UTF-8", 1, 1))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise InputError(
            Problem(name, f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", line, column)
        ) from None
    if "\x00" in text:
        prefix = text[: text.index("\x00")]
        line = prefix.count("\n") + 1
        column = len(prefix) - (prefix.rfind("\n") + 1) + 1
        raise InputError(Problem(name, "contains a NUL byte: not a text file", line, column))
    return text


def atomic_write(path: Path, text: str, *, overwrite: bool = False) -> None:
    """Write text to path through a temporary file and a rename, so that a reader or a crash
    never sees a half-written file. Without overwrite, an existing file is left untouched."""
    name = display_path(path)
    if not overwrite and path.exists():
        raise InputError(Problem(name, "already exists; use --force to overwrite it"))
    parent = path.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise InputError(Problem(name, f"cannot write: {exc.strerror or exc}")) from None
    try:
        # mkstemp makes the file private (0600); give it the mode the file has, or would get.
        Path(tmp).chmod(_mode_for(path))
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            Path(tmp).replace(path)
        else:
            # link() fails if the name appeared meanwhile: no race can make us clobber a file.
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise InputError(
                    Problem(name, "already exists; use --force to overwrite it")
                ) from None
    except OSError as exc:
        raise InputError(Problem(name, f"cannot write: {exc.strerror or exc}")) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            Path(tmp).unlink()


def _mode_for(path: Path) -> int:
    """The permission bits of path if it exists, else those a new file gets (0666 - umask)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
